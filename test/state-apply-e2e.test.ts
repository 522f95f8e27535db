// End to end: a real master serves a state tree to real minions, which render it, compile
// it and apply it: a user, a templated config from salt://, a Debian package and a service
// that restarts when its config changes. The first run reports the changes, the second
// none, and test=True after an edit reports the one pending change and makes none. Broken
// SLS files are reported with their file and line, and never disturb another minion's run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runProcess } from '../scripts/local-cluster.js';
import { returnsOf } from './support/returns.js';
import { useFleet } from './support/cluster.js';
import { useHostLock } from './support/host-lock.js';

const TREE = new URL('../../test/fixtures/state-e2e/', import.meta.url);
const suffix = randomBytes(3).toString('hex');
const user = `saltts-e2e-${suffix}`;
const service = `saltts-e2e-app-${suffix}`;

type StateResults = Record<string, { result: boolean | null; changes: Record<string, unknown>; comment: string; __id__: string }>;

const byId = (results: StateResults) => Object.fromEntries(Object.values(results).map((r) => [r.__id__, r]));
const changed = (results: StateResults) => Object.values(results).filter((r) => Object.keys(r.changes).length > 0).map((r) => r.__id__).sort();

describe('state.apply, end to end', () => {
  useHostLock('system-packages');
  const fleet = useFleet('states', [{ id: 'web1', grains: { roles: ['web', 'db'] } }, { id: 'web2' }], { master: { file_roots: { base: ['states'] } } });
  const stateTree = () => join(fleet().masterDir, 'states');
  const appRoot = () => join(fleet().dir, 'app');
  const pillar = () => `pillar=${JSON.stringify({ app_user: user, app_root: appRoot(), app_service: service })}`;
  const salt = async (tgt: string, ...args: string[]) => {
    const res = await fleet().cli('salt-ts', [tgt, ...args, '-t', '180'], 240_000);
    return res;
  };
  const apply = async (...args: string[]) => {
    const res = await salt('web1', 'state.apply', pillar(), ...args, '--out', 'json');
    return { ...res, states: returnsOf(res.stdout).web1 as StateResults };
  };
  const starts = () => readFileSync(join(appRoot(), 'starts.log'), 'utf8').trim().split('\n').length;
  let helloWasInstalled = false;

  before(async () => {
    cpSync(TREE, stateTree(), { recursive: true });
    // A fresh machine may have no package lists yet: pkg.installed needs a candidate for hello.
    if (!/Candidate: \d/.test((await runProcess('apt-cache', ['policy', 'hello'])).stdout)) await runProcess('apt-get', ['update', '-qq'], 300_000);
    helloWasInstalled = (await runProcess('dpkg-query', ['-W', '-f', '${Status}', 'hello'])).stdout.includes('install ok installed');
    if (helloWasInstalled) await runProcess('dpkg', ['-r', 'hello']);
  });

  after(async () => {
    if (existsSync(`/etc/init.d/${service}`)) await runProcess(`/etc/init.d/${service}`, ['stop']);
    rmSync(`/etc/init.d/${service}`, { force: true });
    await runProcess('userdel', [user]);
    if (!helloWasInstalled) await runProcess('dpkg', ['-r', 'hello']);
  });

  test('the first state.apply makes every change and reports each one', async () => {
    const res = await apply();
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const states = byId(res.states);
    assert.deepEqual(Object.keys(states).sort(), ['app-config', 'app-initscript', 'app-service', 'app-user', 'hello-package']);
    for (const [id, state] of Object.entries(states)) assert.equal(state.result, true, `${id}: ${state.comment}`);
    assert.deepEqual(changed(res.states), ['app-config', 'app-initscript', 'app-service', 'app-user', 'hello-package']);
    assert.equal(readFileSync(join(appRoot(), 'app.conf'), 'utf8'), '# managed by salt-ts for web1\nrole web\nlisten 8080\n');
    assert.match((await runProcess('id', ['-u', user])).stdout, /^\d+/);
    assert.equal((await runProcess('dpkg-query', ['-W', '-f', '${Status}', 'hello'])).stdout, 'install ok installed');
    assert.equal((await runProcess(`/etc/init.d/${service}`, ['status'])).code, 0, 'the service runs');
    assert.equal(starts(), 1);
  });

  test('a second state.apply changes nothing and says so', async () => {
    const res = await apply();
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.deepEqual(changed(res.states), []);
    assert.ok(Object.values(res.states).every((s) => s.result === true));
    assert.equal(starts(), 1, 'an unchanged config does not restart the service');
  });

  test('test=True after a template edit reports the one pending change and makes none', async () => {
    const template = join(stateTree(), 'webapp/app.conf.jinja');
    writeFileSync(template, readFileSync(template, 'utf8').replace('listen {{ port }}', 'listen {{ port + 1 }}'));
    const res = await apply('test=True');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const states = byId(res.states);
    assert.deepEqual(changed(res.states), ['app-config']);
    assert.equal(states['app-config']!.result, null);
    assert.match(String(states['app-config']!.changes.diff), /-listen 8080\n\+listen 8081/);
    assert.equal(readFileSync(join(appRoot(), 'app.conf'), 'utf8'), '# managed by salt-ts for web1\nrole web\nlisten 8080\n');
    assert.equal(starts(), 1);
  });

  test('applying the edit rewrites the config and the watch restarts the service', async () => {
    const res = await apply();
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.deepEqual(changed(res.states), ['app-config', 'app-service']);
    assert.match(readFileSync(join(appRoot(), 'app.conf'), 'utf8'), /listen 8081/);
    assert.equal(starts(), 2);
  });

  test('without --out, state runs print with the highstate outputter and its summary', async () => {
    const res = await salt('web1', 'state.apply', pillar());
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^web1:$/m);
    assert.match(res.stdout, /ID: app-service/);
    assert.match(res.stdout, /Succeeded: 5\b/);
    assert.match(res.stdout, /Failed:\s+0/);
  });

  test("a minion whose SLS has a YAML error reports file and line; the other minion's run is unaffected", async () => {
    const res = await salt('*', 'state.apply', pillar(), '--out', 'json');
    const returns = returnsOf(res.stdout);
    assert.ok(Object.values(returns.web1 as StateResults).every((s) => s.result === true), res.stdout);
    const errors = returns.web2 as string[];
    assert.ok(Array.isArray(errors), res.stdout);
    assert.match(errors.join('\n'), /salt:\/\/broken\/yaml_error\.sls, line \d+/);
    assert.notEqual(res.code, 0);
  });

  const brokenRun = async (sls: string) => {
    const res = await salt('web2', 'state.sls', `broken.${sls}`, '--out', 'json');
    return { code: res.code, ret: returnsOf(res.stdout).web2, text: res.stdout };
  };

  test('a Jinja syntax error names the file and line', async () => {
    const { code, ret, text } = await brokenRun('jinja_error');
    assert.notEqual(code, 0);
    assert.ok(Array.isArray(ret), text);
    assert.match((ret as string[]).join('\n'), /salt:\/\/broken\/jinja_error\.sls, line \d+/);
  });

  test('an undefined variable is an error naming it', async () => {
    const { ret, text } = await brokenRun('undefined');
    assert.ok(Array.isArray(ret), text);
    assert.match((ret as string[]).join('\n'), /salt:\/\/broken\/undefined\.sls.*no_such_variable/s);
  });

  test('a missing requisite fails its state by name; the others run', async () => {
    const { code, ret } = await brokenRun('missing_requisite');
    const states = byId(ret as StateResults);
    assert.equal(states['needs-ghost']!.result, false);
    assert.match(states['needs-ghost']!.comment, /requisites were not found[\s\S]*file: \/etc\/ghost/);
    assert.equal(states.independent!.result, true);
    assert.notEqual(code, 0);
  });

  test('a requisite cycle fails the states in it by name; the others run', async () => {
    const { ret } = await brokenRun('cycle');
    const states = byId(ret as StateResults);
    assert.equal(states.first!.result, false);
    assert.match(states.first!.comment, /Recursive requisite found/);
    assert.equal(states.bystander!.result, true);
  });
});
