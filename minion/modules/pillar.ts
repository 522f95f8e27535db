// pillar: read the minion's pillar (the data the master compiled for it alone), or a
// pillar compiled now for another pillarenv or with pillar= merged over it.
import { isRecord } from '../../shared/output/sorted-keys.js';
import type { Pillar } from '../../shared/pillar/types.js';
import { freshPillar } from '../pillar/for-call.js';
import { mergePillar } from '../../shared/pillar/index.js';
import { pyStr } from '../../shared/output/py-str.js';
import { CommandExecutionError } from './command-error.js';
import { traverse } from '../../shared/traverse.js';
import type { BoundArgs, ExecContext, ExecModule } from './types.js';

const DELIMITER = ':';
const MISSING = Symbol('missing');

/** The job's pillar, or one compiled now when the call names a pillarenv or saltenv (as Salt's pillar.get and pillar.item do). */
function pillarOf(ctx: ExecContext, pillarenv: unknown, saltenv: unknown): Promise<Pillar> | Pillar {
  return pillarenv == null && saltenv == null ? ctx.pillar : freshPillar(ctx, { pillarenv, saltenv });
}

/** pillar.get's merge=True: the pillar's value merged over the default when both are
 * mappings, or the default's items then the pillar's it lacks when both are lists. */
function mergedWithDefault(pillar: Pillar, key: string, fallback: unknown, delimiter: string, mergeLists: boolean): unknown {
  const found = traverse(pillar, key, MISSING, delimiter);
  if (isRecord(fallback) && isRecord(found)) return mergePillar(fallback, found, 'recurse', mergeLists);
  if (Array.isArray(fallback) && Array.isArray(found)) return mergePillar({ list: fallback }, { list: found }, 'recurse', true).list;
  return MISSING;
}

async function pick(ctx: ExecContext, keys: unknown[], kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { default: fallback = '', delimiter = DELIMITER, pillarenv = null, saltenv = null } = kwargs;
  const pillar = await pillarOf(ctx, pillarenv, saltenv);
  const picked: Record<string, unknown> = {};
  for (const key of keys) picked[pyStr(key)] = traverse(pillar, pyStr(key), fallback, pyStr(delimiter));
  return picked;
}

function items(ctx: ExecContext, a: BoundArgs): Promise<Record<string, unknown>> {
  const kwargs = a.kwargs ?? {};
  // With key names it is pillar.item, as in Salt.
  if (a.args?.length) return pick(ctx, a.args, {});
  return freshPillar(ctx, { pillarenv: kwargs.pillarenv, saltenv: kwargs.saltenv, override: kwargs.pillar });
}

export const pillarModule: ExecModule = {
  name: 'pillar',
  doc: "Read the minion's pillar: data the master compiled for this minion only.",
  functions: {
    get: {
      doc: "Return the pillar value at key, following nested keys such as 'app:branch', or default ('') when it is missing; merge=True merges a dict or list default with the value.",
      params: [
        { name: 'key' }, { name: 'default', default: null }, { name: 'merge', default: false }, { name: 'merge_nested_lists', default: null },
        { name: 'delimiter', default: DELIMITER }, { name: 'pillarenv', default: null }, { name: 'saltenv', default: null },
      ],
      run: async (ctx, a) => {
        const pillar = await pillarOf(ctx, a.pillarenv, a.saltenv);
        const key = pyStr(a.key);
        const delimiter = pyStr(a.delimiter);
        const fallback = a.default ?? '';
        if (a.merge === true) {
          const merged = mergedWithDefault(pillar, key, fallback, delimiter, a.merge_nested_lists == null ? ctx.opts.pillar_merge_lists : a.merge_nested_lists === true);
          if (merged !== MISSING) return merged;
        }
        return traverse(pillar, key, fallback, delimiter);
      },
    },
    items: {
      doc: 'Return the pillar compiled now (pillarenv= picks the environment, pillar={...} merges over it); with key names, pillar.item.',
      varargs: true,
      varkw: true,
      run: items,
    },
    item: {
      doc: "Return the named pillar keys as {key: value} (nested keys as 'a:b'; missing ones get default=''); delimiter, pillarenv and saltenv as keywords.",
      varargs: true,
      varkw: true,
      run: (ctx, a) => pick(ctx, a.args ?? [], a.kwargs ?? {}),
    },
    keys: {
      doc: "Return the keys of the pillar mapping at key (nested as 'a:b').",
      params: [{ name: 'key' }, { name: 'delimiter', default: DELIMITER }],
      run: (ctx, a) => {
        const key = pyStr(a.key);
        const value = traverse(ctx.pillar, key, MISSING, pyStr(a.delimiter));
        if (value === MISSING) throw new CommandExecutionError(`Pillar key not found: ${key}`);
        if (!isRecord(value)) throw new CommandExecutionError(`Pillar value in key ${key} is not a dict`);
        return Object.keys(value);
      },
    },
    ls: {
      doc: 'Return the top-level keys of the pillar compiled now (as pillar.items).',
      varkw: true,
      run: async (ctx, a) => Object.keys(await items(ctx, { kwargs: a.kwargs })),
    },
    raw: {
      doc: "Return the pillar the minion holds in memory, or its top-level key (no nesting; {} when missing), without compiling it again.",
      params: [{ name: 'key', default: null }],
      run: (ctx, a) => {
        if (a.key == null) return ctx.pillar;
        const key = pyStr(a.key);
        return Object.hasOwn(ctx.pillar, key) ? ctx.pillar[key] : {};
      },
    },
  },
};
