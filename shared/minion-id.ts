// Which strings can be minion ids: they become file names in the key store and
// subject tokens on the wire, so path tricks and control characters are refused.
import { SaltTsError } from './errors.js';

export const MINION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,252}$/;

export function checkMinionId(id: string, source: string): string {
  if (!MINION_ID_PATTERN.test(id)) {
    throw new SaltTsError(
      'SALTTS_BAD_MINION_ID',
      `${source}: minion id ${JSON.stringify(id)} is not usable: it must start with a letter or digit ` +
        'and hold only letters, digits, ".", "_", "@" and "-" (at most 253 characters)',
    );
  }
  return id;
}
