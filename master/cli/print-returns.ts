// Prints job returns the way Salt's CLI does: each as it arrives through the chosen
// outputter (or all at once with --static), then every expected minion that stayed
// silent. A failed or silent minion makes the run count as failed.
import type { OutputOptions, Outputter } from '../../shared/output/index.js';
import type { JobReturn } from '../../shared/protocol/messages.js';
import { ProgressLine, type Write } from './output-sink.js';

export const NO_RESPONSE = 'Minion did not return. [No response]';

export interface PrintOptions {
  outputter: Outputter;
  format: OutputOptions;
  write: Write;
  /** Print everything at the end, as one document. */
  static: boolean;
  /** Show the returned/expected line on stderr meanwhile. */
  progress: boolean;
}

export class ReturnPrinter {
  failed = false;
  private readonly collected: Record<string, unknown> = {};
  private readonly progress: ProgressLine | null;
  private returned = 0;

  constructor(private readonly opts: PrintOptions, expected: number) {
    this.progress = opts.progress ? new ProgressLine(expected) : null;
    this.progress?.update(0);
  }

  onReturn(ret: JobReturn & { id: string }): void {
    if (ret.retcode !== 0 || !ret.success) this.failed = true;
    this.emit(ret.id, ret.return);
    this.progress?.update(++this.returned);
  }

  onMissing(id: string): void {
    this.failed = true;
    this.emit(id, NO_RESPONSE);
  }

  /** Prints what --static held back; call once every return is in. */
  finish(): void {
    this.progress?.clear();
    if (this.opts.static && Object.keys(this.collected).length) this.print(this.collected);
  }

  private emit(id: string, value: unknown): void {
    if (this.opts.static) {
      this.collected[id] = value;
      return;
    }
    this.progress?.clear();
    this.print({ [id]: value });
  }

  private print(data: Record<string, unknown>): void {
    const text = this.opts.outputter.format(data, this.opts.format);
    if (text) this.opts.write(text.endsWith('\n') ? text : text + '\n');
  }
}
