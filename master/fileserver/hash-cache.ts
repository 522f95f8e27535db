// Digests of served files, kept while the file is unchanged (same inode, size, mtime and
// ctime), so a thousand minions asking about one large file cost one read of it.
import { stat } from 'node:fs/promises';
import type { HashType } from '../../shared/protocol/messages.js';
import { hashFile } from '../../shared/fileserver/hash.js';

const MAX_ENTRIES = 10_000;

interface Entry {
  version: string;
  hsum: Promise<string>;
}

export class HashCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly hashType: HashType) {}

  async hash(realPath: string): Promise<string> {
    const st = await stat(realPath);
    const version = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    const known = this.entries.get(realPath);
    if (known?.version === version) return known.hsum;
    const hsum = hashFile(realPath, this.hashType);
    this.entries.delete(realPath);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(realPath, { version, hsum });
    hsum.catch(() => this.entries.delete(realPath));
    return hsum;
  }
}
