// git: drive the git binary (Salt's git module): clone, fetch, check out, reset and inspect working copies.
import path from 'node:path';
import { pyStr } from '../../shared/output/py-str.js';
import { optionWords, runGit } from './git/run-git.js';
import { parseFetch, parseRefs, parseRemotes, parseStatus } from './git/parse.js';
import type { BoundArgs, ExecFunction, ExecModule, ParamSpec } from './types.js';

const CWD: ParamSpec = { name: 'cwd' };
const USER: ParamSpec = { name: 'user', default: null };
const OPTS: ParamSpec = { name: 'opts', default: '' };
const IGNORE: ParamSpec = { name: 'ignore_retcode', default: false };

const text = (value: unknown): string => pyStr(value);

/** Runs git in args.cwd as args.user; ignore_retcode makes a failure return its output instead of raising. */
async function git(a: BoundArgs, words: string[]): Promise<string> {
  return (await runGit(words, { cwd: text(a.cwd), user: a.user, ignoreRetcode: a.ignore_retcode === true })).stdout;
}

/** A function running `git <words>` in cwd and returning its output. */
function command(doc: string, params: ParamSpec[], words: (a: BoundArgs) => string[]): ExecFunction {
  return { doc, params: [CWD, ...params, USER, IGNORE], run: (_ctx, a) => git(a, words(a)) };
}

