// Requisites in the one shape the runner consumes, and how one finds its states.
//
// After finalizeLow, every requisite keyword on a chunk (REQUISITE_KINDS: require,
// watch, onchanges, onfail, prereq, prerequired, listen and the *_any / onfail_all
// forms) holds a Requisite[]: single-key mappings as Salt writes them in low data,
// with a bare `- x` read as `{id: x}`, `file.managed:` as `file:` and values as strings:
//   {file: '/etc/x'}  a `file` state whose ID or name matches
//   {id: 'x'}         any state whose ID or name matches
//   {sls: 'webapp'}   every state declared in that SLS
// Values are shell globs, as in Salt. A requisite that matches no chunk is not a
// compile error: the runner reports it on the state that declared it.
import { globMatch } from '../../targeting/glob.js';
import type { LowChunk } from '../types.js';
import { isDict } from './high.js';
import { REQUISITE_KINDS } from './requisite-kinds.js';

/** `{<state module> | id | sls: <glob>}` */
export type Requisite = Readonly<Record<string, string>>;

export function toRequisite(entry: unknown): Requisite {
  if (!isDict(entry)) return { id: String(entry) };
  const [type, target] = Object.entries(entry)[0] ?? ['id', ''];
  return { [type.split('.')[0]!]: String(target) };
}

/** The kind (`file`, `id`, `sls`) and the glob of a requisite. */
export function requisiteParts(req: Requisite): [type: string, target: string] {
  return Object.entries(req)[0] ?? ['id', ''];
}

/** Rewrites the requisite keywords of a chunk (in place) as Requisite lists. */
export function normalizeRequisites(chunk: LowChunk): LowChunk {
  for (const kind of REQUISITE_KINDS) {
    if (!(kind in chunk)) continue;
    const value = chunk[kind];
    chunk[kind] = (Array.isArray(value) ? value : [value]).map(toRequisite);
  }
  return chunk;
}

/** The chunks a requisite points at, in run order; empty when it points at nothing. */
export function resolveRequisite(req: Requisite, chunks: readonly LowChunk[]): LowChunk[] {
  const [type, pattern] = requisiteParts(req);
  if (type === 'sls') return chunks.filter((chunk) => globMatch(pattern, chunk.__sls__));
  return chunks.filter(
    (chunk) => (type === 'id' || chunk.state === type) && (globMatch(pattern, String(chunk.name)) || globMatch(pattern, chunk.__id__)),
  );
}
