// Shell-style globs as Salt (fnmatch) reads them: *, ?, [abc], [!abc], [a-z].

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 2);
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
  const re = new RegExp(`^${src}$`, 's');
  if (cache.size > 1000) cache.clear();
  cache.set(glob, re);
  return re;
}

export function globMatch(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}
