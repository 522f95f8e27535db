// Running one state function the way the state runner calls it, outside a state run: a
// StateContext whose `call` reaches the real execution modules (a failed call throws its
// message, as the runner's does) and whose file server is a local directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ModuleRegistry } from '../../minion/modules/registry.js';
import type { ExecModule } from '../../minion/modules/types.js';
import type { StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { moduleRunner } from './module-runner.js';

export interface StateTestOptions {
  test?: boolean;
  /** The directory salt:// URLs resolve in. */
  fileRoot?: string;
  stateId?: string;
}

const everyModule = (): ExecModule[] => {
  const byModule = new Map<string, ExecModule>();
  for (const [full, fn] of new ModuleRegistry().all()) {
    const [mod = '', fun = ''] = full.split('.');
    const module = byModule.get(mod) ?? { name: mod, doc: mod, functions: {} };
    module.functions[fun] = fn;
    byModule.set(mod, module);
  }
  return [...byModule.values()];
};

const runner = moduleRunner(everyModule());

/** Calls an execution function; a failed call throws with its return text. */
export async function callFunction(fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}): Promise<unknown> {
  const outcome = await runner.run(fun, arg, kwarg);
  if (!outcome.success && typeof outcome.return === 'string') throw new Error(outcome.return);
  return outcome.return;
}

export function stateContext(options: StateTestOptions = {}): StateContext {
  return {
    test: options.test === true,
    id: 'web1',
    grains: {},
    pillar: {},
    opts: {},
    saltenv: 'base',
    stateId: options.stateId ?? 'test-state',
    sls: 'tests',
    call: callFunction,
    cacheFile: async (url) => {
      const file = url.startsWith('salt://') ? path.join(options.fileRoot ?? '/nonexistent', url.slice('salt://'.length)) : url;
      return existsSync(file) ? file : null;
    },
    listFiles: async () => [],
    renderTemplate: async () => {
      throw new Error('these tests render no templates');
    },
  };
}

/** Runs `module.fun` with the arguments as the runner would (mod_watch when fun is 'mod_watch'). */
export async function runState(module: StateModule, fun: string, args: Record<string, unknown> & { name: string }, options: StateTestOptions = {}): Promise<StateReturn> {
  const fn = fun === 'mod_watch' ? module.modWatch : module.functions[fun];
  if (!fn) throw new Error(`${module.name}.${fun} does not exist`);
  return fn.run(stateContext(options), args);
}
