import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitStates } from '../minion/states/git.js';
import { runState } from './support/one-state.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-state-git-')));
const SRC = join(scratch, 'src');
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Salt Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
const commit = (file: string, text: string) => {
  writeFileSync(join(SRC, file), text);
  git(SRC, 'add', file);
  git(SRC, 'commit', '-q', '-m', `write ${file}`);
  return git(SRC, 'rev-parse', 'HEAD');
};
const latest = (target: string, args: Record<string, unknown> = {}, testMode = false) => runState(gitStates, 'latest', { name: SRC, target, ...args }, { test: testMode });

describe('git.latest with real repositories', () => {
  const target = join(scratch, 'clone');
  let first = '';
  let second = '';

  before(() => {
    mkdirSync(SRC);
    git(SRC, 'init', '-q');
    first = commit('a.txt', 'one\n');
    git(SRC, 'tag', 'v1');
  });

  test('test=True: would clone, and clones nothing', async () => {
    assert.deepEqual(await latest(target, {}, true), { name: SRC, result: null, comment: `Repository ${SRC} would be cloned to ${target}`, changes: { new: `${SRC} => ${target}` } });
    assert.equal(existsSync(target), false);
  });

  test('clones the remote HEAD; the second run is up to date', async () => {
    assert.deepEqual(await latest(target), { name: SRC, result: true, comment: `${SRC} cloned to ${target}`, changes: { new: `${SRC} => ${target}`, revision: { old: null, new: first } } });
    assert.equal(git(target, 'rev-parse', 'HEAD'), first);
    assert.deepEqual(await latest(target), { name: SRC, result: true, comment: `Repository ${target} is up-to-date`, changes: {} });
  });

  test('a new remote commit: test=True predicts it, then it is fetched and fast-forwarded', async () => {
    second = commit('b.txt', 'two\n');
    assert.deepEqual(await latest(target, {}, true), {
      name: SRC, result: null, changes: { revision: { old: first, new: second } },
      comment: `Remote 'origin' would be fetched. Repository would be updated from ${first.slice(0, 7)} to ${second.slice(0, 7)}.`,
    });
    assert.equal(git(target, 'rev-parse', 'HEAD'), first);
    assert.deepEqual(await latest(target), {
      name: SRC, result: true, changes: { revision: { old: first, new: second } },
      comment: `${SRC} was fetched, resulting in updated refs. Repository was fast-forwarded to remote HEAD (${second.slice(0, 7)}).`,
    });
    assert.equal(git(target, 'rev-parse', 'HEAD'), second);
  });

  test('going back to an older tag is not a fast-forward: refused unless force_reset', async () => {
    const refused = await latest(target, { rev: 'v1' });
    assert.equal(refused.result, false);
    assert.equal(refused.comment, `Repository would be updated to ${first.slice(0, 7)}, but this is not a fast-forward merge. Set 'force_reset' to True to force this update.`);
    assert.deepEqual(await latest(target, { rev: 'v1', force_reset: true }), {
      name: SRC, result: true, changes: { 'forced update': true, revision: { old: second, new: first } },
      comment: `Repository was hard-reset to tag 'v1' (${first.slice(0, 7)})`,
    });
    assert.deepEqual((await latest(target, { rev: 'v1', force_reset: true })).changes, {});
  });

  test('uncommitted changes block an update unless force_reset discards them', async () => {
    writeFileSync(join(target, 'a.txt'), 'edited\n');
    const refused = await latest(target);
    assert.equal(refused.result, false);
    assert.match(refused.comment, /but there are uncommitted changes\. Set 'force_reset' to True to force this update and discard these changes\./);
    const forced = await latest(target, { force_reset: true });
    assert.equal(forced.result, true, forced.comment);
    assert.equal(forced.comment, `Local changes were discarded. Repository was hard-reset to remote HEAD (${second.slice(0, 7)}).`);
    assert.equal(git(target, 'status', '--porcelain'), '');
  });

  test('branch: a clone checks out the named local branch at rev', async () => {
    git(SRC, 'branch', 'feature', first);
    const other = join(scratch, 'feature-clone');
    const ret = await latest(other, { rev: 'feature', branch: 'feature' });
    assert.equal(ret.result, true, ret.comment);
    assert.equal(ret.comment, `${SRC} cloned to ${other}. Branch 'feature' checked out, with origin/feature (${first.slice(0, 7)}) as a starting point.`);
    assert.equal(git(other, 'rev-parse', '--abbrev-ref', 'HEAD'), 'feature');
    assert.equal(git(other, 'rev-parse', 'HEAD'), first);
  });

  test('a non-empty target that is not a repository is refused; force_clone replaces it', async () => {
    const dir = join(scratch, 'occupied');
    mkdirSync(dir);
    writeFileSync(join(dir, 'junk'), 'x');
    assert.equal((await latest(dir)).comment, `Target '${dir}' exists, is non-empty and is not a git repository. Set the 'force_clone' option to True to remove this directory's contents and proceed with cloning the remote repository`);
    const forced = await latest(dir, { force_clone: true });
    assert.deepEqual(forced.changes, { 'forced clone': true, new: `${SRC} => ${dir}`, revision: { old: null, new: second } });
    assert.equal(existsSync(join(dir, 'junk')), false);
  });

  test('a rev the remote does not have, and a missing target, are reported', async () => {
    assert.equal((await latest(join(scratch, 'x'), { rev: 'no-such-branch' })).comment, "No revision matching 'no-such-branch' exists in the remote repository");
    assert.equal((await runState(gitStates, 'latest', { name: SRC })).comment, '"target" option is required');
  });
});

describe('git.latest arguments salt-ts does not implement', () => {
  test('are refused by name rather than ignored', async () => {
    const ret = await runState(gitStates, 'latest', { name: '/srv/repo', target: '/tmp/x', bare: true });
    assert.deepEqual(ret, { name: '/srv/repo', result: false, comment: 'git.latest in salt-ts does not support the argument bare', changes: {} });
  });
});
