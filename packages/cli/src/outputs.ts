/**
 * `--output-file` must never overwrite an input: the run is refused (a usage error) when a report
 * would go to a linted file, the configuration, the suppressions file, the cache or an inventory
 * file, or when two formats would go to the same file (one report would silently replace the other).
 */
import fs from "node:fs";
import path from "node:path";
import type { LoadedConfig } from "@connect-lint/core";
import { UsageError } from "./discover.js";

/** A file the run reads, and what it is, in words. */
export interface InputFile {
  readonly path: string;
  readonly what: string;
}

interface Output {
  readonly format: string;
  readonly file: string | undefined;
}

/** Path comparison as the file system does it: case-folded where names usually ignore case (Windows, macOS). */
function samePath(a: string, b: string): boolean {
  return process.platform === "win32" || process.platform === "darwin" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The real path of a file (through symbolic links), or the path itself when it does not exist. */
function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}

interface OutputFile {
  readonly format: string;
  readonly file: string;
  readonly absolute: string;
  /** The file a write goes to: writes follow symbolic links. */
  readonly real: string;
  /** Device and inode when the file exists: the same file under another name (a hard link, another case). */
  readonly stat: fs.BigIntStats | undefined;
}

/** The output files, resolved against `cwd`, with their format. */
function outputFiles(outputs: readonly Output[], cwd: string): OutputFile[] {
  return outputs.flatMap((o) => {
    if (o.file === undefined) return [];
    const absolute = path.resolve(cwd, o.file);
    const stat = fs.statSync(absolute, { bigint: true, throwIfNoEntry: false });
    return [{ format: o.format, file: o.file, absolute, real: realPath(absolute), stat: stat?.isFile() ? stat : undefined }];
  });
}

/** Refuses two formats written to the same file. */
export function checkDistinctOutputs(outputs: readonly Output[], cwd: string): void {
  const files = outputFiles(outputs, cwd);
  files.forEach((o, i) => {
    const other = files.slice(0, i).find((p) => samePath(p.real, o.real) || (o.stat !== undefined && p.stat?.dev === o.stat.dev && p.stat.ino === o.stat.ino));
    if (other) throw new UsageError(`--output-file: formats "${other.format}" and "${o.format}" would both be written to ${o.file}; give each its own file.`);
  });
}

/**
 * Refuses a report that would replace one of `inputs`. `display` shows a path as the user would
 * write it. Call it before anything is written.
 */
export function checkOutputsAgainstInputs(outputs: readonly Output[], inputs: readonly InputFile[], cwd: string, display: (file: string) => string): void {
  const files = outputFiles(outputs, cwd);
  if (files.length === 0) return;
  const existing = files.filter((f) => f.stat !== undefined);
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input.path);
    let hit = files.find((f) => samePath(f.absolute, absolute) || samePath(f.real, absolute));
    if (!hit && existing.length > 0) {
      // The same file under another name: a symbolic or hard link, another case.
      const stat = fs.statSync(absolute, { bigint: true, throwIfNoEntry: false });
      if (stat) hit = existing.find((f) => f.stat?.dev === stat.dev && f.stat.ino === stat.ino);
    }
    if (hit) {
      const shown = display(input.path);
      const also = samePath(shown, hit.file) ? "" : ` (${shown})`;
      throw new UsageError(`--output-file ${hit.file} would overwrite ${input.what}${also}; write the ${hit.format} report elsewhere.`);
    }
  }
}

/** The files other than flows that a run reads (or keeps): configuration, suppressions, cache, inventory. */
export function configuredInputs(loaded: LoadedConfig, suppressions: string, cache: string | undefined): InputFile[] {
  const inputs: InputFile[] = [];
  if (loaded.filepath !== undefined) inputs.push({ path: loaded.filepath, what: "the configuration file" });
  inputs.push({ path: suppressions, what: "the suppressions file" });
  if (cache !== undefined) inputs.push({ path: cache, what: "the cache file" });
  const inventory = loaded.config.inventory;
  for (const file of inventory === undefined ? [] : typeof inventory === "string" ? [inventory] : inventory) {
    inputs.push({ path: path.resolve(loaded.baseDir, file), what: "an inventory file" });
  }
  return inputs;
}
