// The job cache (Salt's local_cache): every job's load and every minion's return,
// on disk under cachedir/jobs/<jid>/, so jobs.lookup_jid works across master
// restarts. Writes are asynchronous and never hold up the publish/return path.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JID_PATTERN, jidTime } from '../../shared/jid.js';
import type { JobReturn, JobSpec } from '../../shared/protocol/messages.js';
import { MINION_ID_PATTERN } from '../../shared/minion-id.js';

/** What the cache keeps about a job (Salt's job load). */
export interface JobLoad extends JobSpec {
  jid: string;
  minions: string[];
  /** ISO time the master published the job. */
  started: string;
  /** The name of the minion's schedule job, for a job a minion ran by itself. */
  schedule?: string;
}

export type CachedReturn = JobReturn & { id: string };

const LOAD_FILE = '.load.json';

export class JobCache {
  private readonly dir: string;
  /** Jobs whose load is still being written, so a quick return is not taken for a stranger's. */
  private readonly loadsBeingWritten = new Set<string>();

  constructor(cachedir: string, private readonly onError: (err: unknown) => void = () => undefined) {
    this.dir = join(cachedir, 'jobs');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Resolves once written (or the error handed to onError); the master does not wait. */
  saveLoad(load: JobLoad): Promise<void> {
    this.loadsBeingWritten.add(load.jid);
    const jobDir = join(this.dir, load.jid);
    return mkdir(jobDir, { recursive: true })
      .then(() => writeFile(join(jobDir, LOAD_FILE), JSON.stringify(load)))
      .catch(this.onError)
      .finally(() => this.loadsBeingWritten.delete(load.jid));
  }

  saveReturn(id: string, ret: JobReturn): Promise<void> {
    const jobDir = join(this.dir, ret.jid);
    const record: CachedReturn = { id, ...ret };
    return mkdir(jobDir, { recursive: true })
      .then(() => writeFile(join(jobDir, `${id}.json`), JSON.stringify(record)))
      .catch(this.onError);
  }

  /** Whether the cache has (or is writing) a load for this jid. */
  hasLoad(jid: string): boolean {
    return this.loadsBeingWritten.has(jid) || existsSync(join(this.dir, jid, LOAD_FILE));
  }

  /** Every cached jid, oldest first. */
  jids(): string[] {
    return readdirSync(this.dir).filter((name) => JID_PATTERN.test(name)).sort();
  }

  load(jid: string): JobLoad | null {
    return readJson<JobLoad>(join(this.dir, jid, LOAD_FILE));
  }

  /** The returns recorded for a job, by minion id. */
  returns(jid: string): Map<string, CachedReturn> {
    const out = new Map<string, CachedReturn>();
    let names: string[];
    try {
      names = readdirSync(join(this.dir, jid));
    } catch {
      return out;
    }
    for (const name of names.sort()) {
      const id = name.replace(/\.json$/, '');
      if (name === LOAD_FILE || !MINION_ID_PATTERN.test(id)) continue;
      const ret = readJson<CachedReturn>(join(this.dir, jid, name));
      if (ret) out.set(id, ret);
    }
    return out;
  }

  /** Removes the jobs older than `hours` (keep_jobs); returns how many went. */
  prune(hours: number, now = Date.now()): number {
    if (hours <= 0) return 0;
    let removed = 0;
    for (const jid of this.jids()) {
      if (now - jidTime(jid).getTime() <= hours * 3_600_000) break; // jids sort by time
      rmSync(join(this.dir, jid), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}
