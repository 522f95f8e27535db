// Requisites in the one shape the runner consumes, and how one finds its states.
//
// After finalizeLow, every requisite keyword on a chunk (REQUISITE_KINDS: require,
// watch, onchanges, onfail, prereq, prerequired, listen and the *_any / onfail_all
// forms) holds a Requisite[]:
//   - file: /etc/x   -> { state: 'file', name: '/etc/x' }  a `file` state whose ID or name matches
//   - id: x, or - x  -> { id: 'x' }                        any state whose ID or name matches
//   - sls: webapp    -> { sls: 'webapp' }                  every state declared in that SLS
// Values are shell globs, as in Salt. A requisite that matches no chunk is not a
// compile error: the runner reports it on the state that declared it.
import { globMatch } from '../../targeting/glob.js';
import type { LowChunk } from '../types.js';
import { isDict } from './high.js';
import { REQUISITE_KINDS, type RequisiteKind } from './requisite-kinds.js';

export type Requisite = { state: string; name: string } | { id: string } | { sls: string };

export function toRequisite(entry: unknown): Requisite {
  if (!isDict(entry)) return { id: String(entry) };
  const [type, target] = Object.entries(entry)[0] ?? ['id', ''];
  const value = String(target);
  if (type === 'id') return { id: value };
  if (type === 'sls') return { sls: value };
  return { state: type, name: value };
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

/** The normalized requisites of one kind declared by a chunk. */
export function requisitesOf(chunk: LowChunk, kind: RequisiteKind): Requisite[] {
  return (chunk[kind] as Requisite[] | undefined) ?? [];
}

/** The chunks a requisite points at, in run order; empty when it points at nothing. */
export function resolveRequisite(req: Requisite, chunks: readonly LowChunk[]): LowChunk[] {
  if ('sls' in req) return chunks.filter((chunk) => globMatch(req.sls, chunk.__sls__));
  const pattern = 'id' in req ? req.id : req.name;
  return chunks.filter(
    (chunk) =>
      ('id' in req || chunk.state === req.state) &&
      (globMatch(pattern, String(chunk.name)) || globMatch(pattern, chunk.__id__)),
  );
}

/** How Salt names a requisite in messages: `file: /etc/x`, `id: x`, `sls: webapp`. */
export function describeRequisite(req: Requisite): string {
  if ('sls' in req) return `sls: ${req.sls}`;
  return 'id' in req ? `id: ${req.id}` : `${req.state}: ${req.name}`;
}
