// The `salt` object of Salt templates: salt['mod.fn'](...) and salt.mod.fn(...) call
// execution functions through the host's synchronous TemplateCaller.
import { describeError } from '../../errors.js';
import type { TemplateCaller } from '../types.js';
import { TemplateFailure, defined } from './failure.js';
import { plain } from './plain.js';
import { callable, splitArgs } from './values.js';

export class SaltFunctions {
  constructor(private readonly caller: TemplateCaller | undefined) {}

  module(name: string): SaltModule {
    return new SaltModule(this, name);
  }

  /** The callable for 'mod.fn'; keyword arguments reach the caller as kwargs. */
  function(fun: string): (...args: unknown[]) => unknown {
    const caller = this.caller;
    return callable((...raw: unknown[]) => {
      if (!caller) throw new TemplateFailure(`salt['${fun}'] cannot be called: no execution functions are available to this template`);
      const { args, kwargs } = splitArgs(raw);
      const plainArgs = args.map((arg) => plain(defined(arg)));
      const plainKwargs = plain(kwargs) as Record<string, unknown>;
      try {
        return caller(fun, plainArgs, plainKwargs);
      } catch (err) {
        if (err instanceof TemplateFailure) throw err;
        throw new TemplateFailure(`salt['${fun}'] failed: ${describeError(err)}`);
      }
    });
  }
}

/** `salt.mod`: waits for `.fn`. */
export class SaltModule {
  constructor(
    private readonly salt: SaltFunctions,
    private readonly name: string,
  ) {}

  fn(name: string): (...args: unknown[]) => unknown {
    return this.salt.function(`${this.name}.${name}`);
  }
}
