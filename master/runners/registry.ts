// Every runner module, by `module.function` name.
import type { RunnerFunction, RunnerModule } from './types.js';
import { manageRunner } from './manage.js';
import { jobsRunner } from './jobs.js';
import { pillarRunner } from './pillar.js';

const RUNNERS: RunnerModule[] = [jobsRunner, manageRunner, pillarRunner];

export function findRunner(fullName: string): RunnerFunction | undefined {
  const [mod, fn] = fullName.split('.', 2);
  return RUNNERS.find((r) => r.name === mod)?.functions[fn ?? ''];
}

export function runnerNames(): string[] {
  return RUNNERS.flatMap((r) => Object.keys(r.functions).map((f) => `${r.name}.${f}`)).sort();
}
