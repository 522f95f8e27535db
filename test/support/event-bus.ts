// A test's own seat on a fleet's event bus: connected with the master's credential, it
// fires events as the master would and waits for events whose tag matches a glob.
import { join } from 'node:path';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { ensureMasterCredentials } from '../../master/credentials.js';
import { eventFirer, type FireEvent } from '../../master/events/fire.js';
import { decodeJson } from '../../shared/json-codec.js';
import { Subjects } from '../../shared/protocol/subjects.js';
import { globMatch } from '../../shared/targeting/glob.js';

export interface BusEvent {
  tag: string;
  data: Record<string, unknown>;
}

export interface EventBus {
  fire: FireEvent;
  /** The next event (seen from now on, or already seen and not yet taken) whose tag matches
   * and whose data passes `where`. */
  next(tagGlob: string, timeoutMs?: number, where?: (data: Record<string, unknown>) => boolean): Promise<BusEvent>;
  /** Events seen and not yet taken by next() whose tag matches. */
  untaken(tagGlob: string): BusEvent[];
  close(): Promise<void>;
}

/** A NATS connection with the credential of the master whose config folder is `masterDir` (in a LocalCluster). */
export function connectAsMaster(url: string, masterDir: string, name?: string): Promise<NatsConnection> {
  const seed = ensureMasterCredentials(join(masterDir, 'pki')).master.getSeed();
  return connect({ servers: url, authenticator: nkeyAuthenticator(seed), name });
}

export async function joinEventBus(url: string, masterDir: string): Promise<EventBus> {
  const nc = await connectAsMaster(url, masterDir, 'salt-ts-test-bus');
  const seen: BusEvent[] = [];
  const waiters = new Set<() => void>();
  nc.subscribe(Subjects.eventsAll, {
    callback: (_err, msg) => {
      seen.push(decodeJson(msg.data, 'event') as BusEvent);
      for (const wake of waiters) wake();
    },
  });
  await nc.flush();
  return {
    fire: eventFirer(nc),
    next(tagGlob, timeoutMs = 30_000, where = () => true) {
      return new Promise((resolve, reject) => {
        const take = () => {
          const i = seen.findIndex((e) => globMatch(tagGlob, e.tag) && where(e.data));
          if (i === -1) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(seen.splice(i, 1)[0]!);
          return true;
        };
        const check = () => void take();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no event matching '${tagGlob}' within ${timeoutMs} ms; last seen: ${JSON.stringify(seen.slice(-10))}`));
        }, timeoutMs);
        if (!take()) waiters.add(check);
      });
    },
    untaken: (tagGlob) => seen.filter((e) => globMatch(tagGlob, e.tag)),
    async close() {
      await nc.drain();
    },
  };
}
