// The last event the reactor started reacting to, kept on disk: written before the
// reactions start, so an event the broker delivers again (the master stopped between
// reacting and acknowledging) is not reacted to twice. Tied to the stream's creation
// time: a stream made anew numbers its events from 1 again.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface Mark {
  stream: string;
  seq: number;
}

export class HandledMark {
  private mark: Mark | null;

  constructor(
    private readonly file: string,
    private readonly stream: string,
  ) {
    this.mark = readMark(file);
    mkdirSync(dirname(file), { recursive: true });
  }

  /** Whether the reactor already reacted to the event with this stream sequence. */
  handled(seq: number): boolean {
    return this.mark !== null && this.mark.stream === this.stream && seq <= this.mark.seq;
  }

  record(seq: number): void {
    this.mark = { stream: this.stream, seq };
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.mark));
    renameSync(tmp, this.file);
  }
}

function readMark(file: string): Mark | null {
  try {
    const mark = JSON.parse(readFileSync(file, 'utf8')) as Partial<Mark>;
    return typeof mark.stream === 'string' && typeof mark.seq === 'number' ? { stream: mark.stream, seq: mark.seq } : null;
  } catch {
    return null; // none yet, or unreadable: react to what the broker delivers
  }
}
