// git.latest on an existing working copy: fetch when the wanted commit is missing,
// fast-forward (or, with force_reset, hard-reset) to it, switch branch when asked, and
// say what changed, or under test=True what would.
import type { StateContext, StateReturn } from '../../../shared/state/types.js';
import { errorText } from '../../../shared/state/state-return.js';
import { failed, formatComments, stripCommand, upToDate } from './comments.js';
import type { LatestOptions } from './options.js';
import { revsEqual, shortSha, type RemoteRev } from './remote-rev.js';

type Call = (fun: string, arg: unknown[], kwarg?: Record<string, unknown>) => Promise<unknown>;

/** The local state of the working copy: HEAD's commit and branch, uncommitted changes. */
async function local(call: Call, target: string) {
  const rev = (await call('revision', [target], { ignore_retcode: true })) as string;
  const status = (await call('status', [target])) as Record<string, string[]>;
  return {
    rev: /^[0-9a-f]{40}$/.test(rev) ? rev : null,
    branch: (await call('current_branch', [target], { ignore_retcode: true })) as string,
    changes: ['modified', 'new', 'deleted'].some((kind) => status[kind]?.length),
  };
}

async function hasCommit(call: Call, target: string, sha: string): Promise<boolean> {
  try {
    await call('rev_parse', [target, `${sha}^{commit}`], { opts: ['--verify', '--quiet'] });
    return true;
  } catch {
    return false;
  }
}

/** Whether going from `from` to `to` is a fast-forward (no local HEAD yet counts as one). */
async function isFastForward(call: Call, target: string, from: string | null, to: string): Promise<boolean> {
  return from === null || ((await call('is_ancestor', [target, from, to])) as boolean);
}

function notFastForward(ret: StateReturn, o: LatestOptions, pre: string | null, post: string, branchChange: boolean, localChanges: boolean, comments: string[]): StateReturn {
  const what = localChanges && pre !== post ? `from ${shortSha(pre)} to ${shortSha(post)}` : `to ${shortSha(post)}`;
  const afterBranch = branchChange ? ` (after checking out local branch '${o.branch}')` : '';
  const why = localChanges ? 'there are uncommitted changes' : 'this is not a fast-forward merge';
  return failed(ret, `Repository would be updated ${what}${afterBranch}, but ${why}. Set 'force_reset' to True to force this update${localChanges ? ' and discard these changes' : ''}.`, comments);
}

/** Points the remote at the URL given, reporting it; under test=True only says it would. */
async function ensureRemoteUrl(ctx: StateContext, call: Call, ret: StateReturn, o: LatestOptions, comments: string[]): Promise<void> {
  const current = (await call('remote_get', [o.target], { remote: o.remote })) as { fetch: string } | null;
  if (current?.fetch === o.url) return;
  if (ctx.test) {
    comments.push(current ? `Remote '${o.remote}' would be changed from ${current.fetch} to ${o.url}` : `Remote '${o.remote}' would be set to ${o.url}`);
    return;
  }
  await call('remote_set', [o.target, o.url], { remote: o.remote });
  if (current) comments.push(`Remote '${o.remote}' changed from ${current.fetch} to ${o.url}`);
  else {
    comments.push(`Remote '${o.remote}' set to ${o.url}`);
    ret.changes.new = `${o.url} => ${o.remote}`;
  }
}

