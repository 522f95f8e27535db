// High data to low chunks (Salt's compile_high_data and order_chunks): one chunk per
// state declaration and per entry of `names:`, keyed state, name, __sls__, __env__,
// (__sls_included_from__,) __id__, the arguments, order, fun; sorted by order, then by state + name + fun.
import { isDeepStrictEqual } from 'node:util';
import type { LowChunk } from '../types.js';
import { argDicts, idBodies, isDict, stateKeys, type HighData } from './high.js';

/** How far past the highest numeric order `order: last` goes (Salt's constant). */
const LAST_OFFSET = 1000000;

type Draft = Record<string, unknown>;

/** The chunk of one declaration before `names:` and `fun` are applied. */
function baseChunk(id: string, body: Record<string, unknown>, module: string): { chunk: Draft; funs: string[]; names: unknown[] } {
  const chunk: Draft = { state: module, name: id };
  if ('__sls__' in body) chunk.__sls__ = body.__sls__;
  if ('__env__' in body) chunk.__env__ = body.__env__;
  if ('__sls_included_from__' in body) chunk.__sls_included_from__ = body.__sls_included_from__;
  chunk.__id__ = id;
  const funs: string[] = [];
  const names: unknown[] = [];
  for (const arg of body[module] as unknown[]) {
    if (typeof arg === 'string') funs.push(arg);
    if (!isDict(arg)) continue;
    for (const [key, value] of Object.entries(arg)) {
      if (key === 'names') {
        for (const name of Array.isArray(value) ? value : []) {
          if (!names.some((seen) => isDeepStrictEqual(seen, name))) names.push(name);
        }
      } else if (key === 'name' && typeof value !== 'string') chunk.name = id;
      else if (key !== 'state') chunk[key] = value; // a `state:` argument never overrides the module
    }
  }
  return { chunk, funs, names };
}

/** One chunk per `names:` entry; a `{name: [args]}` entry overrides the ID's args. */
function expandNames(chunk: Draft, names: unknown[]): Draft[] {
  if (names.length === 0) return [structuredClone(chunk)];
  return names.map((entry, index) => {
    const live = structuredClone(chunk);
    if (isDict(entry)) {
      const [name, overrides] = Object.entries(entry)[0] ?? [undefined, undefined];
      live.name = name;
      for (const override of Array.isArray(overrides) ? argDicts(overrides) : isDict(overrides) ? [overrides] : []) {
        Object.assign(live, structuredClone(override));
      }
    } else live.name = entry;
    live.name_order = index + 1;
    return live;
  });
}

/** Resolves `order` (first, last, numbers, negatives from the end) and sorts, as Salt does. */
function orderChunks(chunks: Draft[]): LowChunk[] {
  let cap = 1;
  for (const { order } of chunks) {
    if (Number.isInteger(order) && (order as number) > cap - 1 && (order as number) > 0) cap = (order as number) + 100;
  }
  for (const chunk of chunks) {
    if (!('order' in chunk)) {
      chunk.order = cap;
      continue;
    }
    if (typeof chunk.order !== 'number') chunk.order = chunk.order === 'last' ? cap + LAST_OFFSET : chunk.order === 'first' ? 0 : cap;
    if ('name_order' in chunk) {
      chunk.order = (chunk.order as number) + (chunk.name_order as number) / 10000;
      delete chunk.name_order;
    }
    if ((chunk.order as number) < 0) chunk.order = cap + LAST_OFFSET + (chunk.order as number);
  }
  const sortKey = (chunk: Draft): string => `${String(chunk.state)}${String(chunk.name)}${String(chunk.fun)}`;
  return (chunks as LowChunk[]).sort((a, b) => a.order - b.order || (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** Low chunks of high data as state.show_lowstate prints them (extend, exclude and the
 * `_in` requisites are not applied here: see finalizeLow). */
export function highToLow(high: HighData): LowChunk[] {
  const chunks: Draft[] = [];
  for (const [id, body] of idBodies(high)) {
    for (const module of stateKeys(body)) {
      if (!Array.isArray(body[module])) continue;
      const { chunk, funs, names } = baseChunk(id, body, module);
      if (funs.length === 0) continue;
      for (const live of expandNames(chunk, names)) {
        live.fun = funs[0];
        chunks.push(live);
      }
    }
  }
  return orderChunks(chunks);
}
