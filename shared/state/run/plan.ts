// Each chunk's requisites resolved once, before anything runs: the chunks each kind
// names, the entries that name nothing, and the reverse `prerequired` links of prereq.
import type { LowChunk, StateLookup } from '../types.js';
import { matchRequisite, readRequisite, REQUISITE_KINDS, requisiteEntries, type Requisite, type RequisiteKind } from '../requisites.js';

/** The kinds that order and gate a state; listen is run after everything (listen.ts). */
const PLANNED_KINDS = REQUISITE_KINDS.filter((kind) => kind !== 'listen');

export interface ChunkPlan {
  chunk: LowChunk;
  tag: string;
  /** Target chunk indexes per requisite kind, in the order the entries name them. */
  reqs: Map<RequisiteKind, number[]>;
  missing: Array<{ kind: RequisiteKind; req: Requisite }>;
  /** The text of an entry that cannot be read as a requisite. */
  malformed?: { kind: RequisiteKind; entry: string };
}

export function tagOf(chunk: LowChunk): string {
  return `${chunk.state}_|-${chunk.__id__}_|-${chunk.name}_|-${chunk.fun}`;
}

/** Salt turns `watch` into `require` for a state module without mod_watch. */
function kindFor(kind: RequisiteKind, chunk: LowChunk, lookup: StateLookup): RequisiteKind {
  if (kind !== 'watch' && kind !== 'watch_any') return kind;
  if (lookup(chunk.state)?.modWatch) return kind;
  return kind === 'watch' ? 'require' : 'require_any';
}

function addTargets(plan: ChunkPlan, kind: RequisiteKind, targets: number[]): void {
  const list = plan.reqs.get(kind) ?? [];
  for (const target of targets) if (!list.includes(target)) list.push(target);
  plan.reqs.set(kind, list);
}

function planChunk(chunk: LowChunk, chunks: readonly LowChunk[], lookup: StateLookup): ChunkPlan {
  const plan: ChunkPlan = { chunk, tag: tagOf(chunk), reqs: new Map(), missing: [] };
  for (const declared of PLANNED_KINDS) {
    const kind = kindFor(declared, chunk, lookup);
    for (const entry of requisiteEntries(chunk, declared)) {
      const req = readRequisite(entry);
      if (!req) {
        plan.malformed ??= { kind: declared, entry: JSON.stringify(entry) };
        continue;
      }
      const targets = matchRequisite(req, chunks);
      if (targets.length === 0) plan.missing.push({ kind, req });
      else addTargets(plan, kind, targets);
    }
  }
  return plan;
}

/** Plans every chunk; a prereq on B makes B wait for the state that declared it. */
export function planChunks(chunks: readonly LowChunk[], lookup: StateLookup): ChunkPlan[] {
  const plans = chunks.map((chunk) => planChunk(chunk, chunks, lookup));
  plans.forEach((plan, index) => {
    for (const target of plan.reqs.get('prereq') ?? []) addTargets(plans[target]!, 'prerequired', [index]);
  });
  return plans;
}
