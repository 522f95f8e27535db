// status: what the minion's system is doing (Salt's status module, the Linux functions).
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { pyStr } from '../../shared/output/py-str.js';
import { runTool } from '../platform/run-tool.js';
import { diskUsage } from './status/diskusage.js';
import { parseCpuinfo, parseMeminfo, parseNetdev } from './status/proc-files.js';
import { processTable } from './status/procs.js';
import { uptime } from './status/uptime.js';
import { parseW } from './status/w.js';
import type { ExecModule } from './types.js';

/** The file's text, or '' when it cannot be read (Salt then returns an empty dict). */
const procFile = (path: string) => readFile(path, 'utf8').catch(() => '');

export const statusModule: ExecModule = {
  name: 'status',
  doc: "Report what the minion's system is doing: uptime, load, memory, CPUs, disks, network devices, processes and users.",
  functions: {
    uptime: {
      doc: 'Return the time since boot: {seconds, since_iso, since_t, days, time ("H:M"), users}.',
      run: (ctx) => uptime(ctx.opts.cmd_output_limit),
    },
    loadavg: {
      doc: "Return the load averages: {'1-min', '5-min', '15-min'}.",
      run: () => {
        const [one, five, fifteen] = loadavg();
        return { '1-min': one, '5-min': five, '15-min': fifteen };
      },
    },
    meminfo: {
      doc: 'Return /proc/meminfo as {Key: {value, unit}}.',
      run: async () => parseMeminfo(await procFile('/proc/meminfo')),
    },
    cpuinfo: {
      doc: "Return /proc/cpuinfo as one dict (the last CPU's values), flags as a list.",
      run: async () => parseCpuinfo(await procFile('/proc/cpuinfo')),
    },
    diskusage: {
      doc: 'Return {mount point: {available, total}} in bytes, for the given paths and filesystem type globs (ext?), or all mounts.',
      varargs: true,
      run: (_ctx, a) => diskUsage((a.args ?? []).map(pyStr)),
    },
    netdev: {
      doc: 'Return the network device counters of /proc/net/dev: {iface: {rx_bytes, tx_bytes, ...}}.',
      run: async () => parseNetdev(await procFile('/proc/net/dev')),
    },
    procs: {
      doc: 'Return the processes: {pid: {cmd, user}}.',
      run: () => processTable(),
    },
    w: {
      doc: 'Return the logged-in users (from `w`): a list of {user, tty, login, idle, jcpu, pcpu, what}; empty when nobody is logged in.',
      run: async (ctx) => {
        const out = await runTool(['w', '-fh'], { limit: ctx.opts.cmd_output_limit }, 'install procps');
        return parseW(out.stdout.text());
      },
    },
  },
};
