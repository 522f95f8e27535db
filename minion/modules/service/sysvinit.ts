// Services run by /etc/init.d scripts, driven the way Salt's debian_service does:
// the `service` command (or the script itself) and update-rc.d's /etc/rc?.d links.
import { join } from 'node:path';
import { runSystemCommand } from '../../platform/run-process.js';
import { which } from '../../platform/which.js';
import type { ServiceAction, ServiceBackend } from './backend.js';
import { INIT_D, initScripts, listDir } from './init-scripts.js';

/** True when the command exits 0. */
async function succeeds(argv: string[]): Promise<boolean> {
  return (await runSystemCommand(argv)).retcode === 0;
}

/** The argv running an init script action: through `service` when installed, else the script itself. */
async function scriptCommand(name: string, action: ServiceAction | 'status'): Promise<string[]> {
  return (await which('service')) ? ['service', name, action] : [join(INIT_D, name), action];
}

/** The current runlevel, or Debian's default 2 when it is unknown (as in a container without init). */
async function runlevel(): Promise<string> {
  const { stdout } = await runSystemCommand(['runlevel']);
  const level = /^\S+\s+(\S+)/.exec(stdout.trim())?.[1];
  return stdout.includes('unknown') || !level ? '2' : level;
}

/** Services with a start link (S<nn><name>) in /etc/rcS.d or the current runlevel's directory. */
async function enabledServices(): Promise<Set<string>> {
  const dirs = ['/etc/rcS.d', `/etc/rc${await runlevel()}.d`];
  const links = dirs.flatMap(listDir);
  return new Set(links.flatMap((link) => /^S\d*(.+)$/.exec(link)?.[1] ?? []));
}

/** The init scripts and every service with a start link, sorted. */
async function allServices(): Promise<string[]> {
  return [...new Set([...initScripts(), ...(await enabledServices())])].sort();
}

export const sysvinitBackend: ServiceBackend = {
  control: async (name, action) => succeeds(await scriptCommand(name, action)),
  isRunning: async (name) => succeeds(await scriptCommand(name, 'status')),
  // `defaults` creates the links when there are none (Salt runs insserv for that); `enable` turns K links into S links.
  enable: async (name) => (await succeeds(['update-rc.d', name, 'defaults'])) && succeeds(['update-rc.d', name, 'enable']),
  disable: (name) => succeeds(['update-rc.d', name, 'disable']),
  isEnabled: async (name) => (await enabledServices()).has(name),
  isAvailable: async (name) => (await allServices()).includes(name),
  all: allServices,
};
