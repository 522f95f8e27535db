// The render thread: renders SLS files and templates one at a time. Calls a template
// makes (salt[...], imports) go to the parent through the blocking SyncCaller.
import { parentPort, workerData } from 'node:worker_threads';
import { renderSlsReportingIds, renderText } from '../pipeline.js';
import type { LoadedTemplate, RenderOptions } from '../types.js';
import { transferError } from './error-transfer.js';
import type { RenderJob, RenderOutcome, WorkerSetup } from './messages.js';
import { SyncCaller } from './sync-call.js';

const setup = workerData as WorkerSetup;
const caller = new SyncCaller(setup.signal, setup.calls);

const bridge: Pick<RenderOptions, 'salt' | 'loader'> = {
  salt: (fun, args, kwargs) => caller.request({ kind: 'call', fun, args, kwargs }),
  loader: (name, from) => caller.request({ kind: 'load', name, from }) as LoadedTemplate | null,
};

function run(job: RenderJob): unknown {
  if (job.kind === 'sls') return renderSlsReportingIds(job.text, { ...job.options, ...bridge });
  return renderText(job.text, job.renderer, { ...job.options, ...bridge });
}

parentPort!.on('message', (job: RenderJob) => {
  let outcome: RenderOutcome;
  try {
    outcome = { ok: true, value: run(job) };
  } catch (err) {
    outcome = { ok: false, error: transferError(err) };
  }
  try {
    parentPort!.postMessage(outcome);
  } catch (err) {
    const error = new Error(`the rendered data of '${job.options.source}' cannot be sent back (${(err as Error).message})`);
    parentPort!.postMessage({ ok: false, error: transferError(error) } satisfies RenderOutcome);
  }
});
