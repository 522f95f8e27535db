// What a real run (or test=True) executes: high data with `extend:`, the `_in`
// requisites, `use` and `exclude:` applied, compiled to low chunks whose requisites are
// normalized (see ../requisites.ts).
import type { LowChunk } from '../types.js';
import { applyExclude } from './exclude.js';
import { reconcileExtend } from './extend.js';
import type { HighData } from './high.js';
import { highToLow } from './low.js';
import { applyRequisiteIn } from './requisite-in.js';
import { normalizeRequisites } from './normalize-requisites.js';
import { verifyHigh } from './verify.js';

export interface FinalLow {
  chunks: LowChunk[];
  /** Extension and structure errors; when there are any, chunks is empty and nothing runs. */
  errors: string[];
}

/** Leaves `high` as it is. */
export function finalizeLow(high: HighData): FinalLow {
  const work = structuredClone(high);
  const errors = [...reconcileExtend(work)];
  errors.push(...verifyHigh(work));
  if (errors.length > 0) return { chunks: [], errors };
  errors.push(...applyRequisiteIn(work));
  applyExclude(work);
  if (errors.length > 0) return { chunks: [], errors };
  return { chunks: highToLow(work).map(normalizeRequisites), errors };
}
