// http: health checks as states (Salt's states/http.py): query a URL and pass when the
// status and/or the body match, optionally retrying until they do.
import { setTimeout as sleep } from 'node:timers/promises';
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { pyStr } from '../../shared/output/py-str.js';
import { errorText, fail, invalidArgument } from '../../shared/state/state-return.js';

// The state's own arguments; every other one goes to http.query.
const STATE_ARGS = ['name', 'match', 'match_type', 'status', 'status_type', 'wait_for', 'request_interval'];

function queryKwargs(ctx: StateContext, args: StateArgs): Record<string, unknown> {
  const kwargs = Object.fromEntries(Object.entries(args).filter(([key]) => !STATE_ARGS.includes(key)));
  return { decode: false, ...kwargs, text: true, status: true, ...(ctx.test ? { test: true } : {}) };
}

function pcre(ctx: StateContext, pattern: string, what: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw invalidArgument(ctx, 'http.query', `${what} is not a valid pattern: ${errorText(err)}`);
  }
}

/** Salt's checks of the answer: each adds to the comment; any failing one fails the state. */
function judge(ctx: StateContext, ret: StateReturn, data: Record<string, unknown>, args: StateArgs): void {
  const text = pyStr(data.text ?? '');
  const status = pyStr(data.status ?? '');
  const pass = (ok: boolean, found: string, missing: string) => {
    ret.comment += ok ? found : missing;
    if (!ok) ret.result = false;
    else if (ret.result === null) ret.result = true;
  };
  if (args.match != null) {
    const match = pyStr(args.match);
    if (args.match_type === 'pcre') pass(pcre(ctx, match, 'match').test(text), ` Match pattern "${match}" was found.`, ` Match pattern "${match}" was not found.`);
    else pass(text.includes(match), ` Match text "${match}" was found.`, ` Match text "${match}" was not found.`);
  }
  if (args.status != null) {
    const wanted = args.status;
    if (args.status_type === 'list') {
      const statuses = (Array.isArray(wanted) ? wanted : [wanted]).map(pyStr);
      pass(statuses.includes(status), ` Status ${status} was found.`, ` Statuses ${pyStr(wanted)} were not found.`);
    } else if (args.status_type === 'pcre') {
      pass(pcre(ctx, pyStr(wanted), 'status').test(status), ` Status pattern "${pyStr(wanted)}" was found.`, ` Status pattern "${pyStr(wanted)}" was not found.`);
    } else pass(status === pyStr(wanted), ` Status ${pyStr(wanted)} was found.`, ` Status ${pyStr(wanted)} was not found.`);
  }
}

async function query(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret: StateReturn = { name: args.name, result: null, comment: '', changes: {} };
  if (args.match == null && args.status == null) return fail(ret, 'Either match text (match) or a status code (status) is required.');
  const kwargs = queryKwargs(ctx, args);
  const data = (args.wait_for
    ? await ctx.call('http.wait_for_successful_query', [args.name], { ...kwargs, wait_for: args.wait_for, ...(args.request_interval == null ? {} : { request_interval: args.request_interval }) })
    : await ctx.call('http.query', [args.name], kwargs)) as Record<string, unknown>;
  judge(ctx, ret, data, args);
  if (data.error && ret.result === false) ret.comment += ` The query failed: ${pyStr(data.error)}`;
  ret.comment = ret.comment.trim();
  if (ctx.test) {
    ret.result = null;
    ret.comment += ` (TEST MODE${args.test_url ? `, TEST URL WAS: ${pyStr(args.test_url)}` : ''})`;
  }
  return ret;
}

/** Salt's state http.wait_for_successful_query: runs the query state until it passes or wait_for seconds have passed. */
async function waitForSuccessfulQuery(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const waitFor = Number(args.wait_for ?? 300);
  const interval = Number(args.request_interval ?? 1);
  const deadline = Date.now() + waitFor * 1000;
  const { wait_for: _w, request_interval: _r, ...queryArgs } = args;
  for (;;) {
    const ret = await query(ctx, queryArgs as StateArgs);
    if (ret.result || ctx.test || Date.now() >= deadline) return ret;
    await sleep(Math.min(interval * 1000, Math.max(0, deadline - Date.now())));
  }
}

export const httpStates: StateModule = {
  name: 'http',
  doc: 'HTTP health checks: pass when a URL answers with the status and/or body wanted.',
  functions: {
    query: { doc: 'Query name; pass when match (match_type string or pcre) is in the body and/or the status is status (status_type string, list or pcre); wait_for retries.', run: query },
    wait_for_successful_query: { doc: 'Run http.query until it passes or wait_for seconds (300) have passed, every request_interval seconds.', run: waitForSuccessfulQuery },
  },
};
