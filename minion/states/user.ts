// user: keep local users present with the wanted attributes, or absent (Salt's states/user.py).
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { errorText, fail, startReturn, truthy } from '../../shared/state/state-return.js';
import { applyChanges, pendingComment, REDACTED } from './user/apply.js';
import { userChanges, type UserInfo } from './user/changes.js';
import { wantedUser, type WantedUser } from './user/wanted.js';

async function create(ctx: StateContext, ret: StateReturn, args: StateArgs, wanted: WantedUser): Promise<StateReturn> {
  if (ctx.test) return Object.assign(ret, { result: null, comment: `User ${wanted.name} set to be added` });
  const params = {
    uid: wanted.uid, gid: wanted.gid, groups: wanted.groups, home: wanted.home, shell: wanted.shell, fullname: wanted.fullname ?? '',
    createhome: wanted.createhome, unique: args.unique == null ? true : truthy(args.unique), system: truthy(args.system),
    nologinit: truthy(args.nologinit), usergroup: args.usergroup ?? null,
    ...Object.fromEntries(['roomnumber', 'workphone', 'homephone', 'other'].filter((k) => args[k] != null).map((k) => [k, args[k]])),
  };
  await ctx.call('user.add', [wanted.name], params);
  ret.comment = `New user ${wanted.name} created`;
  ret.changes = (await ctx.call('user.info', [wanted.name])) as Record<string, unknown>;
  // passwd reports the home that would be, even when it was not created.
  if (!wanted.createhome) ret.changes.home = '';
  if (wanted.password !== null) {
    if ((await ctx.call('shadow.set_password', [wanted.name, wanted.password])) !== true) {
      Object.assign(ret, { result: false, comment: `User ${wanted.name} created but failed to set password to ${REDACTED}` });
    }
    ret.changes.password = REDACTED;
  }
  return ret;
}

async function present(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret = startReturn(args.name, `User ${args.name} is present and up to date`);
  try {
    const wanted = await wantedUser(ctx, args);
    if (typeof wanted === 'string') return fail(ret, wanted);
    const changes = await userChanges(ctx, wanted);
    if (changes === null) return await create(ctx, ret, args, wanted);
    if (!Object.keys(changes).length) return ret;
    const current = (await ctx.call('user.info', [args.name])) as UserInfo;
    const refused = [
      ...('uid' in changes && !truthy(args.allow_uid_change) ? [`Changing uid (${current.uid} -> ${wanted.uid}) not permitted, set allow_uid_change to True to force this change. Note that this will not change file ownership.`] : []),
      ...('gid' in changes && !truthy(args.allow_gid_change) ? [`Changing gid (${current.gid} -> ${wanted.gid}) not permitted, set allow_gid_change to True to force this change. Note that this will not change file ownership.`] : []),
    ];
    if (refused.length) return fail(ret, refused.join('\n'));
    if (ctx.test) return Object.assign(ret, { result: null, comment: pendingComment(changes) });
    return await applyChanges(ctx, ret, wanted, changes);
  } catch (err) {
    return fail(ret, errorText(err));
  }
}

async function absent(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret = startReturn(args.name);
  try {
    const info = (await ctx.call('user.info', [args.name])) as Partial<UserInfo>;
    if (!info.name) return Object.assign(ret, { comment: `User ${args.name} is not present` });
    if (ctx.test) return Object.assign(ret, { result: null, comment: `User ${args.name} set for removal` });
    const groupsBefore = info.groups ?? [];
    await ctx.call('user.delete', [args.name, truthy(args.purge), truthy(args.force)]);
    // userdel also removes the user's own group; Salt reports that as "<group> group: removed".
    for (const group of groupsBefore) {
      if (!Object.keys((await ctx.call('group.info', [group])) as object).length) ret.changes[`${group} group`] = 'removed';
    }
    ret.changes[args.name] = 'removed';
    ret.comment = `Removed user ${args.name}`;
    return ret;
  } catch (err) {
    return fail(ret, `Failed to remove user ${args.name}: ${errorText(err)}`);
  }
}

export const userStates: StateModule = {
  name: 'user',
  doc: 'Keep local users present with the wanted attributes, or absent.',
  functions: {
    present: {
      doc: 'Create the user or bring it to the wanted uid, gid, groups (remove_groups, optional_groups), home (createhome), shell, fullname, password (a hash; enforce_password), system; allow_uid_change / allow_gid_change permit changing ids.',
      run: present,
    },
    absent: { doc: 'Delete the user; purge: True also removes its home and mail spool, force: True even while logged in.', run: absent },
  },
};
