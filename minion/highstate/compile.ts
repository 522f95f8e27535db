// From what a state function was asked for (SLS names, or the top file) to high data,
// with every render, top file and structure error collected the way Salt lists them.
import { describeError } from '../../shared/errors.js';
import { compileHighstate, type CompiledHigh } from '../../shared/state/compile/index.js';
import { TopFileError } from '../../shared/state/top/index.js';
import type { StateRun } from './state-run.js';
import { topMatches } from './top.js';

export const NO_TOP_MATCH = 'No Top file or master_tops data matches found. Please see master log for details.';

/** SLS names as state.sls takes them: 'a,b' or a list. */
export function slsNames(mods: unknown): string[] {
  const names = Array.isArray(mods) ? mods.map(String) : String(mods).split(',');
  return names.map((name) => name.trim()).filter((name) => name !== '');
}

export async function compileSls(run: StateRun, mods: string[]): Promise<CompiledHigh> {
  return compileHighstate(mods.map((sls) => ({ saltenv: run.settings.saltenv, sls })), run);
}

export async function compileTop(run: StateRun): Promise<CompiledHigh> {
  let matches: Record<string, string[]>;
  try {
    matches = await topMatches(run);
  } catch (err) {
    return { high: {}, errors: err instanceof TopFileError ? err.errors : [describeError(err)] };
  }
  const list = Object.entries(matches).flatMap(([saltenv, names]) => names.map((sls) => ({ saltenv, sls })));
  if (list.length === 0) return { high: {}, errors: [NO_TOP_MATCH] };
  return compileHighstate(list, run);
}
