// The messages between the minion daemon and its job workers.
import type { MinionConfig } from '../../shared/config/load.js';
import type { DaemonRequest } from './daemon-requests.js';
import type { JobOutcome, JobTask } from './execute.js';

/** Given to each worker when it starts. */
export interface WorkerSetup {
  opts: MinionConfig;
}

export type ToWorker =
  | { kind: 'task'; task: JobTask }
  | { kind: 'daemon-reply'; reqId: number; reply?: unknown; error?: string };

export type FromWorker =
  | { kind: 'outcome'; outcome: JobOutcome }
  | { kind: 'daemon'; reqId: number; request: DaemonRequest };
