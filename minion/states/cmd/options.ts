// Which of a cmd state's arguments reach the execution function, and in what form:
// only the options it declares, `env` given as a list of mappings merged into one.
import { cmdModule } from '../../modules/cmd.js';
import { isRecord } from '../../../shared/output/sorted-keys.js';
import type { StateArgs } from '../../../shared/state/types.js';

/** The arguments `cmd.<fun>` declares, taken from the state's arguments (None values left out). */
export function execOptions(fun: 'run_all' | 'script', args: StateArgs, skip: string[]): Record<string, unknown> {
  const declared = (cmdModule.functions[fun]!.params ?? []).map((p) => p.name).filter((name) => !skip.includes(name));
  return Object.fromEntries(declared.filter((name) => args[name] != null).map((name) => [name, args[name]]));
}

/** env as a mapping: a mapping as it is, a list of mappings merged (Salt's repack_dictlist); undefined when badly formed. */
export function envMapping(env: unknown): Record<string, unknown> | null | undefined {
  if (env == null) return null;
  if (isRecord(env)) return env;
  if (Array.isArray(env) && env.every(isRecord)) return Object.assign({}, ...env) as Record<string, unknown>;
  return undefined;
}

/** `stateful`: false, true, or [{test_name: cmd}] naming a command to run instead under test=True. */
export function statefulArg(stateful: unknown): { stateful: boolean; testName: string | null } {
  if (Array.isArray(stateful)) {
    const first = stateful[0];
    const testName = isRecord(first) && first.test_name != null ? String(first.test_name) : null;
    return { stateful: true, testName };
  }
  return { stateful: stateful === true, testName: null };
}
