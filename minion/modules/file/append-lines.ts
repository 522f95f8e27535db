// Appending lines to a file as Salt's file.append does: a newline first when the file
// does not end in one, then each line followed by a newline.
import { constants } from 'node:fs';
import { appendFile, open } from 'node:fs/promises';

/** Appends the lines to the existing file at `path`. */
export async function appendLines(path: string, lines: string[]): Promise<void> {
  await appendFile(path, ((await lacksFinalNewline(path)) ? '\n' : '') + lines.map((line) => `${line}\n`).join(''));
}

// Whether the file's last byte is not a newline (so appended lines need one first).
async function lacksFinalNewline(path: string): Promise<boolean> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    const { size } = await handle.stat();
    if (!size) return false;
    const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
