// The options of the master and minion config files, as data: load.ts validates against
// these specs and the config types are derived from them, so the two cannot drift apart.
import { HASH_TYPES } from '../protocol/messages.js';
import type { PillarMergeStrategy } from '../pillar/types.js';

const PILLAR_MERGE_STRATEGIES = ['smart', 'recurse', 'overwrite', 'none'] as const satisfies readonly PillarMergeStrategy[];

export const LOG_LEVELS = ['all', 'garbage', 'trace', 'debug', 'profile', 'info', 'warning', 'error', 'critical', 'quiet'] as const;

interface SpecBase {
  doc: string;
  /** null is a valid value (and may be the default). */
  nullable?: boolean;
  /** Re-rooted under root_dir, as Salt's prepend_root_dir does. */
  path?: boolean;
}

export type OptionSpec = SpecBase &
  (
    | { type: 'string'; default: string | null }
    | { type: 'integer'; default: number; min?: number; max?: number }
    | { type: 'number'; default: number; min?: number }
    | { type: 'boolean'; default: boolean }
    | { type: 'list'; default: readonly string[] }
    /** A list of mappings, e.g. the reactor's [{<tag glob>: [sls files]}]. */
    | { type: 'mappings'; default: readonly Readonly<Record<string, unknown>>[] }
    | { type: 'dict'; default: Readonly<Record<string, unknown>> }
    /** Environment name -> directories, e.g. { base: ['/srv/salt'] }. */
    | { type: 'roots'; default: Readonly<Record<string, readonly string[]>> }
    | { type: 'enum'; default: string; values: readonly string[] }
  );

type ValueOfType<S> = S extends { type: 'string' }
  ? string
  : S extends { type: 'integer' | 'number' }
    ? number
    : S extends { type: 'boolean' }
      ? boolean
      : S extends { type: 'list' }
        ? string[]
        : S extends { type: 'mappings' }
          ? Record<string, unknown>[]
          : S extends { type: 'dict' }
          ? Record<string, unknown>
          : S extends { type: 'roots' }
            ? Record<string, string[]>
            : S extends { type: 'enum'; values: readonly (infer V)[] }
              ? V
              : never;

/** The loaded values of a set of option specs. */
export type OptionValues<Specs> = {
  -readonly [Name in keyof Specs]: Specs[Name] extends { nullable: true }
    ? ValueOfType<Specs[Name]> | null
    : ValueOfType<Specs[Name]>;
};

function daemonPathOptions(daemon: 'master' | 'minion') {
  return {
    pki_dir: { type: 'string', path: true, default: `/etc/salt-ts/pki/${daemon}`, doc: 'where the keys live' },
    cachedir: { type: 'string', path: true, default: `/var/cache/salt-ts/${daemon}`, doc: 'where caches and job data live' },
    log_file: { type: 'string', path: true, default: `/var/log/salt-ts/${daemon}`, doc: 'the log file' },
  } as const;
}

const commonOptions = {
  root_dir: { type: 'string', default: '/', doc: 'prefix of every path option; relative to the config dir if relative' },
  log_level: { type: 'enum', values: LOG_LEVELS, default: 'warning', doc: 'the least severe level logged' },
  timeout: { type: 'integer', min: 1, default: 5, doc: 'seconds to wait for minions to answer' },
  nats_port: { type: 'integer', min: 1, max: 65535, default: 4222, doc: 'port of the NATS broker' },
  nats_url: {
    type: 'string',
    nullable: true,
    default: null,
    doc: 'use an existing NATS cluster instead of the embedded broker',
  },
} as const;

const fileRootsOptions = {
  file_roots: { type: 'roots', default: { base: ['/srv/salt-ts/states'] }, doc: 'state tree directories per environment' },
  pillar_roots: { type: 'roots', default: { base: ['/srv/salt-ts/pillar'] }, doc: 'pillar directories per environment' },
  hash_type: {
    type: 'enum',
    values: HASH_TYPES,
    default: 'sha256',
    doc: 'digest the file server reports for salt:// files and the file client checks cached copies with',
  },
} as const;

/** How states render and run, on the minion and for orchestration on the master. */
const stateOptions = {
  renderer: { type: 'string', default: 'jinja|yaml', doc: 'render pipeline of SLS files without a #! line' },
  state_top: { type: 'string', default: 'top.sls', doc: 'the top file, relative to each saltenv root' },
  test: { type: 'boolean', default: false, doc: 'run every state run as test=True unless told otherwise' },
  failhard: { type: 'boolean', default: false, doc: 'stop a state run at its first failure' },
  state_output: { type: 'enum', values: ['full', 'terse', 'mixed', 'changes'], default: 'full', doc: 'how the highstate outputter prints each state' },
} as const;

