// Salt's test for a text file (salt.utils.files.is_text): no NUL byte in the first 512
// bytes, and either valid UTF-8 or at most 30% bytes that are not printable ASCII.
const BLOCK = 512;
const TEXT_BYTES = new Set([...Array.from({ length: 95 }, (_, i) => i + 32), 10, 13, 9, 12, 8]);

/** Whether the data looks like text to Salt. */
export function isText(data: Buffer): boolean {
  const block = data.subarray(0, BLOCK);
  if (block.includes(0)) return false;
  if (!block.length) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(block);
    return true;
  } catch {
    const nonText = block.filter((byte) => !TEXT_BYTES.has(byte)).length;
    return nonText / block.length <= 0.3;
  }
}
