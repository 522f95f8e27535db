// grains: read the minion's grains and set custom ones in the grains file.
import { isDeepStrictEqual } from 'node:util';
import { isRecord, sortedKeys } from '../../shared/output/sorted-keys.js';
import { nestValue } from './grains/nest.js';
import { pyStr } from '../../shared/output/py-str.js';
import { sanitizeGrains } from './grains/sanitize.js';
import { storeGrains } from './grains/store.js';
import { traverse } from '../../shared/traverse.js';
import type { ExecContext, ExecModule } from './types.js';

const DELIMITER = ':';
const MISSING = Symbol('missing');

interface SetResult {
  comment: string;
  changes: Record<string, unknown>;
  result: boolean;
}

/** grains.delval: sets the grain to None (or removes it when destructive), as Salt's grains.set(key, None). */
async function deleteValue(ctx: ExecContext, key: string, destructive: boolean, force: boolean): Promise<SetResult> {
  const failed = (comment: string): SetResult => ({ comment, changes: {}, result: false });
  const existing = traverse(ctx.grains, key, MISSING, DELIMITER);
  if (existing === null && !destructive) return { comment: 'Grain is already set', changes: {}, result: true };
  if (!force && (Array.isArray(existing) || isRecord(existing))) {
    return failed(`The key '${key}' exists but is a dict or a list. Use 'force=True' to overwrite.`);
  }
  const nested = nestValue(ctx.grains, key, null, { delimiter: DELIMITER, force, destructive });
  if (!nested.ok) return failed(nested.comment);
  const stored = await storeGrains(ctx, { [nested.key]: nested.value }, destructive);
  return typeof stored === 'string' ? failed(stored) : { comment: '', changes: stored, result: true };
}

export const grainsModule: ExecModule = {
  name: 'grains',
  doc: "Read the minion's grains, and set custom grains in the grains file (DIR/grains).",
  functions: {
    items: {
      doc: "Return all of the minion's grains; sanitize=True masks the ones that identify the host.",
      params: [{ name: 'sanitize', default: false }],
      run: (ctx, a) => (a.sanitize === true ? sanitizeGrains(ctx.grains) : { ...ctx.grains }),
    },
    item: {
      doc: "Return the named grains as {name: value} (nested names as 'a:b'; missing ones get default=''); delimiter and sanitize as keywords.",
      varargs: true,
      varkw: true,
      run: (ctx, a) => {
        const { default: fallback = '', delimiter = DELIMITER, sanitize = false } = a.kwargs ?? {};
        const picked: Record<string, unknown> = {};
        for (const name of a.args ?? []) picked[String(name)] = traverse(ctx.grains, String(name), fallback, String(delimiter));
        return sanitize === true ? sanitizeGrains(picked) : picked;
      },
    },
    get: {
      doc: "Return the grain named by key, following nested keys such as 'pkg:apache', or default ('') when it is not set.",
      params: [{ name: 'key' }, { name: 'default', default: '' }, { name: 'delimiter', default: DELIMITER }],
      run: (ctx, a) => traverse(ctx.grains, String(a.key), a.default, String(a.delimiter)),
    },
    ls: {
      doc: 'Return the sorted names of all grains.',
      run: (ctx) => sortedKeys(ctx.grains),
    },
    setval: {
      doc: 'Set a grain in the grains file and return {key: val}; destructive=True with val None removes it.',
      params: [{ name: 'key' }, { name: 'val' }, { name: 'destructive', default: false }],
      run: (ctx, a) => storeGrains(ctx, { [String(a.key)]: a.val }, a.destructive === true),
    },
    append: {
      doc: 'Append val to the list grain key (created when missing); convert=True turns a non-list grain into a list first.',
      params: [{ name: 'key' }, { name: 'val' }, { name: 'convert', default: false }, { name: 'delimiter', default: DELIMITER }],
      run: async (ctx, a) => {
        const key = String(a.key);
        const delimiter = String(a.delimiter);
        let list = traverse(ctx.grains, key, [], delimiter);
        if (a.convert && !Array.isArray(list)) list = list === null ? [] : [list];
        if (!Array.isArray(list)) return `The key ${key} is not a valid list`;
        if (list.some((item) => isDeepStrictEqual(item, a.val))) return `The val ${pyStr(a.val)} was already in the list ${key}`;
        const appended = [...list, ...(Array.isArray(a.val) ? a.val : [a.val])];
        const nested = nestValue(ctx.grains, key, appended, { delimiter, force: false, destructive: false });
        if (!nested.ok) return nested.comment;
        return storeGrains(ctx, { [nested.key]: nested.value }, false);
      },
    },
    delval: {
      doc: 'Set the grain key to None in the grains file; destructive=True removes it; force=True also for a dict or list grain.',
      params: [{ name: 'key' }, { name: 'destructive', default: false }, { name: 'force', default: false }],
      run: (ctx, a) => deleteValue(ctx, String(a.key), a.destructive === true, a.force === true),
    },
  },
};
