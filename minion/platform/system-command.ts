// Runs a system tool a module drives (apt-get, dpkg, init scripts) without a shell, in
// the C locale so its output parses the same everywhere, and reports the whole output
// with the exit code (Salt's cmd.run_all shape). Unlike run-process.ts it settles soon
// after the program exits, even when a daemon it started still holds the output pipes.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface CommandResult {
  retcode: number;
  stdout: string;
  stderr: string;
}

// How long to keep reading after the program exits, for output still in the pipes.
const PIPE_GRACE_MS = 300;

/** Runs argv[0] with the rest as its arguments and extra environment; a program that cannot be started has retcode 127. */
export function runSystemCommand(argv: readonly string[], env: Record<string, string> = {}): Promise<CommandResult> {
  const [program = '', ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(program, args, { env: { ...process.env, LC_ALL: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let settled = false;
    const settle = (retcode: number, note = '') => {
      if (settled) return;
      settled = true;
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ retcode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') + note });
    };
    child.on('error', (error: NodeJS.ErrnoException) => settle(127, `${program}: ${error.code === 'ENOENT' ? 'command not found' : error.message}`));
    child.on('exit', (code, signal) => {
      // Killed by a signal: the shell's convention, 128 + the signal number.
      const retcode = code ?? 128 + (signal ? constants.signals[signal] : 0);
      child.on('close', () => settle(retcode));
      setTimeout(() => settle(retcode), PIPE_GRACE_MS).unref();
    });
  });
}
