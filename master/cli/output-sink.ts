// Where salt-ts's output goes: stdout, or the --out-file (created empty first), and
// the TTY progress line on stderr that returns print over.
import { appendFileSync, writeFileSync } from 'node:fs';

export type Write = (text: string) => void;

export function outputSink(outFile: string | undefined): Write {
  if (!outFile) return (text) => process.stdout.write(text);
  writeFileSync(outFile, '');
  return (text) => appendFileSync(outFile, text);
}

/** `[returned/expected]` on a terminal's stderr, cleared before each printed return. */
export class ProgressLine {
  private shown = false;

  constructor(private readonly expected: number) {}

  update(returned: number): void {
    process.stderr.write(`\r\x1b[K[${returned}/${this.expected} minions returned]`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
