// End to end: the Morse environment built and released by orch/deploy-environment.sls and
// orch/release.sls against a real master, three app-server minions and a load-balancer
// minion on loopback, with real git, npm, supervisord and haproxy started by the states.
// A load generator sends requests through haproxy during every release: none may fail.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MorseRepo, morseHosts, morseMasterOptions, setAppVersion, stopSupervisords, supervisordDir, type MorseHosts } from '../scripts/morse-env.js';
import type { LocalCluster } from '../scripts/local-cluster.js';
import { useFleet } from './support/cluster.js';
import { httpGet } from './support/http-get.js';
import { startLoad, type LoadReport } from './support/load-generator.js';
import { decodeMorse } from './support/morse-code.js';
import { sendCommand } from '../minion/modules/haproxy/runtime-api.js';
import { parseStat, serverRows } from '../minion/modules/haproxy/stats.js';

type StateResult = { result: boolean | null; comment: string; changes: Record<string, unknown>; __id__: string; __run_num__: number };

const ORCH_ID = `${hostname()}_master`;
const TEXT = 'SALT TS RELEASE 42';

describe('the Morse environment: deploy-environment and zero-downtime release', () => {
  // The minions' grains name folders in the fleet's own, so the first test starts them.
  let hosts: MorseHosts | undefined;
  let repo: MorseRepo;
  const trees = mkdtempSync(join(tmpdir(), 'salt-ts-release-trees-'));
  // Registered before the fleet's own hooks: the supervisords go down before the minions and their folders.
  after(async () => {
    if (hosts) await stopSupervisords(fleet(), [...hosts.apps, hosts.lb].map((m) => m.id));
    rmSync(trees, { recursive: true, force: true });
  });
  const fleet = useFleet('release', [], { master: morseMasterOptions(trees) });
  const appIds = () => hosts!.apps.map((a) => a.id);
  const appPort = (id: string) => (hosts!.apps.find((a) => a.id === id)!.grains as { morse_port: number }).morse_port;
  const health = async (id: string) => JSON.parse((await httpGet(appPort(id), '/health')).body) as { status: string; version: string; rev: string };
  const programPid = (id: string) =>
    spawnSync('supervisorctl', ['-c', join(supervisordDir(fleet(), id), 'supervisord.conf'), 'pid', 'morse'], { encoding: 'utf8' }).stdout.trim();

  const orchestrate = async (name: string, pillar: Record<string, unknown>, ...extra: string[]) => {
    const res = await fleet().cli('salt-ts-run', ['orchestrate', name, 'pillarenv=prod', `pillar=${JSON.stringify({ morse: { repo: repo.url, ...pillar } })}`, ...extra, '--out', 'json'], 240_000);
    const parsed = res.stdout.trim() ? (JSON.parse(res.stdout) as Record<string, Record<string, StateResult> | string[]>) : {};
    const states = parsed[ORCH_ID];
    assert.ok(states && !Array.isArray(states), `${name}: no state results\n${res.stdout}${res.stderr}`);
    const byId = Object.fromEntries(Object.values(states).map((r) => [r.__id__, r]));
    return { ...res, byId, failed: Object.values(byId).filter((r) => r.result === false) };
  };
  /** Runs `during` while the load generator sends /encode requests through haproxy. */
  const underLoad = async <T>(during: () => Promise<T>): Promise<{ value: T; load: LoadReport }> => {
    const load = startLoad({ port: hosts!.lbPort, path: `/encode?text=${encodeURIComponent(TEXT)}`, check: (status, body) => status === 200 && decodeMorse(body) === TEXT });
    const value = await during().finally(() => load.stop());
    return { value, load: await load.stop() };
  };
  /** Requests haproxy had to send again (retries, redispatches) or could not connect for, over all app servers:
   * none when every server was drained before it stopped. */
  const haproxyRetries = async () => {
    const rows = serverRows(parseStat(await sendCommand(`127.0.0.1:${hosts!.lbAdminPort}`, 'show stat')), 'morse');
    return rows.reduce((sum, row) => sum + Number(row.wretr || 0) + Number(row.wredis || 0) + Number(row.econ || 0), 0);
  };
  const reportLoad = (t: { diagnostic(message: string): void }, what: string, load: LoadReport, seconds: number) => {
    const line = `${what}: ${load.requests} requests through haproxy, ${load.errors} failed; release took ${seconds.toFixed(1)} s`;
    t.diagnostic(line);
    console.log(line);
  };

  test('deploy-environment pillarenv=prod builds app servers and the load balancer from nothing', async () => {
    const cluster: LocalCluster = fleet();
    repo = MorseRepo.create(cluster.dir);
    hosts = await morseHosts(cluster, 3);
    cluster.startMinions([...hosts.apps, hosts.lb]);
    await cluster.waitForMinions([...appIds(), hosts.lb.id]);

    const res = await orchestrate('deploy-environment', {});
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.deepEqual(res.failed, []);
    assert.equal(res.byId['health-through-lb1']!.result, true);

    const first = spawnSync('git', ['-C', repo.bare, 'rev-parse', 'main'], { encoding: 'utf8' }).stdout.trim();
    const served = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const answer = await httpGet(hosts!.lbPort, `/encode?text=${encodeURIComponent(TEXT)}`);
      assert.equal(answer.status, 200, answer.body);
      assert.equal(decodeMorse(answer.body), TEXT);
      served.add(String(answer.headers['x-served-by'] ?? '(no X-Served-By)'));
    }
    assert.deepEqual([...served].sort(), appIds());
    for (const id of appIds()) assert.deepEqual(await health(id), { status: 'ok', version: '1.0.0', rev: first });
    const pids = appIds().map(programPid);
    assert.ok(pids.every((pid) => /^[1-9]\d*$/.test(pid)) && new Set(pids).size === pids.length, `each app server runs its own program: ${pids.join(', ')}`);
  });

  test('deploy-environment run again changes nothing', async () => {
    const pids = appIds().map(programPid);
    const res = await orchestrate('deploy-environment', {});
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.byId['app-servers']!.comment, 'States ran successfully. No changes made to app1, app2, app3.');
    assert.equal(res.byId['load-balancers']!.comment, 'States ran successfully. No changes made to lb1.');
    assert.deepEqual(appIds().map(programPid), pids);
  });

  test('pillarenv=test gives the test environment its own folders, ports and batch size', async () => {
    const show = async (env: string) => {
      const res = await fleet().cli('salt-ts-run', ['pillar.show_pillar', 'app1', `pillarenv=${env}`, '--out', 'json']);
      return (JSON.parse(res.stdout) as { morse: Record<string, unknown> }).morse;
    };
    const [prod, testEnv] = [await show('prod'), await show('test')];
    assert.deepEqual([prod.home, prod.port, prod.batch], ['/srv/morse', 8000, 1]);
    assert.deepEqual([testEnv.home, testEnv.port, testEnv.batch], ['/srv/morse-test', 8100, 2]);
  });

  test('test=True runs the whole release and changes nothing', async () => {
    const rev = repo.commit('morse 1.0.1', (work) => setAppVersion(work, '1.0.1'));
    const before = await Promise.all(appIds().map(async (id) => [await health(id), programPid(id)]));
    // Two servers at a time: app1+app2, then app3.
    const res = await orchestrate('release', { rev, batch: 2 }, 'test=True');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    for (const id of appIds()) assert.equal(res.byId[`drain-${id}-on-lb1`]!.result, null);
    for (const batch of ['app1+app2', 'app3']) assert.equal(res.byId[`deploy-${batch}`]!.result, null, JSON.stringify(res.byId[`deploy-${batch}`]));
    assert.ok(res.byId['drain-app3-on-lb1']!.__run_num__ > res.byId['in-service-app2-on-lb1']!.__run_num__);
    const afterwards = await Promise.all(appIds().map(async (id) => [await health(id), programPid(id)]));
    assert.deepEqual(afterwards, before);
  });

  test('a release under load: zero failed requests, and every app server runs the new version', async (t) => {
    const rev = repo.commit('morse 1.1.0', (work) => setAppVersion(work, '1.1.0'));
    const retriesBefore = await haproxyRetries();
    const started = Date.now();
    // Released by branch name: resolved to the commit just pushed, which /health must report.
    const { value: res, load } = await underLoad(() => orchestrate('release', { rev: 'main' }));
    reportLoad(t, 'release', load, (Date.now() - started) / 1000);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.deepEqual(res.failed, []);
    assert.ok(load.requests > 0);
    assert.equal(load.errors, 0, load.samples.join('\n'));
    // retries + redispatch would hide a server stopped while it still had traffic: haproxy must not have needed them.
    assert.equal(await haproxyRetries(), retriesBefore, 'haproxy had to retry requests: a server stopped before it was drained');
    for (const id of appIds()) assert.deepEqual(await health(id), { status: 'ok', version: '1.1.0', rev });
    const order = appIds().map((id) => [res.byId[`drain-${id}-on-lb1`]!.__run_num__, res.byId[`in-service-${id}-on-lb1`]!.__run_num__]);
    for (let i = 1; i < order.length; i++) assert.ok(order[i]![0]! > order[i - 1]![1]!, `app${i + 1} was drained before app${i} was back in service`);
  });

  test('a release whose /health fails: the first server is rolled back, the rest untouched, the run fails naming server and step', async (t) => {
    const good = (await health('app1')).rev;
    const untouched = Object.fromEntries(['app2', 'app3'].map((id) => [id, programPid(id)]));
    // The encoder now gets S wrong: its own health check (it encodes "SOS 73") fails.
    const rev = repo.commit('morse 1.2.0: a broken S', (work) => {
      setAppVersion(work, '1.2.0');
      const file = join(work, 'morse.js');
      writeFileSync(file, readFileSync(file, 'utf8').replace("S: '...'", "S: '..'"));
    });
    const started = Date.now();
    const { value: res, load } = await underLoad(() => orchestrate('release', { rev, health_wait: 4 }));
    reportLoad(t, 'failed release', load, (Date.now() - started) / 1000);
    assert.notEqual(res.code, 0);
    assert.equal(load.errors, 0, load.samples.join('\n'));
    const failedStep = res.byId['health-app1']!;
    assert.equal(failedStep.result, false);
    assert.equal(failedStep.comment, 'Run failed on minions: app1');
    assert.equal(res.byId['rollback-app1']!.result, true, JSON.stringify(res.byId['rollback-app1']));
    assert.equal(res.byId['restore-app1-on-lb1']!.result, true);
    const stopped = res.byId['release-stopped-at-app1']!;
    assert.equal(stopped.result, false);
    assert.match(stopped.comment, new RegExp(`^Release of ${rev} stopped at app1: .*app1 rolled back to ${good}; released before: none; not touched: app2, app3`));
    assert.equal(res.byId['drain-app2-on-lb1'], undefined, 'the release went on after the failure');
    assert.deepEqual(await health('app1'), { status: 'ok', version: '1.1.0', rev: good });
    for (const id of ['app2', 'app3']) {
      assert.deepEqual(await health(id), { status: 'ok', version: '1.1.0', rev: good });
      assert.equal(programPid(id), untouched[id], `${id} was restarted`);
    }
    const back = await fleet().cli('salt-ts', ['lb1', 'haproxy.wait_state', 'morse', 'app1', 'value=up', 'timeout=10', `socket=127.0.0.1:${hosts!.lbAdminPort}`, '--out', 'json']);
    assert.deepEqual(JSON.parse(back.stdout), { lb1: true }, 'app1 is not back in service');
  });

  test('a second release started while one runs is refused, naming the running jid', async () => {
    const rev = (await health('app1')).rev;
    const lock = join(fleet().masterDir, 'cache', 'orchestrate', 'orch.release.lock');
    // The running one is a test=True release: it holds the lock as long as a real one would.
    const first = orchestrate('release', { rev }, 'test=True');
    while (!existsSync(lock)) await sleep(20);
    const holder = JSON.parse(readFileSync(lock, 'utf8')) as { jid: string };
    const second = await fleet().cli('salt-ts-run', ['orchestrate', 'release', 'pillarenv=prod', `pillar=${JSON.stringify({ morse: { repo: repo.url, rev } })}`]);
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, new RegExp(`orchestration 'orch\\.release' is already running: jid ${holder.jid}`));
    const res = await first;
    assert.equal(res.code, 0, res.stdout + res.stderr);
  });
});
