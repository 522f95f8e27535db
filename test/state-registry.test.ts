import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { minionStates, STATE_MODULES } from '../minion/states/registry.js';

describe('state module registry', () => {
  test('every state module the state system ships is found by name, with its functions', () => {
    const expected: Record<string, string[]> = {
      test: ['succeed_without_changes', 'succeed_with_changes', 'fail_without_changes', 'fail_with_changes', 'nop', 'configurable_test_state', 'show_notification'],
      cmd: ['run', 'wait', 'script'],
      file: ['managed', 'directory', 'absent', 'symlink', 'append', 'replace', 'line', 'recurse'],
      pkg: ['installed', 'latest', 'removed', 'purged'],
      service: ['running', 'dead', 'enabled', 'disabled'],
      user: ['present', 'absent'],
      group: ['present', 'absent'],
      git: ['latest'],
      archive: ['extracted'],
      cron: ['present', 'absent'],
    };
    for (const [name, functions] of Object.entries(expected)) {
      const module = minionStates(name);
      assert.ok(module, `state module ${name}`);
      for (const fun of functions) assert.ok(module.functions[fun], `${name}.${fun}`);
    }
    assert.equal(minionStates('nosuch'), undefined);
  });

  test('watch has something to call where Salt has mod_watch', () => {
    for (const name of ['test', 'cmd', 'service']) assert.ok(minionStates(name)?.modWatch, `${name}.mod_watch`);
  });

  test('every function has a one-line doc; module names are unique', () => {
    for (const module of STATE_MODULES) {
      for (const [fun, fn] of Object.entries(module.functions)) assert.match(fn.doc, /^[^\n]+$/, `${module.name}.${fun}`);
    }
    assert.equal(new Set(STATE_MODULES.map((m) => m.name)).size, STATE_MODULES.length);
  });
});
