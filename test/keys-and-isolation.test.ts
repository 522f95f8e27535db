// End to end, with a real master, real minions and the real broker: key
// acceptance, and what an unaccepted, forged or hostile client can and cannot do.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { BINS, LocalCluster, runNode } from '../scripts/local-cluster.js';
import { REGISTRATION_SEED } from '../shared/protocol/permissions.js';
import { Inboxes, Subjects } from '../shared/protocol/subjects.js';
import { returnsOf } from './support/returns.js';
import { useFleet } from './support/cluster.js';

const FLEET = ['db1', 'web1', 'web2'];

async function keyLists(cluster: LocalCluster): Promise<Record<string, string[]>> {
  const res = await cluster.cli('salt-ts-key', ['-L', '--out', 'json']);
  assert.equal(res.code, 0, res.stderr);
  return JSON.parse(res.stdout) as Record<string, string[]>;
}

async function waitForKey(cluster: LocalCluster, list: string, id: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await keyLists(cluster))[list]?.includes(id)) return;
    await sleep(100);
  }
  assert.fail(`${id} never appeared in ${list}`);
}

function connectWithSeed(cluster: LocalCluster, seed: string, inboxPrefix: string): Promise<NatsConnection> {
  return connect({ servers: `127.0.0.1:${cluster.port}`, authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)), inboxPrefix, reconnect: false });
}

/** Resolves with the permission error the broker sends for a subscription, or null if none came. */
async function subscriptionRefusal(nc: NatsConnection, subject: string): Promise<string | null> {
  return new Promise((resolve) => {
    nc.subscribe(subject, {
      callback: (err) => {
        if (err) resolve(err.message);
      },
    });
    setTimeout(() => resolve(null), 1_000);
  });
}

