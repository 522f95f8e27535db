// What a job (in its worker) may ask of the minion daemon, and the answers.

/** A job as saltutil.running and find_job describe it (Salt's proc data). */
export interface RunningJob {
  jid: string;
  fun: string;
  arg: unknown[];
  pid: number;
  tgt: string | string[];
  tgt_type: string;
  user: string;
  /** ISO time the job started on this minion. */
  started: string;
}

export type DaemonRequest =
  | { op: 'running' }
  | { op: 'find_job'; jid: string }
  | { op: 'kill_job'; jid: string }
  /** Gather grains again (after grains.setval etc.) and tell the master. */
  | { op: 'refresh_grains' };

interface Replies {
  running: RunningJob[];
  find_job: RunningJob | null;
  kill_job: boolean;
  refresh_grains: boolean;
}

export type DaemonReply<R extends DaemonRequest> = Replies[R['op']];

export type DaemonHandler = <R extends DaemonRequest>(request: R) => Promise<DaemonReply<R>>;

/** What a daemon (or its stand-in in salt-ts-call) does for each request. */
export interface DaemonServices {
  running(): RunningJob[];
  find(jid: string): RunningJob | null;
  kill(jid: string): boolean;
  refreshGrains(): Promise<void>;
}

export function daemonHandler(services: DaemonServices): DaemonHandler {
  const answer = async (request: DaemonRequest): Promise<unknown> => {
    switch (request.op) {
      case 'running':
        return services.running();
      case 'find_job':
        return services.find(request.jid);
      case 'kill_job':
        return services.kill(request.jid);
      case 'refresh_grains':
        await services.refreshGrains();
        return true;
    }
  };
  // The reply type follows the request's op, which TypeScript cannot see through the switch.
  return async (request) => (await answer(request)) as DaemonReply<typeof request>;
}
