// JSON on the wire: every payload is one JSON document, parsed defensively.
import { SaltTsError } from './errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson(data: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(decoder.decode(data));
  } catch {
    throw new SaltTsError('SALTTS_BAD_MESSAGE', `${what}: payload is not JSON`);
  }
}
