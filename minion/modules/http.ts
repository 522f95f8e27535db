// http: HTTP queries from the minion (Salt's modules/http.py), for health checks:
// http.query returns Salt's shape, http.wait_for_successful_query retries until it passes.
import { setTimeout as sleep } from 'node:timers/promises';
import { pyStr } from '../../shared/output/py-str.js';
import { httpQuery, type QueryOptions, type QueryResult } from './http/query.js';
import type { BoundArgs, ExecModule, ParamSpec } from './types.js';

const QUERY_PARAMS: ParamSpec[] = [
  { name: 'url' }, { name: 'method', default: 'GET' }, { name: 'params', default: null }, { name: 'data', default: null },
  { name: 'header_dict', default: null }, { name: 'username', default: null }, { name: 'password', default: null },
  { name: 'status', default: false }, { name: 'headers', default: false }, { name: 'text', default: false },
  { name: 'decode', default: false }, { name: 'decode_type', default: 'auto' }, { name: 'raise_error', default: true },
  { name: 'timeout', default: 3600 }, { name: 'test', default: false }, { name: 'test_url', default: null },
];
const WAIT_PARAMS: ParamSpec[] = [
  ...QUERY_PARAMS, { name: 'wait_for', default: 300 }, { name: 'request_interval', default: null }, { name: 'match', default: null },
];

const given = (value: unknown): string | null => (value == null || value === '' ? null : pyStr(value));
const dictArg = (value: unknown, name: string): Record<string, unknown> | null => {
  if (value == null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`http.query: ${name} must be a dict, got ${pyStr(value)}`);
  return value as Record<string, unknown>;
};
const seconds = (value: unknown, name: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`http.query: ${name} must be a number of seconds, got ${pyStr(value)}`);
  return n;
};

// A status that is a number (not True) is the status wanted, as the state asks for it.
const wantedStatus = (status: unknown): string | null => (status == null || typeof status === 'boolean' ? null : pyStr(status));

function queryOptions(a: BoundArgs): QueryOptions {
  return {
    method: pyStr(a.method), params: dictArg(a.params, 'params'), data: a.data, headerDict: dictArg(a.header_dict, 'header_dict'),
    username: given(a.username), password: given(a.password), status: a.status === true || wantedStatus(a.status) !== null,
    headers: a.headers === true, text: a.text === true, decode: a.decode === true, decodeType: pyStr(a.decode_type),
    raiseError: a.raise_error !== false, timeout: seconds(a.timeout, 'timeout'),
  };
}

/** Salt's http.query: with test=True nothing is requested (test_url is, when given). */
async function query(a: BoundArgs): Promise<QueryResult> {
  if (a.test === true) {
    const testUrl = given(a.test_url);
    return testUrl === null ? {} : { ...(await httpQuery(testUrl, queryOptions(a))), test: true };
  }
  return httpQuery(pyStr(a.url), queryOptions(a));
}

function passed(result: QueryResult, a: BoundArgs): boolean {
  if (result.error) return false;
  const status = wantedStatus(a.status);
  if (status !== null && pyStr(result.status) !== status) return false;
  return a.match == null || String(result.text ?? '').includes(pyStr(a.match));
}

/** Queries until the answer has no error (and the wanted status and match text, when given) or wait_for seconds have passed; returns the last answer. */
async function waitForSuccessfulQuery(a: BoundArgs): Promise<QueryResult> {
  const deadline = Date.now() + seconds(a.wait_for, 'wait_for') * 1000;
  const interval = a.request_interval == null ? 1 : seconds(a.request_interval, 'request_interval');
  const args = a.match == null ? a : { ...a, text: true };
  for (;;) {
    const result = await query(args);
    if (passed(result, a) || Date.now() >= deadline) return result;
    await sleep(Math.min(interval * 1000, Math.max(0, deadline - Date.now())));
  }
}

export const httpModule: ExecModule = {
  name: 'http',
  doc: 'HTTP queries (Salt\'s http module) over Node\'s fetch.',
  functions: {
    query: {
      doc: 'Query url (method, params, data, header_dict, username/password); return the parts asked for (status, headers, text, decode) or {error}. CLI: salt-ts \'*\' http.query http://localhost/health status=True text=True',
      params: QUERY_PARAMS,
      run: (_ctx, a) => query(a),
    },
    wait_for_successful_query: {
      doc: 'Query url every request_interval seconds (1 by default) until it answers without error (and with status and match when given), for at most wait_for seconds. CLI: salt-ts \'*\' http.wait_for_successful_query http://localhost/health wait_for=60 status=200',
      params: WAIT_PARAMS,
      run: (_ctx, a) => waitForSuccessfulQuery(a),
    },
  },
};
