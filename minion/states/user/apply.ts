// Applying user.present's changes to an existing user, one execution function per
// attribute, and reporting what user.info (and the shadow hash) say changed.
import type { StateContext, StateReturn } from '../../../shared/state/types.js';
import { pyRepr } from '../../../shared/output/pyrepr.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { userChanges, type UserInfo } from './changes.js';
import type { WantedUser } from './wanted.js';

export const REDACTED = 'XXX-REDACTED-XXX';

/** Salt's test=True comment: one "key: value" line per attribute, the password hidden. */
export function pendingComment(changes: Record<string, unknown>): string {
  const lines = Object.entries(changes).map(([key, value]) => `${key}: ${key === 'passwd' ? REDACTED : pyStr(value)}\n`);
  return `The following user attributes are set to be changed:\n${lines.join('')}`;
}

async function applyOne(ctx: StateContext, wanted: WantedUser, key: string, value: unknown, all: Record<string, unknown>, before: UserInfo): Promise<void> {
  const name = wanted.name;
  switch (key) {
    case 'uid': return void (await ctx.call('user.chuid', [name, value]));
    case 'gid': return void (await ctx.call('user.chgid', [name, value]));
    case 'groups': return void (await ctx.call('user.chgroups', [name, value, !wanted.removeGroups]));
    case 'shell': return void (await ctx.call('user.chshell', [name, value]));
    case 'fullname': return void (await ctx.call('user.chfullname', [name, value]));
    case 'passwd': return void (await ctx.call('shadow.set_password', [name, value]));
    // A home that also has to be created is moved once, below.
    case 'home': if (!('homeDoesNotExist' in all)) await ctx.call('user.chhome', [name, value, false]); return;
    case 'homeDoesNotExist':
      await ctx.call('user.chhome', [name, value, true]);
      if ((await ctx.call('file.directory_exists', [value])) !== true) await ctx.call('file.mkdir', [value, before.uid, before.gid, '0755']);
      return;
  }
}

/** Applies the changes; the return's comment and changes say what happened and what could not be done. */
export async function applyChanges(ctx: StateContext, ret: StateReturn, wanted: WantedUser, changes: Record<string, unknown>): Promise<StateReturn> {
  const before = (await ctx.call('user.info', [wanted.name])) as UserInfo & Record<string, unknown>;
  const hashBefore = ((await ctx.call('shadow.info', [wanted.name])) as { passwd: string }).passwd;
  for (const [key, value] of Object.entries(changes)) await applyOne(ctx, wanted, key, value, changes, before);
  const after = (await ctx.call('user.info', [wanted.name])) as Record<string, unknown>;
  for (const key of Object.keys(after)) if (pyRepr(after[key]) !== pyRepr(before[key])) ret.changes[key] = after[key];
  if (((await ctx.call('shadow.info', [wanted.name])) as { passwd: string }).passwd !== hashBefore) ret.changes.passwd = REDACTED;
  if ('homeDoesNotExist' in changes && !('home' in ret.changes)) ret.changes.home = changes.homeDoesNotExist;
  if (Object.keys(ret.changes).length) ret.comment = `Updated user ${wanted.name}`;
  const left = (await userChanges(ctx, wanted)) ?? {};
  if (Object.keys(left).length) Object.assign(ret, { result: false, comment: `These values could not be changed: ${pyRepr(left)}` });
  return ret;
}