export const gitModule: ExecModule = {
  name: 'git',
  doc: 'Drive the git binary: clone, fetch, check out, reset and inspect working copies.',
  functions: {
    version: { doc: 'Return the installed git version.', run: async () => (await runGit(['--version'])).stdout.replace(/^git version /, '') },
    clone: {
      doc: 'Clone url into cwd (or into cwd/name when name is given); opts are extra `git clone` options. Return True.',
      params: [CWD, { name: 'url' }, { name: 'name', default: null }, OPTS, USER],
      run: async (_ctx, a) => {
        const cwd = text(a.cwd);
        const into = a.name == null ? [cwd] : [text(a.name)];
        await runGit(['clone', ...optionWords(a.opts), text(a.url), ...into], { cwd: a.name == null ? path.dirname(cwd) : cwd, user: a.user });
        return true;
      },
    },
    fetch: {
      doc: 'Fetch from remote (default: the configured one), force=True for non-fast-forward updates; return {new: [refs], updated: [refs]} for what changed.',
      params: [CWD, { name: 'remote', default: null }, { name: 'force', default: false }, { name: 'refspecs', default: null }, OPTS, USER],
      run: async (_ctx, a) => {
        const refspecs = a.refspecs == null ? [] : optionWords(a.refspecs);
        const words = ['fetch', ...(a.force === true ? ['--force'] : []), ...optionWords(a.opts), ...(a.remote == null ? [] : [text(a.remote)]), ...refspecs];
        return parseFetch((await runGit(words, { cwd: text(a.cwd), user: a.user })).stderr);
      },
    },
    checkout: command('Check out rev (force=True discards local changes; opts such as -b NAME); return git\'s output.', [{ name: 'rev', default: null }, { name: 'force', default: false }, OPTS], (a) => [
      'checkout', ...(a.force === true ? ['--force'] : []), ...optionWords(a.opts), ...(a.rev == null ? [] : [text(a.rev)]),
    ]),
    rev_parse: command('Return `git rev-parse` of rev with opts (e.g. --abbrev-ref).', [{ name: 'rev', default: null }, OPTS], (a) => ['rev-parse', ...optionWords(a.opts), ...(a.rev == null ? [] : [text(a.rev)])]),
    revision: command('Return the SHA1 rev (default HEAD) points to; short=True abbreviates it.', [{ name: 'rev', default: 'HEAD' }, { name: 'short', default: false }], (a) => [
      'rev-parse', ...(a.short === true ? ['--short'] : []), text(a.rev),
    ]),
    current_branch: command('Return the checked-out branch (HEAD when detached).', [], () => ['rev-parse', '--abbrev-ref', 'HEAD']),
    symbolic_ref: command('Return `git symbolic-ref` of ref with opts (empty when HEAD is detached and --quiet is given).', [{ name: 'ref' }, OPTS], (a) => ['symbolic-ref', ...optionWords(a.opts), text(a.ref)]),
    reset: command('Run `git reset` with opts (e.g. --hard REV); return its output.', [OPTS], (a) => ['reset', ...optionWords(a.opts)]),
    merge: command('Merge rev (default the upstream) with opts (e.g. --ff-only); return git\'s output.', [{ name: 'rev', default: null }, OPTS], (a) => ['merge', ...optionWords(a.opts), ...(a.rev == null ? [] : [text(a.rev)])]),
    status: {
      doc: 'Return the working copy\'s {modified, new, deleted, untracked} files.',
      params: [CWD, USER, IGNORE],
      run: async (_ctx, a) => parseStatus(await git(a, ['status', '--porcelain'])),
    },
    list_branches: {
      doc: 'Return the names of the local branches (remote=True: the remote-tracking ones).',
      params: [CWD, { name: 'remote', default: false }, USER, IGNORE],
      run: async (_ctx, a) => {
        const space = a.remote === true ? 'refs/remotes/' : 'refs/heads/';
        return (await git(a, ['for-each-ref', '--format=%(refname:short)', space])).split('\n').filter(Boolean);
      },
    },
    list_tags: {
      doc: 'Return the names of the tags.',
      params: [CWD, USER, IGNORE],
      run: async (_ctx, a) => (await git(a, ['for-each-ref', '--format=%(refname:short)', 'refs/tags/'])).split('\n').filter(Boolean),
    },
    is_ancestor: {
      doc: 'Return True when commit `ancestor` is an ancestor of (or the same as) `descendant`.',
      params: [CWD, { name: 'ancestor' }, { name: 'descendant' }, USER],
      run: async (_ctx, a) => (await runGit(['merge-base', '--is-ancestor', text(a.ancestor), text(a.descendant)], { cwd: text(a.cwd), user: a.user, ignoreRetcode: true })).retcode === 0,
    },
    ls_remote: {
      doc: 'Return {ref: sha} of the remote (a name or a URL) refs, only `ref` when given; opts such as --tags.',
      params: [{ name: 'cwd', default: null }, { name: 'remote', default: 'origin' }, { name: 'ref', default: null }, OPTS, USER, IGNORE],
      run: async (_ctx, a) => {
        const words = ['ls-remote', ...optionWords(a.opts), text(a.remote), ...(a.ref == null ? [] : [text(a.ref)])];
        return parseRefs((await runGit(words, { cwd: a.cwd == null ? '/' : text(a.cwd), user: a.user, ignoreRetcode: a.ignore_retcode === true })).stdout);
      },
    },
    remotes: {
      doc: 'Return every remote as {name: {fetch: url, push: url}}.',
      params: [CWD, USER, IGNORE],
      run: async (_ctx, a) => parseRemotes(await git(a, ['remote', '--verbose'])),
    },
    remote_get: {
      doc: 'Return the remote\'s {fetch: url, push: url}, or None when there is no such remote.',
      params: [CWD, { name: 'remote', default: 'origin' }, USER, IGNORE],
      run: async (_ctx, a) => parseRemotes(await git(a, ['remote', '--verbose']))[text(a.remote)] ?? null,
    },
    remote_set: {
      doc: 'Set the remote\'s URL, adding the remote when it does not exist; return its {fetch, push}.',
      params: [CWD, { name: 'url' }, { name: 'remote', default: 'origin' }, USER],
      run: async (_ctx, a) => {
        const cwd = text(a.cwd);
        const remote = text(a.remote);
        const exists = parseRemotes((await runGit(['remote', '--verbose'], { cwd, user: a.user })).stdout)[remote];
        await runGit(['remote', exists ? 'set-url' : 'add', remote, text(a.url)], { cwd, user: a.user });
        return parseRemotes((await runGit(['remote', '--verbose'], { cwd, user: a.user })).stdout)[remote] ?? null;
      },
    },
  },
};
