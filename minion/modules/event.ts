// event: send events from a minion to the master's event bus (Salt's event module).
// A salt-ts minion has no local event bus that anything listens on, so event.fire
// sends to the master as event.fire_master does. Without a master (salt-ts-call --local,
// file_client: local) nothing is sent and the call returns False, as Salt does.
import { parseYaml } from '../../shared/yaml.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import type { BoundArgs, ExecContext, ExecModule } from './types.js';

/** DATA as a dict, or a JSON/YAML mapping given as text. */
function dataArg(fun: string, data: unknown): Record<string, unknown> {
  if (data == null || data === '') return {};
  const value = typeof data === 'string' ? parseYaml(data, `${fun} data`) : data;
  if (!isRecord(value)) throw new Error(`${fun}: data must be a dict (e.g. '{"rev": "f5d9"}'), got ${JSON.stringify(data)}`);
  return value;
}

function tagArg(fun: string, tag: unknown): string {
  if (typeof tag !== 'string' || tag === '') throw new Error(`${fun}: tag must be a non-empty string such as myapp/build/done, got ${JSON.stringify(tag ?? null)}`);
  return tag;
}

/** Grains or pillar for with_grains / with_pillar: all of it (True) or the named keys. */
function selection(source: Record<string, unknown>, wanted: unknown): Record<string, unknown> {
  if (!Array.isArray(wanted)) return source;
  return Object.fromEntries(wanted.map(String).filter((key) => key in source).map((key) => [key, source[key]]));
}

async function fireMaster(ctx: ExecContext, tag: string, data: Record<string, unknown>): Promise<boolean> {
  if (ctx.opts.file_client === 'local') {
    process.stderr.write(`[WARNING ] Local mode detected. Event with tag ${tag} will NOT be sent.\n`);
    return false;
  }
  return ctx.daemon({ op: 'fire_master', tag, data });
}

/** event.send's data: kwargs, then DATA over them, then what the with_* options add. */
function sendData(ctx: ExecContext, a: BoundArgs): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(a.kwargs ?? {}), ...dataArg('event.send', a.data) };
  if (a.with_env === true) out.environ = { ...process.env };
  if (a.with_grains) out.grains = selection(ctx.grains, a.with_grains);
  if (a.with_pillar) out.pillar = selection(ctx.pillar, a.with_pillar);
  return out;
}

export const eventModule: ExecModule = {
  name: 'event',
  doc: "Send events to the master's event bus.",
  functions: {
    send: {
      doc: "Send an event with TAG and DATA (a dict, or JSON/YAML text; extra key=value arguments join it) to the master's bus, where it arrives as {id, tag, data, cmd}; with_grains / with_pillar (True or a list of keys) and with_env add them. CLI: salt-ts-call event.send myapp/build/done '{\"rev\": \"f5d9\"}'",
      params: [{ name: 'tag' }, { name: 'data', default: null }, { name: 'preload', default: null }, { name: 'with_env', default: false }, { name: 'with_grains', default: false }, { name: 'with_pillar', default: false }, { name: 'timeout', default: 60 }],
      varkw: true,
      run: (ctx, a) => fireMaster(ctx, tagArg('event.send', a.tag), sendData(ctx, a)),
    },
    fire_master: {
      doc: "Send DATA (a dict) with TAG to the master's bus (Salt's argument order: data first). CLI: salt-ts-call event.fire_master '{\"rev\": \"f5d9\"}' myapp/build/done",
      params: [{ name: 'data' }, { name: 'tag' }, { name: 'preload', default: null }, { name: 'timeout', default: 60 }],
      run: (ctx, a) => fireMaster(ctx, tagArg('event.fire_master', a.tag), dataArg('event.fire_master', a.data)),
    },
    fire: {
      doc: "Send DATA (a dict) with TAG: salt-ts minions have no local event bus, so it goes to the master's bus as event.fire_master does.",
      params: [{ name: 'data' }, { name: 'tag' }, { name: 'timeout', default: null }],
      run: (ctx, a) => fireMaster(ctx, tagArg('event.fire', a.tag), dataArg('event.fire', a.data)),
    },
  },
};
