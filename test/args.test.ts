import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, parseFunctionCall, yamlifyArg } from '../shared/args.js';

describe('yamlifyArg', () => {
  test('integers and booleans are typed', () => {
    assert.equal(yamlifyArg('1'), 1);
    assert.equal(yamlifyArg('-7'), -7);
    assert.equal(yamlifyArg('true'), true);
    assert.equal(yamlifyArg('false'), false);
  });

  test('an integer too large to hold exactly (a jid) stays text', () => {
    assert.equal(yamlifyArg('20261122094309449123'), '20261122094309449123');
    assert.equal(yamlifyArg('9007199254740991'), 9007199254740991);
  });

  test('YAML 1.1 yes/no read as booleans', () => {
    assert.equal(yamlifyArg('yes'), true);
    assert.equal(yamlifyArg('no'), false);
    assert.equal(yamlifyArg('off'), false);
  });

  test('a leading-zero integer is decimal, as Salt loads it', () => {
    assert.equal(yamlifyArg('0755'), 755);
  });

  test('floats are typed', () => {
    assert.equal(yamlifyArg('1.5'), 1.5);
  });

  test('a braced mapping becomes an object', () => {
    assert.deepEqual(yamlifyArg('{"a": 1}'), { a: 1 });
    assert.deepEqual(yamlifyArg('{a: b, c: [1, 2]}'), { a: 'b', c: [1, 2] });
  });

  test('a bracketed sequence becomes an array', () => {
    assert.deepEqual(yamlifyArg('[1,2]'), [1, 2]);
    assert.deepEqual(yamlifyArg('[a, true]'), ['a', true]);
  });

  test('plain text stays the same string', () => {
    assert.equal(yamlifyArg('hello world'), 'hello world');
    assert.equal(yamlifyArg('web1'), 'web1');
  });

  test('a mapping without braces stays the original string', () => {
    assert.equal(yamlifyArg('a: b'), 'a: b');
  });

  test('a block sequence without brackets stays the original string', () => {
    assert.equal(yamlifyArg('- a'), '- a');
  });

  test('empty and blank strings stay strings', () => {
    assert.equal(yamlifyArg(''), '');
    assert.equal(yamlifyArg('  '), '  ');
  });

  test('null spellings give null', () => {
    assert.equal(yamlifyArg('~'), null);
    assert.equal(yamlifyArg('null'), null);
  });

  test("None gives null, as Salt's yamlify_arg special-cases it", () => {
    assert.equal(yamlifyArg('None'), null);
  });

  test('YAML-only punctuation is kept as text', () => {
    assert.equal(yamlifyArg('|'), '|');
    assert.equal(yamlifyArg('!'), '!');
    assert.equal(yamlifyArg('#'), '#');
    assert.equal(yamlifyArg('_-_'), '_-_');
  });

  test('a date stays a string', () => {
    assert.equal(yamlifyArg('2024-01-01'), '2024-01-01');
  });

  test('unparseable YAML stays the original text', () => {
    assert.equal(yamlifyArg('[1'), '[1');
  });
});

describe('parseCliArgs', () => {
  test('key=value is a keyword argument with a typed value', () => {
    assert.deepEqual(parseCliArgs(['name=web', 'count=3', 'force=true']), {
      arg: [],
      kwarg: { name: 'web', count: 3, force: true },
    });
  });

  test('everything else is positional, in order', () => {
    assert.deepEqual(parseCliArgs(['hello world', '1', '[1,2]']), { arg: ['hello world', 1, [1, 2]], kwarg: {} });
  });

  test('positional and keyword arguments mix', () => {
    assert.deepEqual(parseCliArgs(['a', 'x=1', 'b']), { arg: ['a', 'b'], kwarg: { x: 1 } });
  });

  test('==x and a key starting with a digit are not keyword arguments', () => {
    assert.deepEqual(parseCliArgs(['==x', '1a=b']), { arg: ['==x', '1a=b'], kwarg: {} });
  });

  test('key==value (a comparison) is not a keyword argument', () => {
    assert.deepEqual(parseCliArgs(['a==b']), { arg: ['a==b'], kwarg: {} });
  });

  test('a key with a space is not a keyword argument', () => {
    assert.deepEqual(parseCliArgs(['a b=c']), { arg: ['a b=c'], kwarg: {} });
  });

  test('only the first = splits; the value may hold more', () => {
    assert.deepEqual(parseCliArgs(['k=v=w']).kwarg, { k: 'v=w' });
  });

  test('an empty value is the empty string', () => {
    assert.deepEqual(parseCliArgs(['x=']).kwarg, { x: '' });
  });

  test('keys may contain dots, dashes and underscores', () => {
    assert.deepEqual(parseCliArgs(['_k.a-b=1']).kwarg, { '_k.a-b': 1 });
  });

  test('a keyword value is typed like a positional one', () => {
    assert.deepEqual(parseCliArgs(['data={"a": 1}', 'mode=0755', 'text=a: b']).kwarg, {
      data: { a: 1 },
      mode: 755,
      text: 'a: b',
    });
  });

  test('a later duplicate keyword wins', () => {
    assert.deepEqual(parseCliArgs(['x=1', 'x=2']).kwarg, { x: 2 });
  });
});

describe('parseFunctionCall', () => {
  test('one function: arguments and keywords as parseCliArgs reads them', () => {
    assert.deepEqual(parseFunctionCall('test.arg', ['1', 'a=b']), { fun: 'test.arg', arg: [1], kwarg: { a: 'b' } });
  });

  test('several functions with a standalone separator', () => {
    assert.deepEqual(parseFunctionCall('test.echo,test.ping,test.kwarg', ['hi there', ',', ',', 'x=1']), {
      fun: ['test.echo', 'test.ping', 'test.kwarg'],
      arg: [['hi there'], [], []],
      kwarg: [{}, {}, { x: 1 }],
    });
  });

  test('several functions with the separator inside words (old style)', () => {
    assert.deepEqual(parseFunctionCall('cmd.run,test.echo', ['ls,foo']), { fun: ['cmd.run', 'test.echo'], arg: [['ls'], ['foo']], kwarg: [{}, {}] });
  });

  test('--args-separator picks another separator', () => {
    assert.deepEqual(parseFunctionCall('test.echo,test.echo', ['a,b', '::', 'c'], '::'), { fun: ['test.echo', 'test.echo'], arg: [['a,b'], ['c']], kwarg: [{}, {}] });
  });

  test('too few or too many argument groups is a usage error', () => {
    assert.throws(() => parseFunctionCall('test.ping,test.ping,test.ping', ['a,b,c,d']), /more arguments than commands/);
    assert.throws(() => parseFunctionCall('test.echo,test.echo,test.echo', ['a', ',', 'b', 'c']), /without defining all arguments/);
  });
});
