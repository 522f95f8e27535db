// How Salt's Python shows and judges values, where its comments and checks depend on it.

/** str() of a state result as it appears in Salt's comments: True, False, None. */
export function pyResult(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
}

/** Python truthiness: None, False, 0, '' and empty lists and dicts are false. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
