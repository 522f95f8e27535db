// Reads the Jinja compatibility cases (test/fixtures/jinja-compat) and builds, for each,
// the render options its README describes: the context, a `salt` that answers exactly
// the listed calls, and a loader over _lib/.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { RenderOptions, TemplateCaller, TemplateLoader } from '../../shared/render/types.js';

export const FIXTURES = new URL('../../../test/fixtures/jinja-compat/', import.meta.url);

interface Answer {
  args: unknown[];
  kwargs: Record<string, unknown>;
  return: unknown;
}

export interface CompatCase {
  name: string;
  template: string;
  expected?: string;
  expectedError?: string;
  options: RenderOptions;
  /** Calls that matched no entry of salt_functions.json (they also throw at the call). */
  unexpectedCalls: string[];
}

function read(dir: URL, file: string): string | undefined {
  const path = new URL(file, dir);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export const libLoader: TemplateLoader = (name) => {
  const path = new URL(`_lib/${name}`, FIXTURES);
  return existsSync(path) ? { source: `_lib/${name}`, text: readFileSync(path, 'utf8') } : null;
};

function saltFrom(table: Record<string, Answer[]>, unexpected: string[]): TemplateCaller {
  return (fun, args, kwargs) => {
    // Compared as JSON values: the template's arguments must be plain data.
    const wire = JSON.parse(JSON.stringify({ args, kwargs }));
    const answer = (table[fun] ?? []).find((entry) => isDeepStrictEqual(entry.args, wire.args) && isDeepStrictEqual(entry.kwargs, wire.kwargs));
    if (!answer) {
      const call = `${fun}(${JSON.stringify(args)}, ${JSON.stringify(kwargs)})`;
      unexpected.push(call);
      throw new Error(`unexpected call ${call}`);
    }
    return structuredClone(answer.return);
  };
}

export function loadCase(name: string): CompatCase {
  const dir = new URL(`${name}/`, FIXTURES);
  const functions = read(dir, 'salt_functions.json');
  const unexpectedCalls: string[] = [];
  return {
    name,
    template: read(dir, 'template.jinja') as string,
    expected: read(dir, 'expected.txt'),
    expectedError: read(dir, 'expected_error.txt'),
    unexpectedCalls,
    options: {
      source: `${name}/template.jinja`,
      context: JSON.parse(read(dir, 'context.json') as string),
      salt: functions ? saltFrom(JSON.parse(functions), unexpectedCalls) : undefined,
      loader: libLoader,
    },
  };
}

export function caseNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
}
