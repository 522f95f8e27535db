// Compiles the SLS compatibility cases (test/fixtures/sls-compat) through the minion's
// real pipeline: a StateRun whose tree files come from the case's tree/ through the real
// LocalFileClient, whose templates' salt[...] calls are answered from the case's
// salt_functions.json (any other call fails the case), and whose grains, pillar and
// opts come from its context.json. The case README gives the layout.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { loadMinionConfig, type MinionConfig } from '../../shared/config/load.js';
import { compileSls } from '../../minion/highstate/compile.js';
import { StateRun } from '../../minion/highstate/state-run.js';
import { daemonHandler } from '../../minion/jobs/daemon-requests.js';
import { LocalFileClient } from '../../minion/fileclient/local.js';
import type { ExecContext } from '../../minion/modules/types.js';
import type { Grains } from '../../minion/grains/core.js';
import { showLowstate, showSls } from '../../shared/state/compile/index.js';

export const SLS_FIXTURES = new URL('../../../test/fixtures/sls-compat/', import.meta.url);

interface Answer {
  args: unknown[];
  kwargs: Record<string, unknown>;
  return: unknown;
}

interface CaseContext {
  /** The SLS names given to state.show_low_sls / state.show_sls. */
  mods: string[];
  saltenv?: string;
  grains?: Record<string, unknown>;
  pillar?: Record<string, unknown>;
  /** Minion options laid over the defaults. */
  opts?: Record<string, unknown>;
}

export interface SlsCase {
  name: string;
  context: CaseContext;
  /** Exact expected texts (JSON); absent when the case does not check that view. */
  expectedLowstate?: string;
  expectedSls?: string;
  /** One regex a line; each must match one of the errors the compile reports. */
  expectedErrors?: RegExp[];
}

export interface CaseOutput {
  lowstate: unknown;
  sls: unknown;
  /** Calls that matched no entry of salt_functions.json (they also failed in the template). */
  unexpectedCalls: string[];
}

function read(dir: URL, file: string): string | undefined {
  const path = new URL(file, dir);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function slsCaseNames(): string[] {
  return readdirSync(SLS_FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function loadSlsCase(name: string): SlsCase {
  const dir = new URL(`${name}/`, SLS_FIXTURES);
  const errors = read(dir, 'expected_errors.txt');
  return {
    name,
    context: JSON.parse(read(dir, 'context.json') ?? '{}') as CaseContext,
    expectedLowstate: read(dir, 'expected_lowstate.json'),
    expectedSls: read(dir, 'expected_sls.json'),
    expectedErrors: errors?.split('\n').filter((line) => line.trim() !== '').map((line) => new RegExp(line)),
  };
}

/** salt[...] answers from the case's table, compared as JSON values; anything else throws. */
function answering(table: Record<string, Answer[]>, unexpected: string[]): ExecContext['call'] {
  return async (fun, arg = [], kwarg = {}) => {
    const wire = JSON.parse(JSON.stringify({ arg, kwarg }));
    const answer = (table[fun] ?? []).find((entry) => isDeepStrictEqual(entry.args, wire.arg) && isDeepStrictEqual(entry.kwargs, wire.kwarg));
    if (!answer) {
      const call = `${fun}(${JSON.stringify(arg)}, ${JSON.stringify(kwarg)})`;
      unexpected.push(call);
      throw new Error(`unexpected call ${call} (not in salt_functions.json)`);
    }
    return structuredClone(answer.return);
  };
}

function caseConfig(name: string, context: CaseContext): MinionConfig {
  const dir = fileURLToPath(new URL(`${name}/`, SLS_FIXTURES));
  // The case folder has no `minion` file: this gives the defaults.
  const defaults = loadMinionConfig(dir, (msg) => {
    throw new Error(msg);
  });
  const saltenv = context.saltenv ?? 'base';
  return { ...defaults, file_client: 'local', file_roots: { [saltenv]: [`${dir}tree`] }, ...context.opts } as MinionConfig;
}

/** show_sls and show_low_sls of the case's mods, from one render of its tree. */
export async function compileCase(slsCase: SlsCase): Promise<CaseOutput> {
  const { context } = slsCase;
  const opts = caseConfig(slsCase.name, context);
  const unexpectedCalls: string[] = [];
  const table = JSON.parse(read(new URL(`${slsCase.name}/`, SLS_FIXTURES), 'salt_functions.json') ?? '{}') as Record<string, Answer[]>;
  const exec: ExecContext = {
    id: String(context.grains?.id ?? opts.id ?? 'minion'),
    jid: '20240102030405060708',
    grains: (context.grains ?? {}) as Grains,
    pillar: context.pillar ?? {},
    withPillar: () => {
      throw new Error('the SLS harness runs with its case pillar only');
    },
    opts,
    setRetcode: () => {},
    call: answering(table, unexpectedCalls),
    functions: () => new Map(),
    daemon: daemonHandler({
      running: () => [],
      find: () => null,
      kill: () => false,
      refreshGrains: async () => {},
      files: new LocalFileClient(opts.file_roots, opts.hash_type),
    }),
  };
  const run = new StateRun(exec, { saltenv: context.saltenv ?? 'base', test: false });
  try {
    const compiled = await compileSls(run, context.mods);
    // Serialized before the low view is built, so nothing it does can show up here.
    const sls = JSON.parse(JSON.stringify(showSls(compiled)));
    return { sls, lowstate: showLowstate(compiled), unexpectedCalls };
  } finally {
    await run.close();
  }
}

/** The text a case's expected_*.json is compared with. */
export const asJsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
