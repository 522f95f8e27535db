import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSaltTsError } from '../shared/errors.js';
import { getOutputter, outputterNames, type OutputOptions } from '../shared/output/index.js';
import { pyRepr } from '../shared/output/pyrepr.js';

const plain: OutputOptions = { color: false };
const format = (name: string, data: unknown, opts: OutputOptions = plain) => getOutputter(name).format(data, opts);

const RETURN = {
  web1: {
    list: ['Hello', 'World'],
    bar: 'baz',
    dictionary: { def: 456, abc: 123 },
  },
};

describe('outputter registry', () => {
  it('lists Salt names', () => {
    assert.deepEqual(outputterNames(), ['nested', 'json', 'yaml', 'txt', 'raw', 'quiet', 'highstate']);
  });

  it('rejects an unknown outputter, naming it and the known ones', () => {
    assert.throws(
      () => getOutputter('pprint'),
      (err) =>
        isSaltTsError(err) &&
        err.code === 'SALTTS_UNKNOWN_OUTPUTTER' &&
        err.message.includes("'pprint'") &&
        err.message.includes('nested, json, yaml, txt, raw, quiet'),
    );
  });
});

describe('pyRepr', () => {
  it('prints scalars as Python', () => {
    assert.equal(pyRepr(true), 'True');
    assert.equal(pyRepr(false), 'False');
    assert.equal(pyRepr(null), 'None');
    assert.equal(pyRepr(42), '42');
    assert.equal(pyRepr(1.5), '1.5');
    assert.equal(pyRepr(1.5e-5), '1.5e-05');
    assert.equal(pyRepr(1e21), '1000000000000000000000');
    assert.equal(pyRepr('str'), "'str'");
  });

  it('quotes and escapes strings as Python', () => {
    assert.equal(pyRepr("it's"), `"it's"`);
    assert.equal(pyRepr(`it's "x"`), `'it\\'s "x"'`);
    assert.equal(pyRepr('a\nb\t\\\x1b'), "'a\\nb\\t\\\\\\x1b'");
    assert.equal(pyRepr('ünï'), "'ünï'");
  });

  it('prints containers as Python', () => {
    assert.equal(pyRepr(['a', 'b']), "['a', 'b']");
    assert.equal(pyRepr({ k: 'v', n: [1, null], e: {} }), "{'k': 'v', 'n': [1, None], 'e': {}}");
  });
});

describe('nested outputter', () => {
  it('lays out a minion return as Salt does, keys sorted', () => {
    const expected = [
      'web1:',
      '    ----------',
      '    bar:',
      '        baz',
      '    dictionary:',
      '        ----------',
      '        abc:',
      '            123',
      '        def:',
      '            456',
      '    list:',
      '        - Hello',
      '        - World',
    ].join('\n');
    assert.equal(format('nested', RETURN), expected);
  });

  it('prints a top-level scalar return under the minion id', () => {
    assert.equal(format('nested', { web1: true }), 'web1:\n    True');
    assert.equal(format('nested', { web1: false }), 'web1:\n    False');
    assert.equal(format('nested', { web1: null }), 'web1:\n    None');
    assert.equal(format('nested', { web1: 3 }), 'web1:\n    3');
    assert.equal(format('nested', { web1: 'pong' }), 'web1:\n    pong');
    assert.equal(format('nested', 'just text'), 'just text');
  });

  it('prints multi-line strings line by line at the indent', () => {
    assert.equal(format('nested', { web1: 'line one\nline two\n' }), 'web1:\n    line one\n    line two');
    assert.equal(format('nested', { web1: ['a\nb'] }), 'web1:\n    - a\n      b');
  });

  it('prints empty values as Salt does', () => {
    assert.equal(format('nested', { web1: {} }), 'web1:\n    ----------');
    assert.equal(format('nested', { web1: [] }), 'web1:');
    assert.equal(format('nested', { web1: '' }), 'web1:');
    assert.equal(format('nested', {}), '');
  });

  it('marks dicts and lists inside lists with |_', () => {
    const data = { web1: [{ name: 'x', ok: true }, ['a', 1], 'tail'] };
    const expected = [
      'web1:',
      '    |_',
      '      ----------',
      '      name:',
      '          x',
      '      ok:',
      '          True',
      '    |_',
      '      - a',
      '      - 1',
      '    - tail',
    ].join('\n');
    assert.equal(format('nested', data), expected);
  });

  it('starts from the given indent', () => {
    assert.equal(format('nested', { a: 1 }, { color: false, indent: 2 }), '  ----------\n  a:\n      1');
  });

  it('colours as Salt: cyan keys and rules, green strings and |_, yellow scalars', () => {
    const data = { web1: { s: 'x', b: false, l: [1, { k: 'v' }] } };
    const expected = [
      '\x1b[0;36mweb1\x1b[0;0m:',
      '    \x1b[0;36m----------\x1b[0;0m',
      '    \x1b[0;36mb\x1b[0;0m:',
      '        \x1b[0;1;33mFalse\x1b[0;0m',
      '    \x1b[0;36ml\x1b[0;0m:',
      '        \x1b[0;1;33m- 1\x1b[0;0m',
      '        \x1b[0;32m|_\x1b[0;0m',
      '          \x1b[0;36m----------\x1b[0;0m',
      '          \x1b[0;36mk\x1b[0;0m:',
      '              \x1b[0;32mv\x1b[0;0m',
      '    \x1b[0;36ms\x1b[0;0m:',
      '        \x1b[0;32mx\x1b[0;0m',
    ].join('\n');
    assert.equal(format('nested', data, { color: true }), expected);
  });

  it('emits no escape codes without colour', () => {
    assert.doesNotMatch(format('nested', { web1: { s: 'x', b: false, l: [1, { k: 'v' }] } }), /\x1b/);
  });
});

