// Keeps the minion on the broker: connects with its own key, asks for acceptance
// while the key is not accepted, and starts over by itself after any loss
// (broker restart, master restart, key deleted), with jittered backoff.
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import type { KeyPair } from '@nats-io/nkeys';
import type { MinionConfig } from '../shared/config/load.js';
import type { Logger } from '../shared/log.js';
import { describeError } from '../shared/errors.js';
import { Inboxes } from '../shared/protocol/subjects.js';
import { minionBrokerUrl } from '../shared/broker-url.js';
import { requestAcceptance } from './registration.js';
import { Backoff } from './backoff.js';

const ACCEPTANCE_SETTLE_MS = 100;
/** A handshake that overlaps a broker reload can stall without an error: give up on it soon. */
const CONNECT_TIMEOUT_MS = 3_000;

export type OnConnected = (nc: NatsConnection) => Promise<void>;

export class MinionConnection {
  private stopped = false;
  private current: NatsConnection | null = null;
  private readonly url: string;
  private readonly backoff: Backoff;
  private wake: (() => void) | null = null;
  private acceptedButRefused = false;

  constructor(
    private readonly config: MinionConfig,
    private readonly id: string,
    private readonly key: KeyPair,
    private readonly log: Logger,
  ) {
    this.url = minionBrokerUrl(config);
    this.backoff = new Backoff(config);
  }

  /** The live connection, if any (a job finishing after a reconnect uses the new one). */
  get connection(): NatsConnection | null {
    return this.current && !this.current.isClosed() ? this.current : null;
  }

  async run(onConnected: OnConnected): Promise<void> {
    while (!this.stopped) {
      const nc = await this.connectOnce();
      if (!nc) continue;
      this.backoff.reset();
      this.acceptedButRefused = false;
      this.current = nc;
      this.log.info(`minion ${this.id} connected to ${this.url}`);
      try {
        await onConnected(nc);
      } catch (err) {
        this.log.error(`setting up the connection failed: ${describeError(err)}`);
        await nc.close();
      }
      const err = await nc.closed();
      this.current = null;
      if (!this.stopped) this.log.warn(`lost the broker connection${err ? `: ${err.message}` : ''}; reconnecting`);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.current?.drain().catch(() => undefined);
  }

  /** One attempt: a connection, or null after having waited as long as the situation asks. */
  private async connectOnce(): Promise<NatsConnection | null> {
    try {
      return await connect({
        servers: this.url,
        name: `salt-ts-minion ${this.id}`,
        authenticator: nkeyAuthenticator(this.key.getSeed()),
        inboxPrefix: Inboxes.minion(this.id),
        timeout: CONNECT_TIMEOUT_MS,
        maxReconnectAttempts: -1,
        reconnectTimeWait: this.config.recon_default,
        reconnectJitter: this.config.recon_randomize ? this.config.recon_default : 0,
      });
    } catch (err) {
      if (!isAuthorizationError(err)) {
        const delay = this.backoff.next();
        this.log.warn(`cannot reach the broker at ${this.url} (${describeError(err)}); retrying in ${delay} ms`);
        await this.pause(delay);
        return null;
      }
    }
    await this.askForAcceptance();
    return null;
  }

  private async askForAcceptance(): Promise<void> {
    const waitSeconds = this.config.acceptance_wait_time;
    let status;
    try {
      status = await requestAcceptance(this.url, this.id, this.key);
    } catch (err) {
      const delay = this.backoff.next();
      this.log.warn(`the master did not answer the key request (${describeError(err)}); retrying in ${delay} ms`);
      return this.pause(delay);
    }
    switch (status) {
      case 'accepted':
        // The broker applies an acceptance within milliseconds: retry almost at once,
        // and back off only if the key is still refused after that.
        if (this.acceptedButRefused) return this.pause(this.backoff.next());
        this.acceptedButRefused = true;
        return this.pause(ACCEPTANCE_SETTLE_MS);
      case 'pending':
        this.log.warn(`the master has not accepted this minion's key yet (salt-ts-key -a ${this.id}); waiting ${waitSeconds} s before retry`);
        break;
      case 'rejected':
        this.log.error(`the master rejected this minion's key; delete it there (salt-ts-key -d ${this.id}) to submit it again`);
        break;
      case 'denied':
        this.log.error(`the master holds a different key for minion id ${this.id}: this key is denied`);
        break;
    }
    await this.pause(waitSeconds * 1000);
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopped) return;
    const ac = new AbortController();
    this.wake = () => ac.abort();
    await sleep(ms, undefined, { signal: ac.signal }).catch(() => undefined);
    this.wake = null;
  }
}

function isAuthorizationError(err: unknown): boolean {
  return err instanceof Error && /authorization violation/i.test(`${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`);
}
