// What every CLI shares: a commander program that exits 2 on usage errors, and a
// body runner that turns any error into one clear line on stderr. Exit codes are
// Salt's: 2 for usage errors (bad options, target or argument), 1 for failures.
import { Command, type CommanderError } from 'commander';
import { describeError, isSaltTsError, type ErrorCode } from './errors.js';
import { VERSION } from './version.js';

const USAGE_ERRORS: ReadonlySet<ErrorCode> = new Set(['SALTTS_BAD_TARGET', 'SALTTS_BAD_ARGUMENT', 'SALTTS_UNKNOWN_OUTPUTTER']);

export function cliProgram(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .version(VERSION)
    .exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : 2));
}

export function cliMain(name: string, body: () => Promise<number>): void {
  body().then(exitAfterFlush, (err) => {
    process.stderr.write(`${name}: ${describeError(err)}\n`);
    exitAfterFlush(isSaltTsError(err) && USAGE_ERRORS.has(err.code) ? 2 : 1);
  });
}

/** process.exit() would cut output still queued for a pipe: exit once both streams drained. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
