import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callFunction } from './support/one-state.js';
import { startTestServer, type TestServer } from './support/http-server.js';

let server: TestServer;
const query = (path: string, kwarg: Record<string, unknown> = {}) => callFunction('http.query', [`${server.url}${path}`], kwarg);

describe('http.query against a real local server', () => {
  before(async () => { server = await startTestServer(); });
  after(() => server.close());

  test('returns only the parts asked for, as Salt does', async () => {
    assert.deepEqual(await query('/ok'), {});
    assert.deepEqual(await query('/ok', { status: true, text: true }), { status: 200, text: 'service ok v2' });
    const withHeaders = (await query('/ok', { headers: true })) as { headers: Record<string, string> };
    assert.equal(withHeaders.headers['x-app'], 'morse');
  });

  test('decode=True gives the JSON body as dict', async () => {
    assert.deepEqual(await query('/json', { decode: true }), { dict: { version: 'v2', up: true } });
  });

  test('an HTTP error status is {status, error}; raise_error=False returns it plainly', async () => {
    assert.deepEqual(await query('/missing', { status: true, text: true }), { status: 404, error: 'HTTP 404: Not Found' });
    assert.deepEqual(await query('/missing', { status: true, text: true, raise_error: false }), { status: 404, text: 'no such page' });
  });

  test('method, params, data (a dict form-encoded), header_dict and basic auth reach the server', async () => {
    const ret = (await query('/echo', { method: 'POST', params: { a: 1 }, data: { name: 'web1' }, header_dict: { 'X-Token': 'abc' }, username: 'deploy', password: 's3cret', text: true, status: true })) as { status: number; text: string };
    assert.equal(ret.status, 201);
    assert.deepEqual(JSON.parse(ret.text), { method: 'POST', url: '/echo?a=1', auth: `Basic ${Buffer.from('deploy:s3cret').toString('base64')}`, token: 'abc', body: 'name=web1' });
  });

  test('no answer within timeout is an error naming the timeout; a refused connection is an error with status 0', async () => {
    assert.deepEqual(await query('/slow', { timeout: 0.3, status: true }), { status: 0, error: 'Timeout during request (no answer within 0.3 seconds)' });
    const closed = await startTestServer();
    await closed.close();
    const refused = (await callFunction('http.query', [`${closed.url}/ok`], { status: true })) as { status: number; error: string };
    assert.equal(refused.status, 0);
    assert.match(refused.error, /ECONNREFUSED/);
  });

  test('test=True requests nothing', async () => {
    assert.deepEqual(await query('/ok', { test: true, text: true }), {});
  });

  test('a bad argument names it', async () => {
    await assert.rejects(query('/ok', { header_dict: 'X-Token: abc' }), /http\.query: header_dict must be a dict, got X-Token: abc/);
  });
});

describe('http.wait_for_successful_query', () => {
  before(async () => { server = await startTestServer(); });
  after(() => server.close());

  test('retries a server that becomes healthy after 3 requests', async () => {
    assert.deepEqual(await query('/healthy-after/3', {}), { status: 503, error: 'HTTP 503: Service Unavailable' });
    const ret = await callFunction('http.wait_for_successful_query', [`${server.url}/healthy-after/3`], { wait_for: 30, request_interval: 0.05, status: true, text: true });
    assert.deepEqual(ret, { status: 200, text: 'healthy after 3 failures' });
  });

  test('waits for the match text too', async () => {
    const ret = await callFunction('http.wait_for_successful_query', [`${server.url}/ok`], { wait_for: 0, match: 'v3' });
    assert.deepEqual(ret, { text: 'service ok v2' });
    assert.deepEqual(await callFunction('http.wait_for_successful_query', [`${server.url}/ok`], { wait_for: 1, match: 'v2' }), { text: 'service ok v2' });
  });

  test('gives up after wait_for seconds with the last answer', async () => {
    const ret = await callFunction('http.wait_for_successful_query', [`${server.url}/missing`], { wait_for: 0.2, request_interval: 0.05, status: true });
    assert.deepEqual(ret, { status: 404, error: 'HTTP 404: Not Found' });
  });
});
