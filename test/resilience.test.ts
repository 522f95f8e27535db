// End to end: the fleet keeps working through a broker crash, a minion that
// stops, and a long job, with real daemons and the real broker.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { useFleet } from './support/cluster.js';

const FLEET = ['db1', 'web1', 'web2'];

describe('resilience', () => {
  const fleet = useFleet('resilience', FLEET.map((id) => ({ id })));

  test('test.ping is answered while a 60 s job runs on the same minion', async () => {
    const sleeping = await fleet().cli('salt-ts', ['web1', 'test.sleep', '60', '--async']);
    assert.match(sleeping.stdout, /^Executed command with job ID: \d{20}\n$/);
    await sleep(300); // let the sleep job start on the minion
    const ping = await fleet().cli('salt-ts', ['web1', 'test.ping', '-t', '3']);
    assert.equal(ping.code, 0, ping.stdout + ping.stderr);
    assert.equal(ping.stdout, 'web1:\n    True\n');
    assert.match(readFileSync(join(fleet().minionDir('web1'), 'minion.log'), 'utf8'), /running job \d+: test\.sleep/);
  });

  test('after the broker is killed, the master restarts it and every minion answers within 15 s', async () => {
    const pidFile = join(fleet().masterDir, 'cache/broker/nats-server.pid');
    const oldPid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(oldPid, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    let answered: string[] = [];
    while (Date.now() < deadline) {
      const res = await fleet().cli('salt-ts', ['*', 'test.ping', '--out', 'json', '-t', '2']);
      answered = FLEET.filter((id) => res.stdout.includes(`"${id}": true`));
      if (answered.length === FLEET.length) break;
      await sleep(200);
    }
    assert.deepEqual(answered, FLEET, 'not every minion answered within 15 s of the broker being killed');
    assert.notEqual(Number(readFileSync(pidFile, 'utf8')), oldPid, 'the broker was not restarted');
    for (const id of FLEET) assert.equal(fleet().minionProcess(id)!.exitCode, null, `minion ${id} was restarted or died`);
  });

  test('a stopped minion is reported as not returned and the CLI exits 1', async () => {
    await fleet().stopMinion(fleet().minionProcess('db1')!);
    const res = await fleet().cli('salt-ts', ['*', 'test.ping', '-t', '2']);
    assert.equal(res.code, 1);
    assert.match(res.stdout, /web1:\n {4}True\n/);
    assert.match(res.stdout, /db1:\n {4}Minion did not return\. \[No response\]\n/);
  });
});
