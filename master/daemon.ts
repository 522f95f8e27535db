// The master daemon: owns the key store and the broker's authorization, runs the
// embedded broker unless nats_url points elsewhere, and serves publish requests, the
// file server and each minion's pillar.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { fromSeed } from '@nats-io/nkeys';
import type { MasterConfig } from '../shared/config/load.js';
import type { Logger } from '../shared/log.js';
import { masterBrokerUrl } from '../shared/broker-url.js';
import { JidGenerator } from '../shared/jid.js';
import { REGISTRATION_SEED } from '../shared/protocol/permissions.js';
import { ensureMasterCredentials } from './credentials.js';
import { KeyStore } from './keys/store.js';
import { serveKeySync } from './keys/serve-sync.js';
import { keyEvents } from './keys/key-events.js';
import { BrokerSupervisor } from './broker/supervisor.js';
import { renderAuthorization } from './broker/auth-config.js';
import { eventFirer } from './events/fire.js';
import { ensureEventStream } from './events/stream.js';
import { serveMinionEvents } from './events/minion-events.js';
import { GrainsCache } from './grains-cache.js';
import { serveRegistration } from './registration.js';
import { servePublish } from './jobs/publish.js';
import { serveReturns } from './jobs/returns.js';
import { ReturnTracker } from './jobs/tracker.js';
import { serveMinionNotices } from './minion-notices.js';
import { JobCache } from './jobs/cache.js';
import { serveExtend } from './jobs/extend.js';
import { serveFiles } from './fileserver/serve.js';
import { PillarCache } from './pillar/cache.js';
import { MasterPillarCompiler } from './pillar/compiler.js';
import { MinionPillars } from './pillar/minion-pillars.js';
import { servePillar } from './pillar/serve.js';
import { describeError } from '../shared/errors.js';
import { startReactor } from './reactor/reactor.js';
import { reactorBindings } from './reactor/config.js';
import { startMasterSchedule } from './schedule/master-schedule.js';

export interface RunningMaster {
  stop(): Promise<void>;
}

export async function startMaster(config: MasterConfig, log: Logger): Promise<RunningMaster> {
  const started = new Date();
  const reactorConfig = reactorBindings(config.reactor, config.config_file, config.config_dir); // a bad entry stops the start here, before the broker runs
  mkdirSync(config.pki_dir, { recursive: true, mode: 0o700 });
  mkdirSync(config.cachedir, { recursive: true });
  const creds = ensureMasterCredentials(config.pki_dir);
  const keys = new KeyStore(config.pki_dir);
  const registrationKey = fromSeed(new TextEncoder().encode(REGISTRATION_SEED)).getPublicKey();

  let accepted = keys.accepted();
  const authorization = () =>
    renderAuthorization({ masterKey: creds.master.getPublicKey(), cliKey: creds.cli.getPublicKey(), registrationKey, minions: accepted });

  const broker = config.nats_url
    ? null
    : new BrokerSupervisor({ host: config.interface, port: config.nats_port, dir: join(config.cachedir, 'broker') }, config.nats_server_bin, log);
  if (broker) await broker.start(authorization());
  else writeExternalAuthorization(config, authorization(), log);

  let keyLists = keys.list();
  /** Re-reads the accepted keys and hands them to the broker; resolves to how many there are. */
  const applyKeys = async (): Promise<number> => {
    accepted = keys.accepted();
    const now = keys.list();
    for (const event of keyEvents(keyLists, now)) fire('salt/key', { ...event });
    keyLists = now;
    if (broker) await broker.reload(authorization());
    else writeExternalAuthorization(config, authorization(), log);
    log.info(`broker authorization updated: ${accepted.size} accepted minion(s)`);
    return accepted.size;
  };

  const url = masterBrokerUrl(config);
  const nc = await connectMaster(url, creds.master.getSeed());
  log.info(`master connected to ${url}`);
  await ensureEventStream(nc, config.keep_events).catch((err) =>
    log.error(`the event bus keeps no history (JetStream stream not available): ${describeError(err)}`));
  const fire = eventFirer(nc);
  const grains = new GrainsCache(join(config.cachedir, 'minions'));
  const pillarCompiler = new MasterPillarCompiler(config);
  const pillars = new MinionPillars(pillarCompiler, new PillarCache(join(config.cachedir, 'minions')), grains, log);
  const tracker = new ReturnTracker(nc);
  const cache = new JobCache(config.cachedir, (err) => log.error(`job cache write failed: ${describeError(err)}`));
  const pruneJobs = () => {
    const removed = cache.prune(config.keep_jobs);
    if (removed) log.info(`job cache: removed ${removed} job(s) older than keep_jobs (${config.keep_jobs} h)`);
  };
  pruneJobs();
  const pruner = setInterval(pruneJobs, 3_600_000);
  pruner.unref();

  serveRegistration(nc, { keys, autoAccept: () => config.auto_accept, accepted: () => accepted, onAccepted: applyKeys, fire, log });
  serveKeySync(nc, applyKeys, log);
  serveMinionNotices(nc, grains, fire, log, (id) => pillars.refresh(id));
  serveMinionEvents(nc, fire, log);
  serveReturns(nc, tracker, cache, fire, log);
  serveExtend(nc, tracker, log);
  serveFiles(nc, { fileRoots: config.file_roots, hashType: config.hash_type, accepted: () => accepted, log });
  servePillar(nc, { pillars, accepted: () => accepted, log });
  servePublish(nc, { accepted: () => accepted, grains, pillar: pillars.cache, nodegroups: config.nodegroups, jids: new JidGenerator(), tracker, cache, fire, log });
  const reactor = await startReactor({ nc, config, bindings: reactorConfig, wheel: { keys, applyKeys }, fire, log, started });
  const schedule = startMasterSchedule({ config, nc, log });
  await nc.flush();
  fire('salt/master/online', { interface: config.interface, port: config.nats_port });

  return {
    async stop() {
      clearInterval(pruner);
      schedule.stop();
      await reactor.stop();
      await nc.drain().catch(() => undefined);
      await pillarCompiler.close();
      await broker?.stop();
    },
  };
}

async function connectMaster(url: string, seed: Uint8Array): Promise<NatsConnection> {
  return connect({
    servers: url,
    name: 'salt-ts-master',
    authenticator: nkeyAuthenticator(seed),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    reconnectJitter: 250,
    waitOnFirstConnect: true,
  });
}

/** With an operator's own NATS cluster, the master cannot reload it: it writes the
 * authorization block for the operator's server config to include. */
function writeExternalAuthorization(config: MasterConfig, text: string, log: Logger): void {
  const path = join(config.cachedir, 'nats-authorization.conf');
  writeFileSync(path, text, { mode: 0o600 });
  log.info(`authorization for the external NATS cluster written to ${path}; include it in the server config and reload`);
}
