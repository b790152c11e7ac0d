const LF = 0x0a;
const CR = 0x0d;

/**
 * What the raw bytes of a file tell as they go by, chunk after chunk: how many there are, whether they
 * are UTF-8, and on which line a byte offset falls (rows are named by line in error messages).
 */
export class InputScan {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Chunks taken but not yet counted for line breaks, and the offset where the first one starts. */
  private readonly pending: Uint8Array[] = [];
  private pendingStart = 0;
  private position = 0;
  private line = 1;
  private afterCr = false;
  bytes = 0;

  /** Takes the next chunk; false when it is not UTF-8 (a sequence may continue in the next chunk). */
  add(chunk: Uint8Array): boolean {
    this.bytes += chunk.length;
    this.pending.push(chunk);
    return this.decodes(() => this.decoder.decode(chunk, { stream: true }));
  }

  /** False when the file ends inside a multi-byte sequence. */
  end(): boolean {
    return this.decodes(() => this.decoder.decode());
  }

  /** The line (1-based) of the byte at `offset`; CRLF, LF and a lone CR each end a line. Offsets only grow. */
  lineAt(offset: number): number {
    while (this.position < offset) {
      const chunk = this.pending[0];
      if (!chunk) break;
      const chunkEnd = this.pendingStart + chunk.length;
      for (const stop = Math.min(offset, chunkEnd); this.position < stop; this.position++) {
        const byte = chunk[this.position - this.pendingStart];
        if (byte === CR || (byte === LF && !this.afterCr)) this.line++;
        this.afterCr = byte === CR;
      }
      if (this.position === chunkEnd) {
        this.pending.shift();
        this.pendingStart = chunkEnd;
      }
    }
    return this.line;
  }

  private decodes(decode: () => void): boolean {
    try {
      decode();
      return true;
    } catch {
      return false;
    }
  }
}
