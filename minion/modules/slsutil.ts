// slsutil: helpers for writing and debugging SLS files and templates.
import { readFile } from 'node:fs/promises';
import { CommandExecutionError } from './command-error.js';
import { StateRun } from '../highstate/state-run.js';
import { pyStr } from '../../shared/output/py-str.js';
import { pillarOverride } from '../pillar/override.js';
import type { ExecModule } from './types.js';

export const slsutilModule: ExecModule = {
  name: 'slsutil',
  doc: 'Helpers for writing and debugging SLS files and templates.',
  functions: {
    renderer: {
      doc: "Render a file (path=, a salt:// URL or a local path) or a string (string=) through a render pipeline (default_renderer='jinja|yaml', or the file's own #! line) with this minion's grains and pillar (pillar={...} replaces it); other keyword arguments are template variables.",
      params: [{ name: 'path', default: null }, { name: 'string', default: null }, { name: 'default_renderer', default: 'jinja|yaml' }, { name: 'saltenv', default: 'base' }],
      varkw: true,
      run: async (ctx, a) => {
        if ((a.path == null) === (a.string == null)) throw new CommandExecutionError('slsutil.renderer needs exactly one of path= or string=');
        const saltenv = pyStr(a.saltenv);
        let text: string;
        let source: string;
        if (a.path != null) {
          source = pyStr(a.path);
          const local = await ctx.daemon({ op: 'cache_file', url: source, saltenv });
          if (local === null) throw new CommandExecutionError(`File ${source} not found in saltenv '${saltenv}'`);
          text = await readFile(local, 'utf8');
        } else {
          source = '<string>';
          text = pyStr(a.string);
        }
        const { pillar, ...vars } = a.kwargs ?? {};
        const run = new StateRun(ctx.withPillar(pillarOverride(pillar) ?? ctx.pillar), { saltenv, test: false });
        try {
          return await run.render(text, source, { saltenv, ...vars }, pyStr(a.default_renderer));
        } finally {
          await run.close();
        }
      },
    },
  },
};
