// The Morse encoder's HTTP server: GET /encode?text=... (or POST /encode with the text as
// the body) answers the Morse code as text/plain; GET /health answers JSON with the release.
// Listens on --port (or $PORT, default 8000) on --host (default 127.0.0.1).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { health } from './health.js';
import { encode, unsupported } from './morse.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } } });
const port = Number(values.port ?? process.env.PORT ?? 8000);
const host = values.host ?? '127.0.0.1';
// Written by `npm run build`: a checkout that was not built does not start.
const release = JSON.parse(readFileSync(new URL('./build/release.json', import.meta.url), 'utf8'));
const MAX_TEXT = 10_000;

function reply(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type }).end(typeof body === 'string' ? `${body}\n` : `${JSON.stringify(body)}\n`);
}

function answerEncode(res, text) {
  if (text === null || text.trim() === '') return reply(res, 400, 'give the text to encode: /encode?text=...');
  if (text.length > MAX_TEXT) return reply(res, 413, `text longer than ${MAX_TEXT} characters`);
  const bad = unsupported(text);
  if (bad.length) return reply(res, 400, `no Morse code for: ${bad.join(' ')}`);
  return reply(res, 200, encode(text));
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health' && req.method === 'GET') {
    const { status, body } = health(release);
    return reply(res, status, body, 'application/json');
  }
  if (url.pathname === '/encode' && req.method === 'GET') return answerEncode(res, url.searchParams.get('text'));
  if (url.pathname === '/encode' && req.method === 'POST') {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => answerEncode(res, text));
    return undefined;
  }
  return reply(res, 404, 'not found: try /encode?text=hello or /health');
});

server.listen(port, host, () => console.log(`morse ${release.version} (${release.rev}) listening on http://${host}:${port}`));
// supervisord stops the program with SIGTERM: finish the requests in flight, then exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
