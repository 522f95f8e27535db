import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, YamlSyntaxError } from '../shared/yaml.js';

/** The YamlSyntaxError parsing `text` throws, and every Node warning emitted meanwhile. */
async function refusal(text: string): Promise<{ err: YamlSyntaxError; warnings: Error[] }> {
  const warnings: Error[] = [];
  const listen = (warning: Error) => warnings.push(warning);
  process.on('warning', listen);
  let err: unknown;
  try {
    parseYaml(text, 'salt://web.sls');
  } catch (caught) {
    err = caught;
  }
  // Node emits warnings on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  process.off('warning', listen);
  assert.ok(err instanceof YamlSyntaxError, `expected a YamlSyntaxError for ${JSON.stringify(text)}, got ${String(err)}`);
  return { err, warnings };
}

test('a flow mapping as a key (an unquoted {{ x }}: rendered to {a: 1}) is refused where it is', async () => {
  const { err, warnings } = await refusal('web:\n  pkg.installed: []\n{a: 1}: 1\n');
  assert.equal(err.line, 3);
  assert.equal(err.column, 1);
  assert.equal(err.message, 'salt://web.sls, line 3, column 1: found unacceptable key {a: 1} (a mapping or list cannot be a mapping key)');
  assert.deepEqual(warnings, []);
});

test('a complex ? [a, b] key in a nested mapping is refused at the key', async () => {
  const { err, warnings } = await refusal('web:\n  ? [a, b]\n  : 1\n');
  assert.deepEqual([err.line, err.column], [2, 5]);
  assert.match(err.message, /found unacceptable key \[a, b\]/);
  assert.deepEqual(warnings, []);
});

test('an alias of a mapping used as a key is refused too', async () => {
  const { err } = await refusal('base: &b {k: v}\nweb:\n  *b : 1\n');
  assert.deepEqual([err.line, err.column], [3, 3]);
  assert.match(err.message, /found unacceptable key \*b/);
});

test('scalar keys, null keys and merge keys still load', () => {
  assert.deepEqual(parseYaml('base: &b {k: v}\nweb:\n  <<: *b\n  ~: 1\n  2: x\n', 'salt://web.sls'), {
    base: { k: 'v' },
    web: { k: 'v', '': 1, 2: 'x' },
  });
});
