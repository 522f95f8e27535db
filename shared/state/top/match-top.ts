// Which SLS files a minion gets from the top files (Salt's get_top with the default
// top_file_merging_strategy `merge`, then top_matches).
//
// Merging: the base saltenv's top file is authoritative for every saltenv it names;
// another saltenv's top file only counts for its own saltenv, and only when no top file
// read before it (base first) names that saltenv. Targets keep the order they are written in.
import { isDict } from '../compile/high.js';
import { TopFileError, topSections, type TopFile, type TopSection } from './top-data.js';

/** Whether this minion matches `tgt` read as `tgtType` (grain, pcre, compound, ...). */
export type TopMatcher = (tgt: string, tgtType: string) => boolean;

/** Salt reads a target without a `- match:` option as a compound expression. */
const DEFAULT_MATCH = 'compound';

function mergeTops(tops: TopFile[], errors: string[]): Map<string, TopSection> {
  const merged = new Map<string, TopSection>();
  const ordered = [...tops.filter((top) => top.saltenv === 'base'), ...tops.filter((top) => top.saltenv !== 'base')];
  for (const top of ordered) {
    for (const [saltenv, section] of topSections(top, errors)) {
      if (top.saltenv !== 'base' && (saltenv !== top.saltenv || merged.has(saltenv))) continue;
      merged.set(saltenv, { ...merged.get(saltenv), ...section });
    }
  }
  return merged;
}

function addMatches(saltenv: string, entries: unknown[], matches: Record<string, string[]>): void {
  matches[saltenv] ??= [];
  for (const entry of entries) {
    if (typeof entry === 'string') matches[saltenv].push(entry);
    else if (isDict(entry)) {
      // `- dev: webapp` puts an SLS of another saltenv on the list
      for (const [key, sls] of Object.entries(entry)) {
        if (key !== 'match' && typeof sls === 'string') (matches[key] ??= []).push(sls);
      }
    }
  }
}

function matchType(entries: unknown[]): string {
  let type = DEFAULT_MATCH;
  for (const entry of entries) {
    if (isDict(entry) && 'match' in entry) type = String(entry.match);
  }
  return type;
}

/** saltenv -> the SLS names this minion gets, in top file order. Throws a TopFileError
 * listing every malformed part of the top files. */
export function matchTop(tops: TopFile[], matches: TopMatcher): Record<string, string[]> {
  const errors: string[] = [];
  const merged = mergeTops(tops, errors);
  if (errors.length > 0) throw new TopFileError(errors);
  const result: Record<string, string[]> = {};
  for (const [saltenv, section] of merged) {
    for (const [target, entries] of Object.entries(section)) {
      if (matches(target, matchType(entries))) addMatches(saltenv, entries, result);
    }
  }
  return result;
}
