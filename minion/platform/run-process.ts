// Runs a program without a shell, writes its stdin and reads its output as streams kept
// up to a byte limit; a timeout kills the program's whole process group.
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
}

export interface ProcessOutcome {
  pid: number;
  /** The exit code, or minus the signal number when a signal ended it (as Python reports it). */
  retcode: number;
  stdout: CappedOutput;
  stderr: CappedOutput;
  timedOut: boolean;
}

/** Runs argv[0] with the other words as its arguments; rejects when it cannot be started. */
export function runProcess(argv: readonly string[], options: ProcessOptions): Promise<ProcessOutcome> {
  const [program = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
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
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const retcode = code ?? -(signal ? constants.signals[signal] : 0);
      resolve({ pid: child.pid ?? 0, retcode, stdout, stderr, timedOut });
    });
    if (options.stdin != null) {
      // A program that exits without reading its input is not an error.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.stdin);
    }
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has already gone.
  }
}
