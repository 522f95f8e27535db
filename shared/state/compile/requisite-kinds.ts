// The requisite keywords of a state declaration, as Salt 3006 names them.

/** Requisites a state declares on others; after finalizeLow their values are Requisite[]. */
export const REQUISITE_KINDS = [
  'require',
  'require_any',
  'watch',
  'watch_any',
  'onchanges',
  'onchanges_any',
  'onfail',
  'onfail_any',
  'onfail_all',
  'prereq',
  'prerequired',
  'listen',
] as const;
export type RequisiteKind = (typeof REQUISITE_KINDS)[number];

/** Declared on the target's behalf; finalizeLow turns them into the plain kind on the target. */
export const REQUISITE_IN_KINDS = ['require_in', 'watch_in', 'onchanges_in', 'onfail_in', 'prereq_in', 'use_in', 'listen_in'] as const;

const requisiteKinds: ReadonlySet<string> = new Set(REQUISITE_KINDS);

export function isRequisiteKind(key: string): key is RequisiteKind {
  return requisiteKinds.has(key);
}
