// The comments Salt gives states it did not run because of their requisites.
import type { LowChunk } from '../types.js';
import { requisiteParts } from '../requisites.js';
import type { ChunkPlan } from './plan.js';

export const NOT_RUN = {
  pre: 'No changes detected',
  onfail: 'State was not run because onfail req did not change',
  onchanges: 'State was not run because none of the onchanges reqs changed',
} as const;

const slsId = (chunk: LowChunk) => `${chunk.__sls__}.${chunk.__id__}`;

/** Salt's layout: the kind indented 19 spaces, each entry 23, one per line. */
export function missingComment(missing: ChunkPlan['missing']): string {
  let comment = 'The following requisites were not found:\n';
  const kinds = [...new Set(missing.map((m) => m.kind))];
  for (const kind of kinds) {
    comment += `${' '.repeat(19)}${kind}:\n`;
    for (const { req } of missing.filter((m) => m.kind === kind)) comment += `${' '.repeat(23)}${requisiteParts(req).join(': ')}\n`;
  }
  return comment;
}

export function malformedComment(chunk: LowChunk, malformed: NonNullable<ChunkPlan['malformed']>): string {
  return `Invalid requisite in ${malformed.kind} of ID '${chunk.__id__}' in SLS '${chunk.__sls__}': ${malformed.entry} is neither an ID nor a single 'state: name' pair`;
}

export function failedComment(failed: LowChunk[]): string {
  return `One or more requisite failed: ${failed.map(slsId).join(', ')}`;
}

export function cycleComment(cycle: LowChunk[]): string {
  return `Recursive requisite found: ${[...cycle, cycle[0]!].map(slsId).join(' -> ')}`;
}

export function wouldWatchComment(chunk: LowChunk): string {
  return `A watched state changed: ${chunk.state}.mod_watch would run for '${chunk.name}'`;
}
