// file.get_hash: a file's digest by the hashlib names Salt accepts.
import { hashFile } from '../../../shared/fileserver/hash.js';
import { CommandExecutionError } from '../command-error.js';

/** hashlib's names and OpenSSL's for the same digests. */
const DIGESTS: Record<string, string> = {
  md5: 'md5', sha1: 'sha1', sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512',
  sha3_224: 'sha3-224', sha3_256: 'sha3-256', sha3_384: 'sha3-384', sha3_512: 'sha3-512',
  blake2b: 'blake2b512', blake2s: 'blake2s256',
};

/** The hex digest of the file's content with the hash named `form`. */
export async function fileHash(path: string, form: string): Promise<string> {
  const digest = DIGESTS[form];
  if (!digest) throw new CommandExecutionError(`Invalid hash type: ${form}`);
  return hashFile(path, digest);
}
