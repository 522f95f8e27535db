// Runs supervisorctl as Salt's supervisord module does: the binary from bin_env (a
// virtualenv or the binary itself) or PATH, `-c conf_file`, as `user`; a failed
// command's output starts with ERROR (Salt's _get_return).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { runTool } from '../../platform/run-tool.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { asUser, resolveRunas, userEnv } from '../cmd/run-as.js';
import { CommandExecutionError } from '../command-error.js';
import type { BoundArgs } from '../types.js';

/** supervisorctl in bin_env (a virtualenv directory or the binary), else the one on PATH. */
function supervisorctlBin(binEnv: unknown): string {
  if (binEnv == null || binEnv === '') return 'supervisorctl';
  const given = pyStr(binEnv);
  const bin = existsSync(given) && statSync(given).isDirectory() ? path.join(given, 'bin', 'supervisorctl') : given;
  if (!existsSync(bin)) throw new CommandExecutionError(`Could not find supervisorctl binary in bin_env '${given}' (${bin})`);
  return bin;
}

export interface CtlResult {
  retcode: number;
  stdout: string;
}

/** `supervisorctl [-c conf_file] words...` with the args' user, conf_file and bin_env. */
export async function supervisorctl(a: BoundArgs, words: string[]): Promise<CtlResult> {
  const user = await resolveRunas(a.user);
  const argv = [supervisorctlBin(a.bin_env), ...(a.conf_file == null || a.conf_file === '' ? [] : ['-c', pyStr(a.conf_file)]), ...words];
  const env = { ...process.env, ...(user ? userEnv(user) : {}) };
  const outcome = await runTool(user ? await asUser(user, argv) : argv, { env, limit: 16 * 1024 * 1024, mergeStderr: true }, 'Debian package supervisor');
  return { retcode: outcome.retcode, stdout: outcome.stdout.text().trimEnd() };
}

/** The output, marked ERROR when the command failed and does not say so itself. */
export function ctlReturn(result: CtlResult): string {
  return result.retcode !== 0 && !result.stdout.includes('ERROR') ? `ERROR: ${result.stdout}` : result.stdout;
}

/** A process or group name as supervisorctl takes it: 'group:*' means 'group:' (strip=':*'), or 'group' for add/remove/update. */
export function processName(name: unknown, forGroupCommand: boolean): string {
  const text = pyStr(name);
  if (forGroupCommand) return text.endsWith(':*') ? text.slice(0, -2) : text.endsWith(':') ? text.slice(0, -1) : text;
  return text.endsWith(':*') ? text.slice(0, -1) : text;
}

/** `supervisorctl status` lines as {name: {state, reason}} (Salt's supervisord.status). */
export function parseStatus(raw: string): Record<string, { state: string; reason: string }> {
  const processes: Record<string, { state: string; reason: string }> = {};
  for (const line of raw.split('\n')) {
    const match = /^(\S+)\s+(\S+)\s*(.*)$/.exec(line.trim());
    if (match) processes[match[1]!] = { state: match[2]!, reason: match[3]!.trim() };
  }
  return processes;
}
