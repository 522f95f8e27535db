// What both file clients do alike: split salt:// URLs from local paths, and answer
// for local paths (and file:// URLs) from this host's disk.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SaltTsError } from '../../shared/errors.js';
import type { FileListing, HashType } from '../../shared/protocol/messages.js';
import { hashFile } from '../../shared/fileserver/hash.js';
import { isSaltUrl, parseSaltUrl, type SaltUrl } from '../../shared/fileserver/salt-url.js';
import type { FileClient, FileHash } from './types.js';

export abstract class SaltUrlClient implements FileClient {
  constructor(protected readonly hashType: HashType) {}

  async cacheFile(url: string, saltenv: string): Promise<string | null> {
    if (isSaltUrl(url)) return this.fetch(parseSaltUrl(url, saltenv));
    const file = localPath(url);
    return (await isFile(file)) ? file : null;
  }

  async hashFile(url: string, saltenv: string): Promise<FileHash | null> {
    if (isSaltUrl(url)) return this.remoteHash(parseSaltUrl(url, saltenv));
    const file = localPath(url);
    return (await isFile(file)) ? { hash_type: this.hashType, hsum: await hashFile(file, this.hashType) } : null;
  }

  async isCached(url: string, saltenv: string): Promise<string> {
    return isSaltUrl(url) ? this.cachedPath(parseSaltUrl(url, saltenv)) : '';
  }

  abstract envs(): Promise<string[]>;
  abstract list(prefix: string, saltenv: string): Promise<FileListing>;
  protected abstract fetch(loc: SaltUrl): Promise<string | null>;
  protected abstract remoteHash(loc: SaltUrl): Promise<FileHash | null>;
  protected abstract cachedPath(loc: SaltUrl): Promise<string>;
}

export async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

/** A local path or file:// URL as an absolute path; other schemes are not fetched here. */
function localPath(url: string): string {
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
    throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${url}: only salt:// URLs, file:// URLs and absolute local paths can be fetched`);
  }
  if (!path.isAbsolute(file)) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${url}: a local path must be absolute`);
  return file;
}
