// state.show_sls and state.show_lowstate of small trees, expected as Salt 3006 prints
// them (key order included: the JSON text is compared, not just the values).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileHighstate, showLowstate, showSls } from '../shared/state/compile/index.js';
import { slsFiles } from './support/sls-files.js';

const sameJson = (actual: unknown, expected: unknown): void => assert.equal(JSON.stringify(actual, null, 1), JSON.stringify(expected, null, 1));

const webappTree = {
  'base/common.sls': `
tools:
  pkg.installed:
    - pkgs:
      - git
      - curl
`,
  'base/webapp/config.sls': `
/etc/webapp.conf:
  file.managed:
    - source: salt://webapp/files/webapp.conf
    - mode: 644
`,
  'base/webapp/init.sls': `
include:
  - .config
  - common

nginx:
  pkg:
    - installed
  service.running:
    - enable: True
    - watch:
      - file: /etc/webapp.conf

extend:
  tools:
    pkg:
      - pkgs: [git]
`,
};

test('show_sls: included SLS first in order, __sls__/__env__ on every ID, __sls_included_from__ on included ones, raw __extend__', async () => {
  const { source } = slsFiles(webappTree);
  const compiled = await compileHighstate([{ saltenv: 'base', sls: 'webapp' }], source);
  sameJson(showSls(compiled), {
    __extend__: [{ tools: { pkg: [{ pkgs: ['git'] }], __sls__: 'webapp', __env__: 'base' } }],
    nginx: {
      pkg: ['installed', { order: 10002 }],
      service: [{ enable: true }, { watch: [{ file: '/etc/webapp.conf' }] }, 'running', { order: 10003 }],
      __sls__: 'webapp',
      __env__: 'base',
    },
    '/etc/webapp.conf': {
      file: [{ source: 'salt://webapp/files/webapp.conf' }, { mode: 644 }, 'managed', { order: 10000 }],
      __sls__: 'webapp.config',
      __env__: 'base',
      __sls_included_from__: ['webapp'],
    },
    tools: { pkg: [{ pkgs: ['git', 'curl'] }, 'installed', { order: 10001 }], __sls__: 'common', __env__: 'base', __sls_included_from__: ['webapp'] },
  });
});

test('show_lowstate: Salt key order, name defaults to the ID, extend not applied', async () => {
  const { source } = slsFiles(webappTree);
  const compiled = await compileHighstate([{ saltenv: 'base', sls: 'webapp' }], source);
  sameJson(showLowstate(compiled), [
    {
      state: 'file',
      name: '/etc/webapp.conf',
      __sls__: 'webapp.config',
      __env__: 'base',
      __sls_included_from__: ['webapp'],
      __id__: '/etc/webapp.conf',
      source: 'salt://webapp/files/webapp.conf',
      mode: 644,
      order: 10000,
      fun: 'managed',
    },
    { state: 'pkg', name: 'tools', __sls__: 'common', __env__: 'base', __sls_included_from__: ['webapp'], __id__: 'tools', pkgs: ['git', 'curl'], order: 10001, fun: 'installed' },
    { state: 'pkg', name: 'nginx', __sls__: 'webapp', __env__: 'base', __id__: 'nginx', order: 10002, fun: 'installed' },
    {
      state: 'service',
      name: 'nginx',
      __sls__: 'webapp',
      __env__: 'base',
      __id__: 'nginx',
      enable: true,
      watch: [{ file: '/etc/webapp.conf' }],
      order: 10003,
      fun: 'running',
    },
  ]);
});

