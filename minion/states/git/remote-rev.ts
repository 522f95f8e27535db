// What `rev` means on the remote: its HEAD, a branch, a tag or a SHA1, the commit it
// points to there, and how comments name it ("origin/main (1a2b3c4)").
import type { StateContext } from '../../../shared/state/types.js';

export interface RemoteRev {
  type: 'HEAD' | 'branch' | 'tag' | 'sha1';
  /** The commit, null for the HEAD of an empty remote. */
  sha: string | null;
  /** remote/branch for a branch: what the local branch should track. */
  upstream: string | null;
  /** How comments name it. */
  label: string;
}

export const shortSha = (sha: string | null): string | null => (sha === null ? null : sha.slice(0, 7));

/** Salt's _revs_equal: a SHA1 rev may be abbreviated. */
export function revsEqual(local: string | null, remote: string | null, type: RemoteRev['type']): boolean {
  if (local === null || remote === null) return local === remote;
  return type === 'sha1' ? local.startsWith(remote) : local === remote;
}

/** Resolves rev against the remote's refs; null when it names nothing there. */
export async function remoteRev(ctx: StateContext, url: string, rev: string, remote: string, user: unknown): Promise<RemoteRev | null> {
  const refs = (await ctx.call('git.ls_remote', [], { remote: url, user })) as Record<string, string>;
  const label = (name: string, sha: string | null) => (sha ? `${name} (${shortSha(sha)})` : name);
  if (rev === 'HEAD') return { type: 'HEAD', sha: refs.HEAD ?? null, upstream: null, label: label('remote HEAD', refs.HEAD ?? null) };
  const branch = refs[`refs/heads/${rev}`];
  if (branch) return { type: 'branch', sha: branch, upstream: `${remote}/${rev}`, label: label(`${remote}/${rev}`, branch) };
  const tag = refs[`refs/tags/${rev}^{}`] ?? refs[`refs/tags/${rev}`];
  if (tag) return { type: 'tag', sha: tag, upstream: null, label: label(`tag '${rev}'`, tag) };
  if (/^[0-9a-f]{4,40}$/i.test(rev)) return { type: 'sha1', sha: rev.toLowerCase(), upstream: null, label: rev };
  return null;
}
