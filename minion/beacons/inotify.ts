// inotify: file changes as events (Salt's inotify beacon, its options), watched with
// fs.watch. The event is {path, change} on the tag .../inotify/<watched directory or file>;
// changes queue between polls and one poll reports each (path, change) once.
// fs.watch tells creates, deletes and changes apart, not opens or reads, so the masks
// access, open and close_nowrite are refused.
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { isRecord } from '../../shared/output/sorted-keys.js';
import { isTrue } from './options.js';
import type { BeaconHost, BeaconModule, BeaconOptions, BeaconReport } from './types.js';

const WATCHABLE = ['create', 'delete', 'delete_self', 'modify', 'close_write', 'attrib', 'moved_from', 'moved_to', 'move_self'];
const MASK_OPTIONS = ['dont_follow', 'excl_unlink', 'oneshot', 'onlydir'];
const DEFAULT_MASK = ['create', 'delete', 'modify'];

interface WatchSpec {
  mask: string[];
  recurse: boolean;
  exclude: { pattern: string; regex: boolean }[];
}

function specsOf(o: BeaconOptions): Record<string, WatchSpec> | string {
  if (!isRecord(o.files)) return 'Configuration for inotify beacon requires files.';
  const specs: Record<string, WatchSpec> = {};
  for (const [path, options] of Object.entries(o.files)) {
    const given = isRecord(options) ? options : {};
    const mask = Array.isArray(given.mask) ? given.mask.map(String) : DEFAULT_MASK;
    const refused = mask.find((m) => !WATCHABLE.includes(m) && !MASK_OPTIONS.includes(m));
    if (refused) return `Inotify beacon: mask ${refused} of ${path} cannot be watched (use ${WATCHABLE.join(', ')}).`;
    if (given.exclude !== undefined && !Array.isArray(given.exclude)) return `Inotify beacon: exclude of ${path} must be a list.`;
    const exclude = ((given.exclude ?? []) as unknown[]).map((item) => {
      if (isRecord(item)) {
        const [pattern, flags] = Object.entries(item)[0] ?? ['', {}];
        return { pattern, regex: isRecord(flags) && isTrue(flags.regex) };
      }
      return { pattern: String(item), regex: false };
    });
    specs[path] = { mask, recurse: isTrue(given.recurse), exclude };
  }
  return specs;
}

/** Salt's maskname for what fs.watch saw, or null when the mask does not want it. */
export function changeName(kind: 'rename' | 'change', exists: boolean, isWatchedPath: boolean, mask: string[]): string | null {
  if (kind === 'rename') {
    if (exists) return mask.includes('create') ? 'IN_CREATE' : mask.includes('moved_to') ? 'IN_MOVED_TO' : null;
    if (isWatchedPath) return mask.includes('delete_self') ? 'IN_DELETE_SELF' : mask.includes('move_self') ? 'IN_MOVE_SELF' : null;
    return mask.includes('delete') ? 'IN_DELETE' : mask.includes('moved_from') ? 'IN_MOVED_FROM' : null;
  }
  for (const [name, flag] of [['modify', 'IN_MODIFY'], ['close_write', 'IN_CLOSE_WRITE'], ['attrib', 'IN_ATTRIB']] as const) {
    if (mask.includes(name)) return flag;
  }
  return null;
}

export function isExcluded(path: string, exclude: WatchSpec['exclude']): boolean {
  return exclude.some((e) => (e.regex ? new RegExp(e.pattern).test(path) : path === e.pattern || path.startsWith(`${e.pattern.replace(/\/$/, '')}/`)));
}

export const inotifyBeacon: BeaconModule = {
  name: 'inotify',
  doc: 'Fire {path, change} on .../inotify/<dir or file> when a file of files: {path: {mask: [create, delete, modify]}} changes.',
  validate: (o) => {
    const specs = specsOf(o);
    return typeof specs === 'string' ? specs : null;
  },
  create(o, host: BeaconHost) {
    const specs = specsOf(o) as Record<string, WatchSpec>;
    const watchers = new Map<string, FSWatcher>();
    const queued = new Map<string, BeaconReport>();
    const warned = new Set<string>();
    const onEvent = (watched: string, spec: WatchSpec, isDir: boolean, kind: string, filename: string | null) => {
      const path = isDir && filename ? join(watched, filename) : watched;
      if (isExcluded(path, spec.exclude)) return;
      const change = changeName(kind === 'rename' ? 'rename' : 'change', existsSync(path), path === watched, spec.mask);
      if (change) queued.set(`${change} ${path}`, { tag: isDir ? dirname(path) : watched, path, change });
    };
    /** Watches each path not watched yet; a path that does not exist yet is tried again at the next poll. */
    const watchAll = () => {
      for (const [watched, spec] of Object.entries(specs)) {
        if (watchers.has(watched)) continue;
        try {
          const isDir = statSync(watched).isDirectory();
          const watcher = watch(watched, { recursive: isDir && spec.recurse }, (kind, filename) => onEvent(watched, spec, isDir, kind, filename));
          // A watched file that is deleted ends its watch; the next poll watches it again if it comes back.
          watcher.on('error', () => void (watcher.close(), watchers.delete(watched)));
          watchers.set(watched, watcher);
        } catch (err) {
          if (!warned.has(watched)) host.log.warn(`inotify beacon cannot watch ${watched}: ${(err as Error).message}`);
          warned.add(watched);
        }
      }
    };
    watchAll();
    return {
      poll: async () => {
        watchAll();
        const reports = [...queued.values()];
        queued.clear();
        return reports;
      },
      close: () => {
        for (const watcher of watchers.values()) watcher.close();
        watchers.clear();
      },
    };
  },
};
