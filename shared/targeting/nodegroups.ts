// Nodegroups (the master config's `nodegroups:`, name -> compound target) are expanded by
// the master before a job is published: `-N group` becomes the group's compound target and
// `N@group` inside a compound becomes `( <the group's target> )`, so minions never see them.
import { SaltTsError } from '../errors.js';
import { compoundWords, OPERATORS } from './compound-words.js';
import { targetString } from './target-text.js';
import type { TargetType } from './types.js';

export function expandNodegroups(
  tgt: string | string[],
  tgtType: TargetType,
  nodegroups: Record<string, unknown>,
): { tgt: string | string[]; tgt_type: TargetType } {
  if (tgtType === 'nodegroup') return { tgt: asTarget(groupWords(targetString(tgt), nodegroups, [])), tgt_type: 'compound' };
  const words = tgtType === 'compound' ? compoundWords(tgt).map((word) => word.text) : [];
  if (!words.some(isGroupReference)) return { tgt, tgt_type: tgtType };
  return { tgt: asTarget(expandWords(words, nodegroups, [])), tgt_type: 'compound' };
}

function isGroupReference(word: string): boolean {
  return word.startsWith('N@') && word.length > 2;
}

function expandWords(words: string[], nodegroups: Record<string, unknown>, trail: string[]): string[] {
  return words.flatMap((word) => (isGroupReference(word) ? ['(', ...groupWords(word.slice(2), nodegroups, trail), ')'] : [word]));
}

/** A group's words, its own N@ references expanded; `trail` is the groups being expanded around it. */
function groupWords(name: string, nodegroups: Record<string, unknown>, trail: string[]): string[] {
  if (trail.includes(name)) throw badGroup(`nodegroup "${name}" includes itself: ${[...trail, name].join(' -> ')}`);
  if (!Object.hasOwn(nodegroups, name)) throw badGroup(`unknown nodegroup "${name}"`);
  const definition = nodegroups[name];
  // A string is split on whitespace; each element of a list is one word, spaces and all.
  if (typeof definition !== 'string' && !Array.isArray(definition)) throw badGroup(`nodegroup "${name}" must be a compound target string or a list of words`);
  const words = compoundWords(typeof definition === 'string' ? definition : definition.map(String)).map((word) => word.text);
  if (words.length === 0) throw badGroup(`nodegroup "${name}" is empty`);
  const plain = plainGroupWord(words);
  return plain ? [plain] : expandWords(words, nodegroups, [...trail, name]);
}

/**
 * Salt reads a group with no operator, no `X@` engine word and no `*` as a list of minion
 * ids (`web1,web2` -> `L@web1,web2`), or as a regular expression on ids when a word holds
 * one of ( ) [ ] { } \ ? (`E@` with the words joined by commas, as Salt joins them).
 */
function plainGroupWord(words: string[]): string | undefined {
  if (words.some((word) => OPERATORS.has(word) || word.includes('*') || /^[A-Z]@/.test(word))) return undefined;
  return `${words.some((word) => /[()[\]{}\\?]/.test(word)) ? 'E@' : 'L@'}${words.join(',')}`;
}

/** A list where a word holds whitespace (from a list-valued group), else the words joined by spaces. */
function asTarget(words: string[]): string | string[] {
  return words.some((word) => /\s/.test(word)) ? words : words.join(' ');
}

function badGroup(message: string): SaltTsError {
  return new SaltTsError('SALTTS_BAD_TARGET', message);
}
