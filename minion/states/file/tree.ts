// Directory trees for file.directory and file.recurse: a walk like Python's os.walk
// (top down, links not followed), include/exclude patterns as Salt reads them (a glob, or
// a regular expression after E@), and clean: removing what is not kept.
import type { Dirent } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { compilePattern } from '../../modules/file/python-regex.js';
import { pyStr } from '../../../shared/output/py-str.js';

export interface WalkStep {
  root: string;
  dirs: string[];
  files: string[];
}

/** os.walk of `top`, not below maxDepth levels when given. */
export async function walk(top: string, maxDepth: number | null = null): Promise<WalkStep[]> {
  const steps: WalkStep[] = [];
  const visit = async (root: string, depth: number) => {
    const entries: Dirent[] = await readdir(root, { withFileTypes: true }).catch(() => []);
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const files = entries.filter((e) => !e.isDirectory()).map((e) => e.name).sort();
    steps.push({ root, dirs, files });
    if (maxDepth !== null && depth >= maxDepth) return;
    for (const dir of dirs) await visit(path.join(root, dir), depth + 1);
  };
  await visit(top, 0);
  return steps;
}

/** Salt's check_include_exclude: whether `rel` passes include_pat and is not excluded by exclude_pat. */
export function included(rel: string, includePat: unknown, excludePat: unknown): boolean {
  const matches = (pat: unknown) => (Array.isArray(pat) ? pat : [pat]).some((p) => patternMatch(pyStr(p), rel));
  if (includePat != null && !matches(includePat)) return false;
  return excludePat == null || !matches(excludePat);
}

function patternMatch(pattern: string, text: string): boolean {
  if (pattern.startsWith('E@')) return text.search(compilePattern(pattern.slice(2), 0)) >= 0;
  return globRegExp(pattern).test(text);
}

// Python's fnmatch: * and ? match any character (also /), [...] a class.
function globRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '[' && glob.indexOf(']', i + 2) > 0) {
      const end = glob.indexOf(']', i + 2);
      out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}

/** The paths clean keeps: each kept path and all its parents, and the root. */
export function keepSet(root: string, keep: Iterable<string>): Set<string> {
  const set = new Set([root]);
  for (const item of keep) {
    if (!path.isAbsolute(item)) continue;
    for (let p = path.resolve(item); !set.has(p) && p !== path.dirname(p); p = path.dirname(p)) set.add(p);
  }
  return set;
}

/** Salt's _clean_dir: every path under root neither kept nor excluded; removed unless `test`. */
export async function cleanDir(root: string, keep: Set<string>, excludePat: unknown, test: boolean): Promise<string[]> {
  const removed: string[] = [];
  const gone = (p: string) => removed.some((r) => p.startsWith(`${r}/`));
  for (const step of await walk(root)) {
    for (const entry of [...step.dirs, ...step.files]) {
      const full = path.join(step.root, entry);
      if (keep.has(full) || gone(full) || !included(path.relative(root, full), null, excludePat)) continue;
      removed.push(full);
      if (!test) await rm(full, { recursive: true, force: true });
    }
  }
  return removed;
}

/** Paths kept by `require` entries naming file states by absolute path ({file: /path}). */
export function requiredPaths(require: unknown): string[] {
  if (!Array.isArray(require)) return [];
  return require.flatMap((req) => (req && typeof req === 'object' && 'file' in req ? [pyStr((req as { file: unknown }).file)] : []));
}
