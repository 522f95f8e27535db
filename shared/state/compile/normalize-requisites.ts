// The last step of finalizeLow: every requisite keyword of a chunk rewritten as a
// Requisite list (see shared/state/requisites.ts for the shape).
import type { LowChunk } from '../types.js';
import { readRequisite, REQUISITE_KINDS, requisiteEntries } from '../requisites.js';

/** Rewrites the requisite keywords of a chunk in place; an unreadable entry is kept for the runner to report. */
export function normalizeRequisites(chunk: LowChunk): LowChunk {
  for (const kind of REQUISITE_KINDS) {
    if (kind in chunk) chunk[kind] = requisiteEntries(chunk, kind).map((entry) => readRequisite(entry) ?? entry);
  }
  return chunk;
}
