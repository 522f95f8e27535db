// What filters are made of: a Python-style parameter list and a function, plus the
// host services some filters need (other filters, tests, attribute access).
export interface FilterSpec {
  params: string[];
  required?: number;
  /** The filter receives Undefined instead of failing on it (only `default`). */
  acceptsUndefined?: boolean;
  /** Extra positional and keyword arguments go to the function as (rest, kwargs). */
  variadic?: boolean;
  fn: (value: any, ...slots: any[]) => unknown;
}

export type FilterTable = Record<string, FilterSpec>;
