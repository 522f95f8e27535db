// What the render thread and its parent say to each other. Renders go over the
// worker's own port; the template's calls back to the parent go over a second port,
// answered while the render thread waits on the shared flag.
import type { MessagePort } from 'node:worker_threads';
import type { RenderOptions } from '../types.js';
import type { TransferredError } from './error-transfer.js';

export type ThreadRenderOptions = Omit<RenderOptions, 'salt' | 'loader'>;

export interface WorkerSetup {
  /** Int32Array over it: 0 while a call is pending, 1 once its answer is posted. */
  signal: SharedArrayBuffer;
  calls: MessagePort;
}

export type RenderJob =
  | { kind: 'sls'; text: string; options: ThreadRenderOptions & { defaultRenderer?: string } }
  | { kind: 'text'; text: string; renderer: string; options: ThreadRenderOptions };

export type RenderOutcome = { ok: true; value: unknown } | { ok: false; error: TransferredError };

export type CallRequest =
  | { kind: 'call'; fun: string; args: unknown[]; kwargs: Record<string, unknown> }
  | { kind: 'load'; name: string; from: string };

export type CallAnswer = { ok: true; value: unknown } | { ok: false; error: TransferredError };
