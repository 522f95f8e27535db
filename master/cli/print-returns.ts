// Prints job returns the way Salt's CLI does: each as it arrives through the
// chosen outputter, then every expected minion that stayed silent.
import type { PublishedJob } from '../client/publish.js';
import type { Outputter } from '../../shared/output/index.js';

export const NO_RESPONSE = 'Minion did not return. [No response]';

export interface PrintOptions {
  outputter: Outputter;
  color: boolean;
  write: (text: string) => void;
}

/** Prints the job's returns; returns the CLI exit code (1 if any minion failed or was silent). */
export async function printReturns(job: PublishedJob, opts: PrintOptions): Promise<number> {
  let failed = false;
  const print = (id: string, value: unknown) => {
    const text = opts.outputter.format({ [id]: value }, { color: opts.color });
    if (text) opts.write(text.endsWith('\n') ? text : text + '\n');
  };
  for await (const ret of job.returns()) {
    if (ret.retcode !== 0 || !ret.success) failed = true;
    print(ret.id, ret.return);
  }
  for (const id of job.missing()) {
    failed = true;
    print(id, NO_RESPONSE);
  }
  return failed ? 1 : 0;
}
