import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SaltTsError } from '../shared/errors.js';
import { parseCompound } from '../shared/targeting/compound.js';
import { checkTarget, matchesTarget } from '../shared/targeting/match.js';
import type { MinionFacts } from '../shared/targeting/types.js';

const fleet: MinionFacts[] = [
  { id: 'web1', grains: { os: 'Debian', roles: ['web'], ipv4: ['10.0.0.1'] } },
  { id: 'web2', grains: { os: 'Ubuntu', roles: ['web', 'cache'], ipv4: ['10.0.0.2'] } },
  { id: 'db1', grains: { os: 'Debian', roles: ['db'], ipv4: ['10.0.1.1'] } },
  { id: 'db2', grains: { os: 'CentOS', roles: ['db'], ipv4: ['192.168.1.5'] } },
];

/** The ids of the fleet a compound target matches. */
const matched = (tgt: string | string[]) => fleet.filter((minion) => matchesTarget(tgt, 'compound', minion)).map((minion) => minion.id);

describe('compound targets', () => {
  test('a plain word is a glob on the minion id', () => {
    assert.deepEqual(matched('web*'), ['web1', 'web2']);
  });

  test('each engine letter picks its matcher', () => {
    assert.deepEqual(matched('G@os:Debian'), ['web1', 'db1']);
    assert.deepEqual(matched('P@os:(Debian|CentOS)'), ['web1', 'db1', 'db2']);
    assert.deepEqual(matched('E@web\\d'), ['web1', 'web2']);
    assert.deepEqual(matched('L@web2,db2'), ['web2', 'db2']);
    assert.deepEqual(matched('S@10.0.0.0/24'), ['web1', 'web2']);
    assert.deepEqual(matched('S@192.168.1.5'), ['db2']);
  });

  test('G, P, I and J take their own delimiter before @', () => {
    assert.deepEqual(matched('G;@roles;cache'), ['web2']);
    assert.deepEqual(matched('P|@os|Cent'), ['db2']);
  });

  test('and, or, not', () => {
    assert.deepEqual(matched('G@os:Debian and web*'), ['web1']);
    assert.deepEqual(matched('web1 or db2'), ['web1', 'db2']);
    assert.deepEqual(matched('web* and not G@os:Debian'), ['web2']);
  });

  test('a leading not is allowed', () => {
    assert.deepEqual(matched('not web*'), ['db1', 'db2']);
    assert.deepEqual(matched('not not web1'), ['web1']);
  });

  test('not right after a target means "and not", as in Salt', () => {
    assert.deepEqual(matched('web* not web1'), ['web2']);
  });

  test('not binds tighter than and, which binds tighter than or', () => {
    // web1 or (db1 and (not db1)): only web1.
    assert.deepEqual(matched('web1 or db1 and not db1'), ['web1']);
    // (not web1) and web*: web2.
    assert.deepEqual(matched('not web1 and web*'), ['web2']);
    // a or b and not c: with a=db*, b=G@roles:web, c=web2
    assert.deepEqual(matched('db* or G@roles:web and not web2'), ['web1', 'db1', 'db2']);
  });

  test('parentheses group', () => {
    assert.deepEqual(matched('( web1 or db1 ) and not G@os:Debian'), []);
    assert.deepEqual(matched('( web1 or db2 ) and not G@os:Debian'), ['db2']);
    assert.deepEqual(matched('not ( web* or G@os:CentOS )'), ['db1']);
  });

  test('parentheses may be glued to words', () => {
    assert.deepEqual(matched('(G@os:Debian and web*)'), ['web1']);
    assert.deepEqual(matched('((web1 or db1)) and G@roles:db'), ['db1']);
    // Only at the edges of a word: `not(web*` is one glob word, so the `)` has no partner.
    assert.throws(() => checkTarget('not(web* or db1)', 'compound'), /unmatched "\)" at position 16/);
  });

  test('a regular expression keeps its own parentheses', () => {
    assert.deepEqual(matched('E@(web|db)1'), ['web1', 'db1']);
    assert.deepEqual(matched('(E@web(1|2))'), ['web1', 'web2']);
    assert.deepEqual(matched('( db2 or E@web(1) )'), ['web1', 'db2']);
    assert.deepEqual(matched('E@db\\)|web1'), ['web1']);
  });

  test('a list target is already split into words', () => {
    assert.deepEqual(matched(['G@os:Debian', 'and', 'not', 'db*']), ['web1']);
  });

  test('an expression is parsed once, then evaluated per minion', () => {
    assert.equal(parseCompound('web* and G@os:Debian'), parseCompound('web* and G@os:Debian'));
  });

  test('nodegroups must be expanded by the master before minions see them', () => {
    assert.doesNotThrow(() => checkTarget('N@group1 and web*', 'compound'));
    assert.throws(
      () => matchesTarget('web1 or N@group1', 'compound', fleet[0]!),
      (err: unknown) => err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET' && err.message.includes('nodegroups must be expanded by the master'),
    );
  });

  test('a pillar word does not match without a known pillar; the rest of the target still counts', () => {
    assert.equal(matchesTarget('I@role:db', 'compound', { id: 'db1' }), false);
    assert.equal(matchesTarget('web1 or I@role:db', 'compound', fleet[0]!), true);
    assert.equal(matchesTarget('not I@role:db', 'compound', { id: 'db1' }), true);
    assert.equal(matchesTarget('web1 or I@role:db', 'compound', { id: 'db1', pillar: { role: 'db' } }), true);
    assert.equal(matchesTarget('J@role:d.$', 'compound', { id: 'db1', pillar: { role: 'db' } }), true);
  });
});

