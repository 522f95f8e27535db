// The Morse environment on this host, for `npm run demo:release` and the release tests:
// the app's git repository (states/morse/app committed into a fresh bare repository),
// the master's trees (states/, orch/ and the prod/test pillar), the minions (app servers
// and a load balancer on loopback, each with its own srv_root and ports as grains), and
// stopping the supervisords the states started under them.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, type LocalCluster, type MinionSpec } from './local-cluster.js';
import { processAlive } from '../shared/process-alive.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP_SOURCE = join(ROOT, 'states/morse/app');
const AUTHOR = ['-c', 'user.name=salt-ts release', '-c', 'user.email=release@salt-ts.invalid'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...AUTHOR, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The app's repository: a bare one (what pillar morse:repo points at) and a working clone that commits to it. */
export class MorseRepo {
  private constructor(
    readonly bare: string,
    readonly work: string,
  ) {}

  /** states/morse/app committed as the first release into `dir`/morse.git. */
  static create(dir: string): MorseRepo {
    const repo = new MorseRepo(join(dir, 'morse.git'), join(dir, 'morse-work'));
    mkdirSync(repo.bare, { recursive: true });
    git(repo.bare, 'init', '--quiet', '--bare', '--initial-branch=main');
    cpSync(APP_SOURCE, repo.work, { recursive: true });
    git(repo.work, 'init', '--quiet', '--initial-branch=main');
    git(repo.work, 'remote', 'add', 'origin', repo.bare);
    repo.commit('morse 1.0.0');
    return repo;
  }

  get url(): string {
    return pathToFileURL(this.bare).href;
  }

  /** Commits the working clone as it is after `edit(work)`, pushes it, and returns the commit id. */
  commit(message: string, edit: (work: string) => void = () => {}): string {
    edit(this.work);
    git(this.work, 'add', '--all');
    git(this.work, 'commit', '--quiet', '--message', message);
    git(this.work, 'push', '--quiet', 'origin', 'HEAD:main');
    return git(this.work, 'rev-parse', 'HEAD');
  }

  /** The version in the working clone's package.json. */
  version(): string {
    return (JSON.parse(readFileSync(join(this.work, 'package.json'), 'utf8')) as { version: string }).version;
  }
}

/** Sets the version in a checkout's package.json (what the app reports on /health). */
export function setAppVersion(work: string, version: string): void {
  const file = join(work, 'package.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/"version": "[^"]+"/, `"version": "${version}"`));
}

/** Master options serving this repository's states/ and orch/ (copied under `dir`: the
 * master finds orch/NAME.sls inside its file_roots) and its pillar with prod and test. */
export function morseMasterOptions(dir: string): Record<string, unknown> {
  const orchRoot = join(dir, 'orch-root');
  cpSync(join(ROOT, 'orch'), join(orchRoot, 'orch'), { recursive: true });
  return {
    file_roots: { base: [join(ROOT, 'states'), orchRoot] },
    pillar_roots: { base: [join(ROOT, 'pillar')], prod: [join(ROOT, 'pillar/prod')], test: [join(ROOT, 'pillar/test')] },
  };
}

export interface MorseHosts {
  apps: MinionSpec[];
  lb: MinionSpec;
  /** Where the load balancer's frontend listens. */
  lbPort: number;
  /** Where its admin API (haproxy's stats socket) listens. */
  lbAdminPort: number;
}

/** App servers app1..appN and load balancer lb1, each with its folder as srv_root and free loopback ports. */
export async function morseHosts(cluster: LocalCluster, appCount: number): Promise<MorseHosts> {
  // freePort() may hand out a port it gave before: two servers on one port would answer for each other.
  const taken = new Set<number>();
  const port = async (): Promise<number> => {
    let found = await freePort();
    while (taken.has(found)) found = await freePort();
    taken.add(found);
    return found;
  };
  const apps: MinionSpec[] = [];
  for (let i = 1; i <= appCount; i++) {
    const id = `app${i}`;
    apps.push({ id, grains: { roles: ['app'], srv_root: cluster.minionDir(id), morse_port: await port() } });
  }
  const [lbPort, lbAdminPort] = [await port(), await port()];
  const lb: MinionSpec = { id: 'lb1', grains: { roles: ['lb'], srv_root: cluster.minionDir('lb1'), lb_port: lbPort, lb_admin_port: lbAdminPort } };
  return { apps, lb, lbPort, lbAdminPort };
}

/** The folder of the supervisord the states run on a minion (pillar supervisord:dir under its srv_root). */
export const supervisordDir = (cluster: LocalCluster, id: string): string => join(cluster.minionDir(id), 'srv/supervisord');

/** Shuts down the supervisord (and so the programs) the states started for each minion, if any. */
export async function stopSupervisords(cluster: LocalCluster, ids: string[]): Promise<void> {
  await Promise.all(ids.map(async (id) => {
    const dir = supervisordDir(cluster, id);
    const pidFile = join(dir, 'supervisord.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    spawnSync('supervisorctl', ['-c', join(dir, 'supervisord.conf'), 'shutdown'], { stdio: 'ignore' });
    for (let waited = 0; processAlive(pid); waited += 100) {
      if (waited === 15_000) process.kill(pid, 'SIGKILL');
      await sleep(100);
    }
  }));
}

