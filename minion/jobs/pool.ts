// Hands each job to a worker thread of its own. Finished workers are kept warm for
// the next job, and one spare is always ready, so a quick job never waits for a
// thread to start even while long jobs hold the others. It also knows which job
// runs where, for saltutil.running and kill_job.
import { Worker } from 'node:worker_threads';
import type { MinionConfig } from '../../shared/config/load.js';
import { describeError } from '../../shared/errors.js';
import type { DaemonHandler, RunningJob } from './daemon-requests.js';
import type { JobOutcome, JobTask } from './execute.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.js';

const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

interface Busy {
  worker: Worker;
  info: RunningJob;
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<string, Busy>();
  private closed = false;

  constructor(
    private readonly opts: MinionConfig,
    private readonly onDaemonRequest: DaemonHandler,
    private readonly spares = 1,
  ) {
    this.topUp();
  }

  run(task: JobTask): Promise<JobOutcome> {
    const worker = this.idle.pop() ?? this.spawn();
    this.topUp();
    const info: RunningJob = {
      jid: task.jid, fun: task.fun, arg: task.arg, pid: process.pid, tgt: task.tgt, tgt_type: task.tgt_type, user: task.user,
      started: new Date().toISOString(),
    };
    this.busy.set(task.jid, { worker, info });
    return new Promise<JobOutcome>((resolve) => {
      const settle = (outcome: JobOutcome, reusable: boolean) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        this.busy.delete(task.jid);
        if (reusable && !this.closed && this.idle.length <= this.spares) this.idle.push(worker);
        else void worker.terminate();
        resolve(outcome);
      };
      const onMessage = (msg: FromWorker) => {
        if (msg.kind === 'outcome') settle(msg.outcome, true);
        else void this.answer(worker, msg.reqId, msg.request);
      };
      const onError = (err: Error) => settle(failed(`the job's worker failed: ${err.stack ?? err.message}`), false);
      const onExit = (code: number) => settle(failed(`the job was stopped (worker exit code ${code})`), false);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      post(worker, { kind: 'task', task });
    });
  }

  running(): RunningJob[] {
    return [...this.busy.values()].map((b) => b.info);
  }

  find(jid: string): RunningJob | null {
    return this.busy.get(jid)?.info ?? null;
  }

  /** Stops a running job's worker; the job returns as stopped. */
  kill(jid: string): boolean {
    const busy = this.busy.get(jid);
    if (!busy) return false;
    void busy.worker.terminate();
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.idle.splice(0), ...[...this.busy.values()].map((b) => b.worker)].map((w) => w.terminate()));
  }

  private async answer(worker: Worker, reqId: number, request: Parameters<DaemonHandler>[0]): Promise<void> {
    try {
      post(worker, { kind: 'daemon-reply', reqId, reply: await this.onDaemonRequest(request) });
    } catch (err) {
      post(worker, { kind: 'daemon-reply', reqId, error: describeError(err) });
    }
  }

  private spawn(): Worker {
    const setup: WorkerSetup = { opts: this.opts };
    return new Worker(WORKER_SCRIPT, { workerData: setup });
  }

  private topUp(): void {
    while (!this.closed && this.idle.length < this.spares) this.idle.push(this.spawn());
  }
}

function post(worker: Worker, msg: ToWorker): void {
  worker.postMessage(msg);
}

function failed(message: string): JobOutcome {
  return { return: message, retcode: 1, success: false };
}
