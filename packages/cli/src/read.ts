import fs from "node:fs";
import type { Readable } from "node:stream";

/** A file over the size limit: its size, or `undefined` when reading stopped at the limit. */
export interface TooLarge {
  readonly tooLarge: true;
  readonly size: number | undefined;
}

const CHUNK = 1024 * 1024;

/** Reads a stream (standard input) of at most `max` bytes; stops reading once past the limit. */
export async function readStreamLimited(stream: Readable, max: number): Promise<Buffer | TooLarge> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    total += buffer.length;
    if (total > max) return { tooLarge: true, size: undefined };
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads a file of at most `max` bytes. A regular file over the limit is not read at all; anything
 * else (a FIFO, a device such as /dev/zero) is read until the limit is passed, never further.
 * Synchronous: the lint loop reads a file and lints it at once.
 * A read through the thread pool costs several round trips per file (open, stat, read, close), each
 * of which leaves the thread idle; with thousands of small files that was a third of the run.
 */
export function readFileLimitedSync(file: string, max: number): Buffer | TooLarge {
  const fd = fs.openSync(file, "r");
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isFile()) {
      if (stat.size > max) return { tooLarge: true, size: stat.size };
      const data = fs.readFileSync(fd);
      return data.length > max ? { tooLarge: true, size: data.length } : data;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK, max + 1 - total);
      const buffer = Buffer.allocUnsafe(want);
      const bytesRead = fs.readSync(fd, buffer, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) return { tooLarge: true, size: undefined };
    }
    return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
