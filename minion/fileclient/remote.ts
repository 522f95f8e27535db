// file_client: remote: salt:// files come from the master's file server and are kept in
// cachedir/files/<saltenv>/<path>. A cached copy whose digest matches the server's is
// used as it is; otherwise the file is downloaded in chunks and verified.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { SaltTsError } from '../../shared/errors.js';
import { decodeJson } from '../../shared/json-codec.js';
import { parseFileListing, parseFileStat, type FileListing, type FileStat, type HashType } from '../../shared/protocol/messages.js';
import { hashFile } from '../../shared/fileserver/hash.js';
import { saltUrl, type SaltUrl } from '../../shared/fileserver/salt-url.js';
import { isFile, SaltUrlClient } from './base.js';
import type { FileServerChannel } from './channel.js';
import { ChangedDuringTransfer, downloadFile } from './download.js';
import type { FileHash } from './types.js';

/** Salt tries a download three times when the file changes under it. */
const ATTEMPTS = 3;

export class RemoteFileClient extends SaltUrlClient {
  /** Downloads under way, by destination, so two jobs asking at once share one transfer. */
  private readonly fetching = new Map<string, Promise<string | null>>();

  constructor(
    private readonly channel: FileServerChannel,
    private readonly cachedir: string,
    hashType: HashType,
  ) {
    super(hashType);
  }

  async envs(): Promise<string[]> {
    const names = decodeJson(await this.channel.request({ op: 'envs' }), 'saltenv list');
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) throw new Error('the file server answered the saltenv list with something else than a list of names');
    return names;
  }

  async list(prefix: string, saltenv: string): Promise<FileListing> {
    const data = await this.channel.request({ op: 'list', saltenv, prefix });
    return parseFileListing(decodeJson(data, `file list of saltenv '${saltenv}'`));
  }

  protected fetch(loc: SaltUrl): Promise<string | null> {
    const dest = this.cacheLocation(loc);
    const running = this.fetching.get(dest);
    if (running) return running;
    const fetching = this.fetchInto(loc, dest).finally(() => this.fetching.delete(dest));
    this.fetching.set(dest, fetching);
    return fetching;
  }

  protected async remoteHash(loc: SaltUrl): Promise<FileHash | null> {
    const stat = await this.stat(loc);
    return stat && { hash_type: stat.hash_type, hsum: stat.hsum };
  }

  protected async cachedPath(loc: SaltUrl): Promise<string> {
    const dest = this.cacheLocation(loc);
    return (await isFile(dest)) ? dest : '';
  }

  private async fetchInto(loc: SaltUrl, dest: string): Promise<string | null> {
    for (let attempt = 1; ; attempt++) {
      const stat = await this.stat(loc);
      if (!stat) return null;
      if ((await isFile(dest)) && (await hashFile(dest, stat.hash_type)) === stat.hsum) return dest;
      await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
      try {
        await downloadFile(dest, stat, (offset, length) => this.channel.request({ op: 'read', saltenv: loc.saltenv, path: loc.path, offset, length }));
        return dest;
      } catch (err) {
        if (!(err instanceof ChangedDuringTransfer) || attempt === ATTEMPTS) throw describeFailure(loc, err);
      }
    }
  }

  private async stat(loc: SaltUrl): Promise<FileStat | null> {
    try {
      const data = await this.channel.request({ op: 'stat', saltenv: loc.saltenv, path: loc.path });
      return parseFileStat(decodeJson(data, `file stat of ${saltUrl(loc)}`));
    } catch (err) {
      if (err instanceof SaltTsError && err.code === 'SALTTS_FILE_NOT_FOUND') return null;
      throw err;
    }
  }

  private cacheLocation(loc: SaltUrl): string {
    return path.join(this.cachedir, 'files', loc.saltenv, loc.path);
  }
}

function describeFailure(loc: SaltUrl, err: unknown): unknown {
  if (!(err instanceof ChangedDuringTransfer)) return err;
  return new Error(`${saltUrl(loc)} (saltenv '${loc.saltenv}') changed on the master during ${ATTEMPTS} downloads (last: ${err.message})`);
}
