// disk: disk usage of the minion's mounted volumes (Salt's disk module, usage).
import { pyStr } from '../../shared/output/py-str.js';
import { runTool } from '../platform/run-tool.js';
import type { ExecModule } from './types.js';
import { CommandExecutionError } from './command-error.js';

/** The df flags Salt lets through. */
const ALLOWED_FLAGS = 'aBhHiklPtTxv';

/** Salt's disk.usage shape from `df -P` output: mount point -> its row, values as text. */
export function parseDf(text: string): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('Filesystem')) continue;
    const comps = line.trim().split(/\s+/);
    // A filesystem name with spaces spans several words, up to the first size.
    while (comps.length >= 2 && !/^\d/.test(comps[1]!)) comps.splice(0, 2, `${comps[0]} ${comps[1]}`);
    if (comps.length < 6) continue;
    result[comps.slice(5).join(' ')] = { filesystem: comps[0]!, '1K-blocks': comps[1]!, used: comps[2]!, available: comps[3]!, capacity: comps[4]! };
  }
  return result;
}

export const diskModule: ExecModule = {
  name: 'disk',
  doc: "Disk usage of the minion's mounted volumes.",
  functions: {
    usage: {
      doc: "Return `df -P` as {mount point: {filesystem, '1K-blocks', used, available, capacity}}; args adds df flags (a string of letters from aBhHiklPtTxv).",
      params: [{ name: 'args', default: null }],
      run: async (ctx, a) => {
        const flags = a.args == null ? '' : pyStr(a.args);
        if ([...flags].some((flag) => !ALLOWED_FLAGS.includes(flag))) throw new CommandExecutionError('Invalid flag passed to disk.usage');
        const out = await runTool(['df', '-P', ...(flags ? [`-${flags}`] : [])], { limit: ctx.opts.cmd_output_limit }, 'install coreutils');
        return parseDf(out.stdout.text());
      },
    },
  },
};
