// The minion daemon: gathers grains, holds its key, stays connected, keeps the pillar
// the master compiled for it, and runs the jobs it receives in worker threads.
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
import { pillarSourceFor } from './pillar/create.js';
import { masterEventSender } from './events/fire-master.js';
import { beaconSystem } from './beacons/system.js';
import { describeError } from '../shared/errors.js';
import { JidGenerator } from '../shared/jid.js';
import { Scheduler } from '../shared/schedule/scheduler.js';
import { scheduledJobRunner } from './schedule/run-job.js';

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

  const pillar = pillarSourceFor(config, id, () => grains.current, async () => connection.connection);
  /** Jobs keep the last pillar that arrived when the master cannot send one now. */
  const refreshPillar = () => pillar.refresh().catch((err) => log.error(`minion ${id} kept its previous pillar: ${describeError(err)}`));

  const fireMaster = masterEventSender(id, () => connection.connection);
  const beacons = beaconSystem({
    id, config, log, grains: () => grains.current, pillar: () => pillar.current,
    daemon: (request) => onDaemonRequest(request), running: () => pool.running(), fire: fireMaster,
  });
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
    pillar,
    fireMaster,
    beacons: (request) => beacons.book.handle(request),
    schedule: (request) => scheduler.handle(request),
  });
  const pool = new WorkerPool(config, onDaemonRequest);
  const receiverDeps = { id, grains: () => grains.current, pillar: () => pillar.current, pool, connection, log };
  const receive = jobReceiver(receiverDeps);
  const scheduler = new Scheduler({
    configured: config.schedule,
    pillarSchedule: () => pillar.current.schedule,
    run: scheduledJobRunner({ ...receiverDeps, jids: new JidGenerator() }),
    log,
  });

  const onConnected = async (nc: NatsConnection) => {
    // Jobs that arrive before the pillar wait for it, so none runs (or matches a pillar
    // target) without it; the subscriptions come first so that none is lost either.
    let pillarArrived = () => {};
    const pillarReady = new Promise<void>((resolve) => (pillarArrived = resolve));
    const held: typeof receive = (err, msg) => void pillarReady.then(() => receive(err, msg));
    for (const subject of [Subjects.jobsAll, Subjects.jobsFor(id)]) nc.subscribe(subject, { callback: held });
    // The master compiles the pillar with the grains this announces.
    announce(nc, 'start');
    await refreshPillar();
    pillarArrived();
    // From the first connection on, as Salt: the pillar's jobs are known and returns reach the master.
    scheduler.start();
    await nc.flush();
  };
  log.info(`minion ${id} starting (key ${key.getPublicKey()})`);
  const loop = connection.run(onConnected);
  beacons.start();
  return {
    async stop() {
      beacons.stop();
      scheduler.stop();
      await connection.stop();
      await loop;
      await pool.close();
    },
  };
}
