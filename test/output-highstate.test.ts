import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getOutputter, type HighstateOptions } from '../shared/output/index.js';

const format = (data: unknown, opts: Partial<HighstateOptions> = {}) => getOutputter('highstate').format(data, { color: false, ...opts });

const state = (runNum: number, id: string, name: string, result: boolean | null, comment: string, changes: object, start: string, duration: number) => ({
  __id__: id,
  __sls__: 'web',
  __run_num__: runNum,
  name,
  result,
  comment,
  changes,
  start_time: start,
  duration,
});

const DIFF = '--- \n+++ \n@@ -1 +1 @@\n-worker_processes 1;\n+worker_processes 4;\n';

// Keys are out of run order on purpose: the outputter sorts by __run_num__.
const RUN = {
  web1: {
    'file_|-nginx_conf_|-/etc/nginx/nginx.conf_|-managed': state(1, 'nginx_conf', '/etc/nginx/nginx.conf', true, 'File /etc/nginx/nginx.conf updated', { diff: DIFF }, '10:00:00.300400', 12.5),
    'pkg_|-nginx_|-nginx_|-installed': state(0, 'nginx', 'nginx', true, 'All specified packages are already installed', {}, '10:00:00.000100', 300.25),
    'service_|-nginx_|-nginx_|-running': state(2, 'nginx', 'nginx', false, 'Service nginx failed to start\nsee the journal\n', {}, '10:00:00.313000', 5),
  },
};

const FULL = `web1:
----------
          ID: nginx
    Function: pkg.installed
      Result: True
     Comment: All specified packages are already installed
     Started: 10:00:00.000100
    Duration: 300.25 ms
     Changes:   
----------
          ID: nginx_conf
    Function: file.managed
        Name: /etc/nginx/nginx.conf
      Result: True
     Comment: File /etc/nginx/nginx.conf updated
     Started: 10:00:00.300400
    Duration: 12.5 ms
     Changes:   
              ----------
              diff:
                  --- 
                  +++ 
                  @@ -1 +1 @@
                  -worker_processes 1;
                  +worker_processes 4;
----------
          ID: nginx
    Function: service.running
      Result: False
     Comment: Service nginx failed to start
              see the journal
     Started: 10:00:00.313000
    Duration: 5.0 ms
     Changes:   

Summary for web1
------------
Succeeded: 2 (changed=1)
Failed:    1
------------
Total states run:     3
Total run time: 317.750 ms`;

