// Reading salt-ts's `--out json` output in tests: one JSON document per minion.

export function returnsOf(stdout: string): Record<string, unknown> {
  const docs = stdout.split(/\n(?=\{)/).filter((d) => d.trim());
  return Object.assign({}, ...docs.map((d) => JSON.parse(d) as Record<string, unknown>));
}
