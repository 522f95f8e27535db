// group: keep local groups present with the wanted gid and members, or absent (Salt's states/group.py).
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { pyStr } from '../../shared/output/py-str.js';
import { errorText, fail, nameList, startReturn, truthy } from '../../shared/state/state-return.js';

interface GroupInfo {
  name: string;
  gid: number;
  members: string[];
}

interface WantedGroup {
  gid: number | null;
  members: string[] | null;
  addusers: string[];
  delusers: string[];
}

async function groupInfo(ctx: StateContext, name: string): Promise<GroupInfo | null> {
  const info = (await ctx.call('group.info', [name])) as Partial<GroupInfo>;
  return info.name === undefined ? null : (info as GroupInfo);
}

/** What differs (Salt's group._changes): gid, members, addusers, delusers; null when the group does not exist. */
async function groupChanges(ctx: StateContext, name: string, wanted: WantedGroup): Promise<Record<string, unknown> | null> {
  const current = await groupInfo(ctx, name);
  if (!current) return null;
  const change: Record<string, unknown> = {};
  if (wanted.gid !== null && current.gid !== wanted.gid) change.gid = wanted.gid;
  const differs = (list: string[]) => list.some((u) => !current.members.includes(u)) || current.members.some((u) => !list.includes(u));
  // An empty members list means: no members at all.
  if (wanted.members !== null && !wanted.members.length && current.members.length) change.delusers = [...current.members];
  else if (wanted.members?.length && differs(wanted.members)) change.members = wanted.members;
  const toAdd = wanted.addusers.filter((u) => !current.members.includes(u));
  if (toAdd.length) change.addusers = toAdd;
  const toDel = wanted.delusers.filter((u) => current.members.includes(u));
  if (toDel.length) change.delusers = toDel;
  return change;
}

async function applyChanges(ctx: StateContext, name: string, changes: Record<string, unknown>, nonUnique: boolean): Promise<void> {
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'gid') await ctx.call('group.chgid', [name, value], { non_unique: nonUnique });
    if (key === 'addusers') for (const user of value as string[]) await ctx.call('group.adduser', [name, user]);
    if (key === 'delusers') for (const user of value as string[]) await ctx.call('group.deluser', [name, user]);
    if (key === 'members') await ctx.call('group.members', [name, (value as string[]).join(',')]);
  }
}

async function create(ctx: StateContext, ret: StateReturn, args: StateArgs, wanted: WantedGroup): Promise<StateReturn> {
  const name = args.name;
  if (ctx.test) return Object.assign(ret, { result: null, comment: `Group ${name} set to be added` });
  const nonUnique = truthy(args.non_unique);
  if (wanted.gid !== null && !nonUnique) {
    const taken = ((await ctx.call('group.getent')) as GroupInfo[]).find((g) => g.gid === wanted.gid);
    if (taken) return fail(ret, `Group ${name} is not present but gid ${wanted.gid} is already taken by group ${taken.name}`);
  }
  await ctx.call('group.add', [name], { gid: wanted.gid, system: truthy(args.system), non_unique: nonUnique });
  const members = wanted.addusers.length ? wanted.addusers : wanted.members ?? [];
  if (members.length) await ctx.call('group.members', [name, members.join(',')]);
  ret.comment = `New group ${name} created`;
  ret.changes = (await groupInfo(ctx, name)) as unknown as Record<string, unknown>;
  const left = await groupChanges(ctx, name, wanted);
  if (left && Object.keys(left).length) Object.assign(ret, { result: false, comment: `Group ${name} has been created but, some changes could not be applied`, changes: { Failed: left } });
  return ret;
}

async function present(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const name = args.name;
  const ret = startReturn(name, `Group ${name} is present and up to date`);
  const wanted: WantedGroup = {
    gid: args.gid == null || args.gid === '' ? null : Number(args.gid),
    members: args.members == null ? null : nameList(args.members, true),
    addusers: nameList(args.addusers, true),
    delusers: nameList(args.delusers, true),
  };
  // Salt answers these two argument conflicts with result None.
  if (wanted.members !== null && (args.addusers != null || args.delusers != null)) {
    return Object.assign(ret, { result: null, comment: 'Error: Conflicting options "members" with "addusers" and/or "delusers" can not be used together. ' });
  }
  if (wanted.addusers.some((u) => wanted.delusers.includes(u))) {
    return Object.assign(ret, { result: null, comment: 'Error. Same user(s) can not be added and deleted simultaneously' });
  }
  try {
    const changes = await groupChanges(ctx, name, wanted);
    if (changes === null) return await create(ctx, ret, args, wanted);
    if (!Object.keys(changes).length) return ret;
    ret.comment = `The following group attributes are set to be changed:\n${Object.entries(changes).map(([k, v]) => `${k}: ${pyStr(v)}\n`).join('')}`;
    if (ctx.test) return Object.assign(ret, { result: null });
    await applyChanges(ctx, name, changes, truthy(args.non_unique));
    const left = await groupChanges(ctx, name, wanted);
    if (left && Object.keys(left).length) return Object.assign(ret, { result: false, comment: `${ret.comment}Some changes could not be applied`, changes: { Failed: left } });
    ret.changes = { Final: 'All changes applied successfully' };
    return ret;
  } catch (err) {
    return fail(ret, errorText(err));
  }
}

async function absent(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret = startReturn(args.name);
  try {
    if (!(await groupInfo(ctx, args.name))) return Object.assign(ret, { comment: 'Group not present' });
    if (ctx.test) return Object.assign(ret, { result: null, comment: `Group ${args.name} is set for removal` });
    await ctx.call('group.delete', [args.name]);
    return Object.assign(ret, { changes: { [args.name]: '' }, comment: `Removed group ${args.name}` });
  } catch (err) {
    return fail(ret, `Failed to remove group ${args.name}: ${errorText(err)}`);
  }
}

export const groupStates: StateModule = {
  name: 'group',
  doc: 'Keep local groups present with the wanted gid and members, or absent.',
  functions: {
    present: {
      doc: 'Create the group or bring it to the wanted gid; members (the whole list) or addusers/delusers; system, non_unique.',
      run: present,
    },
    absent: { doc: 'Delete the group.', run: absent },
  },
};

