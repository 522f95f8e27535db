// The render thread's side of the bridge: post a request to the parent, then block on
// the shared flag until the parent has posted the answer, and take it off the port
// synchronously. Templates (nunjucks) cannot await, so this is how they call out.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { CallAnswer, CallRequest } from './messages.js';
import { restoreError } from './error-transfer.js';

export class SyncCaller {
  private readonly flag: Int32Array;

  constructor(signal: SharedArrayBuffer, private readonly port: MessagePort) {
    this.flag = new Int32Array(signal);
  }

  /** Sends one request and waits for its answer; a failed call throws its error here. */
  request(request: CallRequest): unknown {
    Atomics.store(this.flag, 0, 0);
    try {
      this.port.postMessage(request);
    } catch (err) {
      throw new Error(`${describe(request)}: its arguments cannot be sent to the parent thread (${(err as Error).message})`);
    }
    while (Atomics.load(this.flag, 0) === 0) Atomics.wait(this.flag, 0, 0);
    const received = receiveMessageOnPort(this.port);
    if (!received) throw new Error(`${describe(request)}: the parent thread signalled an answer but sent none`);
    const answer = received.message as CallAnswer;
    if (!answer.ok) throw restoreError(answer.error);
    return answer.value;
  }
}

function describe(request: CallRequest): string {
  return request.kind === 'call' ? `salt['${request.fun}']` : `loading template '${request.name}'`;
}
