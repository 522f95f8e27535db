// git: keep a clone of a remote repository at the wanted revision (Salt's git.latest),
// through the git execution module.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { errorText, optionalText, startReturn, unsupportedArgs } from '../../shared/state/state-return.js';
import { cloneRepository } from './git/clone.js';
import { failed, stripCommand } from './git/comments.js';
import { latestOptions } from './git/options.js';
import { remoteRev } from './git/remote-rev.js';
import { updateRepository } from './git/update.js';

async function latest(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret = startReturn(args.name);
  const unsupported = unsupportedArgs(args, ['bare', 'mirror', 'submodules', 'identity', 'https_user', 'https_pass'], 'git.latest');
  if (unsupported) return failed(ret, unsupported);
  const target = optionalText(args.target);
  if (target === null) return failed(ret, '"target" option is required');
  if (!path.isAbsolute(target)) return failed(ret, `Target '${target}' is not an absolute path`);
  const o = latestOptions(args, target);
  let remote;
  try {
    remote = await remoteRev(ctx, o.url, o.rev, o.remote, o.user);
  } catch (err) {
    return failed(ret, `Failed to check remote refs: ${stripCommand(errorText(err))}`);
  }
  if (remote === null) return failed(ret, `No revision matching '${o.rev}' exists in the remote repository`);
  if (!existsSync(path.join(target, '.git'))) return cloneRepository(ctx, ret, o, remote);
  if (remote.sha === null) return failed(ret, `Remote repository ${o.url} is empty; there is no revision to update ${target} to`);
  return updateRepository(ctx, ret, o, { ...remote, sha: remote.sha });
}

export const gitStates: StateModule = {
  name: 'git',
  doc: 'Keep a clone of a remote repository at the wanted revision.',
  functions: {
    latest: {
      doc: 'Clone the repository `name` into `target`, or bring the clone to `rev` (default the remote HEAD; a branch, tag or SHA1): fast-forwards only, unless force_reset; branch picks the local branch; user, remote, depth, force_clone, force_fetch, force_checkout. Changes {revision: {old, new}}.',
      run: latest,
    },
  },
};
