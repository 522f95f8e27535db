import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmdModule } from '../minion/modules/cmd.js';
import { failureText, moduleRunner } from './support/module-runner.js';

const { run } = moduleRunner([cmdModule]);
const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-cmd-test-')));

describe('cmd.run and the shell', () => {
  test('from a job, python_shell defaults to True: shell syntax works', async () => {
    assert.deepEqual(await run('cmd.run', ['echo a; echo b | tr b c']), { return: 'a\nc', retcode: 0, success: true });
    assert.equal((await run('cmd.run', ['echo $((1 + 2))'])).return, '3');
  });

  test('python_shell=False splits into words and runs without a shell: ; and | are literal', async () => {
    assert.equal((await run('cmd.run', ['echo a; echo b | tr b c'], { python_shell: false })).return, 'a; echo b | tr b c');
    assert.equal((await run('cmd.run', ['echo $HOME'], { python_shell: false })).return, '$HOME');
  });

  test('python_shell=False respects quotes when splitting', async () => {
    assert.equal((await run('cmd.run', [`printf '%s|' "a  b" 'c d' e`], { python_shell: false })).return, 'a  b|c d|e|');
  });

  test('a list command runs as given words', async () => {
    assert.equal((await run('cmd.run', [['printf', '%s|', 'x y', 'z;']], { python_shell: false })).return, 'x y|z;|');
    assert.equal((await run('cmd.run', [['printf', '%s|', 'x y', 'z;']])).return, 'x y|z;|');
  });

  test('a missing program without a shell is a clear error', async () => {
    const text = failureText(await run('cmd.run', ['no-such-program-xyz'], { python_shell: false }));
    assert.match(text, /Unable to run command 'no-such-program-xyz'/);
  });

  test('the shell argument picks the shell', async () => {
    assert.equal((await run('cmd.run', ['echo $0'], { shell: '/bin/bash' })).return, '/bin/bash');
    assert.match(failureText(await run('cmd.run', ['true'], { shell: '/no/such/shell' })), /The shell \/no\/such\/shell is not available/);
  });

  test('cmd.shell always uses the shell, and has no python_shell', async () => {
    assert.equal((await run('cmd.shell', ['echo x | tr x y'])).return, 'y');
    assert.match(failureText(await run('cmd.shell', ['true'], { python_shell: false })), /unexpected keyword argument 'python_shell'/);
  });
});

describe('cmd output', () => {
  test('cmd.run returns stdout and stderr together, trailing newlines stripped', async () => {
    assert.equal((await run('cmd.run', ['echo out; sleep 0.2; echo err >&2; printf "\\n\\n"'])).return, 'out\nerr');
  });

  test('rstrip=False keeps the trailing newline', async () => {
    assert.equal((await run('cmd.run', ['echo hi'], { rstrip: false })).return, 'hi\n');
  });

  test('cmd.run_all keeps stderr apart and returns pid, retcode, stdout, stderr', async () => {
    const out = await run('cmd.run_all', ['echo out; echo err >&2; exit 2']);
    const result = out.return as Record<string, unknown>;
    assert.deepEqual(Object.keys(result).sort(), ['pid', 'retcode', 'stderr', 'stdout']);
    assert.equal(typeof result.pid, 'number');
    assert.ok((result.pid as number) > 0);
    assert.deepEqual({ ...result, pid: 0 }, { pid: 0, retcode: 2, stdout: 'out', stderr: 'err' });
    assert.equal(out.retcode, 2);
  });
});

describe('cmd retcodes', () => {
  test('cmd.run of `exit 3` sets the job retcode to 3', async () => {
    assert.deepEqual(await run('cmd.run', ['echo bye; exit 3']), { return: 'bye', retcode: 3, success: false });
  });

  test('ignore_retcode keeps the job successful', async () => {
    assert.deepEqual(await run('cmd.run', ['exit 3'], { ignore_retcode: true }), { return: '', retcode: 0, success: true });
  });

  test('cmd.retcode returns the exit code and sets it', async () => {
    assert.deepEqual(await run('cmd.retcode', ['exit 7']), { return: 7, retcode: 7, success: false });
    assert.deepEqual(await run('cmd.retcode', ['true']), { return: 0, retcode: 0, success: true });
  });

  test('a command killed by a signal reports minus the signal number, as Python does', async () => {
    assert.equal((await run('cmd.retcode', ['kill -TERM $$'])).return, -15);
  });
});

