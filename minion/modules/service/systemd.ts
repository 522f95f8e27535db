// Services run by systemd, driven with systemctl the way Salt's systemd_service does.
import { runSystemCommand } from '../../platform/run-process.js';
import { CommandExecutionError } from '../command-error.js';
import type { ServiceBackend } from './backend.js';
import { initScripts, listDir } from './init-scripts.js';

const UNIT_TYPES = ['service', 'socket', 'device', 'mount', 'automount', 'swap', 'target', 'path', 'timer'];
const UNIT_DIRS = ['/lib/systemd/system', '/usr/lib/systemd/system', '/etc/systemd/system'];

/** The unit a name means: without a unit-type suffix it is a service. */
export function unitName(name: string): string {
  return UNIT_TYPES.some((type) => name.endsWith(`.${type}`)) ? name : `${name}.service`;
}

/** The systemctl argv for an action on a unit (`status` without log lines). */
export function systemctlCommand(action: string, name: string): string[] {
  const argv = ['systemctl', action, unitName(name)];
  return action === 'status' ? [...argv, '-n', '0'] : argv;
}

/** Service names as Salt lists them from unit file names: services without `.service`, other units whole. */
export function unitNamesFromFiles(files: string[]): string[] {
  return files.flatMap((file) => {
    const dot = file.lastIndexOf('.');
    const type = file.slice(dot + 1);
    if (dot <= 0 || !UNIT_TYPES.includes(type)) return [];
    return [type === 'service' ? file.slice(0, dot) : file];
  });
}

/** The exit code of systemctl's action on the unit. */
async function retcode(action: string, name: string): Promise<number> {
  return (await runSystemCommand(systemctlCommand(action, name))).retcode;
}

/** Runs the action and returns true, or raises with systemctl's message, as Salt does for start, restart, reload and enable. */
async function mustSucceed(action: string, name: string): Promise<boolean> {
  const result = await runSystemCommand(systemctlCommand(action, name));
  if (result.retcode !== 0) throw new CommandExecutionError(result.stderr.trim() || `systemctl ${action} ${unitName(name)} exited ${result.retcode}`);
  return true;
}

/** Units from the unit directories and the init.d scripts (systemd runs those through its sysv generator), sorted. */
async function allServices(): Promise<string[]> {
  return [...new Set([...unitNamesFromFiles(UNIT_DIRS.flatMap(listDir)), ...initScripts()])].sort();
}

export const systemdBackend: ServiceBackend = {
  // Salt's systemd stop answers False on failure; start, restart and reload raise.
  control: async (name, action) => (action === 'stop' ? (await retcode('stop', name)) === 0 : mustSucceed(action, name)),
  isRunning: async (name) => (await retcode('is-active', name)) === 0,
  enable: (name) => mustSucceed('enable', name),
  disable: async (name) => (await retcode('disable', name)) === 0,
  isEnabled: async (name) => (await retcode('is-enabled', name)) === 0,
  // Exit codes 0-3 describe a known unit's state; 4 means systemd has no such unit.
  isAvailable: async (name) => (await retcode('status', name)) < 4,
  all: allServices,
};
