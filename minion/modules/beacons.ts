// beacons: list and change the beacons the minion daemon runs (Salt's beacons module).
// Changes last until the minion restarts; salt-ts has no beacons.save, as its config
// loader reads only the `minion` file (no minion.d/beacons.conf to save to).
import { dumpYaml } from '../../shared/yaml.js';
import type { BeaconsAction, BeaconsReply, BeaconsRequest } from '../beacons/book.js';
import { isTrue } from '../beacons/options.js';
import type { ExecContext, ExecFunction, ExecModule } from './types.js';

const ask = (ctx: ExecContext, request: BeaconsRequest): Promise<BeaconsReply> => ctx.daemon({ op: 'beacons', request });

/** A function that sends one action (with the beacon's name, when it takes one) to the daemon. */
function action(verb: BeaconsAction, doc: string, named: boolean): ExecFunction {
  return {
    doc,
    params: named ? [{ name: 'name' }] : [],
    varkw: true,
    run: (ctx, a) => ask(ctx, { action: verb, ...(named ? { name: String(a.name) } : {}) }),
  };
}

export const beaconsModule: ExecModule = {
  name: 'beacons',
  doc: "Manage the minion's beacons: list, add, modify, delete, enable and disable them (until the minion restarts).",
  functions: {
    list: {
      doc: 'Return the configured beacons (config file and pillar) as YAML {beacons: ...}, or as data with return_yaml=False.',
      params: [{ name: 'return_yaml', default: true }, { name: 'include_pillar', default: true }, { name: 'include_opts', default: true }],
      varkw: true,
      run: async (ctx, a) => {
        const reply = (await ask(ctx, { action: 'list', include_pillar: isTrue(a.include_pillar), include_opts: isTrue(a.include_opts) })) as { beacons: Record<string, unknown> };
        if (Object.keys(reply.beacons).length === 0) return { beacons: {} };
        return isTrue(a.return_yaml) ? dumpYaml(reply) : reply.beacons;
      },
    },
    list_available: {
      doc: 'Return the beacons this minion can run, as YAML {beacons: [...]} or a list with return_yaml=False.',
      params: [{ name: 'return_yaml', default: true }],
      varkw: true,
      run: async (ctx, a) => {
        const names = await ask(ctx, { action: 'list_available' });
        return isTrue(a.return_yaml) ? dumpYaml({ beacons: names }) : names;
      },
    },
    add: {
      doc: "Add a beacon: beacons.add ps \"[{'processes': {'apache2': 'stopped'}}]\"; returns {result, comment}.",
      params: [{ name: 'name' }, { name: 'beacon_data' }],
      varkw: true,
      run: (ctx, a) => ask(ctx, { action: 'add', name: String(a.name), data: a.beacon_data }),
    },
    modify: {
      doc: 'Replace the configuration of a beacon added by config or beacons.add; returns {result, comment}.',
      params: [{ name: 'name' }, { name: 'beacon_data' }],
      varkw: true,
      run: (ctx, a) => ask(ctx, { action: 'modify', name: String(a.name), data: a.beacon_data }),
    },
    delete: action('delete', 'Delete a beacon (not one configured in pillar); returns {result, comment}.', true),
    enable: action('enable', 'Enable all beacons on the minion; returns {result, comment}.', false),
    disable: action('disable', 'Disable all beacons on the minion; returns {result, comment}.', false),
    enable_beacon: action('enable_beacon', 'Enable one beacon; returns {result, comment}.', true),
    disable_beacon: action('disable_beacon', 'Disable one beacon; returns {result, comment}.', true),
  },
};