test('names expand with fractional orders; order first, last and numbers', async () => {
  const { source } = slsFiles({
    'base/tools.sls': `
packages:
  pkg.installed:
    - names:
      - vim
      - htop:
        - version: 3.2.1
      - tmux
    - refresh: False

first-thing:
  cmd.run:
    - name: echo first
    - order: first

last-thing:
  cmd.run:
    - name: echo last
    - order: last

pinned:
  test.nop:
    - order: 5
`,
  });
  const low = showLowstate(await compileHighstate([{ saltenv: 'base', sls: 'tools' }], source));
  const where = { __sls__: 'tools', __env__: 'base' };
  sameJson(low, [
    { state: 'cmd', name: 'echo first', ...where, __id__: 'first-thing', order: 0, fun: 'run' },
    { state: 'test', name: 'pinned', ...where, __id__: 'pinned', order: 5, fun: 'nop' },
    { state: 'pkg', name: 'vim', ...where, __id__: 'packages', refresh: false, order: 10000.0001, fun: 'installed' },
    { state: 'pkg', name: 'htop', ...where, __id__: 'packages', refresh: false, order: 10000.0002, version: '3.2.1', fun: 'installed' },
    { state: 'pkg', name: 'tmux', ...where, __id__: 'packages', refresh: false, order: 10000.0003, fun: 'installed' },
    // the cap is the highest numeric order (10000) + 100; last is the cap + 1000000
    { state: 'cmd', name: 'echo last', ...where, __id__: 'last-thing', order: 1010100, fun: 'run' },
  ]);
});

test('several SLS in one run: the order counter runs on, an SLS reached twice is rendered once', async () => {
  const { source, loads } = slsFiles({
    'base/a.sls': 'include:\n  - shared\na-step:\n  test.nop: []\n',
    'base/b.sls': 'include:\n  - shared\n  - a\nb-step: test.succeed_without_changes\n',
    'base/shared.sls': 'shared-step:\n  test.nop: []\n',
  });
  const compiled = await compileHighstate(
    [
      { saltenv: 'base', sls: 'a' },
      { saltenv: 'base', sls: 'b' },
    ],
    source,
  );
  assert.deepEqual(compiled.errors, []);
  const low = showLowstate(compiled) as Array<{ __id__: string; order: number; fun: string }>;
  assert.deepEqual(
    low.map((chunk) => [chunk.__id__, chunk.order, chunk.fun]),
    [
      ['shared-step', 10000, 'nop'],
      ['a-step', 10001, 'nop'],
      ['b-step', 10002, 'succeed_without_changes'],
    ],
  );
  assert.deepEqual([...loads.values()], [1, 1, 1]);
});

test('relative includes from a package and a module, and an include from another saltenv', async () => {
  const { source } = slsFiles({
    'base/webapp/init.sls': 'include:\n  - .server\nweb-init:\n  test.nop: []\n',
    'base/webapp/server.sls': 'include:\n  - ..common\n  - dev: devtools\nweb-server:\n  test.nop: []\n',
    'base/common.sls': 'common-step:\n  test.nop: []\n',
    'dev/devtools.sls': 'dev-step:\n  test.nop: []\n',
  });
  const compiled = await compileHighstate([{ saltenv: 'base', sls: 'webapp' }], source);
  assert.deepEqual(compiled.errors, []);
  const low = showLowstate(compiled) as Array<{ __id__: string; __sls__: string; __env__: string }>;
  assert.deepEqual(
    low.map((chunk) => `${chunk.__env__}:${chunk.__sls__}:${chunk.__id__}`),
    ['base:common:common-step', 'dev:devtools:dev-step', 'base:webapp.server:web-server', 'base:webapp:web-init'],
  );
});

test('exclude is kept raw in show_sls; a short `id: module.fun` declaration is padded', async () => {
  const { source } = slsFiles({
    'base/site.sls': 'exclude:\n  - sls: legacy\n  - id: old-step\nreload: service.reload\n',
  });
  sameJson(showSls(await compileHighstate([{ saltenv: 'base', sls: 'site' }], source)), {
    __exclude__: [{ sls: 'legacy' }, { id: 'old-step' }],
    reload: { __sls__: 'site', __env__: 'base', service: ['reload', { order: 10000 }] },
  });
});
