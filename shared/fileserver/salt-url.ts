// salt:// URLs as Salt writes them: `salt://path`, `salt://path?saltenv=prod`, and
// `salt://|path` when the path itself holds a `?`.
import { SaltTsError } from '../errors.js';
import { isSaltenv } from '../protocol/messages.js';

export interface SaltUrl {
  /** Relative to the saltenv's roots, e.g. `webapp/nginx.conf`. */
  path: string;
  saltenv: string;
}

const SCHEME = 'salt://';

export function isSaltUrl(url: string): boolean {
  return url.startsWith(SCHEME);
}

/** Splits a salt:// URL; a `?saltenv=` (or Salt's older `?env=`) in it wins over `saltenv`. */
export function parseSaltUrl(url: string, saltenv: string): SaltUrl {
  let rest = url.slice(SCHEME.length);
  let env = saltenv;
  if (rest.startsWith('|')) rest = rest.slice(1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      const query = new URLSearchParams(rest.slice(q + 1));
      env = query.get('saltenv') ?? query.get('env') ?? env;
      rest = rest.slice(0, q);
    }
  }
  return { path: checkFilePath(rest, url), saltenv: checkSaltenv(env, url) };
}

export function saltUrl(loc: SaltUrl): string {
  return `${SCHEME}${loc.path}`;
}

/** A path inside a file root: relative, no `..`, no NUL; `.` and empty segments dropped. */
export function checkFilePath(path: string, what: string): string {
  const refuse = (why: string) => new SaltTsError('SALTTS_FILE_PATH', `${what}: ${why}`);
  if (path.includes('\0')) throw refuse('the path holds a NUL byte');
  if (path.startsWith('/')) throw refuse('the path is absolute; salt:// paths are relative to the file roots');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw refuse("the path climbs out of the file roots with '..'");
  if (parts.length === 0) throw refuse('the path names no file');
  return parts.join('/');
}

/** A listing prefix: leading and trailing slashes dropped as Salt does, no `..`, no NUL. */
export function checkPrefix(prefix: string, what: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : checkFilePath(trimmed, what);
}

export function checkSaltenv(saltenv: string, what: string): string {
  if (!isSaltenv(saltenv)) throw new SaltTsError('SALTTS_FILE_PATH', `${what}: saltenv '${saltenv}' is not a plain name`);
  return saltenv;
}
