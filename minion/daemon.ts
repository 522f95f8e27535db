// The minion daemon: gathers grains, holds its key, stays connected, and runs
// the jobs it receives in worker threads.
import type { NatsConnection } from '@nats-io/transport-node';
import type { MinionConfig } from '../shared/config/load.js';
import type { Logger } from '../shared/log.js';
import { encodeJson } from '../shared/json-codec.js';
import { Subjects } from '../shared/protocol/subjects.js';
import type { MinionStart } from '../shared/protocol/messages.js';
import { GrainsSource } from './grains/source.js';
import { minionKeyPair } from './identity.js';
import { MinionConnection } from './connection.js';
import { WorkerPool } from './jobs/pool.js';
import { jobReceiver } from './jobs/receive.js';
import { daemonHandler } from './jobs/daemon-requests.js';
import { fileClientFor } from './fileclient/create.js';

export async function startMinion(config: MinionConfig, log: Logger): Promise<{ stop(): Promise<void> }> {
  const grains = new GrainsSource(config);
  await grains.refresh();
  const id = grains.minionId;
  const key = minionKeyPair(config);
  const connection = new MinionConnection(config, id, key, log);

  /** Tells the master our grains: `start` when (re)connecting, `grains` after a refresh. */
  const announce = (nc: NatsConnection, notice: 'start' | 'grains') => {
    const body: MinionStart = { grains: grains.current };
    nc.publish(Subjects.minionNotice(id, notice), encodeJson(body));
  };

  const onDaemonRequest = daemonHandler({
    running: () => pool.running(),
    find: (jid) => pool.find(jid),
    kill: (jid) => pool.kill(jid),
    refreshGrains: async () => {
      await grains.refresh();
      const nc = connection.connection;
      if (nc) announce(nc, 'grains');
    },
    files: fileClientFor(config, id, async () => connection.connection),
  });
  const pool = new WorkerPool(config, onDaemonRequest);
  const receive = jobReceiver({ id, grains: () => grains.current, pool, connection, log });

  const onConnected = async (nc: NatsConnection) => {
    for (const subject of [Subjects.jobsAll, Subjects.jobsFor(id)]) nc.subscribe(subject, { callback: receive });
    announce(nc, 'start');
    await nc.flush();
  };
  log.info(`minion ${id} starting (key ${key.getPublicKey()})`);
  const loop = connection.run(onConnected);
  return {
    async stop() {
      await connection.stop();
      await loop;
      await pool.close();
    },
  };
}
