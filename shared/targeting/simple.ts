// Every target kind but compound: how each matches one minion, and how each is checked.
// A compound target is made of these (G@ is a grain target, E@ a pcre one, and so on).
import { SaltTsError } from '../errors.js';
import { globMatch, globToRegExp } from './glob.js';
import { ipcidrMatch, parseIpTarget } from './ipcidr.js';
import { idRegExp } from './pcre.js';
import { checkSubdictExpr, DEFAULT_DELIMITER, subdictMatch, type ValueSyntax } from './subdict.js';
import { targetList, targetString } from './target-text.js';
import type { MinionFacts, TargetType } from './types.js';

export type SimpleTargetType = Exclude<TargetType, 'compound'>;

const SUBDICT_KINDS = {
  grain: { source: 'grains', syntax: 'glob' },
  grain_pcre: { source: 'grains', syntax: 'pcre' },
  pillar: { source: 'pillar', syntax: 'glob' },
  pillar_pcre: { source: 'pillar', syntax: 'pcre' },
} as const satisfies Record<string, { source: 'grains' | 'pillar'; syntax: ValueSyntax }>;

export function matchSimple(tgtType: SimpleTargetType, tgt: string | string[], minion: MinionFacts, delimiter = DEFAULT_DELIMITER): boolean {
  switch (tgtType) {
    case 'glob':
      return globMatch(targetString(tgt), minion.id);
    case 'pcre':
      return idRegExp(targetString(tgt)).test(minion.id);
    case 'list':
      return targetList(tgt).includes(minion.id);
    case 'ipcidr':
      return ipcidrMatch(targetString(tgt), minion.grains);
    case 'nodegroup':
      throw new SaltTsError('SALTTS_BAD_TARGET', `nodegroups must be expanded by the master: ${JSON.stringify(targetString(tgt))}`);
    default: {
      const { source, syntax } = SUBDICT_KINDS[tgtType];
      const expr = targetString(tgt);
      // An unknown pillar (never compiled, or not known where this runs) is an empty one: it matches nothing.
      return subdictMatch(source === 'grains' ? minion.grains : minion.pillar, expr, delimiter, syntax);
    }
  }
}

/** Throws SALTTS_BAD_TARGET for a target that can never be matched as written. */
export function checkSimple(tgtType: SimpleTargetType, tgt: string | string[], delimiter = DEFAULT_DELIMITER): void {
  switch (tgtType) {
    case 'glob':
      globToRegExp(targetString(tgt));
      return;
    case 'pcre':
      idRegExp(targetString(tgt));
      return;
    case 'list':
      return;
    case 'ipcidr':
      parseIpTarget(targetString(tgt));
      return;
    case 'nodegroup':
      if (!targetString(tgt).trim()) throw new SaltTsError('SALTTS_BAD_TARGET', 'a nodegroup target needs the name of a group');
      return;
    default:
      checkSubdictExpr(targetString(tgt), delimiter, SUBDICT_KINDS[tgtType].syntax);
  }
}
