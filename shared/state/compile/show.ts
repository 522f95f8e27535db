// The answers of state.show_sls and state.show_lowstate / state.show_low_sls: the
// errors when there are any (Salt then exits 1), else the data as Salt prints it.
import type { LowChunk } from '../types.js';
import type { HighData } from './high.js';
import type { CompiledHigh } from './highstate.js';
import { highToLow } from './low.js';

/** High data with the raw `__extend__` / `__exclude__` keys, nothing applied. */
export function showSls(compiled: CompiledHigh): HighData | string[] {
  return compiled.errors.length > 0 ? compiled.errors : compiled.high;
}

/** Low chunks in run order, with `extend` and the `_in` requisites not applied. */
export function showLowstate(compiled: CompiledHigh): LowChunk[] | string[] {
  return compiled.errors.length > 0 ? compiled.errors : highToLow(compiled.high);
}