describe('highstate outputter', () => {
  it('prints every state in run order, then the summary', () => {
    assert.equal(format(RUN), FULL);
  });

  it('prints one line per state with state_output terse', () => {
    assert.equal(
      format(RUN, { stateOutput: 'terse' }),
      `web1:
  Name: nginx - Function: pkg.installed - Result: Clean - Started: 10:00:00.000100 - Duration: 300.25 ms
  Name: /etc/nginx/nginx.conf - Function: file.managed - Result: Changed - Started: 10:00:00.300400 - Duration: 12.5 ms
  Name: nginx - Function: service.running - Result: Failed - Started: 10:00:00.313000 - Duration: 5.0 ms

Summary for web1
------------
Succeeded: 2 (changed=1)
Failed:    1
------------
Total states run:     3
Total run time: 317.750 ms`,
    );
  });

  it('prints only failures in full with state_output mixed, and hides clean states without state_verbose', () => {
    const mixed = format(RUN, { stateOutput: 'mixed', stateVerbose: false }).split('\n');
    assert.deepEqual(mixed.slice(0, 3), [
      'web1:',
      '  Name: /etc/nginx/nginx.conf - Function: file.managed - Result: Changed - Started: 10:00:00.300400 - Duration: 12.5 ms',
      '----------',
    ]);
    assert.equal(mixed[4], '    Function: service.running');
    assert.ok(mixed.includes('Total states run:     3'));
  });

  it('counts test=True predictions as unchanged and marks them in yellow', () => {
    const run = {
      web1: {
        'file_|-motd_|-/etc/motd_|-managed': state(0, 'motd', '/etc/motd', null, 'The file /etc/motd is set to be changed', { newfile: '/etc/motd' }, '09:00:00.000001', 1.25),
      },
    };
    assert.equal(
      format(run),
      `web1:
----------
          ID: motd
    Function: file.managed
        Name: /etc/motd
      Result: None
     Comment: The file /etc/motd is set to be changed
     Started: 09:00:00.000001
    Duration: 1.25 ms
     Changes:   
              ----------
              newfile:
                  /etc/motd

Summary for web1
------------
Succeeded: 1 (unchanged=1, changed=1)
Failed:    0
------------
Total states run:     1
Total run time:   1.250 ms`,
    );
    const colored = format(run, { color: true }).split('\n');
    assert.equal(colored[0], '\x1b[0;1;33mweb1:\x1b[0;0m');
    assert.equal(colored[2], '    \x1b[0;1;33m      ID: motd\x1b[0;0m');
    assert.ok(colored.includes('\x1b[0;32mSucceeded: 1\x1b[0;0m (\x1b[0;1;33munchanged=1\x1b[0;0m, \x1b[0;32mchanged=1\x1b[0;0m)'));
  });

  it('colours success green, changes cyan, failure red, only when colour is on', () => {
    const lines = format(RUN, { color: true }).split('\n');
    assert.equal(lines[0], '\x1b[0;31mweb1:\x1b[0;0m');
    assert.equal(lines[1], '\x1b[0;32m----------\x1b[0;0m');
    assert.equal(lines[2], '    \x1b[0;32m      ID: nginx\x1b[0;0m');
    assert.equal(lines[10], '    \x1b[0;36m      ID: nginx_conf\x1b[0;0m');
    assert.ok(lines.includes('    \x1b[0;31m  Result: False\x1b[0;0m'));
    assert.ok(lines.includes('\x1b[0;31mFailed:    1\x1b[0;0m'));
    assert.ok(lines.includes('\x1b[0;36mTotal run time: 317.750 ms\x1b[0;0m'));
    assert.ok(!format(RUN).includes('\x1b'));
  });

  it('lists render errors in red under the minion, the way Salt does', () => {
    const errors = {
      web2: ["Rendering SLS 'base:web' failed (yaml): line 3", "Rendering SLS 'base:db' failed: Jinja variable 'port' is undefined"],
    };
    assert.equal(
      format(errors),
      `web2:
    Data failed to compile:
----------
    Rendering SLS 'base:web' failed (yaml): line 3
----------
    Rendering SLS 'base:db' failed: Jinja variable 'port' is undefined`,
    );
    assert.equal(format(errors, { color: true }).split('\n')[0], '\x1b[0;1;31mweb2:\x1b[0;0m');
  });

  it('prints a string return indented, the minion in cyan, and several minions one after another', () => {
    assert.equal(format({ web3: 'No Top file or master_tops data matches found.\nsecond line', web4: true }), `web3:
    No Top file or master_tops data matches found.
    second line
web4:
    True`);
    assert.equal(format({ web3: 'x' }, { color: true }), '\x1b[0;36mweb3:\x1b[0;0m\n\x1b[0;32m    x\x1b[0;0m');
  });

  it("prints orchestration's nested highstates and drops its envelope", () => {
    const orch = {
      outputter: 'highstate',
      retcode: 0,
      data: {
        salt_master: {
          'salt_|-deploy_|-deploy_|-state': {
            ...state(0, 'deploy', 'deploy', true, 'States ran successfully. Updating web1.', { out: 'highstate', ret: { web1: { 'test_|-t_|-t_|-succeed_with_changes': state(0, 't', 't', true, 'Success!', { testing: { old: 'Unchanged', new: 'Something pretended to change' } }, '10:00:01.000000', 0.5) } } }, '10:00:00.000000', 1500),
          },
        },
        retcode: 0,
      },
    };
    const lines = format(orch).split('\n');
    assert.equal(lines[0], 'salt_master:');
    const start = lines.indexOf('     Changes:   ');
    assert.deepEqual(lines.slice(start + 1, start + 4), ['              web1:', '              ----------', '                        ID: t']);
    assert.ok(lines.includes('                                new:'));
    assert.ok(lines.includes('              Succeeded: 1 (changed=1)'));
    assert.ok(lines.includes('              '), 'the nested blank line is indented too');
    assert.deepEqual(lines.slice(-8), [
      '',
      'Summary for salt_master',
      '------------',
      'Succeeded: 1 (changed=1)',
      'Failed:    0',
      '------------',
      'Total states run:     1',
      'Total run time:   1.500 s',
    ]);
  });

  it('answers a bare value the way Salt does', () => {
    assert.equal(format(null), 'None');
    assert.equal(format({ return: { data: null } }), 'None');
    assert.equal(format('fnord'), 'fnord');
  });
});
