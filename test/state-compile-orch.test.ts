// A zero-downtime release orchestration, in the YAML its Jinja renders to for one
// app server, compiled to low chunks: salt.function / salt.state steps chained by require.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileHighstate, finalizeLow, resolveRequisite, showLowstate } from '../shared/state/compile/index.js';
import type { LowChunk } from '../shared/state/types.js';
import { slsFiles } from './support/sls-files.js';

const release = `
# Stop Varnish, indirectly removing this app server from the NetScaler
stop-app1-varnish:
  salt.function:
    - name: service.stop
    - arg:
      - varnish
    - tgt: app1

# Stop Instances
stop-app1-instances:
  salt.function:
    - name: supervisord.stop
    - arg:
      - all
    - tgt: app1
    - require:
      - salt: stop-app1-varnish

checkout-code-app1:
  salt.function:
    - tgt: app1
    - name: git.checkout
    - kwarg:
        user: webuser
        rev: f5d9859
    - arg:
      - /srv/plone
    - require:
      - salt: stop-app1-instances

run-buildout-app1:
  salt.function:
    - tgt: app1
    - name: cmd.run
    - kwarg:
        cwd: /srv/plone
        runas: webuser
    - arg:
      - /srv/plone/env/bin/buildout -N
    - require:
      - salt: checkout-code-app1

highstate-app1:
  salt.state:
    - tgt: app1
    - highstate: True
    - require:
      - salt: run-buildout-app1

sync-prod-database-to-dev:
  salt.function:
    - name: cmd.run
    - arg:
      - >
        rsync --delete --password-file=/etc/rsyncd.password.dump
        /u02/prodplonedb_archives/ dump@db2::postgres_dumps
    - tgt: db1
`;

const where = { __sls__: 'orch.release', __env__: 'base' };

test('the release orchestration compiles to the low chunks Salt shows', async () => {
  const { source } = slsFiles({ 'base/orch/release.sls': release });
  const compiled = await compileHighstate([{ saltenv: 'base', sls: 'orch.release' }], source);
  assert.equal(
    JSON.stringify(showLowstate(compiled)),
    JSON.stringify([
      { state: 'salt', name: 'service.stop', ...where, __id__: 'stop-app1-varnish', arg: ['varnish'], tgt: 'app1', order: 10000, fun: 'function' },
      {
        state: 'salt',
        name: 'supervisord.stop',
        ...where,
        __id__: 'stop-app1-instances',
        arg: ['all'],
        tgt: 'app1',
        require: [{ salt: 'stop-app1-varnish' }],
        order: 10001,
        fun: 'function',
      },
      {
        state: 'salt',
        name: 'git.checkout',
        ...where,
        __id__: 'checkout-code-app1',
        tgt: 'app1',
        kwarg: { user: 'webuser', rev: 'f5d9859' },
        arg: ['/srv/plone'],
        require: [{ salt: 'stop-app1-instances' }],
        order: 10002,
        fun: 'function',
      },
      {
        state: 'salt',
        name: 'cmd.run',
        ...where,
        __id__: 'run-buildout-app1',
        tgt: 'app1',
        kwarg: { cwd: '/srv/plone', runas: 'webuser' },
        arg: ['/srv/plone/env/bin/buildout -N'],
        require: [{ salt: 'checkout-code-app1' }],
        order: 10003,
        fun: 'function',
      },
      {
        state: 'salt',
        name: 'highstate-app1',
        ...where,
        __id__: 'highstate-app1',
        tgt: 'app1',
        highstate: true,
        require: [{ salt: 'run-buildout-app1' }],
        order: 10004,
        fun: 'state',
      },
      {
        state: 'salt',
        name: 'cmd.run',
        ...where,
        __id__: 'sync-prod-database-to-dev',
        arg: ['rsync --delete --password-file=/etc/rsyncd.password.dump /u02/prodplonedb_archives/ dump@db2::postgres_dumps\n'],
        tgt: 'db1',
        order: 10005,
        fun: 'function',
      },
    ]),
  );
});

test('each require of the release chain resolves to the step before it', async () => {
  const { source } = slsFiles({ 'base/orch/release.sls': release });
  const { chunks, errors } = finalizeLow((await compileHighstate([{ saltenv: 'base', sls: 'orch.release' }], source)).high);
  assert.deepEqual(errors, []);
  const before = (chunk: LowChunk): string[] =>
    ((chunk.require as Array<Record<string, string>> | undefined) ?? []).flatMap((req) => resolveRequisite(req, chunks).map((each) => each.__id__));
  assert.deepEqual(
    chunks.map((chunk) => [chunk.__id__, before(chunk)]),
    [
      ['stop-app1-varnish', []],
      ['stop-app1-instances', ['stop-app1-varnish']],
      ['checkout-code-app1', ['stop-app1-instances']],
      ['run-buildout-app1', ['checkout-code-app1']],
      ['highstate-app1', ['run-buildout-app1']],
      ['sync-prod-database-to-dev', []],
    ],
  );
});
