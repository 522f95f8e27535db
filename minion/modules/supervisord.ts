// supervisord: control programs under a running supervisord through supervisorctl (Salt's supervisord module).
import { ctlReturn, parseStatus, processName, supervisorctl } from './supervisord/supervisorctl.js';
import { pyStr } from '../../shared/output/py-str.js';
import type { BoundArgs, ExecFunction, ExecModule, ParamSpec } from './types.js';

const CONTROL: ParamSpec[] = [{ name: 'user', default: null }, { name: 'conf_file', default: null }, { name: 'bin_env', default: null }];

/** A function running `supervisorctl <verb> [name]` and returning its output (ERROR... when it failed). */
function verb(doc: string, word: string, name: ParamSpec | null, toName: (a: BoundArgs) => string | null = () => null): ExecFunction {
  return {
    doc,
    params: name ? [name, ...CONTROL] : CONTROL,
    run: async (_ctx, a) => {
      const target = toName(a);
      return ctlReturn(await supervisorctl(a, target == null || target === '' ? [word] : [word, target]));
    },
  };
}

const statusRaw = async (a: BoundArgs): Promise<string> => (await supervisorctl(a, ['status', ...(a.name == null ? [] : [processName(a.name, false)])])).stdout;

export const supervisordModule: ExecModule = {
  name: 'supervisord',
  doc: 'Control programs under a running supervisord through supervisorctl.',
  functions: {
    start: verb("Start the named program or group ('all' by default; 'group:*' for a group); return supervisorctl's output.", 'start', { name: 'name', default: 'all' }, (a) => processName(a.name, false)),
    stop: verb("Stop the named program or group ('all' by default); return supervisorctl's output.", 'stop', { name: 'name', default: 'all' }, (a) => processName(a.name, false)),
    restart: verb("Restart the named program or group ('all' by default); return supervisorctl's output.", 'restart', { name: 'name', default: 'all' }, (a) => processName(a.name, false)),
    add: verb('Activate the named process group from the configuration (after reread).', 'add', { name: 'name' }, (a) => processName(a.name, true)),
    remove: verb('Stop and remove the named process group from the active configuration.', 'remove', { name: 'name' }, (a) => processName(a.name, true)),
    reread: verb('Reload the configuration files without adding or removing processes.', 'reread', null),
    update: verb('Reload the configuration and add/remove/restart what changed (only the named group when name is given).', 'update', { name: 'name', default: null }, (a) => (a.name == null ? null : processName(a.name, true))),
    status: {
      doc: 'Return {name: {state, reason}} of every program (or only name).',
      params: [{ name: 'name', default: null }, ...CONTROL],
      run: async (_ctx, a) => parseStatus(await statusRaw(a)),
    },
    status_raw: {
      doc: "Return `supervisorctl status` output as it is (only name's line when given).",
      params: [{ name: 'name', default: null }, ...CONTROL],
      run: (_ctx, a) => statusRaw(a),
    },
    custom: {
      doc: "Run any supervisorctl command line (e.g. 'pid all'); return its output.",
      params: [{ name: 'command' }, ...CONTROL],
      run: async (_ctx, a) => ctlReturn(await supervisorctl(a, pyStr(a.command).split(/\s+/).filter(Boolean))),
    },
  },
};
