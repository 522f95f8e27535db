// Reading git's porcelain output: status lines, ls-remote refs, fetch's ref updates, remotes.

/** `git status --porcelain` as Salt's git.status returns it. */
export function parseStatus(stdout: string): Record<'modified' | 'new' | 'deleted' | 'untracked', string[]> {
  const status = { modified: [] as string[], new: [] as string[], deleted: [] as string[], untracked: [] as string[] };
  for (const line of stdout.split('\n').filter(Boolean)) {
    const code = line.slice(0, 2);
    const file = line.slice(3);
    if (code === '??') status.untracked.push(file);
    else if (code.includes('A')) status.new.push(file);
    else if (code.includes('D')) status.deleted.push(file);
    else status.modified.push(file);
  }
  return status;
}

/** `git ls-remote` lines "<sha>\t<ref>" as {ref: sha}. */
export function parseRefs(stdout: string): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const line of stdout.split('\n').filter(Boolean)) {
    const [sha = '', ref = ''] = line.split('\t');
    refs[ref] = sha;
  }
  return refs;
}

/** The refs a fetch created or moved, from its stderr report (" * [new branch] x -> origin/x", "   a..b  x -> origin/x"). */
export function parseFetch(stderr: string): { new?: string[]; updated?: string[] } {
  const created: string[] = [];
  const updated: string[] = [];
  for (const line of stderr.split('\n')) {
    const match = /^\s*([*+ -=!t])\s+(\[[^\]]+\]|\S+)\s+\S+\s+->\s+(\S+)/.exec(line);
    if (!match) continue;
    if (match[2]!.startsWith('[new')) created.push(match[3]!);
    else if (match[2] !== '[up' && match[1] !== '=') updated.push(match[3]!);
  }
  return { ...(created.length ? { new: created } : {}), ...(updated.length ? { updated } : {}) };
}

/** `git remote -v` as {remote: {fetch, push}}. */
export function parseRemotes(stdout: string): Record<string, { fetch: string; push: string }> {
  const remotes: Record<string, { fetch: string; push: string }> = {};
  for (const line of stdout.split('\n')) {
    const match = /^(\S+)\s+(.+?)\s+\((fetch|push)\)$/.exec(line);
    if (!match) continue;
    (remotes[match[1]!] ??= { fetch: '', push: '' })[match[3] as 'fetch' | 'push'] = match[2]!;
  }
  return remotes;
}
