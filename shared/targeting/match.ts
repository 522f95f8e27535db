// One matcher for every target kind, used by the master to work out the minions
// it expects and by each minion to check a job is really meant for it.
import { SaltTsError } from '../errors.js';
import { globMatch, globToRegExp } from './glob.js';
import { memoizeRegExp } from './memoize.js';
import type { MinionFacts, TargetType } from './types.js';

export function matchesTarget(tgt: string | string[], tgtType: TargetType, minion: MinionFacts): boolean {
  switch (tgtType) {
    case 'glob':
      return globMatch(asString(tgt), minion.id);
    case 'pcre':
      return compilePcre(asString(tgt)).test(minion.id);
    case 'list':
      return asList(tgt).includes(minion.id);
  }
}

/** Checks a target before anything is published, so a bad one never reaches a minion. */
export function checkTarget(tgt: string | string[], tgtType: TargetType): void {
  if (tgtType === 'pcre') compilePcre(asString(tgt));
  if (tgtType === 'glob') globToRegExp(asString(tgt));
}

const compilePcre = memoizeRegExp((pattern) => {
  try {
    new RegExp(pattern); // alone first, so a pattern like `x)|(?:y` cannot escape the anchor below
    // Salt anchors PCRE targets at the start (re.match), not at the end.
    return new RegExp(`^(?:${pattern})`);
  } catch (err) {
    throw new SaltTsError('SALTTS_BAD_TARGET', `invalid regular expression target ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
});

function asString(tgt: string | string[]): string {
  return Array.isArray(tgt) ? tgt.join(',') : tgt;
}

function asList(tgt: string | string[]): string[] {
  return Array.isArray(tgt) ? tgt : tgt.split(',').map((s) => s.trim()).filter(Boolean);
}
