// End to end, with a real master, real minions and the real broker: the master compiles
// each minion's pillar from its pillar_roots and sends it only to that minion, caches it
// for targeting, never serves pillar_roots as files, and shows it through the runners.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import type { LocalCluster } from '../scripts/local-cluster.js';
import { decodeJson, encodeJson } from '../shared/json-codec.js';
import { SaltTsError } from '../shared/errors.js';
import { REPLY_ERROR_HEADER } from '../shared/protocol/messages.js';
import { requestPillar } from '../shared/protocol/pillar-client.js';
import { Inboxes, Subjects } from '../shared/protocol/subjects.js';
import { useFleet } from './support/cluster.js';

const tree = mkdtempSync(join(tmpdir(), 'salt-ts-pillar-tree-'));
const files: Record<string, string> = {
  'base/top.sls': "base:\n  '*':\n    - common\n  'web*':\n    - web\n  db1:\n    - db\n  evil1:\n    - evil\n",
  'base/common.sls': "greeting: hello {{ grains['id'] }}\nfirst_role: {{ salt['grains.get']('roles:0', 'none') }}\n",
  'base/web.sls': 'role: web\n',
  'base/db.sls': 'role: db\ndb_password: s3cret\n',
  'base/evil.sls': "out: {{ salt['cmd.run']('id') }}\n",
  'prod/top.sls': "prod:\n  '*':\n    - app\n",
  'prod/app.sls': 'app:\n  env: prod\n',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(tree, path)), { recursive: true });
  writeFileSync(join(tree, path), text);
}

/** What every minion gets from the prod pillar top, merged in when no pillarenv is asked for. */
const PROD = { app: { env: 'prod' } };

const MINIONS = [
  { id: 'web1', grains: { roles: ['web'] } },
  { id: 'db1', grains: { roles: ['db'] } },
];

function connectAs(cluster: LocalCluster, id: string): Promise<NatsConnection> {
  const seed = readFileSync(join(cluster.minionDir(id), 'pki/minion.nkey'), 'utf8').trim();
  return connect({ servers: `127.0.0.1:${cluster.port}`, authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)), inboxPrefix: Inboxes.minion(id), reconnect: false });
}

async function asMinion<T>(cluster: LocalCluster, id: string, work: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connectAs(cluster, id);
  try {
    return await work(nc);
  } finally {
    await nc.close();
  }
}