/** How pillar compiles: on the master, and on a masterless minion from its own pillar_roots. */
const pillarOptions = {
  pillar_source_merging_strategy: {
    type: 'enum',
    values: PILLAR_MERGE_STRATEGIES,
    default: 'smart',
    doc: 'how the data of pillar SLS files merges: smart, recurse, overwrite or none',
  },
  pillar_merge_lists: { type: 'boolean', default: false, doc: 'concatenate lists when pillar SLS files merge, instead of replacing them' },
  pillarenv: {
    type: 'string',
    nullable: true,
    default: null,
    doc: "compile pillar from this environment's top file and SLS files only; null means every environment",
  },
  pillarenv_from_saltenv: { type: 'boolean', default: false, doc: 'a run given saltenv= and no pillarenv= compiles the pillar of the environment of that name' },
} as const;

export const MASTER_OPTIONS = {
  ...commonOptions,
  ...daemonPathOptions('master'),
  ...fileRootsOptions,
  ...stateOptions,
  ...pillarOptions,
  interface: { type: 'string', default: '127.0.0.1', doc: 'address the embedded broker listens on' },
  auto_accept: { type: 'boolean', default: false, doc: 'accept every new minion key without review' },
  nats_server_bin: { type: 'string', default: 'nats-server', doc: 'the nats-server binary to run' },
  nodegroups: { type: 'dict', default: {}, doc: 'named groups of minions: name -> compound target (string) or list of targets' },
  keep_jobs: { type: 'number', min: 0, default: 24, doc: 'hours the job cache keeps a job and its returns' },
  keep_events: { type: 'number', min: 0, default: 24, doc: 'hours the event bus keeps events for watchers and reactors that were away' },
  schedule: { type: 'dict', default: {}, doc: 'runner functions the master runs by itself: name -> {function, args, kwargs, seconds|minutes|hours|days|cron|once|when, ...}' },
  gather_job_timeout: { type: 'number', min: 0, default: 10, doc: 'seconds a minion has to say whether it still runs a job the CLI waits for' },
  reactor: { type: 'mappings', default: [], doc: "event tag globs and the reactor SLS files they run: [{'salt/minion/*/start': [/srv/reactor/start.sls]}]" },
} as const satisfies Record<string, OptionSpec>;

export const MINION_OPTIONS = {
  ...commonOptions,
  ...daemonPathOptions('minion'),
  ...fileRootsOptions,
  ...stateOptions,
  ...pillarOptions,
  id: { type: 'string', nullable: true, default: null, doc: 'the minion id; null means the host FQDN' },
  master: { type: 'string', default: 'salt', doc: 'host of the master; connects to nats://MASTER:nats_port unless nats_url is set' },
  grains: { type: 'dict', default: {}, doc: 'static grains' },
  acceptance_wait_time: { type: 'number', min: 0, default: 10, doc: 'seconds a pending minion waits before asking again' },
  recon_default: { type: 'integer', min: 0, default: 1000, doc: 'ms before the first reconnection attempt' },
  recon_max: { type: 'integer', min: 0, default: 10000, doc: 'ms cap on the reconnection delay' },
  recon_randomize: { type: 'boolean', default: true, doc: 'randomize the reconnection delay' },
  file_client: {
    type: 'enum',
    values: ['remote', 'local'],
    default: 'remote',
    doc: "where salt:// files come from: 'remote' the master's file server, 'local' this host's file_roots (masterless)",
  },
  cmd_output_limit: { type: 'integer', min: 1024, default: 524288, doc: 'bytes of a command\'s output a cmd function returns; the rest is cut, with a note' },
  beacons: { type: 'dict', default: {}, doc: 'beacons the minion runs: name -> list of one-key dicts (or a dict) of options, interval in seconds' },
  schedule: { type: 'dict', default: {}, doc: 'jobs the minion runs by itself: name -> {function, args, kwargs, seconds|minutes|hours|days|cron|once|when, ...}' },
  state_events: { type: 'boolean', default: false, doc: 'state runs fire salt/job/<jid>/prog/<id>/<run_num> on the bus as each state finishes' },
} as const satisfies Record<string, OptionSpec>;

export type MasterOptions = OptionValues<typeof MASTER_OPTIONS>;
export type MinionOptions = OptionValues<typeof MINION_OPTIONS>;
