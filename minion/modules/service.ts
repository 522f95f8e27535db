// service: start, stop and query system services through systemd when it is the
// init system (PID 1), otherwise through the sysvinit scripts in /etc/init.d.
import { readFileSync } from 'node:fs';
import { globMatch } from '../../shared/targeting/glob.js';
import type { ServiceAction, ServiceBackend } from './service/backend.js';
import { pidsMatching } from './service/signature.js';
import { systemdBackend } from './service/systemd.js';
import { sysvinitBackend } from './service/sysvinit.js';
import type { ExecFunction, ExecModule } from './types.js';

/** systemd when it is PID 1, else sysvinit. */
function backend(): ServiceBackend {
  let init = '';
  try {
    init = readFileSync('/proc/1/comm', 'utf8').trim();
  } catch {
    // no /proc: not Linux with systemd
  }
  return init === 'systemd' ? systemdBackend : sysvinitBackend;
}

/** Salt's test for a service name that is a glob. */
const isGlob = (name: string): boolean => /\*|\?|\[.+\]/.test(name);

const NAME = [{ name: 'name' }];

/** A function running one action on the named service. */
function action(verb: ServiceAction, doc: string): ExecFunction {
  return { doc, params: NAME, run: (_ctx, a) => backend().control(String(a.name), verb) };
}

/** A function asking the back end about (or changing) the named service; Salt accepts and ignores extra keywords. */
function query(doc: string, ask: (b: ServiceBackend, name: string) => Promise<boolean>): ExecFunction {
  return { doc, params: NAME, varkw: true, run: (_ctx, a) => ask(backend(), String(a.name)) };
}

export const serviceModule: ExecModule = {
  name: 'service',
  doc: 'Manage system services with systemd (when it is PID 1) or the sysvinit scripts in /etc/init.d.',
  functions: {
    start: action('start', 'Start the named service; return True when it started.'),
    stop: action('stop', 'Stop the named service; return True when it stopped.'),
    restart: action('restart', 'Restart the named service; return True when it restarted.'),
    reload: action('reload', 'Reload the named service; return True when it reloaded.'),
    status: {
      doc: 'Return True when the named service runs; a glob name returns {service: bool}; sig checks for a process matching that regular expression instead.',
      params: [...NAME, { name: 'sig', default: null }],
      run: async (_ctx, a) => {
        const name = String(a.name);
        if (a.sig) return (await pidsMatching(String(a.sig))).length > 0;
        const init = backend();
        if (!isGlob(name)) return init.isRunning(name);
        const matches = (await init.all()).filter((service) => globMatch(name, service));
        return Object.fromEntries(await Promise.all(matches.map(async (service) => [service, await init.isRunning(service)])));
      },
    },
    enable: query('Make the named service start at boot; return True on success.', (b, name) => b.enable(name)),
    disable: query('Stop the named service starting at boot; return True on success.', (b, name) => b.disable(name)),
    enabled: query('Return True when the named service starts at boot.', (b, name) => b.isEnabled(name)),
    available: { doc: 'Return True when the named service is known to the init system.', params: NAME, run: (_ctx, a) => backend().isAvailable(String(a.name)) },
    get_all: { doc: 'Return the sorted names of all services the init system knows.', run: () => backend().all() },
  },
};