describe('cmd cwd, env and stdin', () => {
  test('cwd sets the working directory; the default is the home directory', async () => {
    assert.equal((await run('cmd.run', ['pwd'], { cwd: scratch })).return, scratch);
    assert.equal((await run('cmd.run', ['pwd'])).return, realpathSync(process.env.HOME ?? '/'));
  });

  test('a relative or missing cwd is an error naming it', async () => {
    assert.match(failureText(await run('cmd.run', ['pwd'], { cwd: join(scratch, 'nope') })), /Specified cwd '.*nope' either not absolute or does not exist/);
    assert.match(failureText(await run('cmd.run', ['pwd'], { cwd: 'relative' })), /Specified cwd 'relative'/);
  });

  test('env is merged over the minion environment', async () => {
    process.env.SALT_TS_FROM_MINION = 'minion';
    try {
      const out = await run('cmd.run', ['echo $FOO-$SALT_TS_FROM_MINION-$N'], { env: { FOO: 'bar', N: 5 } });
      assert.equal(out.return, 'bar-minion-5');
      assert.equal((await run('cmd.run', ['echo $SALT_TS_FROM_MINION'], { env: { SALT_TS_FROM_MINION: 'job' } })).return, 'job');
    } finally {
      delete process.env.SALT_TS_FROM_MINION;
    }
  });

  test('env that is not a dict is an error', async () => {
    assert.match(failureText(await run('cmd.run', ['true'], { env: 'FOO=bar' })), /env must be a dict/);
  });

  test('stdin is written to the command; a typed \\n is a newline unless stdin_raw_newlines', async () => {
    assert.equal((await run('cmd.run', ['cat'], { stdin: 'one\\ntwo' })).return, 'one\ntwo');
    assert.equal((await run('cmd.run', ['wc -l'], { stdin: 'a\nb\nc\n' })).return, '3');
    assert.equal((await run('cmd.run', ['cat'], { stdin: 'one\\ntwo', stdin_raw_newlines: true })).return, 'one\\ntwo');
  });

  test('without stdin the command reads end-of-file at once', async () => {
    assert.equal((await run('cmd.run', ['cat; echo done'], { timeout: 10 })).return, 'done');
  });
});

describe('cmd timeout', () => {
  test('a timeout kills the whole process group and says so in the output', async () => {
    const marker = `${3000 + Math.floor(Math.random() * 1000)}.25`;
    const started = Date.now();
    const out = await run('cmd.run', [`sleep ${marker} & echo started; sleep ${marker}`], { timeout: 1 });
    assert.ok(Date.now() - started < 5000, 'the job returned soon after the timeout');
    assert.equal(out.retcode, 1);
    assert.equal(out.return, `started\nsleep ${marker} & echo started; sleep ${marker} : Timed out after 1 seconds (process group killed)`);
    const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(`sleep ${marker}`));
    assert.deepEqual(left, [], 'the background sleep was killed too');
  });

  test('a timeout must be a positive number', async () => {
    assert.match(failureText(await run('cmd.run', ['true'], { timeout: 'soon' })), /timeout soon must be a positive number/);
  });
});

describe('cmd runas', () => {
  test('runas runs as that user, with its uid, gid, HOME, USER and LOGNAME', async () => {
    assert.equal((await run('cmd.run', ['id -un'], { runas: 'nobody' })).return, 'nobody');
    assert.equal((await run('cmd.run', ['id -u; id -g'], { runas: 'nobody' })).return, '65534\n65534');
    assert.equal((await run('cmd.run', ['echo $HOME $USER $LOGNAME'], { runas: 'nobody' })).return, '/nonexistent nobody nobody');
    // /nonexistent cannot be entered, so the command starts in / as Salt's does.
    assert.equal((await run('cmd.run', ['pwd'], { runas: 'nobody' })).return, '/');
  });

  test("runas drops the minion's groups and takes the user's supplementary groups", async () => {
    assert.equal((await run('cmd.run', ['id -G'], { runas: 'nobody' })).return, '65534');
    const member = supplementaryMember();
    if (!member) return; // no user on this machine belongs to a supplementary group
    const out = (await run('cmd.run', ['id -G'], { runas: member.user })).return as string;
    assert.deepEqual(out.split(' ').map(Number).sort((a, b) => a - b), member.groups);
  });

  test('runas works without a shell too', async () => {
    assert.equal((await run('cmd.run', ['id -un'], { runas: 'nobody', python_shell: false })).return, 'nobody');
  });

  test('a missing user is a clear error naming it', async () => {
    assert.match(failureText(await run('cmd.run', ['id'], { runas: 'no-such-user-xyz' })), /User 'no-such-user-xyz' is not available/);
  });
});

