// The top file: targets in order, `- match:` kinds read by the real targeting matcher,
// several saltenvs merged as Salt's default top_file_merging_strategy (merge) does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchTop, TopFileError, type TopFile } from '../shared/state/top/index.js';
import { matchesTarget } from '../shared/targeting/match.js';
import type { MinionFacts, TargetType } from '../shared/targeting/types.js';
import { parseYaml } from '../shared/yaml.js';

const top = (saltenv: string, text: string): TopFile => ({ saltenv, data: parseYaml(text, `salt://top.sls (${saltenv})`), source: `${saltenv}:top.sls` });

const minion = (id: string, grains: Record<string, unknown>) => (tgt: string, tgtType: string) =>
  matchesTarget(tgt, tgtType as TargetType, { id, grains } satisfies MinionFacts);

const web1 = minion('web1', { os: 'Debian', roles: ['web'] });
const db1 = minion('db1', { os: 'Rocky', roles: ['db'] });

const baseTop = top(
  'base',
  `
base:
  '*':
    - common
  'web*':
    - webapp
  'os:Debian':
    - match: grain
    - debian
  'roles:db':
    - match: grain
    - database
  'G@roles:web and not db*':
    - webapp.tuning
  'web1,web2':
    - match: list
    - dev: webapp.debug
dev:
  'web*':
    - webapp.dev
`,
);

test('targets in written order, each read with its match kind (compound by default)', () => {
  assert.deepEqual(matchTop([baseTop], web1), {
    base: ['common', 'webapp', 'debian', 'webapp.tuning'],
    dev: ['webapp.debug', 'webapp.dev'],
  });
  assert.deepEqual(matchTop([baseTop], db1), { base: ['common', 'database'] });
});

test('merge: the base top file is authoritative; another saltenv counts only for itself', () => {
  const devTop = top('dev', "dev:\n  '*':\n    - devtools\nbase:\n  '*':\n    - from-dev-top\n");
  const qaTop = top('qa', "qa:\n  'db*':\n    - qa.fixtures\nbase:\n  '*':\n    - ignored\n");
  assert.deepEqual(matchTop([devTop, qaTop, baseTop], db1), { base: ['common', 'database'], qa: ['qa.fixtures'] });
  const baseWithoutDev = top('base', "base:\n  '*':\n    - common\n");
  assert.deepEqual(matchTop([baseWithoutDev, devTop], db1), { base: ['common'], dev: ['devtools'] });
});

test('no match and an empty top file give no SLS', () => {
  assert.deepEqual(matchTop([top('base', "base:\n  'nobody':\n    - common\n"), top('dev', '')], web1), {});
});

test('a malformed top file is refused with every problem, naming the file', () => {
  const bad = top('base', "base:\n  '*': common\n  'web*':\n    - ''\n    - match:\ndev: [a]\n");
  assert.throws(
    () => matchTop([bad], web1),
    (err: unknown) => {
      assert.ok(err instanceof TopFileError);
      assert.equal(err.code, 'SALTTS_STATE_COMPILE');
      assert.deepEqual(err.errors, [
        "base:top.sls: Malformed topfile (state declarations for target '*' in saltenv base not formed as a list)",
        'base:top.sls: Environment base contains an empty sls index',
        'base:top.sls: Improperly formatted top file matcher in saltenv base: {"match":null}',
        'base:top.sls: The top file matches for saltenv dev are not formatted as a dict',
      ]);
      return true;
    },
  );
  assert.throws(() => matchTop([top('base', '- a\n')], web1), /base:top.sls: Top data was not formed as a dict/);
});
