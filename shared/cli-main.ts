// Runs a CLI's body and turns any error into one clear line on stderr and exit code 1.
import { describeError } from './errors.js';

export function cliMain(name: string, body: () => Promise<number>): void {
  body().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${name}: ${describeError(err)}\n`);
      process.exit(1);
    },
  );
}
