// What user.present asks for, checked against the system: groups that must exist,
// optional groups that are dropped when missing, a primary group given by name or gid.
import type { StateArgs, StateContext } from '../../../shared/state/types.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { nameList, optionalText, truthy } from '../../../shared/state/state-return.js';

export interface WantedUser {
  name: string;
  uid: number | null;
  gid: number | null;
  /** Supplementary groups, optional ones that exist included; null when not managed. */
  groups: string[] | null;
  removeGroups: boolean;
  home: string | null;
  createhome: boolean;
  shell: string | null;
  fullname: string | null;
  password: string | null;
  enforcePassword: boolean;
}

const exists = async (ctx: StateContext, group: string) => Object.keys((await ctx.call('group.info', [group])) as object).length > 0;

/** The wanted user, or the comment of why the arguments cannot be met. */
export async function wantedUser(ctx: StateContext, args: StateArgs): Promise<WantedUser | string> {
  const groups = args.groups == null ? null : nameList(args.groups, true);
  const missing = [];
  for (const group of groups ?? []) if (!(await exists(ctx, group))) missing.push(group);
  if (missing.length) return `The following group(s) are not present: ${missing.join(',')}`;
  const optional = [];
  for (const group of nameList(args.optional_groups, true)) if (await exists(ctx, group)) optional.push(group);
  let gid: number | null = null;
  if (args.gid != null && args.gid !== '') {
    if (/^\d+$/.test(pyStr(args.gid))) gid = Number(args.gid);
    else {
      const info = (await ctx.call('group.info', [pyStr(args.gid)])) as { gid?: number };
      if (info.gid === undefined) return `Default group with name "${pyStr(args.gid)}" is not present`;
      gid = info.gid;
    }
  }
  const wantedGroups = groups === null && !optional.length ? null : [...new Set([...(groups ?? []), ...optional])];
  return {
    name: args.name,
    uid: args.uid == null || args.uid === '' ? null : Number(args.uid),
    gid,
    groups: wantedGroups,
    removeGroups: args.remove_groups == null ? true : truthy(args.remove_groups),
    home: optionalText(args.home),
    createhome: args.createhome == null ? true : truthy(args.createhome),
    shell: optionalText(args.shell),
    fullname: args.fullname == null ? null : pyStr(args.fullname),
    password: optionalText(args.password),
    enforcePassword: args.enforce_password == null ? true : truthy(args.enforce_password),
  };
}
