// Runs a program without a shell, writes its stdin and reads its output as streams kept
// up to a byte limit; a timeout kills the program's whole process group. Also Salt's
// run_all shape for the system tools modules drive (apt-get, dpkg, init scripts).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { CappedOutput } from './capped-output.js';

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Text for the program's stdin; without it stdin is /dev/null. */
  stdin?: string | null;
  /** Seconds before the process group is killed; null or 0 waits as long as it takes. */
  timeout?: number | null;
  /** Bytes of each output stream that are kept. */
  limit: number;
  /** Reads stderr into the same capture as stdout, in arrival order (Salt's redirect_stderr). */
  mergeStderr?: boolean;
  /** Runs the program in this locale (LC_ALL), so its output parses the same everywhere. */
  locale?: 'C';
  /** Settles soon after the program exits, even while a daemon it started still holds the output pipes. */
  untilExit?: boolean;
}

export interface ProcessOutcome {
  pid: number;
  /** The exit code, or minus the signal number when a signal ended it (as Python reports it). */
  retcode: number;
  stdout: CappedOutput;
  stderr: CappedOutput;
  timedOut: boolean;
}

/** Salt's cmd.run_all shape, without the pid. */
export interface CommandResult {
  retcode: number;
  stdout: string;
  stderr: string;
}

// How long an untilExit run keeps reading after the program exits, for output still in the pipes.
const PIPE_GRACE_MS = 300;

/** Runs argv[0] with the other words as its arguments; rejects when it cannot be started. */
export function runProcess(argv: readonly string[], options: ProcessOptions): Promise<ProcessOutcome> {
  const [program = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.locale ? { ...(options.env ?? process.env), LC_ALL: options.locale } : options.env,
      stdio: [options.stdin == null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // A process group of its own, so a timeout reaches everything the command started.
      detached: true,
    });
    const stdout = new CappedOutput(options.limit);
    const stderr = options.mergeStderr ? stdout : new CappedOutput(options.limit);
    child.stdout!.on('data', (chunk: Buffer) => stdout.add(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.add(chunk));
    let timedOut = false;
    const timer = options.timeout
      ? setTimeout(() => {
          timedOut = true;
          killGroup(child.pid);
        }, options.timeout * 1000)
      : undefined;
    let settled = false;
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout!.destroy();
      child.stderr!.destroy();
      const retcode = code ?? -(signal ? constants.signals[signal] : 0);
      resolve({ pid: child.pid ?? 0, retcode, stdout, stderr, timedOut });
    };
    child.on('error', (err) => {
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', settle);
    if (options.untilExit) child.on('exit', (code, signal) => setTimeout(() => settle(code, signal), PIPE_GRACE_MS).unref());
    if (options.stdin != null) {
      // A program that exits without reading its input is not an error.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.stdin);
    }
  });
}

/**
 * Runs a system tool a module drives, with extra environment, in the C locale and until it
 * exits, and returns its whole output. As in a shell, a program that cannot be started has
 * retcode 127 and one ended by a signal 128 + the signal number.
 */
export async function runSystemCommand(argv: readonly string[], env: Record<string, string> = {}): Promise<CommandResult> {
  try {
    const outcome = await runProcess(argv, { env: { ...process.env, ...env }, locale: 'C', untilExit: true, limit: Infinity });
    const retcode = outcome.retcode < 0 ? 128 - outcome.retcode : outcome.retcode;
    return { retcode, stdout: outcome.stdout.text(), stderr: outcome.stderr.text() };
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    return { retcode: 127, stdout: '', stderr: `${argv[0]}: ${error.code === 'ENOENT' ? 'command not found' : error.message}` };
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has already gone.
  }
}
