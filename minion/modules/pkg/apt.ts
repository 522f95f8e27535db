// apt-get and apt-cache, run non-interactively as Salt's aptpkg runs them.
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { runSystemCommand, type CommandResult } from '../../platform/run-process.js';
import { CommandExecutionError } from '../command-error.js';

// Salt's DPKG_ENV_VARS: no prompts, no pagers, keep existing config files.
const APT_ENV = {
  APT_LISTBUGS_FRONTEND: 'none',
  APT_LISTCHANGES_FRONTEND: 'none',
  DEBIAN_FRONTEND: 'noninteractive',
  UCF_FORCE_CONFFOLD: '1',
};

const APT_LISTS = '/var/lib/apt/lists';

/** How long a package command waits for another apt or dpkg run (unattended upgrades,
 * another job) to release the dpkg lock before it gives up. */
const LOCK_WAIT_MS = 180_000;
const LOCK_HELD = /Could not get lock|dpkg frontend lock was locked|dpkg status database is locked/;

/** Runs an apt or dpkg command with the non-interactive environment, waiting its turn
 * while another package manager holds the dpkg lock. */
export async function runApt(argv: string[]): Promise<CommandResult> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const result = await runSystemCommand(argv, APT_ENV);
    if (result.retcode === 0 || !LOCK_HELD.test(result.stderr + result.stdout) || Date.now() > deadline) return result;
    await sleep(500);
  }
}

/** The version apt would install (`Candidate:` of apt-cache policy), '' when there is none. */
export async function candidateVersion(name: string, fromrepo: string | null): Promise<string> {
  const release = fromrepo ? ['-o', `APT::Default-Release=${fromrepo}`] : [];
  const { stdout } = await runApt(['apt-cache', '-q', 'policy', name, ...release]);
  const candidate = /^\s*Candidate:\s*(\S+)/m.exec(stdout)?.[1] ?? '';
  return candidate.toLowerCase() === '(none)' ? '' : candidate;
}

/** apt-get update's report per source: True fetched, None already current, False ignored or failed. */
export function parseUpdateOutput(stdout: string): { sources: Record<string, boolean | null>; failed: string[] } {
  const sources: Record<string, boolean | null> = {};
  const failed: string[] = [];
  for (const line of stdout.split('\n')) {
    const [tag = '', ...rest] = line.trim().split(/\s+/);
    const source = rest.join(' ');
    if (tag.startsWith('Get')) sources[source.replace(/ \[.+B\]$/, '')] = true;
    else if (tag.startsWith('Hit')) sources[source] = null;
    else if (tag.startsWith('Ign')) sources[source] = false;
    else if (tag.startsWith('Err')) {
      sources[source] = false;
      failed.push(source);
    }
  }
  return { sources, failed };
}

/** apt-get update, skipped when the lists are younger than cacheValidTime seconds; failhard raises when a source failed. */
export async function refreshDb(cacheValidTime: number, failhard: boolean): Promise<Record<string, boolean | null>> {
  const lists = cacheValidTime > 0 ? statSync(APT_LISTS, { throwIfNoEntry: false }) : undefined;
  if (lists && (Date.now() - lists.mtimeMs) / 1000 < cacheValidTime) return {};
  const result = await runApt(['apt-get', '-q', 'update']);
  if (result.retcode !== 0) throw new CommandExecutionError(result.stderr.trim() || `apt-get update exited ${result.retcode}`);
  const { sources, failed } = parseUpdateOutput(result.stdout);
  if (failhard && failed.length) throw new CommandExecutionError(`Error getting repos: ${failed.join(', ')}`);
  return sources;
}
