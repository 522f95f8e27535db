// A job worker thread: runs the tasks the minion hands it, one at a time, off the
// daemon's event loop, so a long or stuck job never delays the daemon.
import { parentPort, workerData } from 'node:worker_threads';
import { ModuleRegistry } from '../modules/registry.js';
import { executeTask } from './execute.js';
import type { DaemonHandler } from './daemon-requests.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextReqId = 1;

const send = (msg: FromWorker) => port.postMessage(msg);

const daemon: DaemonHandler = (request) =>
  new Promise((resolve, reject) => {
    const reqId = nextReqId++;
    pending.set(reqId, { resolve: resolve as (v: unknown) => void, reject });
    send({ kind: 'daemon', reqId, request });
  });

const env = { registry: new ModuleRegistry(), opts: setup.opts, daemon };

port.on('message', (msg: ToWorker) => {
  if (msg.kind === 'task') {
    void executeTask(env, msg.task).then((outcome) => send({ kind: 'outcome', outcome }));
    return;
  }
  const waiter = pending.get(msg.reqId);
  pending.delete(msg.reqId);
  if (msg.error !== undefined) waiter?.reject(new Error(msg.error));
  else waiter?.resolve(msg.reply);
});
