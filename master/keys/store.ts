// The minion key store: one file per minion id holding its public nkey, in one of
// Salt's four folders under pki_dir. Files are the source of truth, so salt-ts-key
// works on them directly and the master re-reads them when told.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyStatus } from '../../shared/protocol/messages.js';
import { MINION_ID_PATTERN } from '../../shared/minion-id.js';

export const KEY_DIRS: Record<KeyStatus, string> = {
  accepted: 'minions',
  pending: 'minions_pre',
  rejected: 'minions_rejected',
  denied: 'minions_denied',
};

export type KeyLists = Record<KeyStatus, string[]>;

export class KeyStore {
  constructor(private readonly pkiDir: string) {
    for (const dir of Object.values(KEY_DIRS)) mkdirSync(join(pkiDir, dir), { recursive: true, mode: 0o700 });
  }

  list(): KeyLists {
    const lists = {} as KeyLists;
    for (const status of Object.keys(KEY_DIRS) as KeyStatus[]) lists[status] = this.ids(status);
    return lists;
  }

  /** Accepted minions and their public keys. */
  accepted(): Map<string, string> {
    return new Map(this.ids('accepted').map((id) => [id, this.read('accepted', id)!]));
  }

  statusOf(id: string): KeyStatus | null {
    for (const status of Object.keys(KEY_DIRS) as KeyStatus[]) if (existsSync(this.path(status, id))) return status;
    return null;
  }

  read(status: KeyStatus, id: string): string | null {
    try {
      return readFileSync(this.path(status, id), 'utf8').trim();
    } catch {
      return null;
    }
  }

  /** Records a key a minion presented and says where it stands, as Salt's master does.
   * `accepted` is the accepted keys as the caller already holds them (read from disk if not given). */
  submit(id: string, pub: string, autoAccept: boolean, accepted: ReadonlyMap<string, string> = this.accepted()): KeyStatus {
    // The caller's map can lag a salt-ts-key -a that just moved the file: the disk decides.
    const acceptedKey = accepted.get(id) ?? this.read('accepted', id);
    if (acceptedKey !== null) {
      if (acceptedKey === pub) return 'accepted';
      this.write('denied', id, pub); // same id, other key: an impostor or a rebuilt host
      return 'denied';
    }
    if (this.read('rejected', id) !== null) return 'rejected';
    const pendingKey = this.read('pending', id);
    if (pendingKey !== null && pendingKey !== pub) {
      this.write('denied', id, pub); // keep the key the admin may be about to accept
      return 'denied';
    }
    if (keyInUseByOther(accepted, id, pub)) {
      this.write('denied', id, pub);
      return 'denied';
    }
    if (autoAccept) {
      this.write('accepted', id, pub);
      rmSync(this.path('pending', id), { force: true });
      return 'accepted';
    }
    this.write('pending', id, pub);
    return 'pending';
  }

  /** Moves a key between lists; returns false when it is not in `from`. */
  move(id: string, from: KeyStatus, to: KeyStatus): boolean {
    if (!existsSync(this.path(from, id))) return false;
    renameSync(this.path(from, id), this.path(to, id));
    return true;
  }

  delete(id: string): boolean {
    const status = this.statusOf(id);
    for (const s of Object.keys(KEY_DIRS) as KeyStatus[]) rmSync(this.path(s, id), { force: true });
    return status !== null;
  }

  private ids(status: KeyStatus): string[] {
    return readdirSync(join(this.pkiDir, KEY_DIRS[status]))
      .filter((name) => MINION_ID_PATTERN.test(name))
      .sort();
  }

  private write(status: KeyStatus, id: string, pub: string): void {
    const tmp = join(this.pkiDir, KEY_DIRS[status], `.${id}.tmp`); // a dot name is never listed as an id
    writeFileSync(tmp, pub + '\n', { mode: 0o600 });
    renameSync(tmp, this.path(status, id));
  }

  private path(status: KeyStatus, id: string): string {
    return join(this.pkiDir, KEY_DIRS[status], id);
  }
}

function keyInUseByOther(accepted: ReadonlyMap<string, string>, id: string, pub: string): boolean {
  for (const [other, key] of accepted) if (other !== id && key === pub) return true;
  return false;
}
