// Whether a state may run, judged from its requisites' results the way Salt's
// check_requisite does (including its precedence between the outcomes).
import type { StateReturn } from '../types.js';
import type { RequisiteKind } from '../requisites.js';

export type ReqStatus = 'met' | 'fail' | 'pre' | 'onfail' | 'onchanges' | 'change';

/** What a requisite's result looks like to the state that depends on it. */
export type ReqResult = StateReturn & { __state_ran__?: boolean };

function hasChanges(ret: ReqResult): boolean {
  return Object.keys(ret.changes ?? {}).length > 0;
}

function statsOf(kind: RequisiteKind, results: ReqResult[]): Set<string> {
  const stats = new Set<string>();
  for (const ret of results) {
    if (kind.startsWith('onfail')) {
      if (ret.result === true) {
        stats.add('onfail');
        continue;
      }
    } else if (ret.result === false) {
      stats.add('fail');
      continue;
    }
    if (kind.startsWith('onchanges')) {
      stats.add(hasChanges(ret) ? 'onchangesmet' : 'onchanges');
      continue;
    }
    if (kind.startsWith('watch') && hasChanges(ret)) {
      stats.add('change');
      continue;
    }
    // prereq looks at the target's test run: None means it would change.
    if (kind === 'prereq') {
      if (ret.result === null) stats.add('premet');
      else {
        stats.add('pre');
        continue;
      }
    }
    if (kind === 'prerequired' && ret.result !== null) continue;
    if (ret.__state_ran__ !== false) stats.add('met');
  }
  // The _any forms (and onfail, which is any by default) need only one target to pass.
  if (kind.endsWith('_any') || kind === 'onfail') {
    if (stats.has('met') || stats.has('change')) stats.delete('fail');
    if (stats.has('onchangesmet')) {
      stats.delete('onchanges');
      stats.delete('fail');
    }
    if (stats.has('onfail') && stats.has('met')) stats.delete('onfail');
  }
  if (kind === 'onfail_all' && stats.has('onfail')) stats.delete('met');
  return stats;
}

/** The status of a state given its requisites' results per kind. */
export function requisiteStatus(results: Map<RequisiteKind, ReqResult[]>): ReqStatus {
  const stats = new Set<string>();
  for (const [kind, list] of results) for (const stat of statsOf(kind, list)) stats.add(stat);
  if (stats.has('fail')) return 'fail';
  if (stats.has('pre')) return stats.has('premet') ? 'met' : 'pre';
  if (stats.has('onfail') && !stats.has('onchangesmet')) return 'onfail';
  if (stats.has('onchanges') && !stats.has('onchangesmet')) return 'onchanges';
  if (stats.has('change')) return 'change';
  if (stats.has('onfail')) return 'onfail';
  return 'met';
}
