// Targets are matched against every minion of a fleet: compile or parse each pattern once.

const MAX_ENTRIES = 1000;

export function memoize<T extends object>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (!value) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, (value = compute(key)));
    }
    return value;
  };
}
