// Requisite entries as Salt writes them in low chunks (`'some_id'`, `{file: /etc/x}`,
// `{sls: web}`, globs allowed) resolved to the chunks they name.
import { globMatch } from '../../targeting/glob.js';
import type { LowChunk } from '../types.js';

/** The requisites that order and gate a state, in the order Salt reports missing ones. */
export const REQUISITE_KINDS = [
  'require', 'require_any', 'watch', 'watch_any', 'prereq',
  'onfail', 'onfail_any', 'onfail_all', 'onchanges', 'onchanges_any', 'prerequired',
] as const;
export type RequisiteKind = (typeof REQUISITE_KINDS)[number];

/** One requisite entry: `key` is a state module name, `id` or `sls`; `value` may be a glob. */
export interface RequisiteRef {
  key: string;
  value: string;
}

/** A requisite entry that is neither an ID nor a single `state: name` pair. */
export class MalformedRequisite extends Error {}

export function entriesOf(chunk: LowChunk, kind: string): unknown[] {
  const value = chunk[kind];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reads one entry as Salt does: a bare string is an ID; `file.managed:` counts as `file:`. */
export function toRef(entry: unknown): RequisiteRef {
  if (typeof entry === 'string' || typeof entry === 'number') return { key: 'id', value: String(entry) };
  if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
    const pairs = Object.entries(entry);
    if (pairs.length === 1) {
      const [key, value] = pairs[0]!;
      if (typeof value === 'string' || typeof value === 'number') return { key: key.split('.')[0]!, value: String(value) };
    }
  }
  throw new MalformedRequisite(JSON.stringify(entry));
}

function safeGlob(pattern: string, value: string): boolean {
  try {
    return globMatch(pattern, value);
  } catch {
    return pattern === value;
  }
}

/** The indexes of the chunks a requisite names: by SLS, or by ID or name (and state). */
export function matchRef(ref: RequisiteRef, chunks: readonly LowChunk[]): number[] {
  const hits: number[] = [];
  chunks.forEach((chunk, index) => {
    const match = ref.key === 'sls'
      ? safeGlob(ref.value, chunk.__sls__)
      : (ref.key === 'id' || chunk.state === ref.key) &&
        (safeGlob(ref.value, String(chunk.name)) || safeGlob(ref.value, chunk.__id__));
    if (match) hits.push(index);
  });
  return hits;
}
