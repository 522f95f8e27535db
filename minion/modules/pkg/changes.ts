// Salt's compare_dicts: what changed between two package lists.

export type Changes = Record<string, { old: string; new: string }>;

/** {pkg: {old, new}} for every package added, removed or changed ('' for absent). */
export function compareDicts(before: Record<string, string>, after: Record<string, string>): Changes {
  const changes: Changes = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[name] ?? '';
    const now = after[name] ?? '';
    if (old !== now) changes[name] = { old, new: now };
  }
  return changes;
}
