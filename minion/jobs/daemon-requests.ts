// What a job (in its worker) may ask of the minion daemon, and the answers. Each op is
// one entry in DaemonOps (its request fields and reply) and one handler in daemonHandler.
import type { FileClient, FileHash, FileListing } from '../fileclient/types.js';
import type { Pillar } from '../../shared/pillar/types.js';
import type { PillarRequest, PillarSource } from '../pillar/source.js';
import type { BeaconsReply, BeaconsRequest } from '../beacons/book.js';
import type { ScheduleRequest, ScheduleSnapshot } from '../../shared/schedule/requests.js';

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

interface DaemonOps {
  running: { request: {}; reply: RunningJob[] };
  find_job: { request: { jid: string }; reply: RunningJob | null };
  kill_job: { request: { jid: string }; reply: boolean };
  /** Gather grains again (after grains.setval etc.) and tell the master. */
  refresh_grains: { request: {}; reply: boolean };
  /** A pillar compiled now for these environments (pillarenv=, pillar.items), not kept. */
  get_pillar: { request: PillarRequest; reply: Pillar };
  /** Fetch the minion's own pillar again and keep it for later jobs. */
  refresh_pillar: { request: {}; reply: boolean };
  /** A salt:// URL (or local path) as a local file path; null when there is no such file. */
  cache_file: { request: { url: string; saltenv: string }; reply: string | null };
  list_files: { request: { prefix: string; saltenv: string }; reply: FileListing };
  list_envs: { request: {}; reply: string[] };
  hash_file: { request: { url: string; saltenv: string }; reply: FileHash | null };
  is_cached: { request: { url: string; saltenv: string }; reply: string };
  /** Send an event to the master's bus (event.send); false when there is no master to take it. */
  fire_master: { request: { tag: string; data: Record<string, unknown> }; reply: boolean };
  /** Read or change the minion's beacons (the beacons module). */
  beacons: { request: { request: BeaconsRequest }; reply: BeaconsReply };
  /** Read or change the minion's scheduler (the schedule module); the reply is the schedule afterwards. */
  schedule: { request: { request: ScheduleRequest }; reply: ScheduleSnapshot };
}

export type DaemonOp = keyof DaemonOps;

export type DaemonRequest = { [Op in DaemonOp]: { op: Op } & DaemonOps[Op]['request'] }[DaemonOp];

export type DaemonReply<R extends DaemonRequest> = DaemonOps[R['op']]['reply'];

export type DaemonHandler = <R extends DaemonRequest>(request: R) => Promise<DaemonReply<R>>;

/** What a daemon (or its stand-in in salt-ts-call) does for each request. */
export interface DaemonServices {
  running(): RunningJob[];
  find(jid: string): RunningJob | null;
  kill(jid: string): boolean;
  refreshGrains(): Promise<void>;
  /** Optional, as files are, for stand-in daemons that are never asked about pillar. */
  pillar?: PillarSource;
  /** Optional so that a stand-in daemon (a test's) need not provide what it is not asked for. */
  files?: FileClient;
  /** Sends an event to the master; optional for stand-in daemons that have no master. */
  fireMaster?(tag: string, data: Record<string, unknown>): boolean | Promise<boolean>;
  /** The minion's beacons; optional for stand-in daemons that run none. */
  beacons?(request: BeaconsRequest): BeaconsReply;
  /** The minion's scheduler; optional for stand-in daemons that have none. */
  schedule?(request: ScheduleRequest): ScheduleSnapshot;
}

type Handlers = {
  [Op in DaemonOp]: (request: Extract<DaemonRequest, { op: Op }>) => DaemonOps[Op]['reply'] | Promise<DaemonOps[Op]['reply']>;
};

export function daemonHandler(services: DaemonServices): DaemonHandler {
  const files = (): FileClient => {
    if (!services.files) throw new Error('this daemon has no file client to fetch salt:// files with');
    return services.files;
  };
  const pillar = (): PillarSource => {
    if (!services.pillar) throw new Error('this daemon has no pillar source to compile a pillar with');
    return services.pillar;
  };
  const handlers: Handlers = {
    running: () => services.running(),
    find_job: (r) => services.find(r.jid),
    kill_job: (r) => services.kill(r.jid),
    refresh_grains: async () => {
      await services.refreshGrains();
      return true;
    },
    get_pillar: ({ op: _op, ...request }) => pillar().fetch(request),
    refresh_pillar: async () => {
      await pillar().refresh();
      return true;
    },
    cache_file: (r) => files().cacheFile(r.url, r.saltenv),
    list_files: (r) => files().list(r.prefix, r.saltenv),
    list_envs: () => files().envs(),
    hash_file: (r) => files().hashFile(r.url, r.saltenv),
    is_cached: (r) => files().isCached(r.url, r.saltenv),
    fire_master: (r) => services.fireMaster?.(r.tag, r.data) ?? false,
    beacons: (r) => {
      if (!services.beacons) throw new Error('this daemon runs no beacons (salt-ts-call runs without the minion daemon)');
      return services.beacons(r.request);
    },
    schedule: (r) => {
      if (!services.schedule) throw new Error('this daemon has no scheduler (salt-ts-call runs without the minion daemon)');
      return services.schedule(r.request);
    },
  };
  // The reply type follows the request's op, which TypeScript cannot see through the lookup.
  return async (request) => (await (handlers[request.op] as (r: DaemonRequest) => unknown)(request)) as DaemonReply<typeof request>;
}