describe('minion keys and broker isolation', () => {
  const fleet = useFleet('keys', FLEET.map((id) => ({ id })), { master: { auto_accept: false } });

  before(async () => {
    for (const id of FLEET) await waitForKey(fleet(), 'minions_pre', id);
    const accept = await fleet().cli('salt-ts-key', ['-A', '-y']);
    assert.equal(accept.code, 0, accept.stderr);
    assert.match(accept.stdout, /Key for minion web1 accepted\./);
    await fleet().waitForMinions(FLEET);
  });

  test('the accepted minions answer test.ping', async () => {
    const res = await fleet().cli('salt-ts', ['*', 'test.ping', '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(returnsOf(res.stdout), { db1: true, web1: true, web2: true });
  });

  test('an unaccepted minion is listed as Unaccepted, is not targeted, and answers once accepted', async () => {
    fleet().writeMinion({ id: 'extra' });
    fleet().startMinion('extra');
    await waitForKey(fleet(), 'minions_pre', 'extra');

    const listing = await fleet().cli('salt-ts-key', ['-L']);
    assert.match(listing.stdout, /Unaccepted Keys:\nextra\n/);
    const all = await fleet().cli('salt-ts', ['*', 'test.ping', '--out', 'json']);
    assert.deepEqual(Object.keys(returnsOf(all.stdout)).sort(), FLEET);
    const direct = await fleet().cli('salt-ts', ['extra', 'test.ping']);
    assert.equal(direct.code, 2);
    assert.match(direct.stderr, /No minions matched the target\./);
    assert.doesNotMatch(readFileSync(join(fleet().minionDir('extra'), 'minion.log'), 'utf8'), /running job/);

    const accept = await fleet().cli('salt-ts-key', ['-a', 'extra', '-y']);
    assert.equal(accept.code, 0, accept.stderr);
    assert.equal(accept.stdout, 'Key for minion extra accepted.\n');
    await fleet().waitForMinions(['extra'], 10_000);
  });

  test('a minion forging an accepted id is denied: it gets no jobs and its returns never count', async () => {
    // Same id as the real web1, but a folder (and so a key) of its own.
    const forgerDir = fleet().writeMinion({ id: 'web1' }, join(fleet().dir, 'forger'));
    fleet().startMinion('web1', forgerDir);
    await waitForKey(fleet(), 'minions_denied', 'web1');

    const res = await fleet().cli('salt-ts', ['web1', 'test.ping', '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(returnsOf(res.stdout), { web1: true });
    const forgerLog = readFileSync(join(forgerDir, 'minion.log'), 'utf8');
    assert.match(forgerLog, /different key for minion id web1/);
    assert.doesNotMatch(forgerLog, /running job/);
    assert.equal((await keyLists(fleet())).minions?.includes('web1'), true);
  });

  test('an accepted minion can neither read another minion\'s jobs nor inject returns for it', async () => {
    const web2Seed = readFileSync(join(fleet().minionDir('web2'), 'pki/minion.nkey'), 'utf8').trim();
    const spy = await connectWithSeed(fleet(), web2Seed, Inboxes.minion('web2'));
    try {
      assert.match((await subscriptionRefusal(spy, Subjects.jobsFor('web1'))) ?? '', /Permissions Violation/);
      assert.match((await subscriptionRefusal(spy, Subjects.returnsAll)) ?? '', /Permissions Violation/);

      const cli = spawn(process.execPath, [BINS['salt-ts'], '-c', fleet().masterDir, '-v', 'web1', 'test.sleep', '2', '--out', 'json']);
      let stdout = '';
      cli.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number>((resolve) => cli.once('close', (code) => resolve(code ?? -1)));
      while (!/jid (\d{20})/.test(stdout)) await sleep(20);
      const jid = /jid (\d{20})/.exec(stdout)![1]!;
      const forged = JSON.stringify({ jid, fun: 'test.sleep', fun_args: [2], return: 'forged', retcode: 0, success: true });
      spy.publish(Subjects.returnFrom('web1', jid), forged); // someone else's subject: the broker drops it
      spy.publish(Subjects.returnFrom('web2', jid), forged); // its own subject, but web2 was never sent this job
      await spy.flush();
      assert.equal(await exited, 0);
      assert.doesNotMatch(stdout, /forged/);
      assert.deepEqual(returnsOf(stdout.slice(stdout.indexOf('{'))), { web1: true });
    } finally {
      await spy.close();
    }
  });

  test('a client without credentials is refused; the public registration credential can only submit keys', async () => {
    await assert.rejects(connect({ servers: `127.0.0.1:${fleet().port}`, reconnect: false }), /Authorization Violation/);
    const anon = await connectWithSeed(fleet(), REGISTRATION_SEED, Inboxes.registration);
    try {
      assert.match((await subscriptionRefusal(anon, Subjects.jobsAll)) ?? '', /Permissions Violation/);
      assert.match((await subscriptionRefusal(anon, 'salt.>')) ?? '', /Permissions Violation/);
    } finally {
      await anon.close();
    }
  });

  test('deleting a key cuts the minion off at once; it comes back as Unaccepted', async () => {
    const del = await fleet().cli('salt-ts-key', ['-d', 'extra', '-y']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal(del.stdout, 'Key for minion extra deleted.\n');
    await waitForKey(fleet(), 'minions_pre', 'extra');
    assert.match(readFileSync(join(fleet().minionDir('extra'), 'minion.log'), 'utf8'), /lost the broker connection/);
    const res = await fleet().cli('salt-ts', ['extra', 'test.ping']);
    assert.equal(res.code, 2);
  });

  test('rejecting a key keeps the minion out', async () => {
    const rej = await fleet().cli('salt-ts-key', ['-r', 'extra', '-y']);
    assert.equal(rej.stdout, 'Key for minion extra rejected.\n');
    await sleep(1_500); // the minion asks again every second (acceptance_wait_time)
    const lists = await keyLists(fleet());
    assert.deepEqual(lists.minions_rejected, ['extra']);
    assert.equal(lists.minions_pre?.includes('extra'), false);
  });

  test('a malformed target is refused with its error before anything is published', async () => {
    const res = await fleet().cli('salt-ts', ['-E', 'web(', 'test.ping']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /SALTTS_BAD_TARGET.*"web\(".*Unterminated group/);
  });

  test('the CLI credential is private to the master user, and without it the CLI is refused', async () => {
    assert.equal(statSync(join(fleet().masterDir, 'pki/cli.nkey')).mode & 0o077, 0);
    const elsewhere = mkdtempSync(join(tmpdir(), 'salt-ts-nocred-'));
    writeFileSync(join(elsewhere, 'master'), `nats_port: ${fleet().port}\npki_dir: ${join(elsewhere, 'pki')}\n`);
    const res = await runNode(BINS['salt-ts'], ['-c', elsewhere, '*', 'test.ping']);
    rmSync(elsewhere, { recursive: true, force: true });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /SALTTS_CREDENTIALS.*cli\.nkey/);
  });
});
