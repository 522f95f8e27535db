// End to end: the reactor catches up on events fired while the master was down. The fleet
// runs on an operator's own nats-server (nats_url), so the event stream outlives the master;
// each event's reaction appends a line on a minion, and every line appears exactly once,
// even when the broker delivers already-handled events again (the consumer rewound, as after
// a master killed between reacting and acknowledging).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AckPolicy, DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import { freePort, LocalCluster } from '../scripts/local-cluster.js';
import { EVENT_STREAM } from '../master/events/stream.js';
import { REACTOR_DURABLE } from '../master/reactor/consumer.js';
import { Subjects } from '../shared/protocol/subjects.js';
import { connectAsMaster, joinEventBus, type EventBus } from './support/event-bus.js';
import { ExternalNats } from './support/external-nats.js';

describe('reactor across a master restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-reactor-restart-'));
  const lines = join(dir, 'lines');
  let cluster: LocalCluster;
  let nats: ExternalNats | undefined;
  let bus: EventBus | undefined;
  let url = '';

  before(async () => {
    const port = await freePort();
    url = `nats://127.0.0.1:${port}`;
    writeFileSync(join(dir, 'append.sls'), `
append-line:
  local.cmd.run:
    - tgt: m1
    - args:
      - cmd: echo {{ data['n'] }} >> ${lines}
`);
    cluster = await LocalCluster.create(dir, { auto_accept: true, nats_url: url, reactor: [{ 'test/restart/*': [join(dir, 'append.sls')] }] });
    // The master writes the authorization file the operator's server includes, then waits for that server.
    await Promise.all([
      cluster.startMaster(),
      ExternalNats.start(join(cluster.masterDir, 'cache', 'nats-authorization.conf'), port, join(dir, 'nats-store')).then((n) => (nats = n)),
    ]);
    cluster.writeMinion({ id: 'm1', options: { nats_url: url } });
    cluster.startMinion('m1');
    await cluster.waitForMinions(['m1']);
    bus = await joinEventBus(url, cluster.masterDir);
  });

  after(async () => {
    await bus?.close();
    await cluster?.stop();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function waitForLines(expected: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = existsSync(lines) ? readFileSync(lines, 'utf8').trim().split('\n') : [];
      if (seen.length >= expected.length) break;
      await sleep(100);
    }
    assert.deepEqual(seen, expected);
  }

  test('an event fired while the master is down gets its reaction when the master is back, exactly once', async () => {
    bus!.fire('test/restart/before', { n: 1 });
    await waitForLines(['1']);

    await cluster.stopMaster();
    bus!.fire('test/restart/while-down', { n: 2 });
    await cluster.startMaster();
    await waitForLines(['1', '2']);

    // Later events come after any repeat of earlier ones would have: none came.
    bus!.fire('test/restart/after', { n: 3 });
    await waitForLines(['1', '2', '3']);
  });

  test('events the broker delivers again after a restart are not reacted to twice', async () => {
    await cluster.stopMaster();
    // Rewind the reactor's consumer to the first event, as if the master had never acknowledged it.
    const nc = await connectAsMaster(url, cluster.masterDir);
    try {
      const jsm = await jetstreamManager(nc);
      const first = await jsm.streams.getMessage(EVENT_STREAM, { last_by_subj: Subjects.event('test/restart/before') });
      const { config } = await jsm.consumers.info(EVENT_STREAM, REACTOR_DURABLE);
      await jsm.consumers.delete(EVENT_STREAM, REACTOR_DURABLE);
      await jsm.consumers.add(EVENT_STREAM, { ...config, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: first!.seq, opt_start_time: undefined, ack_policy: AckPolicy.Explicit });
    } finally {
      await nc.close();
    }
    await cluster.startMaster();
    bus!.fire('test/restart/after-rewind', { n: 4 });
    await waitForLines(['1', '2', '3', '4']);
  });
});
