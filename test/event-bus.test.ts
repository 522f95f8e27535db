// End to end: minions send events to the master's bus (event.send from a job and from
// salt-ts-call, fire_master's argument order), the master stamps the id the broker vouches
// for and refuses tags a minion may not use; salt-ts-run state.event prints live events;
// the SALT_EVENTS stream keeps them for a consumer that comes later.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream } from '@nats-io/jetstream';
import { useFleet } from './support/cluster.js';
import { connectAsMaster, joinEventBus, type EventBus } from './support/event-bus.js';
import { BINS, runNode, type CliResult } from '../scripts/local-cluster.js';
import { EVENT_STREAM } from '../master/events/stream.js';
import { Subjects } from '../shared/protocol/subjects.js';

const withoutStamp = ({ _stamp, ...rest }: Record<string, unknown>) => {
  assert.match(String(_stamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/, 'Salt\'s _stamp: UTC, microseconds, no zone');
  return rest;
};

describe('event bus', () => {
  const fleet = useFleet('events', [{ id: 'web1' }, { id: 'web2' }]);
  let bus: EventBus;
  before(async () => {
    bus = await joinEventBus(`127.0.0.1:${fleet().port}`, fleet().masterDir);
  });
  after(async () => bus?.close().catch(() => undefined)); // the fleet may have stopped first

  const call = (id: string, args: string[]) => runNode(BINS['salt-ts-call'], ['-c', fleet().minionDir(id), ...args, '--out', 'json']);
  const salt = (args: string[]) => fleet().cli('salt-ts', [...args, '--out', 'json']);

  /** Runs `watch` (a salt-ts-run state.event) while `poke` makes events, until it exits. */
  async function watchWhile(watch: string[], poke: () => Promise<unknown>): Promise<CliResult> {
    let done = false;
    const watching = fleet().cli('salt-ts-run', ['state.event', ...watch], 60_000).finally(() => (done = true));
    for (let i = 0; i < 40 && !done; i++) {
      await poke();
      await sleep(100);
    }
    return watching;
  }

  test('event.send from a job arrives as Salt loads it, with the id the broker vouches for', async () => {
    const arrived = bus.next('myapp/build/done');
    const res = await salt(['web1', 'event.send', 'myapp/build/done', '{"rev": "f5d9", "id": "web2"}']);
    assert.deepEqual(JSON.parse(res.stdout), { web1: true }, res.stderr);
    const event = await arrived;
    assert.equal(event.tag, 'myapp/build/done');
    assert.deepEqual(Object.keys(event.data), ['id', 'tag', 'data', 'cmd', '_stamp']);
    assert.deepEqual(withoutStamp(event.data), { id: 'web1', tag: 'myapp/build/done', data: { rev: 'f5d9', id: 'web2' }, cmd: '_minion_event' });
  });

  test("event.fire_master takes Salt's order (data, then tag); a DATA that is no dict is an error", async () => {
    const arrived = bus.next('myapp/fire-master');
    const res = await salt(['web2', 'event.fire_master', '{"step": 2}', 'myapp/fire-master']);
    assert.deepEqual(JSON.parse(res.stdout), { web2: true }, res.stderr);
    assert.deepEqual(withoutStamp((await arrived).data), { id: 'web2', tag: 'myapp/fire-master', data: { step: 2 }, cmd: '_minion_event' });
    const bad = await salt(['web2', 'event.send', 'myapp/bad', '[1, 2]']);
    assert.match(bad.stdout, /event\.send: data must be a dict/);
  });

  test('salt-ts-call event.send reaches the bus; with --local nothing is sent and it returns False', async () => {
    const arrived = bus.next('myapp/call/done');
    const res = await call('web2', ['event.send', 'myapp/call/done', '{"rev": "f5d9"}']);
    assert.deepEqual(JSON.parse(res.stdout), { local: true }, res.stderr);
    assert.deepEqual(withoutStamp((await arrived).data), { id: 'web2', tag: 'myapp/call/done', data: { rev: 'f5d9' }, cmd: '_minion_event' });
    const local = await call('web2', ['event.send', 'myapp/call/local', '{"rev": "f5d9"}', '--local']);
    assert.deepEqual(JSON.parse(local.stdout), { local: false }, local.stderr);
    assert.match(local.stderr, /Local mode detected\. Event with tag myapp\/call\/local will NOT be sent\./);
    assert.deepEqual(bus.untaken('myapp/call/local'), []);
  });

  test("a minion cannot fire the master's events or another minion's; its own beacon tags pass, flat with its id", async () => {
    const forged = ['salt/job/20260101000000000001/ret/web2', 'salt/auth', 'salt/key', 'salt/run/20260101000000000001/new', 'salt/minion/web2/start', 'salt/beacon/web2/memusage/'];
    for (const tag of forged) {
      const res = await call('web1', ['event.send', tag, '{"id": "web2", "act": "accept"}']);
      assert.deepEqual(JSON.parse(res.stdout), { local: true }, res.stderr); // the minion cannot know
    }
    const own = bus.next('salt/beacon/web1/memusage/');
    await call('web1', ['event.send', 'salt/beacon/web1/memusage/', '{"memusage": 91.5}']);
    assert.deepEqual(withoutStamp((await own).data), { memusage: 91.5, id: 'web1' });
    // The minion's events reach the master in order: the forged ones would have come first.
    for (const tag of forged) assert.deepEqual(bus.untaken(tag), [], tag);
    const warnings = forged.map((tag) => `refused an event from minion web1: tag '${tag}'`);
    const logged = () => readFileSync(join(fleet().masterDir, 'master.log'), 'utf8');
    for (let i = 0; i < 50 && !warnings.every((w) => logged().includes(w)); i++) await sleep(100); // the log is written asynchronously
    for (const warning of warnings) assert.ok(logged().includes(warning), `not in the master log: ${warning}`);
  });

  test("state.event prints matching events live as tag<TAB>json, until count", async () => {
    const res = await watchWhile(['tagmatch=salt/job/*', 'count=3'], () => salt(['web1', 'test.ping']));
    assert.equal(res.code, 0, res.stderr);
    const lines = res.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
    assert.equal(lines.length, 3, res.stdout);
    const events = lines.map(([tag, json]) => ({ tag: tag!, data: JSON.parse(json!) as Record<string, unknown> }));
    for (const { tag, data } of events) {
      assert.match(tag, /^salt\/job\/\d{20}\/(new|ret\/web1)$/);
      assert.equal(data.jid, tag.split('/')[2]);
    }
    // Three events in a row hold some job's new and then its return.
    const jids = events.map((e) => e.tag.split('/')[2]);
    const whole = jids.find((jid, i) => events[i]!.tag.endsWith('/new') && events.some((e) => e.tag === `salt/job/${jid}/ret/web1`));
    assert.ok(whole, res.stdout);
    assert.equal(events.find((e) => e.tag === `salt/job/${whole}/ret/web1`)!.data.return, true);
    assert.match(res.stdout, /\t\{"[^"]+": /, 'one line with Python separators');
  });

  test('state.event pretty=True sorts keys and indents by 4', async () => {
    const res = await watchWhile(['tagmatch=myapp/pretty', 'count=1', 'pretty=True'], () => call('web1', ['event.send', 'myapp/pretty', '{"b": 1, "a": "é"}']));
    assert.equal(res.code, 0, res.stderr);
    const [tag, json] = res.stdout.split('\t');
    assert.equal(tag, 'myapp/pretty');
    assert.match(json!, /^\{\n {4}"_stamp": ".*",\n {4}"cmd": "_minion_event",\n {4}"data": \{\n {8}"a": "\\u00e9",\n {8}"b": 1\n {4}\},\n {4}"id": "web1",\n {4}"tag": "myapp\/pretty"\n\}\n$/);
  });

  test('events stay in the SALT_EVENTS stream: a consumer created after an event still reads it', async () => {
    const tag = `myapp/catchup/${process.pid}`;
    const live = bus.next(tag);
    const sent = await call('web2', ['event.send', tag, '{"n": 1}']);
    assert.deepEqual(JSON.parse(sent.stdout), { local: true }, sent.stderr);
    await live;
    const nc = await connectAsMaster(`127.0.0.1:${fleet().port}`, fleet().masterDir);
    try {
      const consumer = await jetstream(nc).consumers.get(EVENT_STREAM, { filter_subjects: Subjects.event(tag) });
      const msg = await consumer.next({ expires: 5_000 });
      assert.ok(msg, 'the stream holds no such event');
      const event = msg.json<{ tag: string; data: Record<string, unknown> }>();
      assert.equal(event.tag, tag);
      assert.deepEqual(withoutStamp(event.data), { id: 'web2', tag, data: { n: 1 }, cmd: '_minion_event' });
    } finally {
      await nc.close();
    }
  });

  test('salt/key reports a key accepted (auto_accept) and deleted (salt-ts-key -d)', async () => {
    const cluster = fleet();
    const accepted = bus.next('salt/key', 30_000, (data) => data.id === 'late1');
    cluster.writeMinion({ id: 'late1' });
    const minion = cluster.startMinion('late1');
    try {
      assert.deepEqual(withoutStamp((await accepted).data), { id: 'late1', act: 'accept', result: true });
      await cluster.waitForMinions(['late1']);
      await cluster.stopMinion(minion);
      const deleted = bus.next('salt/key', 30_000, (data) => data.id === 'late1');
      const res = await cluster.cli('salt-ts-key', ['-d', 'late1', '-y']);
      assert.equal(res.code, 0, res.stdout + res.stderr);
      assert.deepEqual(withoutStamp((await deleted).data), { id: 'late1', act: 'delete', result: true });
    } finally {
      await cluster.stopMinion(minion);
    }
  });

  test('fire_event on a state sends salt/state_result/<jid>/<id>/<name>, or the tag it names', async () => {
    const named = bus.next('salt/state_result/*/web1/fired-by-name');
    const tagged = bus.next('salt/state_result/*/web1/myapp/step/done');
    const byName = await salt(['web1', 'state.single', 'test.succeed_with_changes', 'name=fired-by-name', 'fire_event=True']);
    assert.equal(byName.code, 0, byName.stdout + byName.stderr);
    const event = await named;
    assert.match(String(event.data.jid), /^\d{20}$/);
    assert.equal(event.tag, `salt/state_result/${String(event.data.jid)}/web1/fired-by-name`);
    const ret = (event.data.data as { ret: Record<string, unknown> }).ret;
    assert.equal(ret.result, true);
    assert.equal(ret.name, 'fired-by-name');
    const byTag = await salt(['web1', 'state.single', 'test.succeed_without_changes', 'name=quiet', 'fire_event=myapp/step/done']);
    assert.equal(byTag.code, 0, byTag.stdout + byTag.stderr);
    assert.equal(((await tagged).data.data as { ret: { name: string } }).ret.name, 'quiet');
  });
});
