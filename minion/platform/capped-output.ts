// Keeps the first `limit` bytes of a command's output and counts the rest, so a command
// printing gigabytes costs no more memory than the limit (cmd_output_limit).
export class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private seen = 0;

  constructor(private readonly limit: number) {}

  /** Keeps what still fits under the limit and counts the whole chunk. */
  add(chunk: Buffer): void {
    this.seen += chunk.length;
    const room = this.limit - this.kept;
    if (room <= 0) return;
    // A copy of a partial chunk, so the kept bytes do not pin the stream's whole buffer.
    const part = chunk.length <= room ? chunk : Buffer.from(chunk.subarray(0, room));
    this.chunks.push(part);
    this.kept += part.length;
  }

  /** The kept bytes as UTF-8 text. */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  /** The line that ends a cut output, or '' when nothing was cut. */
  note(): string {
    return this.seen > this.kept ? `\n[salt-ts: output cut at ${this.kept} of ${this.seen} bytes (cmd_output_limit)]` : '';
  }
}
