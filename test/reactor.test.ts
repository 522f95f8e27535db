// End to end: the master's reactor on a real fleet. Pending minions whose id starts with
// `r` are accepted by a wheel.key.accept reaction to salt/auth; each minion's start event
// runs state.apply on it (a salt:// reactor file); user events run cmd.run on a target
// (with event data arriving literally), orchestration through runner.state.orchestrate and
// a caller reaction on the sending minion; a broken reactor SLS and an unknown runner are
// fired as salt/reactor/<seq>/error while later reactions still run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { useFleet } from './support/cluster.js';
import { joinEventBus, type EventBus } from './support/event-bus.js';

const work = mkdtempSync(join(tmpdir(), 'salt-ts-reactor-files-'));
const out = join(work, 'out');
const states = join(work, 'states');
const reactors = join(work, 'reactor');

const FILES: Record<string, string> = {
  'reactor/auth.sls': `
{% if data['act'] == 'pend' and data['id'].startswith('r') %}
accept-{{ data['id'] }}:
  wheel.key.accept:
    - match: {{ data['id'] }}
{% endif %}
`,
  'states/reactor/start.sls': `
apply-on-start:
  local.state.apply:
    - tgt: {{ data['id'] }}
    - args:
      - mods: reactortest.started
`,
  'states/reactortest/started.sls': `
started-marker:
  file.managed:
    - name: ${out}/started-{{ grains['id'] }}
    - contents: started
    - makedirs: True
`,
  'reactor/write.sls': `
write-line:
  local.cmd.run:
    - tgt: {{ data['target'] }}
    - args:
      - cmd: printf '%s\\n' "$LINE" >> ${out}/written-{{ data['target'] }}
      - env:
          LINE: {{ data['line'] | json }}
`,
  'reactor/broken.sls': `
broken:
  local.cmd.run:
    - tgt: {{ data['target'] }
`,
  'reactor/unknown.sls': `
no-such-runner:
  runner.nosuch.thing:
    - arg: 1
`,
  'reactor/orchestrate.sls': `
run-orch:
  runner.state.orchestrate:
    - args:
      - mods: orch.reacted
      - pillar: {target: {{ data['target'] }}}
`,
  'states/orch/reacted.sls': `
touch-from-orch:
  salt.function:
    - name: cmd.run
    - tgt: {{ pillar['target'] }}
    - arg:
      - touch ${out}/orch-{{ pillar['target'] }}
`,
  'reactor/fail.sls': `
exit-3:
  local.cmd.run:
    - tgt: {{ data['target'] }}
    - args: ['exit 3']
`,
  'reactor/caller.sls': `
touch-on-sender:
  caller.cmd.run:
    - args:
      - cmd: touch ${out}/caller-{{ data.get('id', 'nobody') }}
`,
};

for (const [path, text] of Object.entries(FILES)) {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}

