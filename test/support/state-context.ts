// A StateContext for state-module tests: salt:// resolves against a temporary file_roots
// directory, templates render with the project's Jinja renderer, test=True on request.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { renderJinja } from '../../shared/render/jinja/index.js';
import type { StateArgs, StateContext, StateFunction, StateReturn } from '../../shared/state/types.js';

export interface StateBench {
  /** A fresh directory for the files a test manages. */
  dir: string;
  /** The file_roots directory salt:// URLs resolve against. */
  roots: string;
  cachedir: string;
  ctx(options?: { test?: boolean; pillar?: Record<string, unknown> }): StateContext;
  /** Puts a file on the "file server". */
  serve(rel: string, content: string): void;
  /** Runs the state function, as a real run or under test=True. */
  run(fn: StateFunction, args: StateArgs, options?: { test?: boolean; pillar?: Record<string, unknown> }): Promise<StateReturn>;
}

export function stateBench(): StateBench {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-state-')));
  const roots = join(base, 'file_roots');
  const cachedir = join(base, 'cache');
  const dir = join(base, 'work');
  for (const d of [roots, cachedir, dir]) mkdirSync(d);
  const bench: StateBench = {
    dir,
    roots,
    cachedir,
    ctx: (options = {}) => ({
      test: options.test ?? false,
      id: 'web1',
      grains: { os: 'Debian', id: 'web1' },
      pillar: options.pillar ?? {},
      opts: { cachedir, user: 'root' },
      saltenv: 'base',
      stateId: 'test-state',
      sls: 'tests',
      call: async () => undefined,
      cacheFile: async (url: string) => {
        if (!url.startsWith('salt://')) return url;
        const file = join(roots, url.slice('salt://'.length));
        return existsSync(file) && statSync(file).isFile() ? file : null;
      },
      listFiles: async (prefix: string) => listUnder(roots, prefix),
      renderTemplate: async (text: string, _renderer: string, source: string, vars: Record<string, unknown> = {}) =>
        renderJinja(text, { source, context: { grains: { os: 'Debian' }, pillar: options.pillar ?? {}, opts: {}, ...vars } }),
    }),
    serve: (rel, content) => {
      mkdirSync(dirname(join(roots, rel)), { recursive: true });
      writeFileSync(join(roots, rel), content);
    },
    run: async (fn, args, options) => fn.run(bench.ctx(options), args),
  };
  return bench;
}

// The file server's paths under the prefix, from its root, as cp.list_master gives them.
function listUnder(roots: string, prefix: string): string[] {
  const top = join(roots, prefix);
  if (!existsSync(top)) return [];
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) visit(full);
      else out.push(relative(roots, full));
    }
  };
  visit(top);
  return out.sort();
}