describe('cmd output limit', () => {
  test('a 200 MB output returns exactly cmd_output_limit bytes plus a note, in bounded memory', async () => {
    const before = process.memoryUsage().rss;
    const out = await run('cmd.run', ["head -c 209715200 /dev/zero | tr '\\0' x"]);
    const growth = process.memoryUsage().rss - before;
    const text = out.return as string;
    const note = '\n[salt-ts: output cut at 524288 of 209715200 bytes (cmd_output_limit)]';
    assert.equal(text.length, 524288 + note.length);
    assert.ok(text.endsWith(note), text.slice(-200));
    assert.equal(text.slice(0, 524288), 'x'.repeat(524288));
    assert.ok(growth < 64 * 1024 * 1024, `RSS grew by ${Math.round(growth / 1024 / 1024)} MB`);
  });

  test('stdout and stderr are each cut at the configured limit', async () => {
    const small = moduleRunner([cmdModule], { config: 'cmd_output_limit: 2048\n' }).run;
    const result = (await small('cmd.run_all', ['head -c 5000 /dev/zero | tr "\\0" o; head -c 3000 /dev/zero | tr "\\0" e >&2'])).return as Record<string, string>;
    assert.equal(result.stdout, `${'o'.repeat(2048)}\n[salt-ts: output cut at 2048 of 5000 bytes (cmd_output_limit)]`);
    assert.equal(result.stderr, `${'e'.repeat(2048)}\n[salt-ts: output cut at 2048 of 3000 bytes (cmd_output_limit)]`);
  });

  test('output under the limit has no note', async () => {
    const small = moduleRunner([cmdModule], { config: 'cmd_output_limit: 2048\n' }).run;
    assert.equal((await small('cmd.run', ['head -c 2048 /dev/zero | tr "\\0" o'])).return, 'o'.repeat(2048));
  });
});

describe('cmd.script', () => {
  const script = (name: string, body: string) => {
    const file = join(scratch, name);
    writeFileSync(file, body);
    chmodSync(file, 0o644); // not executable: cmd.script makes its copy executable
    return file;
  };

  test('runs a local script with arguments split like a shell, returning run_all', async () => {
    const file = script('args.sh', '#!/bin/sh\necho "$#:$1:$2"\necho oops >&2\nexit 4\n');
    const out = await run('cmd.script', [file, '"a b" c']);
    const result = out.return as Record<string, unknown>;
    assert.deepEqual({ ...result, pid: 0 }, { pid: 0, retcode: 4, stdout: '2:a b:c', stderr: 'oops' });
    assert.equal(out.retcode, 4);
    assert.equal(readFileSync(file, 'utf8').startsWith('#!/bin/sh'), true, 'the source is untouched');
  });

  test('takes the arguments as a list, cwd, env and stdin like cmd.run_all', async () => {
    const file = script('env.sh', '#!/bin/sh\nread line\necho "$1|$PWD|$GREETING|$line"\n');
    const out = await run('cmd.script', [file], { args: ['x y'], cwd: scratch, env: { GREETING: 'hi' }, stdin: 'input' });
    assert.equal((out.return as Record<string, unknown>).stdout, `x y|${scratch}|hi|input`);
  });

  test('without arguments, a script with no #! line runs through the shell', async () => {
    const file = script('plain', 'echo plain $((2 * 3))\n');
    assert.equal(((await run('cmd.script', [file])).return as Record<string, unknown>).stdout, 'plain 6');
  });

  test('runs as the runas user', async () => {
    const file = script('who.sh', '#!/bin/sh\nid -un\n');
    assert.equal(((await run('cmd.script', [file], { runas: 'nobody' })).return as Record<string, unknown>).stdout, 'nobody');
  });

  test('a missing script returns Salt\'s cache_error shape and fails the job', async () => {
    assert.deepEqual(await run('cmd.script', [join(scratch, 'missing.sh')]), {
      return: { pid: 0, retcode: 1, stdout: '', stderr: '', cache_error: true },
      retcode: 1,
      success: false,
    });
  });

  test('a relative source is an error', async () => {
    assert.match(failureText(await run('cmd.script', ['run.sh'])), /must be an absolute path/);
  });
});

/** A user with a supplementary group in /etc/group, and every group id it should have. */
function supplementaryMember(): { user: string; groups: number[] } | null {
  const groups = readFileSync('/etc/group', 'utf8').split('\n').map((line) => line.split(':'));
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
  for (const [user, , , primary] of passwd) {
    const extra = groups.filter((g) => (g[3] ?? '').split(',').includes(user!)).map((g) => Number(g[2]));
    if (user && extra.length) return { user, groups: [...new Set([Number(primary), ...extra])].sort((a, b) => a - b) };
  }
  return null;
}
