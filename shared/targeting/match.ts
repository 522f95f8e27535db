// One matcher for every target kind, used by the master to work out the minions
// it expects and by each minion to check a job is really meant for it.
import { parseCompound, type CompoundNode } from './compound.js';
import { checkSimple, matchSimple } from './simple.js';
import type { MinionFacts, TargetType } from './types.js';

export function matchesTarget(tgt: string | string[], tgtType: TargetType, minion: MinionFacts): boolean {
  return tgtType === 'compound' ? evaluate(parseCompound(tgt), minion) : matchSimple(tgtType, tgt, minion);
}

/** Checks a target before anything is published, so a bad one never reaches a minion. */
export function checkTarget(tgt: string | string[], tgtType: TargetType): void {
  if (tgtType === 'compound') parseCompound(tgt);
  else checkSimple(tgtType, tgt);
}

// Every word is evaluated, as in Salt, so a word that cannot be matched (a pillar target
// with no pillar known) fails for every minion alike, not only where it is reached.
function evaluate(node: CompoundNode, minion: MinionFacts): boolean {
  switch (node.op) {
    case 'target':
      return matchSimple(node.tgtType, node.pattern, minion, node.delimiter);
    case 'not':
      return !evaluate(node.operand, minion);
    default: {
      const [left, right] = [evaluate(node.left, minion), evaluate(node.right, minion)];
      return node.op === 'and' ? left && right : left || right;
    }
  }
}
