// End to end: an orchestration is a runner job on the event bus (salt/run/<jid>/new and
// /ret, each step's start and result) and in the job cache (jobs.lookup_jid, list_jobs);
// salt.wait_for_event waits for events minions send with event.send, and times out
// naming the ids it never heard from.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { useFleet } from './support/cluster.js';
import { FAILING_STEP_ORCH } from './support/orch-fixtures.js';
import { joinEventBus, type EventBus } from './support/event-bus.js';

type StateResults = Record<string, { result: boolean | null; changes: Record<string, unknown>; comment: string; __id__: string; __run_num__: number; duration: number }>;

const ORCH_ID = `${hostname()}_master`;

const FILES: Record<string, string> = {
  'orch/evbroken.sls': FAILING_STEP_ORCH,
  // The wait runs in parallel, so it is listening when the next step makes the minions send.
  'orch/evwait.sls': `
wait-for-builds:
  salt.wait_for_event:
    - name: myapp/build/*
    - id_list: {{ salt['pillar.get']('ids', ['web1', 'web2']) | json }}
    - timeout: {{ salt['pillar.get']('timeout', 60) }}
    - parallel: True

send-builds:
  salt.function:
    - name: event.send
    - tgt: 'web*'
    - arg: [myapp/build/done, {rev: f5d9}]
`,
};

describe('orchestration on the event bus', () => {
  const fleet = useFleet('orch-events', [{ id: 'web1' }, { id: 'web2' }], { master: { file_roots: { base: ['states'] } } });
  let bus: EventBus;
  before(async () => {
    for (const [path, text] of Object.entries(FILES)) {
      const file = join(fleet().masterDir, 'states', path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    bus = await joinEventBus(`127.0.0.1:${fleet().port}`, fleet().masterDir);
  });
  after(async () => bus?.close().catch(() => undefined)); // the fleet may have stopped first

  const run = async (...args: string[]) => {
    const res = await fleet().cli('salt-ts-run', [...args, '--out', 'json'], 120_000);
    const parsed = res.stdout.trim() ? (JSON.parse(res.stdout) as Record<string, StateResults>) : {};
    const byId = Object.fromEntries(Object.values(parsed[ORCH_ID] ?? {}).map((r) => [r.__id__, r]));
    return { ...res, byId };
  };

  test('a failed orchestration fires its new, step and ret events, and jobs.lookup_jid prints its result as highstate', async () => {
    const res = await fleet().cli('salt-ts-run', ['state.orchestrate', 'orch.evbroken', '--no-color'], 120_000);
    assert.equal(res.code, 2, res.stdout + res.stderr);
    assert.ok(res.stdout.startsWith(`${ORCH_ID}:\n`), res.stdout); // the highstate output alone

    const started = await bus.next('salt/run/*/new');
    const jid = started.tag.split('/')[2]!;
    const { _stamp, ...head } = started.data;
    assert.deepEqual(head, { fun: 'runner.state.orchestrate', jid, user: userInfo().username, fun_args: ['orch.evbroken'] });

    const prog = `salt/job/${jid}/prog/${ORCH_ID}`;
    const stepStart = await bus.next(`${prog}/start`);
    assert.deepEqual({ ...stepStart.data, _stamp: undefined }, { __id__: 'fails', name: 'cmd.run', state: 'salt.function', __sls__: 'orch.evbroken', len: 2, _stamp: undefined });
    assert.deepEqual(bus.untaken(`${prog}/start`), [], 'a state that never ran has no start event');
    const results = [await bus.next(`${prog}/[0-9]*`), await bus.next(`${prog}/[0-9]*`)].map((e) => e.data as { ret: StateResults[string]; len: number });
    assert.deepEqual(results.map((r) => [r.ret.__id__, r.ret.result, r.len]), [['fails', false, 2], ['after-failure', false, 2]]);
    assert.equal(typeof results[0]!.ret.duration, 'number');

    const ended = await bus.next(`salt/run/${jid}/ret`);
    assert.equal(ended.data.success, false);
    const ret = ended.data.return as { data: Record<string, StateResults>; outputter: string; retcode: number };
    assert.equal(ret.outputter, 'highstate');
    assert.equal(ret.retcode, 2);
    assert.equal(Object.values(ret.data[ORCH_ID]!).find((r) => r.__id__ === 'fails')!.result, false);

    const lookup = await fleet().cli('salt-ts-run', ['jobs.lookup_jid', jid, '--out', 'json']);
    const looked = JSON.parse(lookup.stdout) as Record<string, StateResults>;
    assert.deepEqual(Object.keys(looked), [ORCH_ID], lookup.stdout);
    assert.equal(Object.values(looked[ORCH_ID]!).find((r) => r.__id__ === 'fails')!.comment, 'Running function cmd.run failed on minions: web1');
    const printed = await fleet().cli('salt-ts-run', ['jobs.lookup_jid', jid, '--no-color']);
    assert.ok(printed.stdout.startsWith(`${ORCH_ID}:\n`), printed.stdout);
    assert.match(printed.stdout, /^ {10}ID: fails$/m, 'printed as highstate results, as the run was');
    const listed = JSON.parse((await fleet().cli('salt-ts-run', ['jobs.list_jobs', '--out', 'json'])).stdout) as Record<string, Record<string, unknown>>;
    assert.deepEqual({ ...listed[jid], StartTime: undefined }, {
      Arguments: ['orch.evbroken'], Function: 'runner.state.orchestrate', StartTime: undefined, Target: ORCH_ID, 'Target-type': 'glob', User: userInfo().username,
    });
  });

  test('salt.wait_for_event succeeds once every id in id_list has sent a matching event', async () => {
    const res = await run('state.orchestrate', 'orch.evwait');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const wait = res.byId['wait-for-builds']!;
    assert.equal(wait.result, true, wait.comment);
    assert.match(wait.comment, /^All events seen in \d+\.\d+ seconds\.$/);
    assert.deepEqual((wait.changes.minions_seen as string[]).sort(), ['web1', 'web2']);
    assert.equal(res.byId['send-builds']!.result, true);
  });

  test('salt.wait_for_event fails at its timeout, naming the ids it never heard from', async () => {
    const res = await run('state.orchestrate', 'orch.evwait', `pillar=${JSON.stringify({ ids: ['web1', 'ghost'], timeout: 2 })}`);
    assert.equal(res.code, 2, res.stdout + res.stderr);
    const wait = res.byId['wait-for-builds']!;
    assert.equal(wait.result, false);
    assert.equal(wait.comment, 'Timeout value reached. No matching event from: ghost');
    assert.deepEqual(wait.changes, { minions_seen: ['web1'] });
  });

  test('salt.wait_for_event with test=True waits for nothing', async () => {
    const res = await run('state.orchestrate', 'orch.evwait', 'test=True');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.byId['wait-for-builds']!.result, null);
    assert.equal(res.byId['wait-for-builds']!.comment, "Orchestration would wait for event 'myapp/build/*'");
  });
});
