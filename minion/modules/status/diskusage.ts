// status.diskusage: available and total bytes of mounted filesystems, chosen by mount
// point (an argument starting with /) or by filesystem type glob (ext?); all without arguments.
import { readFile, stat, statfs } from 'node:fs/promises';
import { globMatch } from '../../../shared/targeting/glob.js';

type Usage = { available: number | null; total: number | null };

/** Usage of the selected mount points; a path that does not exist is left out. */
export async function diskUsage(selectors: string[]): Promise<Record<string, Usage>> {
  const paths = new Set(selectors.filter((s) => s.startsWith('/')));
  const fstypes = selectors.length ? selectors.filter((s) => !s.startsWith('/')) : ['*'];
  if (fstypes.length) {
    const mounts = await readFile('/proc/mounts', 'utf8').catch(() => null);
    if (mounts === null) return {};
    for (const line of mounts.split('\n')) {
      const [, mountPoint, fstype] = line.split(/\s+/);
      if (mountPoint && fstype && fstypes.some((glob) => globMatch(glob, fstype))) paths.add(unescapeMount(mountPoint));
    }
  }
  const result: Record<string, Usage> = {};
  for (const path of paths) {
    if (!(await stat(path).then(() => true, () => false))) continue;
    result[path] = await statfs(path).then(
      (fs) => ({ available: fs.bavail * fs.bsize, total: fs.blocks * fs.bsize }),
      () => ({ available: null, total: null }),
    );
  }
  return result;
}

// /proc/mounts writes a space in a mount point as \040 (octal escapes).
function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
