// A job worker thread: runs the tasks the minion hands it, one at a time, off the
// daemon's event loop, so a long or stuck job never delays the daemon.
import { parentPort } from 'node:worker_threads';
import { ModuleRegistry } from '../modules/registry.js';
import { executeTask, type JobTask } from './execute.js';

const registry = new ModuleRegistry();

parentPort!.on('message', (task: JobTask) => {
  void executeTask(registry, task).then((outcome) => parentPort!.postMessage(outcome));
});
