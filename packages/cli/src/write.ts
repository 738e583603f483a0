import fs from "node:fs";
import path from "node:path";

/** Temporary files of a write in progress: `.<name>.<pid>.<time>.tmp`, beside the target. */
const TEMP = /^\.(.+)\.(\d+)\.(\d+)\.tmp$/;

/** A temporary file this old, whose process is gone, was left by a run that was killed. */
const STALE_MS = 60_000;

/**
 * Writes a file atomically: the text goes to a temporary file beside the target, which is flushed
 * to disk and then renamed over it. An interrupted run (killed, or the machine lost power) leaves
 * either the old file or the new one, never a part. A symbolic link is written through: the file it
 * points to is replaced, the link stays.
 *
 * A run killed mid-write leaves its temporary file behind; the next write of the same file removes
 * such leftovers (those of processes that no longer exist, untouched for a minute).
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = await fs.promises.realpath(file).catch(() => file);
  const dir = path.dirname(target);
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${String(process.pid)}.${String(Date.now())}.tmp`);
  try {
    const handle = await fs.promises.open(temp, "wx");
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await removeStaleTemps(dir, path.basename(target)).catch(() => undefined);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** Removes temporary files of `name` left by killed runs. Never one of a write that may be in progress. */
async function removeStaleTemps(dir: string, name: string): Promise<void> {
  const now = Date.now();
  for (const entry of await fs.promises.readdir(dir)) {
    const match = TEMP.exec(entry);
    if (match?.[1] !== name || Number(match[2]) === process.pid || processExists(Number(match[2]))) continue;
    const temp = path.join(dir, entry);
    const stat = await fs.promises.stat(temp).catch(() => undefined);
    if (stat?.isFile() && now - stat.mtimeMs > STALE_MS) await fs.promises.rm(temp, { force: true });
  }
}
