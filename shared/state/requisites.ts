// Requisites as both the compiler and the runner read them: the keywords Salt 3006
// knows, one entry read as a single-key mapping, and the chunks an entry names.
//
// A requisite entry as Salt writes it in low data is a single-key mapping, with a bare
// `- x` read as `{id: x}`, `file.managed:` as `file:` and values as strings:
//   {file: '/etc/x'}  a `file` state whose ID or name matches
//   {id: 'x'}         any state whose ID or name matches
//   {sls: 'webapp'}   every state declared in that SLS or brought in by its includes
// Values are shell globs, as in Salt. After finalizeLow every requisite keyword on a
// chunk holds a Requisite[]; the runner also accepts chunks that were never finalized.
import { globMatch } from '../targeting/glob.js';
import type { LowChunk } from './types.js';

/** Requisites a state declares on others, in the order Salt reports missing ones. */
export const REQUISITE_KINDS = [
  'require', 'require_any', 'watch', 'watch_any', 'prereq',
  'onfail', 'onfail_any', 'onfail_all', 'onchanges', 'onchanges_any', 'prerequired', 'listen',
] as const;
export type RequisiteKind = (typeof REQUISITE_KINDS)[number];

/** Declared on the target's behalf; finalizeLow turns them into the plain kind on the target. */
export const REQUISITE_IN_KINDS = ['require_in', 'watch_in', 'onchanges_in', 'onfail_in', 'prereq_in', 'use_in', 'listen_in'] as const;

const requisiteKinds: ReadonlySet<string> = new Set(REQUISITE_KINDS);

export function isRequisiteKind(key: string): key is RequisiteKind {
  return requisiteKinds.has(key);
}

/** `{<state module> | id | sls: <glob>}` */
export type Requisite = Readonly<Record<string, string>>;

/** The entries of one requisite keyword of a chunk; a single entry counts as a list of one. */
export function requisiteEntries(chunk: LowChunk, kind: string): unknown[] {
  const value = chunk[kind];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** One entry as a Requisite, or undefined when it is neither an ID nor a single `state: name` pair. */
export function readRequisite(entry: unknown): Requisite | undefined {
  if (typeof entry === 'string' || typeof entry === 'number') return { id: String(entry) };
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  const pairs = Object.entries(entry);
  if (pairs.length !== 1) return undefined;
  const [type, target] = pairs[0]!;
  if (typeof target !== 'string' && typeof target !== 'number') return undefined;
  return { [type.split('.')[0]!]: String(target) };
}

/** The kind (`file`, `id`, `sls`) and the glob of a requisite. */
export function requisiteParts(req: Requisite): [type: string, target: string] {
  return Object.entries(req)[0] ?? ['id', ''];
}

// A pattern that is no valid glob (e.g. `[z-a]`) still matches itself.
function safeGlob(pattern: string, value: string): boolean {
  try {
    return globMatch(pattern, value);
  } catch {
    return pattern === value;
  }
}

const includedFrom = (chunk: LowChunk): string[] => (Array.isArray(chunk.__sls_included_from__) ? chunk.__sls_included_from__.map(String) : []);

/** The indexes of the chunks a requisite names, in run order; empty when it names nothing. */
export function matchRequisite(req: Requisite, chunks: readonly LowChunk[]): number[] {
  const [type, pattern] = requisiteParts(req);
  const hits: number[] = [];
  chunks.forEach((chunk, index) => {
    const match = type === 'sls'
      ? safeGlob(pattern, chunk.__sls__) || includedFrom(chunk).some((sls) => safeGlob(pattern, sls))
      : (type === 'id' || chunk.state === type) && (safeGlob(pattern, String(chunk.name)) || safeGlob(pattern, chunk.__id__));
    if (match) hits.push(index);
  });
  return hits;
}

/** The chunks a requisite names, in run order; empty when it names nothing. */
export function resolveRequisite(req: Requisite, chunks: readonly LowChunk[]): LowChunk[] {
  return matchRequisite(req, chunks).map((index) => chunks[index]!);
}
