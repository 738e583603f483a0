/** File-system errors in words: users see "permission denied", not `EACCES`. */

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ELOOP: "too many levels of symbolic links (a link loop?)",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  EIO: "input/output error",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EBUSY: "the file is busy",
  EEXIST: "the file already exists",
  EXDEV: "cannot move a file across file systems",
  ENXIO: "no such device",
  ENODEV: "no such device",
  ETXTBSY: "the file is busy",
  EAGAIN: "the file is not ready to be read",
};

/** The reason an operation on a file failed, in words (an unknown code is kept as it is). */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOTREG" && error instanceof Error) return error.message;
  if (code !== undefined) return WORDS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}

/** An error for a file that is not a regular file (a FIFO, socket or device), which is not read. */
export function notRegularFile(kind: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`not a regular file (${kind})`);
  error.code = "ENOTREG";
  return error;
}
