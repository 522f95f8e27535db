// Target patterns are matched against every minion of a fleet: compile each once.

const MAX_ENTRIES = 1000;

export function memoizeRegExp(compile: (pattern: string) => RegExp): (pattern: string) => RegExp {
  const cache = new Map<string, RegExp>();
  return (pattern) => {
    let re = cache.get(pattern);
    if (!re) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(pattern, (re = compile(pattern)));
    }
    return re;
  };
}
