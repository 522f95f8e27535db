import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { httpStates } from '../minion/states/http.js';
import { runState } from './support/one-state.js';
import { startTestServer, type TestServer } from './support/http-server.js';

let server: TestServer;
const check = async (path: string, args: Record<string, unknown>, testMode = false) => {
  const { result, comment, changes } = await runState(httpStates, 'query', { name: `${server.url}${path}`, ...args }, { test: testMode });
  return { result, comment, changes };
};

describe('http.query state against a real local server', () => {
  before(async () => { server = await startTestServer(); });
  after(() => server.close());

  test('status and match text both found', async () => {
    assert.deepEqual(await check('/ok', { status: 200, match: 'ok v2' }), { result: true, comment: 'Match text "ok v2" was found. Status 200 was found.', changes: {} });
  });

  test('a body without the match text fails, even with the right status', async () => {
    assert.deepEqual(await check('/ok', { status: 200, match: 'v3' }), { result: false, comment: 'Match text "v3" was not found. Status 200 was found.', changes: {} });
  });

  test('pcre match and status types list and pcre', async () => {
    assert.equal((await check('/ok', { match: 'ok v\\d', match_type: 'pcre' })).comment, 'Match pattern "ok v\\d" was found.');
    assert.deepEqual(await check('/missing', { status: [200, 404], status_type: 'list' }), { result: true, comment: 'Status 404 was found.', changes: {} });
    assert.deepEqual(await check('/ok', { status: '^3', status_type: 'pcre' }), { result: false, comment: 'Status pattern "^3" was not found.', changes: {} });
  });

  test('a wrong status fails and says why the query failed', async () => {
    assert.deepEqual(await check('/missing', { status: 200 }), { result: false, comment: 'Status 200 was not found. The query failed: HTTP 404: Not Found', changes: {} });
  });

  test('neither match nor status is an error', async () => {
    assert.deepEqual(await check('/ok', {}), { result: false, comment: 'Either match text (match) or a status code (status) is required.', changes: {} });
  });

  test('test=True requests nothing and says TEST MODE', async () => {
    assert.deepEqual(await check('/ok', { status: 200 }, true), { result: null, comment: 'Status 200 was not found. (TEST MODE)', changes: {} });
  });

  test('wait_for retries until a starting server answers', async () => {
    assert.deepEqual(await check('/healthy-after/2', { status: 200, match: 'healthy', wait_for: 30, request_interval: 0.05 }), { result: true, comment: 'Match text "healthy" was found. Status 200 was found.', changes: {} });
  });

  test('the wait_for_successful_query state gives up after wait_for with the last failure', async () => {
    const ret = await runState(httpStates, 'wait_for_successful_query', { name: `${server.url}/ok`, match: 'v3', wait_for: 0.2, request_interval: 0.05 });
    assert.deepEqual(ret, { name: `${server.url}/ok`, result: false, comment: 'Match text "v3" was not found.', changes: {} });
  });

  test('the wait_for_successful_query state passes once the server is healthy', async () => {
    const ret = await runState(httpStates, 'wait_for_successful_query', { name: `${server.url}/healthy-after/4`, status: 200, wait_for: 30, request_interval: 0.05 });
    assert.deepEqual(ret, { name: `${server.url}/healthy-after/4`, result: true, comment: 'Status 200 was found.', changes: {} });
  });

  test('a timeout fails the state with the reason', async () => {
    assert.deepEqual(await check('/slow', { status: 200, timeout: 0.3 }), { result: false, comment: 'Status 200 was not found. The query failed: Timeout during request (no answer within 0.3 seconds)', changes: {} });
  });
});
