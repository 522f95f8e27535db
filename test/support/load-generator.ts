// A load generator for release tests: a few clients send GET requests in a loop (each on
// a fresh loopback connection) until stopped, or until a request or time budget runs out,
// and count the answers that were not the expected ones.
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGet } from './http-get.js';

export interface LoadReport {
  requests: number;
  errors: number;
  /** The first few failures, for the test's message. */
  samples: string[];
}

export interface Load {
  /** Stops sending and resolves once every request in flight has ended (again: the same report). */
  stop(): Promise<LoadReport>;
}

export interface LoadOptions {
  port: number;
  path: string;
  /** Whether an answer (status, body) is the right one. */
  check(status: number, body: string): boolean;
}

const CLIENTS = 4;
/** Milliseconds each client waits between requests (keeps the machine free for the release). */
const PAUSE_MS = 20;
const MAX_REQUESTS = 20_000;
const MAX_SECONDS = 150;

export function startLoad(opts: LoadOptions): Load {
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const report: LoadReport = { requests: 0, errors: 0, samples: [] };
  let stopping = false;
  const fail = (what: string) => {
    report.errors++;
    if (report.samples.length < 5) report.samples.push(`${new Date().toISOString()} ${what}`);
  };
  const client = async () => {
    while (!stopping && report.requests < MAX_REQUESTS && Date.now() < deadline) {
      report.requests++;
      try {
        const { status, body } = await httpGet(opts.port, opts.path, 10_000);
        if (!opts.check(status, body)) fail(`${status} ${body.trim().slice(0, 200)}`);
      } catch (err) {
        fail((err as Error).message);
      }
      await sleep(PAUSE_MS);
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);
  let stopped: Promise<LoadReport> | undefined;
  return {
    stop: () => (stopped ??= (async () => {
      stopping = true;
      await Promise.all(clients);
      return report;
    })()),
  };
}