describe('reactor', () => {
  let bus: EventBus;
  // Registered before the fleet's own hook, so the bus leaves before the broker stops.
  after(async () => {
    await bus?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const fleet = useFleet('reactor', [{ id: 'r1' }, { id: 'r2' }, { id: 'other1' }], {
    master: {
      auto_accept: false,
      file_roots: { base: [states] },
      reactor: [
        { 'salt/auth': [join(reactors, 'auth.sls')] },
        { 'salt/minion/*/start': 'salt://reactor/start.sls' },
        { 'test/reactor/write': [join(reactors, 'write.sls')] },
        { 'test/reactor/broken': [join(reactors, 'broken.sls'), join(reactors, 'unknown.sls'), join(reactors, 'write.sls')] },
        { 'test/reactor/orch*': [join(reactors, 'orchestrate.sls')] },
        { 'test/reactor/caller': [join(reactors, 'caller.sls')] },
        { 'test/reactor/fail': [join(reactors, 'fail.sls')] },
        // Fails on every error event: its own failures must not be fired again, or they would never end.
        { 'salt/reactor/*/error': [join(reactors, 'unknown.sls')] },
      ],
    },
  });

  before(async () => {
    bus = await joinEventBus(`nats://127.0.0.1:${fleet().port}`, fleet().masterDir);
  });

  async function waitForFile(path: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (existsSync(path)) return readFileSync(path, 'utf8');
      await sleep(100);
    }
    throw new Error(`${path} did not appear within ${timeoutMs} ms; master log: ${readFileSync(join(fleet().masterDir, 'master.log'), 'utf8').slice(-3000)}`);
  }

  test('wheel.key.accept on salt/auth accepts the pending minions whose id matches, and only those', async () => {
    await fleet().waitForMinions(['r1', 'r2']);
    const keys = await fleet().cli('salt-ts-key', ['-L', '--out', 'json']);
    const lists = JSON.parse(keys.stdout) as Record<string, string[]>;
    assert.deepEqual(lists.minions, ['r1', 'r2']);
    assert.deepEqual(lists.minions_pre, ['other1']);
  });

  test('salt/minion/<id>/start runs state.apply on that minion (reactor SLS from salt://)', async () => {
    assert.equal(await waitForFile(join(out, 'started-r1')), 'started\n');
    assert.equal(await waitForFile(join(out, 'started-r2')), 'started\n');
    assert.equal(existsSync(join(out, 'started-other1')), false);
  });

  test('a user event runs local.cmd.run on its target; event data arrives as data, never as a template', async () => {
    bus.fire('test/reactor/write', { target: 'r2', line: '{{ 7*7 }}' });
    assert.equal(await waitForFile(join(out, 'written-r2')), '{{ 7*7 }}\n');
    assert.equal(existsSync(join(out, 'written-r1')), false);
  });

  test('a broken reactor SLS and an unknown runner are fired as errors; the next reaction still runs', async () => {
    bus.fire('test/reactor/broken', { target: 'r1', line: 'after the broken ones' });
    const broken = (data: Record<string, unknown>) => data.event_tag === 'test/reactor/broken';
    const render = await bus.next('salt/reactor/*/error', undefined, broken);
    assert.equal(render.data.event_tag, 'test/reactor/broken');
    assert.equal(render.data.sls, join(reactors, 'broken.sls'));
    assert.match(String(render.data.error), /broken\.sls/);
    const unknown = await bus.next('salt/reactor/*/error', undefined, broken);
    assert.equal(unknown.data.reaction, 'no-such-runner');
    assert.match(String(unknown.data.error), /no runner named 'nosuch\.thing'/);
    assert.equal(render.tag, unknown.tag, 'both errors name the same event');
    assert.equal(await waitForFile(join(out, 'written-r1')), 'after the broken ones\n');
  });

  test('runner.state.orchestrate runs an orchestration with the args the reaction gives', async () => {
    bus.fire('test/reactor/orchestrate', { target: 'r1' });
    await waitForFile(join(out, 'orch-r1'));
  });

  test("a caller reaction runs on the minion named in the event's data['id']", async () => {
    bus.fire('test/reactor/caller', { id: 'r2' });
    const job = await bus.next('salt/job/*/new', undefined, (data) => data.user === 'Reactor' && data.tgt_type === 'list'); // only caller reactions target a list
    assert.deepEqual(job.data.minions, ['r2']);
    await waitForFile(join(out, 'caller-r2'));
    bus.fire('test/reactor/caller', {}); // no data['id']: nowhere to run it
    const error = await bus.next('salt/reactor/*/error', undefined, (data) => data.event_tag === 'test/reactor/caller');
    assert.equal(error.data.reaction, 'touch-on-sender');
    assert.match(String(error.data.error), /data\['id'\]/);
  });

  test('a job that fails on its minion is fired as an error naming the minion', async () => {
    bus.fire('test/reactor/fail', { target: 'r1' });
    const error = await bus.next('salt/reactor/*/error', undefined, (data) => data.event_tag === 'test/reactor/fail');
    assert.equal(error.data.reaction, 'exit-3');
    assert.equal(error.data.minion, 'r1');
    assert.match(String(error.data.error), /cmd\.run failed on r1 \(retcode 3\)/);
  });

  test('no other reaction failed', () => {
    assert.deepEqual(bus.untaken('salt/reactor/*/error'), []);
  });
});
