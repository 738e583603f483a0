import fs from "node:fs";
import path from "node:path";

/**
 * Writes a file atomically: the text goes to a temporary file beside the target, which is then
 * renamed over it. An interrupted run leaves either the old file or the new one, never a part.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${String(process.pid)}.${String(Date.now())}.tmp`);
  try {
    await fs.promises.writeFile(temp, text, { flag: "wx" });
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
