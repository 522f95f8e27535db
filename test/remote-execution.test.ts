// End to end: everyday remote execution with real daemons: commands by grain,
// failing jobs, huge outputs, the job cache across a master restart, batch mode,
// output options and job control.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BINS, runNode } from '../scripts/local-cluster.js';
import { memoryMiB } from '../scripts/proc-memory.js';
import { returnsOf } from './support/returns.js';
import { useFleet } from './support/cluster.js';

const MINIONS = [
  { id: 'web1', grains: { roles: ['web'] } },
  { id: 'web2', grains: { roles: ['web'] } },
  { id: 'db1', grains: { roles: ['db'] } },
];

describe('remote execution, end to end', () => {
  const fleet = useFleet('remote', MINIONS);

  test("-G 'roles:web' cmd.run 'free -m' prints each web minion's output under its id", async () => {
    const res = await fleet().cli('salt-ts', ['-G', 'roles:web', 'cmd.run', 'free -m']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^web[12]:\n {4}\s*total\s+used\s+free/m);
    for (const id of ['web1', 'web2']) assert.match(res.stdout, new RegExp(`^${id}:\\n(?: {4}.*\\n)*? {4}Mem:`, 'm'));
    assert.doesNotMatch(res.stdout, /db1/);
  });

  test('a job that raises returns a clear error, the CLI says so, and the minion keeps working', async () => {
    const res = await fleet().cli('salt-ts', ['web1', 'test.exception', 'disk on fire']);
    assert.equal(res.code, 1);
    assert.match(res.stdout, /web1:\n {4}The minion function caused an exception: Error: disk on fire/);
    assert.match(res.stderr, /ERROR: Minions returned with non-zero exit code/);
    const ping = await fleet().cli('salt-ts', ['web1', 'test.ping']);
    assert.equal(ping.stdout, 'web1:\n    True\n');
  });

  test('a wrong argument names the function and argument', async () => {
    const res = await fleet().cli('salt-ts', ['web1', 'test.echo', 'a', 'b', '--out', 'json']);
    assert.equal(res.code, 1);
    assert.match(String(returnsOf(res.stdout).web1), /^Passed invalid arguments to test\.echo: takes at most 1 positional argument \(2 given\)/);
  });

  test('a command printing 200 MB returns a cut output and the minion stays small', async () => {
    const pid = fleet().minionProcess('db1')!.pid!;
    const before = memoryMiB(pid, 'VmHWM');
    const res = await fleet().cli('salt-ts', ['db1', 'cmd.run', "head -c 209715200 /dev/zero | tr '\\0' x", '--out', 'json', '-t', '60']);
    assert.equal(res.code, 0, res.stderr.slice(0, 500));
    const out = String(returnsOf(res.stdout).db1);
    assert.match(out, /^x{524288}\n\[salt-ts: output cut at 524288 of 209715200 bytes \(cmd_output_limit\)\]$/);
    const growth = memoryMiB(pid, 'VmHWM') - before;
    assert.ok(growth < 64, `the minion's peak RSS grew by ${growth.toFixed(0)} MiB`);
  });

  test('jobs.lookup_jid finds a job run before a master restart', async () => {
    const run = await fleet().cli('salt-ts', ['-v', '*', 'test.echo', 'remember me']);
    const jid = /jid (\d{20})/.exec(run.stdout)![1]!;
    await fleet().stopMaster();
    await fleet().startMaster();
    const res = await fleet().cli('salt-ts-run', ['jobs.lookup_jid', jid, '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { db1: 'remember me', web1: 'remember me', web2: 'remember me' });
    const list = await fleet().cli('salt-ts-run', ['jobs.list_jobs', '--out', 'json']);
    const listed = JSON.parse(list.stdout) as Record<string, { Function: string; Arguments: unknown[]; Target: string; User: string }>;
    assert.equal(listed[jid]?.Function, 'test.echo');
    assert.deepEqual(listed[jid]?.Arguments, ['remember me']);
    await fleet().waitForMinions(MINIONS.map((m) => m.id));
  });

  test('-b 1 runs the minions one at a time', async () => {
    const res = await fleet().cli('salt-ts', ['-b', '1', '*', 'cmd.run', 'date +%s%N; sleep 0.3; date +%s%N', '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    const spans = Object.values(returnsOf(res.stdout)).map((v) => String(v).split('\n').map(BigInt) as [bigint, bigint]);
    assert.equal(spans.length, 3);
    spans.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i]![0] >= spans[i - 1]![1], 'two minions ran at the same time');
    assert.equal(res.stderr.match(/Executing run on \['\w+'\]/g)?.length, 3);
  });

  test('-b 1 --failhard stops starting minions after a failure', async () => {
    const res = await fleet().cli('salt-ts', ['-b', '1', '--failhard', '*', 'test.false', '--out', 'json']);
    assert.equal(res.code, 1);
    assert.deepEqual(Object.keys(returnsOf(res.stdout)).length, 1);
  });

  test('--static prints one document with every return; --out-file writes it to a file', async () => {
    const file = join(fleet().dir, 'out.json');
    const res = await fleet().cli('salt-ts', ['*', 'test.ping', '--static', '--out', 'json', '--out-file', file]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '');
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { db1: true, web1: true, web2: true });
  });

  test('saltutil.running shows a running job and saltutil.kill_job stops it', async () => {
    const started = await fleet().cli('salt-ts', ['web2', 'test.sleep', '60', '--async']);
    const jid = /(\d{20})/.exec(started.stdout)![1]!;
    await sleep(300);
    const running = await fleet().cli('salt-ts', ['web2', 'saltutil.running', '--out', 'json']);
    const procs = returnsOf(running.stdout).web2 as Array<{ jid: string; fun: string }>;
    assert.deepEqual(procs.map((p) => [p.jid, p.fun]), [[jid, 'test.sleep']]);
    const active = await fleet().cli('salt-ts-run', ['jobs.active', '--out', 'json']);
    assert.ok(Object.keys(JSON.parse(active.stdout) as object).includes(jid));
    const kill = await fleet().cli('salt-ts', ['web2', 'saltutil.kill_job', jid]);
    assert.equal(kill.code, 0, kill.stdout + kill.stderr);
    await sleep(300);
    const after = await fleet().cli('salt-ts', ['web2', 'saltutil.running', '--out', 'json']);
    assert.deepEqual(returnsOf(after.stdout).web2, []);
  });

  test('salt-ts-call --retcode-passthrough exits with the function\'s retcode', async () => {
    const res = await runNode(BINS['salt-ts-call'], ['-c', fleet().minionDir('web1'), '--local', '--retcode-passthrough', 'cmd.run', 'exit 3']);
    assert.equal(res.code, 3);
    const plain = await runNode(BINS['salt-ts-call'], ['-c', fleet().minionDir('web1'), 'cmd.run', 'exit 3']);
    assert.equal(plain.code, 1);
  });

  test('several functions in one job return a dict per minion (compound command)', async () => {
    const res = await fleet().cli('salt-ts', ['web1', 'test.echo,test.ping,cmd.run', 'hello', ',', ',', 'echo from-cmd', '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(returnsOf(res.stdout), { web1: { 'test.echo': 'hello', 'test.ping': true, 'cmd.run': 'from-cmd' } });
    const failing = await fleet().cli('salt-ts', ['web1', 'test.ping,test.false', ',']);
    assert.equal(failing.code, 1);
  });

  test('a job outlasting -t is waited for while its minion says it still runs it', async () => {
    const res = await fleet().cli('salt-ts', ['web1', 'test.sleep', '3', '-t', '1']);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.stdout, 'web1:\n    True\n');
  });

  test('a minion that dies mid-job is reported as not returned', async () => {
    const cli = fleet().cli('salt-ts', ['db1', 'test.sleep', '30', '-t', '1']);
    await sleep(500);
    await fleet().stopMinion(fleet().minionProcess('db1')!, 'SIGKILL');
    const res = await cli;
    assert.equal(res.code, 1);
    assert.match(res.stdout, /db1:\n {4}Minion did not return\. \[No response\]/);
    fleet().startMinion('db1');
    await fleet().waitForMinions(['db1']);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await fleet().cli('salt-ts', ['*'])).code, 2);
    assert.equal((await fleet().cli('salt-ts', ['-G', 'x', '-E', 'y', 'test.ping'])).code, 2);
    assert.equal((await fleet().cli('salt-ts', ['-b', 'lots', '*', 'test.ping'])).code, 2);
  });
});
