import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dumpYaml, parseYaml, YamlSyntaxError } from '../shared/yaml.js';

const load = (text: string): unknown => parseYaml(text, 'test.sls');

test('YAML 1.1 booleans load as booleans, y and n stay strings', () => {
  assert.deepEqual(load('[yes, Yes, YES, on, On, ON, true, True, TRUE]'), Array(9).fill(true));
  assert.deepEqual(load('[no, No, NO, off, Off, OFF, false, False, FALSE]'), Array(9).fill(false));
  assert.deepEqual(load('[y, n, Y, N]'), ['y', 'n', 'Y', 'N']);
});

test('~, null and an empty value load as null', () => {
  assert.deepEqual(load('a: ~\nb: null\nc: NULL\nd:\n'), { a: null, b: null, c: null, d: null });
});

test('1.10 is the float 1.1; PyYAML float forms', () => {
  assert.deepEqual(load('[1.10, .5, 1., 1.0e+3, -2.5, .inf, -.inf]'), [1.1, 0.5, 1, 1000, -2.5, Infinity, -Infinity]);
  assert.ok(Number.isNaN(load('.nan')));
  // PyYAML needs a dot and a signed exponent to see a float
  assert.deepEqual(load('[1e5, 1.0e5]'), ['1e5', '1.0e5']);
});

test('integers in decimal, hex, binary, with underscores, sexagesimal', () => {
  assert.deepEqual(load('[0, 42, -7, +3, 0x1F, 0b101, 1_000, "1:30", 1:30]'), [0, 42, -7, 3, 31, 5, 1000, '1:30', 90]);
});

test('an unquoted leading-zero integer is read as decimal, a quoted one stays a string', () => {
  assert.deepEqual(load('mode: 0755\nquoted: "0755"\nsingle: \'0644\'\nzeros: 00'), {
    mode: 755,
    quoted: '0755',
    single: '0644',
    zeros: 0,
  });
});

test('digits that are neither decimal nor octal stay a string', () => {
  assert.equal(load('08'), '08');
});

test('dates and timestamps stay strings', () => {
  assert.deepEqual(load('d: 2024-01-02\nt: 2024-01-02 10:20:30\niso: 2024-01-02T10:20:30Z'), {
    d: '2024-01-02',
    t: '2024-01-02 10:20:30',
    iso: '2024-01-02T10:20:30Z',
  });
});

test("a duplicate key is refused at its line, as Salt's loader does", () => {
  assert.throws(() => load('a: 1\nb: 2\na: 3\n'), /line 3, column 1: found conflicting ID 'a'/);
  assert.throws(() => load('web:\n  pkg.installed: []\n  "pkg.installed": []\n'), /line 3, column 3: found conflicting ID 'pkg.installed'/);
  assert.deepEqual(load('base: &b {x: 1}\nderived:\n  <<: *b\n  x: 2\n'), { base: { x: 1 }, derived: { x: 2 } }, 'a merge key is not a duplicate');
});

test('merge keys work as in YAML 1.1', () => {
  assert.deepEqual(load('base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n'), {
    base: { x: 1, y: 2 },
    derived: { x: 1, y: 3 },
  });
});

test('an empty document is null', () => {
  assert.equal(load(''), null);
  assert.equal(load('# only a comment\n'), null);
});

function syntaxError(text: string): YamlSyntaxError {
  try {
    parseYaml(text, '/srv/top.sls');
  } catch (err) {
    assert.ok(err instanceof YamlSyntaxError, `expected YamlSyntaxError, got ${String(err)}`);
    return err;
  }
  assert.fail(`no error for ${JSON.stringify(text)}`);
}

test('a syntax error names the source, 1-based line and column', () => {
  const err = syntaxError('a: 1\nb: c: d\n');
  assert.equal(err.source, '/srv/top.sls');
  assert.equal(err.line, 2);
  assert.equal(err.column, 4);
  assert.match(err.message, new RegExp(`^/srv/top\\.sls, line 2, column ${err.column}: \\S`));
  assert.ok(err instanceof Error);
});

test('a syntax error at the start of a line reports column 1', () => {
  const err = syntaxError('a: 1\nb: 2\n@c: 3\n');
  assert.equal(err.line, 3);
  assert.equal(err.column, 1);
  assert.equal(err.message, '/srv/top.sls, line 3, column 1: Plain value cannot start with reserved character @');
});

test('an unknown tag is an error, as for the safe loader', () => {
  assert.equal(syntaxError('a: !python/object x\n').line, 1);
});

test('several documents are an error', () => {
  const err = syntaxError('a: 1\n---\nb: 2\n');
  assert.equal(err.line, 2);
  assert.match(err.message, /single document/);
});

test('dumpYaml writes block style with PyYAML list indentation', () => {
  const text = dumpYaml({ pkgs: ['vim', 'git'], svc: { name: 'nginx', enabled: true, pid: null }, n: 3, f: 1.5 });
  assert.equal(text, 'pkgs:\n- vim\n- git\nsvc:\n  name: nginx\n  enabled: true\n  pid: null\nn: 3\nf: 1.5\n');
});

test('dumpYaml keeps insertion order of keys', () => {
  assert.equal(dumpYaml({ b: 1, a: 2, c: 3 }), 'b: 1\na: 2\nc: 3\n');
});

test('dumpYaml writes empty collections in flow style', () => {
  assert.equal(dumpYaml({ d: {}, l: [] }), 'd: {}\nl: []\n');
  assert.equal(dumpYaml({}), '{}\n');
});

test('dumpYaml quotes strings only when they would load as something else', () => {
  const value = { a: 'yes', b: '0755', c: '2024-01-02', d: '1.5', e: 'null', f: '', g: 'plain text', h: 'y', i: '08' };
  assert.equal(
    dumpYaml(value),
    "a: 'yes'\nb: '0755'\nc: '2024-01-02'\nd: '1.5'\ne: 'null'\nf: ''\ng: plain text\nh: y\ni: 08\n",
  );
});

test('dumpYaml output loads back to the same value', () => {
  const value = {
    s: ['on', '1:30', 'a: b', '- x', '#c', 'multi\nline', ' padded '],
    n: [0, -1, 1e21, 0.1, Infinity],
    nested: [{ k: [1, [2, 3]] }, []],
  };
  assert.deepEqual(load(dumpYaml(value)), value);
});
