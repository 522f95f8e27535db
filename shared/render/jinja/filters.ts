// The filter registry: Jinja's filters, then Salt's on top (Salt's `unique` wins, as in
// Salt), called with Python-style positional and keyword arguments.
import { TemplateFailure, defined } from './failure.js';
import type { FilterSpec, FilterTable } from './filter-kit.js';
import { jinjaFilters, type FilterHost } from './filters-jinja.js';
import { saltFilters } from './filters-salt.js';
import { bind } from './signature.js';
import { getTest } from './tests.js';
import { hasOwn, splitArgs } from './values.js';

const ALIASES: Record<string, string> = { d: 'default', e: 'escape', count: 'length' };

const host: FilterHost = {
  filter: (name, value, args, kwargs) => applyFilter(name, value, args, kwargs),
  test: (name, value, args) => getTest(name)(value, ...args),
};

const registry: FilterTable = Object.assign(Object.create(null) as FilterTable, jinjaFilters(host), saltFilters());
for (const [alias, name] of Object.entries(ALIASES)) registry[alias] = registry[name];

function spec(name: string): FilterSpec {
  if (!hasOwn(registry, name)) throw new TemplateFailure(`TemplateAssertionError: No filter named '${name}'.`);
  return registry[name];
}

function applyFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const filter = spec(name);
  const input = filter.acceptsUndefined ? value : defined(value);
  if (filter.variadic) return filter.fn(input, args.map(defined), kwargs);
  return filter.fn(input, ...bind(`${name}()`, filter.params, filter.required ?? 0, args.map(defined), kwargs));
}

/** The entry point for compiled `value | name(args)`: the last argument may carry keywords. */
export function callFilter(name: string, value: unknown, rawArgs: unknown[]): unknown {
  const { args, kwargs } = splitArgs(rawArgs);
  return applyFilter(name, value, args, kwargs);
}
