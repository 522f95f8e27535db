// What jobs and states use to reach salt:// files, whether they come from the master
// (file_client: remote) or from this host's own file_roots (file_client: local).
import type { FileHash, FileListing } from '../../shared/protocol/messages.js';

export type { FileHash, FileListing };

export interface FileClient {
  /** A salt:// URL's file as a local path (fetched into the cache when remote); a local
   * path (or file:// URL) as it is when it exists; null when there is no such file. */
  cacheFile(url: string, saltenv: string): Promise<string | null>;
  /** The file server's saltenvs. */
  envs(): Promise<string[]>;
  /** The file server's files, dirs and empty dirs in `saltenv` whose paths start with `prefix`. */
  list(prefix: string, saltenv: string): Promise<FileListing>;
  /** The file server's digest of a salt:// file, or a local file's; null when there is no such file. */
  hashFile(url: string, saltenv: string): Promise<FileHash | null>;
  /** Where a salt:// file is already available locally without fetching it, or ''. */
  isCached(url: string, saltenv: string): Promise<string>;
}