export async function updateRepository(ctx: StateContext, ret: StateReturn, o: LatestOptions, remote: RemoteRev & { sha: string }): Promise<StateReturn> {
  const call: Call = (fun, arg, kwarg = {}) => ctx.call(`git.${fun}`, arg, { user: o.user, ...kwarg });
  const comments: string[] = [];
  try {
    const before = await local(call, o.target);
    await ensureRemoteUrl(ctx, call, ret, o, comments);
    const branchChange = o.branch !== null && o.branch !== before.branch;
    const revsMatch = revsEqual(before.rev, remote.sha, remote.type);
    if (revsMatch && !branchChange && (!before.changes || !o.forceReset)) return upToDate(ret, o.target, comments, before.changes);
    let present = await hasCommit(call, o.target, remote.sha);
    let fastForward = before.changes ? false : present ? await isFastForward(call, o.target, before.rev, remote.sha) : null;
    if (fastForward === false && !o.forceReset) return notFastForward(ret, o, before.rev, remote.sha, branchChange, before.changes, comments);
    const branches = (await call('list_branches', [o.target])) as string[];
    if (ctx.test) {
      const actions = [...comments];
      if (!present) actions.push(`Remote '${o.remote}' would be fetched`);
      if (!revsMatch) ret.changes.revision = { old: before.rev, new: remote.sha };
      const how = fastForward === false ? 'hard-reset' : fastForward ? 'fast-forwarded' : 'updated';
      if (branchChange && !branches.includes(o.branch!)) actions.push(`New branch '${o.branch}' would be checked out, with ${remote.label} as a starting point`);
      else if (branchChange) actions.push(`Branch '${o.branch}' would be checked out and ${how} to ${shortSha(remote.sha)}`);
      else if (!revsMatch) actions.push(`Repository would be ${how} from ${shortSha(before.rev)} to ${shortSha(remote.sha)}`);
      if (Object.keys(ret.changes).length) return Object.assign(ret, { result: null, comment: formatComments(actions) });
      return upToDate(ret, o.target, actions);
    }
    if (!present) {
      let fetched: Record<string, unknown>;
      try {
        fetched = (await call('fetch', [o.target], { remote: o.remote, force: o.forceFetch })) as Record<string, unknown>;
      } catch (err) {
        return failed(ret, `Fetch failed. Set 'force_fetch' to True to force the fetch if the failure was due to not being able to fast-forward. Output of the fetch command follows:\n\n${stripCommand(errorText(err))}`, comments);
      }
      if (Object.keys(fetched).length) comments.push(`${o.url} was fetched, resulting in updated refs`);
      present = await hasCommit(call, o.target, remote.sha);
      if (!present) return failed(ret, `Fetch did not successfully retrieve rev '${o.rev}' from ${o.url}`, comments);
      fastForward = await isFastForward(call, o.target, before.rev, remote.sha);
      if (!fastForward && !o.forceReset) return notFastForward(ret, o, before.rev, remote.sha, branchChange, before.changes, comments);
    }
    if (branchChange) {
      if (before.changes && !o.forceCheckout) return failed(ret, `Local branch '${before.branch}' has uncommitted changes. Set 'force_checkout' to True to discard them and proceed.`, comments);
      if (!branches.includes(o.branch!)) {
        await call('checkout', [o.target, o.rev === 'HEAD' ? remote.sha : remote.upstream ?? o.rev], { force: o.forceCheckout, opts: ['-b', o.branch] });
        comments.push(`New branch '${o.branch}' was checked out, with ${remote.label} as a starting point`);
      } else {
        await call('checkout', [o.target, o.branch], { force: o.forceCheckout });
        comments.push(`'${o.branch}' was checked out`);
      }
    }
    if (before.changes) comments.push('Local changes were discarded');
    if (fastForward === false) {
      await call('reset', [o.target], { opts: ['--hard', remote.sha] });
      ret.changes['forced update'] = true;
      comments.push(`Repository was hard-reset to ${remote.label}`);
    }
    const base = (await call('revision', [o.target], { ignore_retcode: true })) as string;
    if (fastForward === true && !revsEqual(base, remote.sha, remote.type)) {
      if (remote.upstream || o.rev === 'HEAD') {
        if (!(await call('symbolic_ref', [o.target, 'HEAD'], { opts: ['--quiet'], ignore_retcode: true }))) return failed(ret, 'Unable to fast-forward, HEAD is detached', comments);
        await call('merge', [o.target], { rev: remote.sha, opts: ['--ff-only'] });
        comments.push(`Repository was fast-forwarded to ${remote.label}`);
      } else {
        await call('reset', [o.target], { opts: ['--hard', o.rev] });
        comments.push(`Repository was reset to ${o.rev} (fast-forward)`);
      }
    }
    const newRev = (await call('revision', [o.target])) as string;
    if (!revsEqual(newRev, remote.sha, remote.type)) return failed(ret, 'Failed to update repository', comments);
    if (before.rev === newRev) return upToDate(ret, o.target, comments);
    ret.comment = formatComments(comments);
    ret.changes.revision = { old: before.rev, new: newRev };
    return ret;
  } catch (err) {
    return failed(ret, stripCommand(errorText(err)), comments);
  }
}