describe('json outputter', () => {
  it('indents by 4 in insertion order', () => {
    const expected = '{\n    "web1": {\n        "b": true,\n        "a": [\n            1,\n            null\n        ]\n    }\n}';
    assert.equal(format('json', { web1: { b: true, a: [1, null] } }), expected);
  });

  it('honours --out-indent, a negative one giving a single line', () => {
    assert.equal(format('json', { a: [1, 2], b: {} }, { color: false, indent: -1 }), '{"a": [1, 2], "b": {}}');
    assert.equal(format('json', { a: 1 }, { color: false, indent: 2 }), '{\n  "a": 1\n}');
  });

  it('never colours', () => {
    assert.equal(format('json', { a: 'x' }, { color: true }), format('json', { a: 'x' }));
  });
});

describe('yaml outputter', () => {
  it('writes sorted block style as PyYAML safe_dump', () => {
    const data = { web1: { list: ['Hello', { x: null, y: true }], bar: 'baz', num: '123', empty: {}, none: [] } };
    const expected = [
      'web1:',
      '  bar: baz',
      '  empty: {}',
      '  list:',
      '  - Hello',
      '  - x: null',
      '    y: true',
      '  none: []',
      "  num: '123'",
      '',
    ].join('\n');
    assert.equal(format('yaml', data), expected);
  });

  it('writes multi-line strings single-quoted as PyYAML', () => {
    assert.equal(format('yaml', { web1: 'a\nb' }), "web1: 'a\n\n  b'\n");
  });
});

describe('txt outputter', () => {
  it('prints one `id: value` line per key, strings line by line', () => {
    assert.equal(format('txt', { web1: 'up 3 days\nload 0.1', web2: true }), 'web1: up 3 days\nweb1: load 0.1\nweb2: True\n');
  });

  it('prints structured values as Python', () => {
    assert.equal(format('txt', { web1: { a: [1, null] } }), "web1: {'a': [1, None]}\n");
  });
});

describe('raw outputter', () => {
  it('prints the Python repr of the data', () => {
    assert.equal(format('raw', RETURN), "{'web1': {'list': ['Hello', 'World'], 'bar': 'baz', 'dictionary': {'def': 456, 'abc': 123}}}");
    assert.equal(format('raw', { web1: false }), "{'web1': False}");
  });

  it('prints a string as is', () => {
    assert.equal(format('raw', 'pong'), 'pong');
  });
});

describe('quiet outputter', () => {
  it('prints nothing', () => {
    assert.equal(format('quiet', RETURN), '');
  });
});