describe('pillar on the master, end to end', () => {
  const fleet = useFleet('pillar-master', MINIONS, {
    master: { pillar_roots: { base: [join(tree, 'base')], prod: [join(tree, 'prod')] }, file_roots: { base: ['states'] } },
  });

  test('an accepted minion asking on its own subject gets its own compiled pillar', async () => {
    const pillar = await asMinion(fleet(), 'db1', (nc) => requestPillar(nc, 'db1'));
    assert.deepEqual(pillar, { greeting: 'hello db1', first_role: 'db', role: 'db', db_password: 's3cret', ...PROD });
  });

  test("web1 naming db1 in its request still gets web1's pillar, without db_password", async () => {
    const reply = await asMinion(fleet(), 'web1', (nc) => nc.request(Subjects.pillarRequest('web1'), encodeJson({ id: 'db1', minion: 'db1' }), { timeout: 10_000 }));
    assert.deepEqual(decodeJson(reply.data, 'pillar reply'), { greeting: 'hello web1', first_role: 'web', role: 'web', ...PROD });
  });

  test("the broker refuses web1 publishing on db1's pillar subject", async () => {
    await asMinion(fleet(), 'web1', async (nc) => {
      await assert.rejects(nc.request(Subjects.pillarRequest('db1'), encodeJson({}), { timeout: 5_000 }), /Permissions Violation/);
    });
  });

  test("web1 listening on every subject it may (and trying the rest) never sees db1's pillar", async () => {
    await asMinion(fleet(), 'web1', async (nc) => {
      const seen: string[] = [];
      const refused: string[] = [];
      for (const subject of ['>', 'salt.>', '_INBOX.>', Subjects.pillarRequestsAll, 'salt.pub.all', 'salt.pub.web1', `${Inboxes.minion('web1')}.>`]) {
        nc.subscribe(subject, {
          callback: (err, msg) => {
            if (err) refused.push(subject);
            else seen.push(new TextDecoder().decode(msg.data));
          },
        });
      }
      await nc.flush();
      for (const args of [['db1', 'saltutil.refresh_pillar'], ['db1', 'pillar.items'], ['*', 'pillar.get', 'db_password']]) {
        const res = await fleet().cli('salt-ts', [...args, '--out', 'json']);
        assert.equal(res.code, 0, res.stdout + res.stderr);
      }
      await sleep(200);
      assert.deepEqual(refused.sort(), ['>', Subjects.pillarRequestsAll, '_INBOX.>', 'salt.>'].sort());
      assert.ok(seen.length > 0, 'web1 did receive its own job traffic');
      assert.ok(!seen.some((text) => text.includes('s3cret')), 'no message web1 could read carried db1\'s secret');
    });
  });

  test('pillarenv=prod compiles only the prod top file and SLS files', async () => {
    const pillar = await asMinion(fleet(), 'web1', (nc) => requestPillar(nc, 'web1', { pillarenv: 'prod' }));
    assert.deepEqual(pillar, PROD);
  });

  test('a malformed request is refused with SALTTS_BAD_MESSAGE naming the field', async () => {
    await asMinion(fleet(), 'web1', async (nc) => {
      await assert.rejects(
        requestPillar(nc, 'web1', { pillarenv: '../base' }),
        (err: unknown) => err instanceof SaltTsError && err.code === 'SALTTS_BAD_MESSAGE' && /'pillarenv'/.test(err.message),
      );
    });
  });

  test('the master caches each started minion\'s pillar on disk, readable by its owner only', async () => {
    const path = join(fleet().masterDir, 'cache/minions/db1/pillar.json');
    for (let i = 0; i < 100 && !statSync(path, { throwIfNoEntry: false }); i++) await sleep(100);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal((JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>).db_password, 's3cret');
  });

  test('the file server does not serve pillar_roots', async () => {
    await asMinion(fleet(), 'web1', async (nc) => {
      for (const path of ['db.sls', 'top.sls', `../${tree}/base/db.sls`]) {
        const reply = await nc.request(Subjects.fileRequest('web1'), encodeJson({ op: 'stat', saltenv: 'base', path }), { timeout: 10_000 });
        assert.match(reply.headers?.get(REPLY_ERROR_HEADER) ?? '', /^SALTTS_FILE_(NOT_FOUND|PATH)$/, path);
      }
    });
  });

  test('pillar.show_pillar compiles a minion\'s pillar fresh, with its cached grains and pillarenv=', async () => {
    const res = await fleet().cli('salt-ts-run', ['pillar.show_pillar', 'web1', '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { greeting: 'hello web1', first_role: 'web', role: 'web', ...PROD });
    const prod = await fleet().cli('salt-ts-run', ['pillar.items', 'db1', 'pillarenv=prod', '--out', 'json']);
    assert.equal(prod.code, 0, prod.stderr);
    assert.deepEqual(JSON.parse(prod.stdout), PROD);
  });

  test('a pillar template may not call functions other than grains lookups on the master', async () => {
    const res = await fleet().cli('salt-ts-run', ['pillar.show_pillar', 'evil1', '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    const pillar = JSON.parse(res.stdout) as { _errors?: string[]; out?: unknown };
    assert.equal(pillar.out, undefined);
    assert.match(pillar._errors?.join('\n') ?? '', /pillar:\/\/base\/evil\.sls[\s\S]*salt\['cmd\.run'\] is not available to pillar templates rendered on the master for minion evil1/);
  });

  test('pillar.show_top lists the SLS files a minion gets per saltenv', async () => {
    const res = await fleet().cli('salt-ts-run', ['pillar.show_top', 'db1', '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { base: ['common', 'db'], prod: ['app'] });
  });

  test('pillar runners need a minion id', async () => {
    const res = await fleet().cli('salt-ts-run', ['pillar.show_pillar']);
    assert.notEqual(res.code, 0);
    assert.match(res.stderr, /SALTTS_BAD_ARGUMENT.*pillar\.show_pillar web1/);
  });
});
