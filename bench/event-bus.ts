// Events a minion sends, through the master onto the bus and into the SALT_EVENTS stream:
// N events published with the minion's own credential on its event subject, timed until a
// watcher on salt.event.> has seen them all (the master checks each, stamps the true id and
// fires it; the stream keeps it). Baseline in the same run and on the same broker: N plain
// NATS messages from one client to another, with no master in between.
// Usage: node dist/bench/event-bus.js [events=20000] [runs=5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { LocalCluster } from '../scripts/local-cluster.js';
import { ensureMasterCredentials } from '../master/credentials.js';
import { EVENT_STREAM } from '../master/events/stream.js';
import { encodeJson } from '../shared/json-codec.js';
import { loadOrCreateKeyPair } from '../shared/nkey-file.js';
import { Subjects } from '../shared/protocol/subjects.js';
import { medianTime } from './median.js';

const count = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 5);

const median = (fn: () => Promise<unknown>) => medianTime(runs, fn);

/** Publishes `count` messages with `send` and resolves once `watcher` has received `count` on `subject`. */
async function deliver(watcher: NatsConnection, subject: string, send: (i: number) => void): Promise<void> {
  let seen = 0;
  let done = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const sub = watcher.subscribe(subject, {
    callback: () => {
      if (++seen === count) done();
    },
  });
  await watcher.flush();
  for (let i = 0; i < count; i++) send(i);
  await all;
  sub.unsubscribe();
}

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-bench-events-'));
const cluster = await LocalCluster.create(dir, { auto_accept: true, log_level: 'warning' });
try {
  await cluster.startMaster();
  cluster.writeMinion({ id: 'bench1', options: { log_level: 'warning' } });
  cluster.startMinion('bench1');
  await cluster.waitForMinions(['bench1']);
  const servers = `127.0.0.1:${cluster.port}`;
  const connectWith = (seed: Uint8Array) => connect({ servers, authenticator: nkeyAuthenticator(seed) });
  const masterSeed = ensureMasterCredentials(join(cluster.masterDir, 'pki')).master.getSeed();
  const master = await connectWith(masterSeed);
  const other = await connectWith(masterSeed);
  const minion = await connectWith(loadOrCreateKeyPair(join(cluster.minionDir('bench1'), 'pki', 'minion.nkey')).getSeed());
  try {
    const body = (i: number) => encodeJson({ tag: 'bench/build/done', data: { n: i, rev: 'f5d9859' } });
    const plain = await median(() => deliver(master, 'bench.plain', (i) => other.publish('bench.plain', body(i))));
    const stream = await (await jetstreamManager(master)).streams.get(EVENT_STREAM);
    const before = (await stream.info()).state.messages;
    const events = await median(() => deliver(master, Subjects.event('bench/build/done'), (i) => minion.publish(Subjects.minionEvent('bench1'), body(i))));
    const kept = (await stream.info()).state.messages - before;
    const rate = (ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en-US').padStart(9)} msg/s`;
    process.stdout.write([
      `${count} messages per run, median of ${runs} runs; ratio against plain NATS measured in this run`,
      `  plain NATS, client to client (baseline)        ${plain.toFixed(0).padStart(6)} ms  ${rate(plain)}`,
      `  minion event -> master -> bus (and stream)     ${events.toFixed(0).padStart(6)} ms  ${rate(events)}  x${(events / plain).toFixed(2)} of plain`,
      `  events the SALT_EVENTS stream kept: ${kept} of ${count * runs} sent`,
      '',
    ].join('\n'));
  } finally {
    await Promise.all([master.close(), minion.close(), other.close()]);
  }
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
