// End to end: every targeting kind against real minions with real grains, through
// the master's grains cache, and malformed targets refused before publishing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { returnsOf } from './support/returns.js';
import { useFleet } from './support/cluster.js';

const MINIONS = [
  { id: 'web1', grains: { roles: ['web'], app: { tier: 'front', ports: [80, 443] } } },
  { id: 'web2', grains: { roles: ['web', 'cache'], app: { tier: 'back' } } },
  { id: 'db1', grains: { roles: ['db'], app: { tier: 'data' } } },
];

describe('targeting, end to end', () => {
  const fleet = useFleet('targeting', MINIONS, {
    master: {
      nodegroups: { webservers: 'G@roles:web', datastores: ['db1'], everything: 'N@webservers or N@datastores' },
    },
  });

  const cases: Array<[string, string[], string[]]> = [
    ['glob', ['web*'], ['web1', 'web2']],
    ['pcre', ['-E', '(web1|db)'], ['db1', 'web1']],
    ['list', ['-L', 'web2,db1'], ['db1', 'web2']],
    ['grain in a list', ['-G', 'roles:web'], ['web1', 'web2']],
    ['nested grain', ['-G', 'app:tier:front'], ['web1']],
    ['grain inside a nested list', ['-G', 'app:ports:443'], ['web1']],
    ['grain pcre', ['-P', 'app:tier:(front|data)'], ['db1', 'web1']],
    ['nodegroup', ['-N', 'webservers'], ['web1', 'web2']],
    ['list nodegroup', ['-N', 'datastores'], ['db1']],
    ['nested nodegroups', ['-N', 'everything'], ['db1', 'web1', 'web2']],
    ['compound with not', ['-C', 'G@roles:web and not web2'], ['web1']],
    ['compound with parentheses', ['-C', '( web1 or db1 ) and not G@roles:db'], ['web1']],
    ['compound precedence', ['-C', 'db1 or web* and not G@roles:cache'], ['db1', 'web1']],
    ['compound with a nodegroup and a list', ['-C', 'N@webservers and L@web2,db1'], ['web2']],
    ['subnet', ['-S', '127.0.0.0/8'], ['db1', 'web1', 'web2']],
  ];
  for (const [kind, target, expected] of cases) {
    test(`${kind}: ${target.join(' ')}`, async () => {
      const res = await fleet().cli('salt-ts', [...target, 'test.ping', '--out', 'json']);
      assert.equal(res.code, 0, res.stdout + res.stderr);
      assert.deepEqual(Object.keys(returnsOf(res.stdout)).sort(), expected);
    });
  }

  test('a target that matches nothing prints so and exits 2', async () => {
    const res = await fleet().cli('salt-ts', ['-G', 'roles:mail', 'test.ping']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^No minions matched the target\./);
  });

  test('a malformed compound target is refused before publishing, with the position', async () => {
    const res = await fleet().cli('salt-ts', ['-C', 'G@os and (', 'test.ping']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /SALTTS_BAD_TARGET.*"G@os and \(".*position \d+/);
  });

  test('a pillar target matches no minion when no pillar sets the key', async () => {
    const res = await fleet().cli('salt-ts', ['-I', 'role:web', 'test.ping']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^No minions matched the target\./);
  });

  test('an unknown nodegroup is named in the error', async () => {
    const res = await fleet().cli('salt-ts', ['-N', 'nosuchgroup', 'test.ping']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /nosuchgroup/);
  });

  test('a grain set on a minion is targetable at once (the master cache is refreshed)', async () => {
    const set = await fleet().cli('salt-ts', ['db1', 'grains.setval', 'deployed', 'yes-today']);
    assert.equal(set.code, 0, set.stdout + set.stderr);
    const res = await fleet().cli('salt-ts', ['-G', 'deployed:yes-*', 'test.ping', '--out', 'json']);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.deepEqual(Object.keys(returnsOf(res.stdout)), ['db1']);
  });
});
