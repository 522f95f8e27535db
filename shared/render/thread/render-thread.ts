// Renders templates in a worker thread of their own, so that a template can call
// asynchronous functions (salt['cmd.run'], salt.saltutil.cmd) as if they were
// synchronous: the thread blocks while this side, whose event loop stays free, runs the
// call and hands back the answer. One render at a time; later ones wait their turn.
import { MessageChannel, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import type { RenderedSls } from '../pipeline.js';
import type { LoadedTemplate } from '../types.js';
import { restoreError, transferError } from './error-transfer.js';
import type { CallAnswer, CallRequest, RenderJob, RenderOutcome, ThreadRenderOptions, WorkerSetup } from './messages.js';

const WORKER_SCRIPT = new URL('./render-worker.js', import.meta.url);

/** What templates rendered in the thread reach: execution functions and other templates. */
export interface RenderHost {
  call(fun: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown>;
  load(name: string, from: string): Promise<LoadedTemplate | null>;
}

interface Pending {
  job: RenderJob;
  resolve(value: unknown): void;
  reject(err: Error): void;
  /** The thread it was sent to, once it runs. */
  thread?: Thread;
}

interface Thread {
  worker: Worker;
  calls: MessagePort;
  flag: Int32Array;
  failure?: Error;
  exited?: boolean;
}

export class RenderThread {
  private thread: Thread | undefined;
  private current: Pending | undefined;
  private readonly queue: Pending[] = [];

  /** `limits` bounds the thread's heap: a template that keeps allocating stops its thread, not
   * the process (one single allocation beyond the limit is still fatal, a V8 limitation). */
  constructor(
    private readonly host: RenderHost,
    private readonly limits?: ResourceLimits,
  ) {}

  /** The running thread's id (for logs); undefined until the first render or after it stopped. */
  get threadId(): number | undefined {
    return this.thread?.worker.threadId;
  }

  async renderSls(text: string, options: ThreadRenderOptions & { defaultRenderer?: string }): Promise<unknown> {
    return (await this.renderSlsReportingIds(text, options)).data;
  }

  /** renderSls, also reporting the top-level keys that did not render as strings. */
  async renderSlsReportingIds(text: string, options: ThreadRenderOptions & { defaultRenderer?: string }): Promise<RenderedSls> {
    return (await this.enqueue({ kind: 'sls', text, options })) as RenderedSls;
  }

  async renderText(text: string, renderer: string, options: ThreadRenderOptions): Promise<string> {
    return (await this.enqueue({ kind: 'text', text, renderer, options })) as string;
  }

  /** Stops the thread; renders still waiting are refused. A later render starts a new thread. */
  async close(): Promise<void> {
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the render thread was closed before this render started'));
    const thread = this.thread;
    this.thread = undefined;
    if (thread) {
      thread.failure = new Error('the render thread was closed during the render');
      await thread.worker.terminate();
    }
  }

  private enqueue(job: RenderJob): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const pending = this.queue.shift()!;
    const thread = (this.thread ??= this.start());
    pending.thread = thread;
    this.current = pending;
    setKeepAlive(thread, true);
    try {
      thread.worker.postMessage(pending.job);
    } catch (err) {
      this.finish(undefined, new Error(`'${pending.job.options.source}' cannot be sent to the render thread: ${(err as Error).message}`));
    }
  }

  private finish(value: unknown, err?: Error): void {
    const pending = this.current!;
    this.current = undefined;
    if (this.queue.length === 0 && !pending.thread!.exited) setKeepAlive(pending.thread!, false);
    if (err) pending.reject(err);
    else pending.resolve(value);
    this.next();
  }

  private start(): Thread {
    const { port1: calls, port2: workerCalls } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const setup: WorkerSetup = { signal, calls: workerCalls };
    const worker = new Worker(WORKER_SCRIPT, { workerData: setup, transferList: [workerCalls], resourceLimits: this.limits });
    const thread: Thread = { worker, calls, flag: new Int32Array(signal) };
    calls.on('message', (request: CallRequest) => void this.answer(thread, request));
    worker.on('message', (outcome: RenderOutcome) => {
      if (this.current?.thread !== thread) return;
      if (outcome.ok) this.finish(outcome.value);
      else this.finish(undefined, restoreError(outcome.error));
    });
    worker.on('error', (err) => {
      thread.failure ??= new Error(`the render thread failed: ${err.message}`);
    });
    worker.on('exit', (code) => this.lost(thread, code));
    return thread;
  }

  private lost(thread: Thread, code: number): void {
    thread.exited = true;
    thread.calls.close();
    if (this.thread === thread) this.thread = undefined;
    if (this.current?.thread === thread) {
      const source = this.current.job.options.source;
      const cause = thread.failure?.message ?? `the render thread exited with code ${code}`;
      this.finish(undefined, new Error(`rendering '${source}' did not finish: ${cause}`));
    }
  }

  /** Runs a template's call on this side's event loop, then wakes the waiting thread. */
  private async answer(thread: Thread, request: CallRequest): Promise<void> {
    let answer: CallAnswer;
    try {
      const value =
        request.kind === 'call'
          ? await this.host.call(request.fun, request.args, request.kwargs)
          : await this.host.load(request.name, request.from);
      answer = { ok: true, value };
    } catch (err) {
      answer = { ok: false, error: transferError(err) };
    }
    if (thread.exited) return;
    try {
      thread.calls.postMessage(answer);
    } catch (err) {
      const what = request.kind === 'call' ? `salt['${request.fun}']` : `template '${request.name}'`;
      const error = new Error(`the answer of ${what} cannot be sent to the render thread: ${(err as Error).message}`);
      thread.calls.postMessage({ ok: false, error: transferError(error) } satisfies CallAnswer);
    }
    Atomics.store(thread.flag, 0, 1);
    Atomics.notify(thread.flag, 0);
  }
}

/** An idle thread must not keep the process alive; a busy one must, or the render is lost. */
function setKeepAlive(thread: Thread, keep: boolean): void {
  if (keep) {
    thread.worker.ref();
    thread.calls.ref();
  } else {
    thread.worker.unref();
    thread.calls.unref();
  }
}
