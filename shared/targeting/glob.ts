// Shell-style globs as Salt (fnmatch) reads them: *, ?, [abc], [!abc], [a-z].
import { SaltTsError } from '../errors.js';
import { memoize } from './memoize.js';

export const globToRegExp = memoize((glob) => {
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else if (ch === '[') {
      // A `]` first in the class (after an optional `!`) is a member, not the end.
      const end = glob.indexOf(']', glob[i + 1] === '!' ? i + 3 : i + 2);
      if (end === -1) src += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        src += `[${negate ? '^' : ''}${body.replace(/[\\^\]]/g, '\\$&')}]`;
        i = end;
      }
    } else src += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${src}$`, 's');
  } catch (err) {
    throw new SaltTsError('SALTTS_BAD_TARGET', `invalid glob ${JSON.stringify(glob)}: ${(err as Error).message}`);
  }
});

export function globMatch(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}
