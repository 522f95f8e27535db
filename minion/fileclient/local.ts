// file_client: local (masterless, salt-ts-call --local): salt:// files come straight from
// this host's file_roots, with the same path checks as the master's file server; nothing
// is copied, the file in the root is the "cached" file.
import type { FileListing, HashType } from '../../shared/protocol/messages.js';
import { FileRoots } from '../../shared/fileserver/roots.js';
import { hashFile } from '../../shared/fileserver/hash.js';
import type { SaltUrl } from '../../shared/fileserver/salt-url.js';
import { SaltUrlClient } from './base.js';
import type { FileHash } from './types.js';

export class LocalFileClient extends SaltUrlClient {
  private readonly roots: FileRoots;

  constructor(fileRoots: Record<string, string[]>, hashType: HashType) {
    super(hashType);
    this.roots = new FileRoots(fileRoots);
  }

  async envs(): Promise<string[]> {
    return this.roots.saltenvs();
  }

  list(prefix: string, saltenv: string): Promise<FileListing> {
    return this.roots.list(saltenv, prefix);
  }

  protected async fetch(loc: SaltUrl): Promise<string | null> {
    return (await this.roots.find(loc.saltenv, loc.path))?.realPath ?? null;
  }

  protected async remoteHash(loc: SaltUrl): Promise<FileHash | null> {
    const found = await this.roots.find(loc.saltenv, loc.path);
    return found ? { hash_type: this.hashType, hsum: await hashFile(found.realPath, this.hashType) } : null;
  }

  protected async cachedPath(loc: SaltUrl): Promise<string> {
    return (await this.fetch(loc)) ?? '';
  }
}
