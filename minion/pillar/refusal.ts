// A state run on a pillar that failed to render is refused, as Salt refuses it: the
// pillar's _errors under Salt's heading, with Salt's EX_PILLAR_FAILURE retcode.
import type { Pillar } from '../../shared/pillar/types.js';

export const EX_PILLAR_FAILURE = 5;

/** The list a refused state run returns; null when the pillar rendered. */
export function pillarRefusal(pillar: Pillar): string[] | null {
  const errors = pillar._errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  return ['Pillar failed to render with the following messages:', ...errors.map(String)];
}
