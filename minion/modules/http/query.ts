// One HTTP request as Salt's utils.http.query reports it, over Node's own fetch: the
// parts asked for (status, headers, text, decoded dict), or {error} (with the status
// for an HTTP error, 0 for a request that never got an answer).
import { pyStr } from '../../../shared/output/py-str.js';

export interface QueryOptions {
  method: string;
  params: Record<string, unknown> | null;
  data: unknown;
  headerDict: Record<string, unknown> | null;
  username: string | null;
  password: string | null;
  status: boolean;
  headers: boolean;
  text: boolean;
  decode: boolean;
  decodeType: string;
  /** An HTTP status of 400 or more is an error, as Salt's raise_error=True. */
  raiseError: boolean;
  /** Seconds the whole request may take. */
  timeout: number;
}

export type QueryResult = Record<string, unknown>;

function fullUrl(url: string, params: Record<string, unknown> | null): string {
  if (!params) return url;
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.append(key, pyStr(value));
  return target.toString();
}

function requestHeaders(options: QueryOptions): Record<string, string> {
  const headers = Object.fromEntries(Object.entries(options.headerDict ?? {}).map(([k, v]) => [k, pyStr(v)]));
  if (options.username !== null) headers.Authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
  return headers;
}

// A dict of data is sent form-encoded, as Salt sends it.
function body(data: unknown): string | undefined {
  if (data == null) return undefined;
  if (typeof data === 'object' && !Array.isArray(data)) return new URLSearchParams(Object.entries(data).map(([k, v]) => [k, pyStr(v)])).toString();
  return pyStr(data);
}

function decoded(text: string, type: string, contentType: string): QueryResult {
  const kind = type === 'auto' ? (contentType.includes('json') ? 'json' : 'plain') : type;
  if (kind !== 'json') return { text };
  try {
    return { dict: JSON.parse(text) };
  } catch (err) {
    return { error: `Could not decode the body as JSON: ${(err as Error).message}` };
  }
}

export async function httpQuery(url: string, options: QueryOptions): Promise<QueryResult> {
  const ret: QueryResult = {};
  let response: Response;
  let text: string;
  try {
    response = await fetch(fullUrl(url, options.params), {
      method: options.method.toUpperCase(),
      headers: requestHeaders(options),
      body: body(options.data),
      signal: AbortSignal.timeout(options.timeout * 1000),
    });
    text = await response.text();
  } catch (err) {
    if (options.status) ret.status = 0;
    ret.error = requestError(err, options.timeout);
    return ret;
  }
  if (options.raiseError && response.status >= 400) {
    return { status: response.status, error: `HTTP ${response.status}: ${response.statusText}` };
  }
  if (options.status) ret.status = response.status;
  if (options.headers) ret.headers = Object.fromEntries(response.headers);
  if (options.decode) Object.assign(ret, decoded(text, options.decodeType, response.headers.get('content-type') ?? ''));
  if (options.text) ret.text = text;
  return ret;
}

function requestError(err: unknown, timeout: number): string {
  const error = err as Error & { cause?: Error };
  if (error.name === 'TimeoutError') return `Timeout during request (no answer within ${timeout} seconds)`;
  return error.cause?.message ? `${error.message}: ${error.cause.message}` : error.message;
}
