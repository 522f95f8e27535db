// A job's tgt is a string or a list of strings; each target kind reads it one way.

export function targetString(tgt: string | string[]): string {
  return Array.isArray(tgt) ? tgt.join(',') : tgt;
}

/** A list target: an array as given, or a string split on commas. */
export function targetList(tgt: string | string[]): string[] {
  return Array.isArray(tgt) ? tgt : tgt.split(',').map((s) => s.trim()).filter(Boolean);
}
