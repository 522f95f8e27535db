// source_hash as Salt reads it: a bare hex digest (its type known by its length), a
// `type=digest` expression, or the salt:// URL or local path of a file of hashes, from
// which the line naming the source (or source_hash_name) is taken, else the first hash.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StateContext } from '../../../shared/state/types.js';
import { fileHash } from '../../modules/file/hash.js';

export interface SourceSum {
  hashType: string;
  hsum: string;
}

const BY_LENGTH: Record<number, string> = { 32: 'md5', 40: 'sha1', 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };
const HEX = /\b[0-9a-fA-F]{32,128}\b/g;

/** The hash the source must have; throws with Salt's explanation when the value is unusable. */
export async function parseSourceHash(ctx: StateContext, value: string, source: string, hashName: string | null): Promise<SourceSum> {
  const expr = /^([a-z0-9_]+)=([0-9a-fA-F]+)$/.exec(value.trim());
  if (expr) return { hashType: expr[1]!, hsum: expr[2]!.toLowerCase() };
  const bare = BY_LENGTH[value.trim().length];
  if (bare && /^[0-9a-fA-F]+$/.test(value.trim())) return { hashType: bare, hsum: value.trim().toLowerCase() };
  if (value.startsWith('salt://') || value.startsWith('/')) {
    const local = await ctx.cacheFile(value, ctx.saltenv);
    if (local === null) throw new Error(`Source hash file ${value} not found`);
    const found = pickHash(await readFile(local, 'utf8'), hashName ?? path.basename(source.replace(/\?.*$/, '')));
    if (found) return found;
    throw new Error(`Source hash file ${value} contains no valid hash for ${source}`);
  }
  throw new Error(
    `Source hash ${value} format is invalid. The supported formats are: 1) a hash, 2) an expression in the format <hash_type>=<hash>, or 3) a salt:// URL or local path of a file containing hashes. Supported hash lengths: md5 (32), sha1 (40), sha224 (56), sha256 (64), sha384 (96), sha512 (128).`,
  );
}

/** Salt's own check of a fetched source; the comment it fails with, or '' when it matches. */
export async function verifySourceHash(file: string, source: string, sum: SourceSum): Promise<string> {
  const actual = await fileHash(file, sum.hashType);
  if (actual === sum.hsum) return '';
  return `Specified ${sum.hashType} checksum for ${source} (${sum.hsum}) does not match actual checksum (${actual}). If the 'source_hash' value refers to a remote file with multiple possible matches, then it may be necessary to set 'source_hash_name'.`;
}

// The hash on the line that names the file, else the first hash of a known length.
function pickHash(text: string, fileName: string): SourceSum | null {
  const lines = text.split('\n');
  const named = lines.find((line) => line.split(/\s+/).some((word) => word === fileName || path.basename(word.replace(/^\*/, '')) === fileName));
  for (const line of named ? [named, ...lines] : lines) {
    for (const hex of line.match(HEX) ?? []) {
      const hashType = BY_LENGTH[hex.length];
      if (hashType) return { hashType, hsum: hex.toLowerCase() };
    }
  }
  return null;
}