describe('malformed compound targets', () => {
  const cases: Array<[tgt: string | string[], message: string]> = [
    ['G@os and (', 'invalid compound target "G@os and (": expected a target after "(" at position 10'],
    ['and web1', 'invalid compound target "and web1": expected a target before "and" at position 1'],
    ['web1 or', 'invalid compound target "web1 or": expected a target after "or" at position 6'],
    ['web1 and not', 'invalid compound target "web1 and not": expected a target after "not" at position 10'],
    ['( or web1 )', 'invalid compound target "( or web1 )": expected a target before "or" at position 3'],
    ['web1 ( )', 'invalid compound target "web1 ( )": expected "and" or "or" before "(" at position 6'],
    ['( )', 'invalid compound target "( )": expected a target before ")" at position 3'],
    ['G@', 'invalid compound target "G@": missing pattern after "G@" at position 1'],
    ['web1 or G;@', 'invalid compound target "web1 or G;@": missing pattern after "G;@" at position 9'],
    ['(web1 or db1', 'invalid compound target "(web1 or db1": unclosed "(" at position 1'],
    ['( ( web1 ) or db1', 'invalid compound target "( ( web1 ) or db1": unclosed "(" at position 1'],
    ['web1)', 'invalid compound target "web1)": unmatched ")" at position 5'],
    ['web1 ) or ( db1', 'invalid compound target "web1 ) or ( db1": unmatched ")" at position 6'],
    ['X@foo', 'invalid compound target "X@foo": unknown target engine "X@" at position 1'],
    ['web1 or R@%cluster', 'invalid compound target "web1 or R@%cluster": unknown target engine "R@" at position 9'],
    ['web1 web2', 'invalid compound target "web1 web2": expected "and" or "or" before "web2" at position 6'],
    ['( web1 web2 )', 'invalid compound target "( web1 web2 )": expected "and" or "or" before "web2" at position 8'],
    ['', 'invalid compound target "": it is empty'],
    ['   ', 'invalid compound target "   ": it is empty'],
    [['web1', 'or'], 'invalid compound target "web1 or": expected a target after "or" at position 6'],
  ];
  for (const [tgt, message] of cases) {
    test(JSON.stringify(tgt), () => {
      assert.throws(() => checkTarget(tgt, 'compound'), (err: unknown) => err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET' && err.message === message);
    });
  }

  test('a word its own matcher refuses is named with its position', () => {
    const refused: Array<[tgt: string, word: string, position: number]> = [
      ['web1 or E@web(', 'E@web(', 9],
      ['G@os', 'G@os', 1],
      ['web1 and P@os:Deb(', 'P@os:Deb(', 10],
      ['S@10.0.0.1/8 or web1', 'S@10.0.0.1/8', 1],
      ['web[z-a] or db1', 'web[z-a]', 1],
    ];
    for (const [tgt, word, position] of refused) {
      let message = '';
      try {
        checkTarget(tgt, 'compound');
      } catch (err) {
        assert.ok(err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET', String(err));
        message = err.message;
      }
      assert.ok(message.startsWith(`invalid compound target ${JSON.stringify(tgt)}: "${word}" is not a valid target (`), message);
      assert.ok(message.endsWith(`at position ${position}`), message);
    }
  });

  test('matching a malformed target throws too', () => {
    assert.throws(() => matchesTarget('web1 or', 'compound', fleet[0]!), (err: unknown) => err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET');
  });

  test('a word that only looks like an engine is a glob, as in Salt', () => {
    assert.doesNotThrow(() => checkTarget('XY@foo or L;@x', 'compound'));
  });
});
