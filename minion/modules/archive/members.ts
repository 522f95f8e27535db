// What an archive holds, as Salt's archive.list reports it: dirs (with a trailing
// slash), files and links, and which of them sit at the top level.
import { runTool } from '../../platform/run-tool.js';
import { CommandExecutionError } from '../command-error.js';

export type ArchiveFormat = 'tar' | 'zip';

export interface ArchiveMembers {
  dirs: string[];
  files: string[];
  links: string[];
  top_level_dirs: string[];
  top_level_files: string[];
  top_level_links: string[];
}

interface Member {
  path: string;
  kind: 'dir' | 'file' | 'link';
}

/** The archive format a file name implies (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz, .zip...), or null. */
export function guessFormat(file: string): ArchiveFormat | null {
  if (/\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tar\.lzma)$/i.test(file)) return 'tar';
  if (/\.zip$/i.test(file)) return 'zip';
  return null;
}

/** A member's path without a leading ./ (what tar prints for `tar -C dir -cf x .`). */
function clean(path: string): string {
  return path.replace(/^(\.\/)+/, '');
}

// `tar -tv` lines: "drwxr-xr-x root/root 0 2024-01-01 00:00 dir/", links end " -> target" or " link to target".
function tarMember(line: string): Member | null {
  const match = /^(\S)\S*\s+\S+\s+\S+\s+\S+\s+\S+\s+(.*)$/.exec(line);
  if (!match) return null;
  const [, type, rest] = match as unknown as [string, string, string];
  if (type === 'l') return { path: clean(rest.replace(/ -> .*$/, '')), kind: 'link' };
  if (type === 'h') return { path: clean(rest.replace(/ link to .*$/, '')), kind: 'file' };
  return { path: clean(rest).replace(/\/$/, ''), kind: type === 'd' ? 'dir' : 'file' };
}

async function listTar(file: string): Promise<Member[]> {
  const outcome = await runTool(['tar', '-tvf', file], { limit: 256 * 1024 * 1024 }, 'Debian package tar');
  if (outcome.retcode !== 0) throw new CommandExecutionError(`Unable to list contents of ${file}: ${outcome.stderr.text().trim()}`);
  return outcome.stdout.text().split('\n').map(tarMember).filter((m): m is Member => m !== null);
}

async function listZip(file: string): Promise<Member[]> {
  const outcome = await runTool(['unzip', '-Z1', file], { limit: 256 * 1024 * 1024 }, 'Debian package unzip');
  if (outcome.retcode !== 0) throw new CommandExecutionError(`Unable to list contents of ${file}: ${outcome.stderr.text().trim() || outcome.stdout.text().trim()}`);
  return outcome.stdout.text().split('\n').filter(Boolean).map((name) => ({ path: clean(name).replace(/\/$/, ''), kind: name.endsWith('/') ? 'dir' : 'file' }));
}

/** The archive's members, sorted into dirs, files and links. */
export async function archiveMembers(file: string, format: ArchiveFormat): Promise<ArchiveMembers> {
  const members = (format === 'zip' ? await listZip(file) : await listTar(file)).filter((m) => m.path !== '' && m.path !== '.');
  const dirs = new Set<string>();
  const files: string[] = [];
  const links: string[] = [];
  for (const member of members) {
    // Every parent of a member is a directory of the archive, listed or not.
    const parts = member.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    if (member.kind === 'dir') dirs.add(member.path);
    else (member.kind === 'link' ? links : files).push(member.path);
  }
  const topLevel = (path: string) => !path.includes('/');
  const dirList = [...dirs].map((d) => `${d}/`);
  return {
    dirs: dirList,
    files,
    links,
    top_level_dirs: dirList.filter((d) => topLevel(d.slice(0, -1))),
    top_level_files: files.filter(topLevel),
    top_level_links: links.filter(topLevel),
  };
}
