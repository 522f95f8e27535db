// service: reports whether each service of `services` runs (Salt's service beacon):
// {<name>: {running: bool}, service_name: <name>} on the tag .../service/<name>, when the
// status changes. `provider: supervisord` (salt-ts's own option) asks supervisorctl about
// a program instead of the init system, with the supervisord module's conf_file, bin_env
// and user, so a web app run under supervisord reports when it goes down.
import { existsSync } from 'node:fs';
import { Crossings, crossingOptions } from './crossing.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import type { BeaconHost, BeaconModule, BeaconOptions, BeaconReport } from './types.js';

type ServiceOptions = Record<string, unknown>;

function servicesOf(o: BeaconOptions): Record<string, ServiceOptions> | string {
  if (!isRecord(o.services)) return 'Configuration for service beacon requires services.';
  const services: Record<string, ServiceOptions> = {};
  for (const [name, options] of Object.entries(o.services)) {
    if (options !== null && !isRecord(options)) return `Service beacon: service ${name} needs a dict of options (or {}).`;
    const provider = options?.provider;
    if (provider !== undefined && provider !== 'supervisord') return `Service beacon: service ${name} provider must be supervisord when given, got ${String(provider)}.`;
    services[name] = options ?? {};
  }
  return services;
}

/** Whether the service (or supervisord program) runs now. */
async function isRunning(host: BeaconHost, name: string, options: ServiceOptions): Promise<boolean> {
  if (options.provider !== 'supervisord') return (await host.call('service.status', [name])) === true;
  const kwarg = Object.fromEntries(['user', 'conf_file', 'bin_env'].filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
  const programs = (await host.call('supervisord.status', [name], kwarg)) as Record<string, { state: string }>;
  return programs[name]?.state === 'RUNNING';
}

/** The event for one service's status, or none when it did not change. */
export function serviceReport(name: string, running: boolean, options: ServiceOptions, crossings: Crossings): BeaconReport[] {
  const status: Record<string, unknown> = { running };
  // Salt reports whether the pid file was left behind, only for a service that is down.
  if (typeof options.uncleanshutdown === 'string' && !running) status.uncleanshutdown = existsSync(options.uncleanshutdown);
  return crossings.changed(name, status) ? [{ [name]: status, service_name: name, tag: name }] : [];
}

export const serviceBeacon: BeaconModule = {
  name: 'service',
  doc: 'Fire {<name>: {running}, service_name} on .../service/<name> when a service of services: {<name>: {}} starts or stops.',
  validate: (o) => {
    const services = servicesOf(o);
    return typeof services === 'string' ? services : null;
  },
  create(o, host) {
    const services = servicesOf(o) as Record<string, ServiceOptions>;
    // Each service may set its own onchangeonly and emitatstartup, as in Salt.
    const crossings = new Map(Object.entries(services).map(([name, options]) => [name, new Crossings(crossingOptions({ ...o, ...options }))]));
    return {
      poll: async () => {
        const reports = await Promise.all(
          Object.entries(services).map(async ([name, options]) => serviceReport(name, await isRunning(host, name, options), options, crossings.get(name)!)),
        );
        return reports.flat();
      },
    };
  },
};
