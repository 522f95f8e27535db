// What a real run executes: extend, exclude, the `_in` requisites and `use` applied,
// requisites in one shape, and requisite targets resolved to chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileHighstate,
  finalizeLow,
  resolveRequisite,
  showLowstate,
  type HighData,
} from '../shared/state/compile/index.js';
import type { LowChunk } from '../shared/state/types.js';
import { slsFiles } from './support/sls-files.js';

async function compile(files: Record<string, string>, sls: string): Promise<HighData> {
  const compiled = await compileHighstate([{ saltenv: 'base', sls }], slsFiles(files).source);
  assert.deepEqual(compiled.errors, []);
  return compiled.high;
}

function chunk(chunks: LowChunk[], state: string, id: string): LowChunk {
  const found = chunks.find((each) => each.state === state && each.__id__ === id);
  assert.ok(found, `no ${state} chunk for ${id}`);
  return found;
}

const webapp = {
  'base/common.sls': `
tools:
  pkg.installed:
    - pkgs: [git, curl]
    - require:
      - file: /etc/motd
legacy:
  cmd.run:
    - name: echo legacy
`,
  'base/webapp.sls': `
include:
  - common
exclude:
  - id: legacy

nginx:
  pkg.installed: []
  service.running:
    - watch:
      - file: /etc/nginx/nginx.conf

nginx-conf:
  file.managed:
    - name: /etc/nginx/nginx.conf
    - user: www
    - group: www
    - mode: 644
    - require:
      - nginx
      - pkg: nginx

site-conf:
  file.managed:
    - name: /etc/nginx/site.conf
    - mode: 600
    - use:
      - file: nginx-conf

reload-marker:
  cmd.run:
    - name: touch /tmp/reloaded
    - require_in:
      - service: nginx
    - watch_in:
      - nginx-conf
    - onchanges_in:
      - sls: common

extend:
  tools:
    pkg:
      - pkgs: [git]
      - require:
        - pkg: nginx
`,
};

test('extend replaces arguments and appends requisites; exclude drops the ID', async () => {
  const { chunks, errors } = finalizeLow(await compile(webapp, 'webapp'));
  assert.deepEqual(errors, []);
  const tools = chunk(chunks, 'pkg', 'tools');
  assert.deepEqual(tools.pkgs, ['git']);
  assert.deepEqual(tools.require, [{ file: '/etc/motd' }, { pkg: 'nginx' }]);
  assert.equal(chunks.find((each) => each.__id__ === 'legacy'), undefined);
});

test('require_in, watch_in (bare ID) and onchanges_in (whole SLS) land on their targets', async () => {
  const { chunks } = finalizeLow(await compile(webapp, 'webapp'));
  const service = chunk(chunks, 'service', 'nginx');
  assert.deepEqual(service.require, [{ cmd: 'reload-marker' }]);
  assert.deepEqual(service.watch, [{ file: '/etc/nginx/nginx.conf' }]);
  assert.deepEqual(chunk(chunks, 'file', 'nginx-conf').watch, [{ cmd: 'reload-marker' }]);
  assert.deepEqual(chunk(chunks, 'pkg', 'tools').onchanges, [{ cmd: 'reload-marker' }]);
  assert.equal(chunk(chunks, 'pkg', 'nginx').require, undefined);
});

test('use copies the arguments the state does not set, never requisites or the name', async () => {
  const { chunks } = finalizeLow(await compile(webapp, 'webapp'));
  const site = chunk(chunks, 'file', 'site-conf');
  assert.equal(site.name, '/etc/nginx/site.conf');
  assert.equal(site.mode, 600);
  assert.equal(site.user, 'www');
  assert.equal(site.group, 'www');
  assert.equal(site.require, undefined);
});

test('requisites come out as single-key mappings: a bare ID is {id}', async () => {
  const { chunks } = finalizeLow(await compile(webapp, 'webapp'));
  assert.deepEqual(chunk(chunks, 'file', 'nginx-conf').require, [{ id: 'nginx' }, { pkg: 'nginx' }]);
});

