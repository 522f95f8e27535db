// salt.wait_for_event: wait until an event whose tag matches `name` (a glob) has arrived
// for every id in id_list, as Salt's orchestration state does. It listens from the moment
// the state runs (events sent before are not seen, as in Salt); each matching event's
// data[event_id] (or data['data'][event_id], for event.send) crosses ids off the list.
import type { NatsConnection } from '@nats-io/transport-node';
import { floatRepr } from '../../../shared/output/pyrepr.js';
import { isRecord } from '../../../shared/output/sorted-keys.js';
import { invalidArgument } from '../../../shared/state/state-return.js';
import type { StateArgs, StateContext, StateFunction, StateReturn } from '../../../shared/state/types.js';
import { globMatch } from '../../../shared/targeting/glob.js';
import { subjectForTagGlob, watchBus, type BusEvent } from '../../events/bus.js';

const badArgument = (ctx: StateContext, message: string) => invalidArgument(ctx, 'salt.wait_for_event', message);

function idList(ctx: StateContext, value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',').map((id) => id.trim()) : value;
  if (!Array.isArray(list) || list.length === 0) throw badArgument(ctx, `id_list must be a list of ids to wait for, got ${JSON.stringify(value ?? null)}`);
  return list.map(String);
}

function seconds(ctx: StateContext, value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw badArgument(ctx, `timeout must be a number of seconds, got ${JSON.stringify(value)}`);
  return n;
}

/** The ids an event vouches for: data[eventId], else data.data[eventId]; a list names several. */
function idsOf(event: BusEvent, eventId: string): unknown[] {
  let value = event.data[eventId];
  if (value == null && isRecord(event.data.data)) value = event.data.data[eventId];
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

async function waitForEvents(nc: NatsConnection, name: string, pending: string[], eventId: string, timeout: number): Promise<string[]> {
  const seen: string[] = [];
  const { subscription, events } = watchBus(nc, subjectForTagGlob(name));
  // Ending the subscription ends the loop below: that is the timeout.
  const timer = setTimeout(() => subscription.unsubscribe(), timeout * 1000);
  try {
    for await (const event of events) {
      if (!globMatch(name, event.tag)) continue;
      for (const id of idsOf(event, eventId)) {
        const index = pending.indexOf(id as string);
        if (index !== -1) seen.push(...pending.splice(index, 1));
      }
      if (pending.length === 0) break;
    }
  } finally {
    clearTimeout(timer);
    subscription.unsubscribe();
  }
  return seen;
}

export function waitForEventState(nc: NatsConnection): StateFunction {
  return {
    doc: "Wait until an event whose tag matches `name` (a glob) has arrived from every id in id_list (event_id: the data key holding the id, default 'id'); fails after timeout seconds (default 300) naming the ids still missing.",
    run: async (ctx: StateContext, args: StateArgs): Promise<StateReturn> => {
      const ret: StateReturn = { name: args.name, changes: {}, result: false, comment: '' };
      const pending = idList(ctx, args.id_list);
      const eventId = String(args.event_id ?? 'id');
      const timeout = seconds(ctx, args.timeout ?? 300);
      if (ctx.test) return { ...ret, result: null, comment: `Orchestration would wait for event '${args.name}'` };
      const started = performance.now();
      const seen = await waitForEvents(nc, args.name, pending, eventId, timeout);
      if (seen.length) ret.changes = { minions_seen: seen };
      if (pending.length) return { ...ret, comment: `Timeout value reached. No matching event from: ${pending.join(', ')}` };
      return { ...ret, result: true, comment: `All events seen in ${floatRepr((performance.now() - started) / 1000)} seconds.` };
    },
  };
}
