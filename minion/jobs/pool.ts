// Hands each job to a worker thread of its own. Finished workers are kept warm for
// the next job, and one spare is always ready, so a quick job never waits for a
// thread to start even while long jobs hold the others.
import { Worker } from 'node:worker_threads';
import type { JobOutcome, JobTask } from './execute.js';

const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private closed = false;

  constructor(private readonly spares = 1) {
    this.topUp();
  }

  run(task: JobTask): Promise<JobOutcome> {
    const worker = this.idle.pop() ?? new Worker(WORKER_SCRIPT);
    this.topUp();
    return new Promise<JobOutcome>((resolve) => {
      const settle = (outcome: JobOutcome, reusable: boolean) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reusable && !this.closed && this.idle.length <= this.spares) this.idle.push(worker);
        else void worker.terminate();
        resolve(outcome);
      };
      const onMessage = (outcome: JobOutcome) => settle(outcome, true);
      const onError = (err: Error) => settle(crashed(`the job's worker failed: ${err.stack ?? err.message}`), false);
      const onExit = (code: number) => settle(crashed(`the job's worker exited with code ${code}`), false);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private topUp(): void {
    while (!this.closed && this.idle.length < this.spares) this.idle.push(new Worker(WORKER_SCRIPT));
  }
}

function crashed(message: string): JobOutcome {
  return { return: message, retcode: 1, success: false };
}