test('show_lowstate keeps require_in on its source and extend unapplied; finalizeLow leaves high data alone', async () => {
  const high = await compile(webapp, 'webapp');
  const before = structuredClone(high);
  finalizeLow(high);
  assert.deepEqual(high, before);
  const low = showLowstate({ high, errors: [] }) as LowChunk[];
  assert.deepEqual(chunk(low, 'cmd', 'reload-marker').require_in, [{ service: 'nginx' }]);
  assert.equal(chunk(low, 'service', 'nginx').require, undefined);
  assert.deepEqual(chunk(low, 'pkg', 'tools').pkgs, ['git', 'curl']);
  assert.ok(chunk(low, 'cmd', 'legacy'));
});

test('prereq marks its target prerequired; prereq_in works the other way round', async () => {
  const high = await compile(
    {
      'base/deploy.sls': `
graceful-down:
  cmd.run:
    - name: service myapp stop
    - prereq:
      - file: site-code
site-code:
  file.recurse:
    - name: /opt/site
    - source: salt://site
drain:
  cmd.run:
    - prereq_in:
      - file: /opt/site
`,
    },
    'deploy',
  );
  const { chunks, errors } = finalizeLow(high);
  assert.deepEqual(errors, []);
  assert.deepEqual(chunk(chunks, 'cmd', 'graceful-down').prereq, [{ file: 'site-code' }]);
  assert.deepEqual(chunk(chunks, 'file', 'site-code').prerequired, [{ cmd: 'graceful-down' }]);
  assert.deepEqual(chunk(chunks, 'file', 'site-code').prereq, [{ cmd: 'drain' }]);
  assert.deepEqual(chunk(chunks, 'cmd', 'drain').prerequired, [{ file: '/opt/site' }]);
});

test('use_in gives the target the arguments it does not set', async () => {
  const high = await compile(
    {
      'base/confs.sls': `
base-conf:
  file.managed:
    - name: /etc/a
    - user: root
    - mode: 644
    - use_in:
      - file: other-conf
other-conf:
  file.managed:
    - name: /etc/b
    - mode: 600
`,
    },
    'confs',
  );
  const other = chunk(finalizeLow(high).chunks, 'file', 'other-conf');
  assert.deepEqual([other.name, other.user, other.mode], ['/etc/b', 'root', 600]);
});

test('an _in requisite naming no state is an extend error; a plain missing requisite is left to the runner', async () => {
  const high = await compile(
    {
      'base/broken.sls': `
step:
  cmd.run:
    - require_in:
      - cmd: ghost
other:
  cmd.run:
    - require:
      - cmd: phantom
`,
    },
    'broken',
  );
  const { chunks, errors } = finalizeLow(high);
  assert.deepEqual(chunks, []);
  assert.deepEqual(errors, [
    "Cannot extend ID 'ghost' in 'base:broken'. It is not part of the high state.\n" +
      'This is likely due to a missing include statement or an incorrectly typed ID.\n' +
      "Ensure that a state with an ID of 'ghost' is available\nin environment 'base' and to SLS 'broken'",
  ]);
  delete ((high.step as Record<string, unknown[]>).cmd[0] as Record<string, unknown>).require_in;
  const fixed = finalizeLow(high);
  assert.deepEqual(fixed.errors, []);
  assert.deepEqual(resolveRequisite({ cmd: 'phantom' }, fixed.chunks), []);
});

test('resolveRequisite matches ID or name by glob, the state module unless it is id, and whole SLS files', async () => {
  const { chunks } = finalizeLow(await compile(webapp, 'webapp'));
  const ids = (found: LowChunk[]): string[] => found.map((each) => `${each.state}:${each.__id__}`);
  assert.deepEqual(ids(resolveRequisite({ file: '/etc/nginx/*' }, chunks)), ['file:nginx-conf', 'file:site-conf']);
  assert.deepEqual(ids(resolveRequisite({ id: 'nginx' }, chunks)), ['pkg:nginx', 'service:nginx']);
  assert.deepEqual(ids(resolveRequisite({ service: 'nginx' }, chunks)), ['service:nginx']);
  assert.deepEqual(ids(resolveRequisite({ cmd: 'touch /tmp/reloaded' }, chunks)), ['cmd:reload-marker']);
  assert.deepEqual(ids(resolveRequisite({ sls: 'comm*' }, chunks)), ['pkg:tools']);
});
