// Every runner module, by `module.function` name.
import { SaltTsError } from '../../shared/errors.js';
import type { RunnerFunction, RunnerModule } from './types.js';
import { manageRunner } from './manage.js';
import { jobsRunner } from './jobs.js';
import { pillarRunner } from './pillar.js';
import { cacheRunner } from './cache.js';
import { orchestrateByName, stateRunner } from './state.js';

const RUNNERS: RunnerModule[] = [cacheRunner, jobsRunner, manageRunner, pillarRunner, stateRunner];

/** Runners called by a bare name, as Salt's `salt-run orchestrate NAME`. */
const BARE: Record<string, RunnerFunction> = { orchestrate: orchestrateByName };

export function findRunner(fullName: string): RunnerFunction | undefined {
  if (Object.hasOwn(BARE, fullName)) return BARE[fullName];
  const [mod, fn] = fullName.split('.', 2);
  return RUNNERS.find((r) => r.name === mod)?.functions[fn ?? ''];
}

/** The runner named `fullName`, or an error saying `who` asked for one that does not exist. */
export function requireRunner(fullName: string, who: string): RunnerFunction {
  const runner = findRunner(fullName);
  if (!runner) throw new SaltTsError('SALTTS_UNKNOWN_FUNCTION', `${who}: no runner named '${fullName}'`);
  return runner;
}

export function runnerNames(): string[] {
  return [...RUNNERS.flatMap((r) => Object.keys(r.functions).map((f) => `${r.name}.${f}`)), ...Object.keys(BARE)].sort();
}
