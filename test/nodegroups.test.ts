import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SaltTsError } from '../shared/errors.js';
import { checkTarget, matchesTarget } from '../shared/targeting/match.js';
import { expandNodegroups } from '../shared/targeting/nodegroups.js';

const nodegroups: Record<string, unknown> = {
  webs: 'L@web1,web2 or web3*',
  debian: 'G@os:Debian',
  debian_webs: 'N@debian and N@webs',
  list_style: ['G@os:Red Hat', 'or', 'db*'],
  ids_string: 'web1,db1',
  ids_list: ['web1', 'db1'],
  regex_ids: 'web(1|2)',
  nested_list: 'G@os:Debian and N@ids_list',
  loop_a: 'web* or N@loop_b',
  loop_b: 'N@loop_a',
  self: 'N@self',
  to_missing: 'web* and N@missing',
  empty: '',
  number: 7,
};

const expand = (tgt: string | string[], tgtType: 'nodegroup' | 'compound' | 'glob') => expandNodegroups(tgt, tgtType, nodegroups);
const badTarget = (messagePart: string) => (err: unknown) =>
  err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET' && err.message.includes(messagePart);

describe('expandNodegroups', () => {
  test('a nodegroup target becomes the compound target of its group', () => {
    assert.deepEqual(expand('webs', 'nodegroup'), { tgt: 'L@web1,web2 or web3*', tgt_type: 'compound' });
    assert.deepEqual(expand('debian', 'nodegroup'), { tgt: 'G@os:Debian', tgt_type: 'compound' });
  });

  test('N@ inside a compound target is replaced by the group in parentheses', () => {
    assert.deepEqual(expand('N@webs and not db*', 'compound'), { tgt: '( L@web1,web2 or web3* ) and not db*', tgt_type: 'compound' });
    assert.deepEqual(expand('(N@debian)', 'compound'), { tgt: '( ( G@os:Debian ) )', tgt_type: 'compound' });
  });

  test('nested groups expand recursively', () => {
    assert.deepEqual(expand('debian_webs', 'nodegroup'), { tgt: '( G@os:Debian ) and ( L@web1,web2 or web3* )', tgt_type: 'compound' });
  });

  test('each element of a list-valued group is one word, whitespace and all', () => {
    assert.deepEqual(expand('list_style', 'nodegroup'), { tgt: ['G@os:Red Hat', 'or', 'db*'], tgt_type: 'compound' });
    const expanded = expand('N@list_style and not db2', 'compound');
    assert.deepEqual(expanded.tgt, ['(', 'G@os:Red Hat', 'or', 'db*', ')', 'and', 'not', 'db2']);
    const redHat = { id: 'rh1', grains: { os: 'Red Hat' } };
    assert.equal(matchesTarget(expanded.tgt, expanded.tgt_type, redHat), true);
  });

  test('a group of bare minion ids is read as a list, as Salt does', () => {
    assert.deepEqual(expand('ids_string', 'nodegroup'), { tgt: 'L@web1,db1', tgt_type: 'compound' });
    assert.deepEqual(expand('ids_list', 'nodegroup'), { tgt: 'L@web1,db1', tgt_type: 'compound' });
    assert.deepEqual(expand('nested_list', 'nodegroup'), { tgt: 'G@os:Debian and ( L@web1,db1 )', tgt_type: 'compound' });
  });

  test('a group of bare words with regular-expression characters is read as E@, as Salt does', () => {
    assert.deepEqual(expand('regex_ids', 'nodegroup'), { tgt: 'E@web(1|2)', tgt_type: 'compound' });
  });

  test('other targets pass through unchanged', () => {
    assert.deepEqual(expand('web*', 'glob'), { tgt: 'web*', tgt_type: 'glob' });
    assert.deepEqual(expand('(web* and G@os:Debian)', 'compound'), { tgt: '(web* and G@os:Debian)', tgt_type: 'compound' });
  });

  test('a cycle is refused, naming the groups', () => {
    assert.throws(() => expand('loop_a', 'nodegroup'), badTarget('nodegroup "loop_a" includes itself: loop_a -> loop_b -> loop_a'));
    assert.throws(() => expand('web1 or N@loop_b', 'compound'), badTarget('nodegroup "loop_b" includes itself: loop_b -> loop_a -> loop_b'));
    assert.throws(() => expand('self', 'nodegroup'), badTarget('nodegroup "self" includes itself: self -> self'));
  });

  test('an unknown group is refused, naming it', () => {
    assert.throws(() => expand('nope', 'nodegroup'), badTarget('unknown nodegroup "nope"'));
    assert.throws(() => expand('to_missing', 'nodegroup'), badTarget('unknown nodegroup "missing"'));
    assert.throws(() => expand('N@toString', 'compound'), badTarget('unknown nodegroup "toString"'));
  });

  test('an empty group or one that is neither a string nor a list is refused', () => {
    assert.throws(() => expand('empty', 'nodegroup'), badTarget('nodegroup "empty" is empty'));
    assert.throws(() => expand('number', 'nodegroup'), badTarget('nodegroup "number" must be a compound target string or a list'));
  });

  test('the expansion is a target the minions can match', () => {
    const { tgt, tgt_type } = expand('N@debian_webs or db1', 'compound');
    assert.doesNotThrow(() => checkTarget(tgt, tgt_type));
    const matches = (id: string, os: string) => matchesTarget(tgt, tgt_type, { id, grains: { os } });
    assert.equal(matches('web1', 'Debian'), true);
    assert.equal(matches('web3x', 'Debian'), true);
    assert.equal(matches('web1', 'Ubuntu'), false);
    assert.equal(matches('db1', 'Ubuntu'), true);
  });
});
