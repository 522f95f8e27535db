// cmd: run commands and scripts as states (Salt's states/cmd.py). A command's outcome is
// its exit code; it always reports changes unless `stateful` lets it say otherwise.
import { existsSync, statSync } from 'node:fs';
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import { pyStr } from '../../shared/output/py-str.js';
import { envMapping, execOptions, statefulArg } from './cmd/options.js';
import { scriptFile } from './cmd/script-source.js';
import { reinterpret } from './cmd/stateful.js';
import { errorText, optionalText, startReturn } from '../../shared/state/state-return.js';

const isDir = (dir: string): boolean => existsSync(dir) && statSync(dir).isDirectory();

/** A failed return when env is not a mapping or a list of mappings. */
function badEnv(ret: StateReturn, args: StateArgs): StateReturn | null {
  return envMapping(args.env) === undefined ? Object.assign(ret, { result: false, comment: "Invalidly-formatted 'env' parameter. See documentation." }) : null;
}

/** A failed return when cwd is given but is not a directory. */
function badCwd(ret: StateReturn, args: StateArgs): StateReturn | null {
  const cwd = optionalText(args.cwd);
  return cwd && !isDir(cwd) ? Object.assign(ret, { result: false, comment: `Desired working directory "${cwd}" is not available` }) : null;
}

/** The outcome of a run: run_all's output as changes, result from the exit code, then the stateful reading. */
function outcome(ctx: StateContext, ret: StateReturn, output: Record<string, unknown>, comment: string, stateful: boolean, ignoreTimeout: boolean): StateReturn {
  ret.changes = output;
  ret.result = !output.retcode;
  ret.comment = comment;
  // ignore_timeout: a command killed at its timeout (e.g. one left running with nohup) counts as a success.
  if (ignoreTimeout && output.retcode === 1 && String(output.stdout ?? '').includes('Timed out after')) {
    output.retcode = 0;
    ret.result = true;
  }
  const final = stateful ? reinterpret(ret) : ret;
  if (ctx.test && output.retcode === 0 && Object.keys(final.changes).length) final.result = null;
  return final;
}

async function run(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const { stateful, testName } = statefulArg(args.stateful);
  const name = ctx.test && testName ? testName : args.name;
  const ret = startReturn(name);
  ret.result = false;
  const invalid = badEnv(ret, args);
  if (invalid) return invalid;
  if (ctx.test && !testName) {
    Object.assign(ret, { result: null, comment: `Command "${name}" would have been executed`, changes: { cmd: name } });
    return stateful ? reinterpret(ret) : ret;
  }
  const noCwd = badCwd(ret, args);
  if (noCwd) return noCwd;
  let output: Record<string, unknown>;
  try {
    const options = { ...execOptions('run_all', args, ['cmd', 'python_shell']), env: envMapping(args.env) };
    output = (await ctx.call('cmd.run_all', [name], { ...options, python_shell: true })) as Record<string, unknown>;
  } catch (err) {
    ret.comment = errorText(err);
    return ret;
  }
  return outcome(ctx, ret, output, `Command "${name}" run`, stateful, args.ignore_timeout === true);
}

async function script(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const { stateful, testName } = statefulArg(args.stateful);
  const name = ctx.test && testName ? testName : args.name;
  const ret = startReturn(name);
  ret.result = false;
  const bad = badCwd(ret, args) ?? badEnv(ret, args);
  if (bad) return bad;
  if (args.context != null && !isRecord(args.context)) return Object.assign(ret, { comment: 'Invalidly-formatted \'context\' parameter. Must be formed as a dict.' });
  if (args.defaults != null && !isRecord(args.defaults)) return Object.assign(ret, { comment: 'Invalidly-formatted \'defaults\' parameter. Must be formed as a dict.' });
  // Without `source` the name is the script, and words after its first are its arguments.
  const [first = '', ...rest] = name.split(' ');
  const source = optionalText(args.source) ?? first;
  const scriptArgs = args.args ?? (rest.length ? rest.join(' ') : null);
  if (ctx.test && !testName) {
    Object.assign(ret, { result: null, comment: `Command '${name}' would have been executed` });
    return stateful ? reinterpret(ret) : ret;
  }
  let output: Record<string, unknown>;
  try {
    const context = { ...(args.defaults as Record<string, unknown> | undefined), ...(args.context as Record<string, unknown> | undefined) };
    const file = await scriptFile(ctx, source, optionalText(args.template), context);
    if (file.path === null) return Object.assign(ret, { comment: `Unable to cache script ${source} from saltenv '${ctx.saltenv}'` });
    try {
      const options = { ...execOptions('script', args, ['source', 'args', 'python_shell', 'saltenv']), env: envMapping(args.env) };
      output = (await ctx.call('cmd.script', [file.path], { ...options, args: scriptArgs, python_shell: true })) as Record<string, unknown>;
    } finally {
      await file.done();
    }
  } catch (err) {
    ret.comment = errorText(err);
    return ret;
  }
  return outcome(ctx, ret, output, `Command '${name}' run`, stateful, false);
}

export const cmdStates: StateModule = {
  name: 'cmd',
  doc: 'Run commands and scripts as states; the exit code decides the result.',
  functions: {
    run: {
      doc: 'Run the command `name` through the shell (cwd, runas, shell, env, timeout, stateful, ignore_timeout); changes are {pid, retcode, stdout, stderr}, result False on a non-zero exit.',
      run,
    },
    wait: {
      doc: 'Do nothing unless a watched state changed; then run `name` like cmd.run (use cmd.run with onchanges instead).',
      run: (_ctx, args) => startReturn(args.name),
    },
    script: {
      doc: 'Fetch the script `source` (salt:// or a local path; default: the first word of name), render it with `template` if given, and run it with `args` (cwd, runas, env, stateful); result from its exit code.',
      run: script,
    },
  },
  modWatch: {
    doc: 'Re-run the command when a watched state changed: cmd.run and cmd.wait run `name`, cmd.script runs the script.',
    run: (ctx, args) => {
      const { sfun, ...rest } = args;
      if (sfun === 'run' || sfun === 'wait' || sfun === 'watch') return run(ctx, rest);
      if (sfun === 'script' || sfun === 'wait_script') return script(ctx, rest);
      return { name: args.name, result: false, changes: {}, comment: `cmd.${pyStr(sfun)} does not work with the watch requisite, please use cmd.wait or cmd.wait_script` };
    },
  },
};
