// cmd: run commands and scripts on the minion (Salt's cmdmod).
import { prepareCommand, pythonShellDefault } from './cmd/command.js';
import { runCommand, type RunOptions } from './cmd/run-command.js';
import { runScript } from './cmd/script.js';
import type { BoundArgs, ExecContext, ExecModule, ParamSpec } from './types.js';

const OPTIONS: ParamSpec[] = [
  { name: 'cwd', default: null },
  { name: 'stdin', default: null },
  { name: 'runas', default: null },
  { name: 'shell', default: '/bin/sh' },
  { name: 'python_shell', default: null },
  { name: 'env', default: null },
  { name: 'rstrip', default: true },
  { name: 'output_loglevel', default: 'debug' },
  { name: 'timeout', default: null },
  { name: 'ignore_retcode', default: false },
  { name: 'stdin_raw_newlines', default: false },
];
const RUN_PARAMS: ParamSpec[] = [{ name: 'cmd' }, ...OPTIONS];
const without = (params: ParamSpec[], name: string) => params.filter((p) => p.name !== name);

/** Runs args.cmd (through the shell when pythonShell) and returns run_all's shape. */
async function run(ctx: ExecContext, args: BoundArgs, pythonShell: boolean, mergeStderr: boolean) {
  const options: RunOptions = { mergeStderr, rstrip: args.rstrip !== false, ignoreRetcode: args.ignore_retcode === true };
  return runCommand(ctx, await prepareCommand(args, pythonShell), options);
}

export const cmdModule: ExecModule = {
  name: 'cmd',
  doc: 'Run commands and scripts on the minion.',
  functions: {
    run: {
      doc: 'Run a command and return its output, stderr included, without the trailing newline. python_shell (default True from a job) runs it through `shell`; False splits it into words and runs it without a shell. Options: cwd, stdin, runas, env (dict), timeout (seconds), ignore_retcode, rstrip. A non-zero exit sets the job retcode.',
      params: RUN_PARAMS,
      run: async (ctx, a) => (await run(ctx, a, pythonShellDefault(a.python_shell), true)).stdout,
    },
    run_all: {
      doc: "Run a command like cmd.run and return {pid, retcode, stdout, stderr}, stderr kept apart.",
      params: RUN_PARAMS,
      run: (ctx, a) => run(ctx, a, pythonShellDefault(a.python_shell), false),
    },
    retcode: {
      doc: "Run a command like cmd.run and return only its exit code.",
      params: RUN_PARAMS,
      run: async (ctx, a) => (await run(ctx, a, pythonShellDefault(a.python_shell), false)).retcode,
    },
    shell: {
      doc: 'Run a command through the shell (always) and return its output like cmd.run.',
      params: without(RUN_PARAMS, 'python_shell'),
      run: async (ctx, a) => (await run(ctx, a, true, true)).stdout,
    },
    script: {
      doc: "Run a script from a salt:// URL (fetched from the file server in saltenv) or an absolute path on the minion, copied to a private temp file and made executable, with args (a string split like a shell, or a list); returns {pid, retcode, stdout, stderr}.",
      params: [{ name: 'source' }, { name: 'args', default: null }, ...without(OPTIONS, 'rstrip'), { name: 'saltenv', default: 'base' }],
      run: (ctx, a) => runScript(ctx, a),
    },
  },
};
