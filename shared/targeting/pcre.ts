// Salt's regular-expression targets use Python's re.match: anchored at the start, not the end.
import { SaltTsError } from '../errors.js';
import { memoize } from './memoize.js';

function compileAnchored(pattern: string, flags: string): RegExp {
  try {
    new RegExp(pattern, flags); // alone first, so a pattern like `x)|(?:y` cannot escape the anchor below
    return new RegExp(`^(?:${pattern})`, flags);
  } catch (err) {
    throw new SaltTsError('SALTTS_BAD_TARGET', `invalid regular expression target ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

/** For minion ids (-E, E@): case-sensitive. */
export const idRegExp = memoize((pattern) => compileAnchored(pattern, ''));

/**
 * For grain and pillar values (-P, -J): Salt lowercases both the value and the pattern;
 * ignoring case does the same without turning escapes such as \D into \d.
 */
export const valueRegExp = memoize((pattern) => compileAnchored(pattern, 'i'));
