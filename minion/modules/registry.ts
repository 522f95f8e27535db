// The loader: maps `module.function` to execution functions, the way Salt's
// loader maps names to its modules. Every module is registered here.
import type { ExecFunction, ExecModule } from './types.js';
import { testModule } from './test.js';

const MODULES: ExecModule[] = [testModule];

export class ModuleRegistry {
  private readonly functions = new Map<string, ExecFunction>();

  constructor(modules: ExecModule[] = MODULES) {
    for (const mod of modules) {
      for (const [name, fn] of Object.entries(mod.functions)) this.functions.set(`${mod.name}.${name}`, fn);
    }
  }

  get(fullName: string): ExecFunction | undefined {
    return this.functions.get(fullName);
  }

  all(): ReadonlyMap<string, ExecFunction> {
    return this.functions;
  }
}
