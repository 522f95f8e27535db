// Python's sorted() on dict keys: strings ordered by code point. JavaScript's default
// sort compares UTF-16 units, which differs for characters beyond U+FFFF.
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

export function sortedKeys(record: object): string[] {
  return Object.keys(record).sort(compareCodePoints);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
