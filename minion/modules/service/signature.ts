// Salt's status.pid: the processes whose command line matches a regular expression,
// which service.status uses when given a signature (sig) instead of asking the init system.
import { processTable } from '../status/procs.js';

/** The pids (other than this process) whose command line matches the pattern. */
export async function pidsMatching(signature: string): Promise<number[]> {
  const pattern = new RegExp(signature);
  return Object.entries(await processTable())
    .filter(([pid, proc]) => Number(pid) !== process.pid && pattern.test(proc.cmd))
    .map(([pid]) => Number(pid));
}
