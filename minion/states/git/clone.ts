// git.latest when there is no repository at the target yet: clone it (clearing a
// non-empty target only with force_clone), then put the wanted rev and branch in place.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { StateContext, StateReturn } from '../../../shared/state/types.js';
import { errorText } from '../../../shared/state/state-return.js';
import { failed, formatComments, stripCommand } from './comments.js';
import type { LatestOptions } from './options.js';
import { revsEqual, type RemoteRev } from './remote-rev.js';

export async function cloneRepository(ctx: StateContext, ret: StateReturn, o: LatestOptions, remote: RemoteRev): Promise<StateReturn> {
  const contents = readdirSafe(o.target);
  const call = (fun: string, arg: unknown[], kwarg: Record<string, unknown> = {}) => ctx.call(`git.${fun}`, arg, { user: o.user, ...kwarg });
  if (contents.length) {
    if (!o.forceClone) {
      return failed(ret, `Target '${o.target}' exists, is non-empty and is not a git repository. Set the 'force_clone' option to True to remove this directory's contents and proceed with cloning the remote repository`);
    }
    if (ctx.test) {
      ret.changes = { 'forced clone': true, new: `${o.url} => ${o.target}` };
      return Object.assign(ret, { result: null, comment: `Target directory ${o.target} exists. Since force_clone=True, the contents of ${o.target} would be deleted, and ${o.url} would be cloned into this directory.` });
    }
    for (const entry of contents) rmSync(path.join(o.target, entry), { recursive: true, force: true });
    ret.changes['forced clone'] = true;
  }
  if (ctx.test) {
    ret.changes.new = `${o.url} => ${o.target}`;
    return Object.assign(ret, { result: null, comment: `Repository ${o.url} would be cloned to ${o.target}` });
  }
  const comments: string[] = [];
  const opts = [...(o.remote !== 'origin' ? ['--origin', o.remote] : []), ...(o.depth !== null ? ['--depth', String(o.depth), '--branch', o.rev] : [])];
  try {
    await call('clone', [o.target, o.url], { opts });
  } catch (err) {
    return failed(ret, `Clone failed: ${stripCommand(errorText(err))}`);
  }
  ret.changes.new = `${o.url} => ${o.target}`;
  comments.push(`${o.url} cloned to ${o.target}`);
  try {
    if (remote.sha !== null) {
      if (o.branch !== null && !((await call('list_branches', [o.target])) as string[]).includes(o.branch)) {
        await call('checkout', [o.target, o.rev === 'HEAD' ? remote.sha : remote.upstream ?? o.rev], { opts: ['-b', o.branch] });
        comments.push(`Branch '${o.branch}' checked out, with ${remote.label} as a starting point`);
      }
      const local = (await call('revision', [o.target])) as string;
      if (!revsEqual(local, remote.sha, remote.type)) {
        await call('reset', [o.target], { opts: ['--hard', remote.sha] });
        comments.push(`Repository was reset to ${remote.label}`);
      }
    }
    const newRev = remote.sha === null ? null : ((await call('revision', [o.target])) as string);
    ret.comment = formatComments(comments);
    if (newRev !== null) ret.changes.revision = { old: null, new: newRev };
    return ret;
  } catch (err) {
    return failed(ret, stripCommand(errorText(err)), comments);
  }
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
