// status.procs: every process as {pid: {cmd, user}}, read from /proc (what `ps -ef` shows:
// the command line, or [name] for a kernel thread, and the effective user).
import { readdir, readFile } from 'node:fs/promises';
import { findUser } from '../../platform/users.js';

/** The process table, keyed by pid. */
export async function processTable(): Promise<Record<string, { cmd: string; user: string }>> {
  const userNames = new Map<number, Promise<string>>();
  const userName = (uid: number) => {
    if (!userNames.has(uid)) userNames.set(uid, findUser(uid).then((user) => user?.name ?? String(uid)));
    return userNames.get(uid)!;
  };
  const result: Record<string, { cmd: string; user: string }> = {};
  for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    // A process may exit while the table is read; it is then left out.
    const info = await processInfo(pid, userName).catch(() => null);
    if (info) result[pid] = info;
  }
  return result;
}

async function processInfo(pid: string, userName: (uid: number) => Promise<string>): Promise<{ cmd: string; user: string }> {
  const [cmdline, status] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
  const name = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? '';
  const uid = Number(/^Uid:\s*\d+\s+(\d+)/m.exec(status)?.[1]);
  const args = cmdline.replace(/\0+$/, '').split('\0').join(' ');
  return { cmd: args || `[${name}]`, user: await userName(uid) };
}
