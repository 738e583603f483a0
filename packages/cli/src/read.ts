import fs from "node:fs";
import type { Readable } from "node:stream";
import { notRegularFile } from "./errors.js";

/** A file over the size limit: its size, or `undefined` when reading stopped at the limit. */
export interface TooLarge {
  readonly tooLarge: true;
  readonly size: number | undefined;
}


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

/** What a file that is not a regular file is, in words. */
function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return "a named pipe; use - to read standard input";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isDirectory()) return "a folder";
  return "not a file";
}

/** Opening a named pipe for reading waits for a writer, for ever: open without waiting, then look. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined on Windows, whatever the types say
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of at most `max` bytes; a larger one is not read at all. Anything else (a
 * named pipe, a socket, a device such as /dev/zero) is refused with an error of code `ENOTREG`
 * without reading from it: a pipe with no writer would block the run for ever.
 * Synchronous: the lint loop reads a file and lints it at once.
 * A read through the thread pool costs several round trips per file (open, stat, read, close), each
 * of which leaves the thread idle; with thousands of small files that was a third of the run.
 */
export function readFileLimitedSync(file: string, max: number): Buffer | TooLarge {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw notRegularFile(kindOf(stat));
    if (stat.size > max) return { tooLarge: true, size: stat.size };
    const data = fs.readFileSync(fd);
    return data.length > max ? { tooLarge: true, size: data.length } : data;
  } finally {
    fs.closeSync(fd);
  }
}
