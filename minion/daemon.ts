// The minion daemon: gathers grains, holds its key, stays connected, and runs
// the jobs it receives in worker threads.
import type { NatsConnection } from '@nats-io/transport-node';
import type { MinionConfig } from '../shared/config/load.js';
import type { Logger } from '../shared/log.js';
import { encodeJson } from '../shared/json-codec.js';
import { Subjects } from '../shared/protocol/subjects.js';
import type { MinionStart } from '../shared/protocol/messages.js';
import { VERSION } from '../shared/version.js';
import { gatherCoreGrains, type Grains } from './grains/core.js';
import { mergeGrains } from './grains/merge.js';
import { minionKeyPair, resolveMinionId } from './identity.js';
import { MinionConnection } from './connection.js';
import { WorkerPool } from './jobs/pool.js';
import { jobReceiver } from './jobs/receive.js';

export async function startMinion(config: MinionConfig, log: Logger): Promise<{ stop(): Promise<void> }> {
  const core = await gatherCoreGrains(VERSION);
  const id = resolveMinionId(config, String(core.fqdn));
  const grains: Grains = mergeGrains({ ...core, id }, config.grains);
  const key = minionKeyPair(config);
  const pool = new WorkerPool();
  const connection = new MinionConnection(config, id, key, log);
  const receive = jobReceiver({ id, grains: () => grains, pool, connection, log });

  const onConnected = async (nc: NatsConnection) => {
    for (const subject of [Subjects.jobsAll, Subjects.jobsFor(id)]) nc.subscribe(subject, { callback: receive });
    const start: MinionStart = { grains };
    nc.publish(Subjects.minionNotice(id, 'start'), encodeJson(start));
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
