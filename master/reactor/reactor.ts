// The reactor: reads the event stream through its durable consumer, and for each event
// whose tag matches a `reactor:` glob renders the bound SLS files with `tag` and `data`
// and starts their reactions. A reaction that fails is logged and fired as
// `salt/reactor/<event seq>/error`; nothing a reaction does stops the reactor.
//
// Once and only once, as far as a crash allows: the event's stream sequence is written to
// disk before its reactions start and the event is acknowledged after they started. A
// master that dies between the two skips that event when it is delivered again (at most
// once: a reaction half-started by a crash is not retried, since jobs are not idempotent).
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { MasterConfig } from '../../shared/config/load.js';
import { describeError } from '../../shared/errors.js';
import { decodeJson } from '../../shared/json-codec.js';
import type { Logger } from '../../shared/log.js';
import { globMatch } from '../../shared/targeting/glob.js';
import { busEventOf, type BusEvent } from '../events/bus.js';
import type { FireEvent } from '../events/fire.js';
import { EVENT_STREAM } from '../events/stream.js';
import { masterCalls } from '../orchestrate/calls.js';
import { jobPublisher } from '../orchestrate/minion-job.js';
import type { ReactorBinding } from './config.js';
import { ensureReactorConsumer, REACTOR_DURABLE, removeReactorConsumer, streamCreated } from './consumer.js';
import { dispatchReaction, type DispatchContext } from './dispatch.js';
import { HandledMark } from './mark.js';
import type { Reaction } from './reactions.js';
import { ReactorRenderer } from './render.js';
import type { WheelContext } from './wheel.js';

export interface ReactorDeps {
  nc: NatsConnection;
  config: MasterConfig;
  /** The `reactor:` option, read with reactorBindings. */
  bindings: ReactorBinding[];
  wheel: WheelContext;
  fire: FireEvent;
  log: Logger;
  /** When this master started: a consumer made now starts there. */
  started: Date;
}

export interface RunningReactor {
  stop(): Promise<void>;
}

const RETRY_MS = 2_000;
const ERROR_TAG = /^salt\/reactor\/[^/]+\/error$/;

/** Starts the reactor when `reactor:` binds any tags; otherwise removes its old consumer. */
export async function startReactor(deps: ReactorDeps): Promise<RunningReactor> {
  const { config, nc, log, bindings } = deps;
  if (bindings.length === 0) {
    if (await removeReactorConsumer(nc).catch(() => false)) log.info(`reactor: none configured; removed its consumer ${REACTOR_DURABLE}`);
    return { stop: async () => undefined };
  }
  const calls = masterCalls(jobPublisher(nc, config), { config, nc }, {});
  const renderer = new ReactorRenderer(config.file_roots, config.renderer, calls);
  let stopped = false;
  let messages: ConsumerMessages | undefined;

  const loop = (async () => {
    while (!stopped) {
      try {
        await ensureReactorConsumer(nc, deps.started);
        const mark = new HandledMark(join(config.cachedir, 'reactor', 'handled.json'), await streamCreated(nc));
        const consumer = await jetstream(nc).consumers.get(EVENT_STREAM, REACTOR_DURABLE);
        messages = await consumer.consume({ max_messages: 64 });
        log.info(`reactor: reacting to ${bindings.map((b) => b.glob).join(', ')}`);
        for await (const msg of messages) {
          if (stopped) break; // unacknowledged, it is delivered again to the next master
          await handle(msg, bindings, mark, renderer, deps);
          msg.ack();
        }
      } catch (err) {
        if (!stopped) log.error(`reactor: reading the event stream failed (retrying in ${RETRY_MS / 1000} s): ${describeError(err)}`);
      }
      if (!stopped) await sleep(RETRY_MS);
    }
  })();

  return {
    async stop() {
      stopped = true;
      await messages?.close();
      await loop;
      await renderer.close();
    },
  };
}

async function handle(msg: JsMsg, bindings: ReactorBinding[], mark: HandledMark, renderer: ReactorRenderer, deps: ReactorDeps): Promise<void> {
  const event = readEvent(msg, deps.log);
  if (!event) return;
  const files = bindings.filter((b) => globMatch(b.glob, event.tag)).flatMap((b) => b.files);
  if (files.length === 0) return;
  if (mark.handled(msg.seq)) {
    deps.log.warn(`reactor: event ${msg.seq} (${event.tag}) was reacted to before the master stopped; not reacting again`);
    return;
  }
  mark.record(msg.seq);
  const errorTag = `salt/reactor/${msg.seq}/error`;
  const report = (sls: string, reaction: Reaction | null, error: string, detail: Record<string, unknown> = {}) => {
    const about = reaction ? `reaction '${reaction.id}' (${reaction.kind}.${reaction.fun}) in ${sls}` : sls;
    deps.log.error(`reactor: ${about} for event ${event.tag} failed: ${error}`);
    // A failed reaction to an error event is only logged: firing it could feed itself forever.
    if (ERROR_TAG.test(event.tag)) return;
    deps.fire(errorTag, { event_tag: event.tag, sls, ...(reaction ? { reaction: reaction.id, fun: `${reaction.kind}.${reaction.fun}` } : {}), error, ...detail });
  };
  for (const sls of files) {
    let reactions: Reaction[];
    try {
      reactions = await renderer.reactions(sls, event.tag, event.data);
    } catch (err) {
      report(sls, null, describeError(err));
      continue;
    }
    const ctx: DispatchContext = { ...deps, failed: (reaction, error, detail) => report(sls, reaction, error, detail) };
    for (const reaction of reactions) {
      msg.working(); // a slow publish must not make the broker deliver the event again
      try {
        await dispatchReaction(reaction, event.data, ctx);
        deps.log.info(`reactor: ${event.tag} -> ${reaction.kind}.${reaction.fun} ('${reaction.id}' in ${sls})`);
      } catch (err) {
        report(sls, reaction, describeError(err));
      }
    }
  }
}

/** The event's tag and data; anything else on the stream is logged and skipped. */
function readEvent(msg: JsMsg, log: Logger): BusEvent | null {
  try {
    const event = busEventOf(decodeJson(msg.data, `event ${msg.subject}`));
    if (event) return event;
    log.warn(`reactor: event ${msg.seq} on ${msg.subject} is not {tag, data}; skipped`);
  } catch (err) {
    log.warn(`reactor: event ${msg.seq} on ${msg.subject} skipped: ${describeError(err)}`);
  }
  return null;
}
