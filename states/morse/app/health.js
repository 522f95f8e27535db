// What GET /health reports: the running release, and whether the encoder still encodes a
// known phrase correctly (a release that breaks it fails its health check and is rolled back).
import { encode } from './morse.js';

const PROBE = { text: 'SOS 73', morse: '... --- ... / --... ...--' };

export function health(release) {
  const ok = encode(PROBE.text) === PROBE.morse;
  return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'failing', version: release.version, rev: release.rev } };
}
