import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFetch, parseRefs, parseRemotes, parseStatus } from '../minion/modules/git/parse.js';
import { callFunction } from './support/one-state.js';

describe('reading git output', () => {
  test('status --porcelain lines by kind', () => {
    assert.deepEqual(parseStatus(' M a.txt\nA  b.txt\n D c.txt\n?? d.txt\nMM e.txt\n'), { modified: ['a.txt', 'e.txt'], new: ['b.txt'], deleted: ['c.txt'], untracked: ['d.txt'] });
  });

  test('fetch reports new and updated refs, not unchanged ones', () => {
    const stderr = 'From /srv/repo\n * [new branch]      feature    -> origin/feature\n   1a2b3c4..5d6e7f8  main       -> origin/main\n + aaa...bbb         wip        -> origin/wip  (forced update)\n * [new tag]         v2         -> v2\n';
    assert.deepEqual(parseFetch(stderr), { new: ['origin/feature', 'v2'], updated: ['origin/main', 'origin/wip'] });
    assert.deepEqual(parseFetch(''), {});
  });

  test('ls-remote and remote -v', () => {
    assert.deepEqual(parseRefs('abc\tHEAD\nabc\trefs/heads/main\n'), { HEAD: 'abc', 'refs/heads/main': 'abc' });
    assert.deepEqual(parseRemotes('origin\t/srv/repo (fetch)\norigin\t/srv/repo (push)\n'), { origin: { fetch: '/srv/repo', push: '/srv/repo' } });
  });
});

describe('git execution functions on real repositories', () => {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-exec-git-')));
  const src = join(scratch, 'src');
  const clone = join(scratch, 'clone');
  let head = '';
  before(() => {
    mkdirSync(src);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: src, encoding: 'utf8' }).trim();
    git('init', '-q');
    writeFileSync(join(src, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'first');
    head = git('rev-parse', 'HEAD');
  });

  test('clone, revision, current_branch, remote_get, ls_remote, status', async () => {
    assert.equal(await callFunction('git.clone', [clone, src]), true);
    assert.equal(await callFunction('git.revision', [clone]), head);
    assert.equal(await callFunction('git.revision', [clone], { short: true }), head.slice(0, 7));
    assert.equal(await callFunction('git.current_branch', [clone]), 'main');
    assert.deepEqual(await callFunction('git.remote_get', [clone]), { fetch: src, push: src });
    assert.deepEqual(await callFunction('git.ls_remote', [clone]), { HEAD: head, 'refs/heads/main': head });
    writeFileSync(join(clone, 'new.txt'), 'x');
    assert.deepEqual(await callFunction('git.status', [clone]), { modified: [], new: [], deleted: [], untracked: ['new.txt'] });
  });

  test('a failing command raises Salt\'s "Command ... failed" error; ignore_retcode returns instead', async () => {
    await assert.rejects(callFunction('git.checkout', [clone, 'no-such-rev']), /Command 'git checkout no-such-rev' failed: error: pathspec 'no-such-rev'/);
    assert.equal(await callFunction('git.rev_parse', [clone, 'no-such-rev'], { opts: '--verify --quiet', ignore_retcode: true }), '');
  });

  test('user runs git as that user', async () => {
    // nobody may not read root's private temp dir (root could): proof that git ran as nobody.
    await assert.rejects(callFunction('git.status', [clone], { user: 'nobody' }), /Permission denied/);
    assert.ok(await callFunction('git.status', [clone]));
    assert.equal(await callFunction('git.version', []), execFileSync('git', ['--version'], { encoding: 'utf8' }).trim().replace('git version ', ''));
  });
});
