import fs from "node:fs";
import path from "node:path";
import type * as Tinyglobby from "tinyglobby";
import { describeFileError } from "./errors.js";

/**
 * What a folder search finds: flow exports (`*.json`) and the files flows are kept in — CloudFormation
 * and SAM templates (JSON, YAML), CDK output, Terraform files and templates, API output. A file of
 * these kinds with no flow in it is skipped quietly.
 */
export const FOLDER_PATTERNS = ["**/*.json", "**/*.yaml", "**/*.yml", "**/*.template", "**/*.tf", "**/*.tftpl", "**/*.tpl"];

/** Folders never searched. */
export const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];

export interface DiscoveredFile {
  /** Absolute path. */
  readonly path: string;
  /** True when the user named this file (not found by searching a folder or glob). */
  readonly explicit: boolean;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Turns the command line's paths and globs into files. A folder is searched for `*.json`; a named
 * file is read whatever its extension; a glob must match something. Files come sorted by path, once.
 */
export async function discoverFiles(patterns: readonly string[], cwd: string, options: { errorOnUnmatched?: boolean } = {}): Promise<DiscoveredFile[]> {
  const unmatched = (pattern: string): void => {
    if (options.errorOnUnmatched ?? true) throw new UsageError(`No files matching the pattern "${pattern}" were found.`);
  };
  // tinyglobby is loaded only for folders and globs: a named file needs none of it.
  let globber: typeof Tinyglobby | undefined;
  const tinyglobby = async (): Promise<typeof Tinyglobby> => (globber ??= await import("tinyglobby"));
  const found = new Map<string, boolean>();
  const add = (file: string, explicit: boolean): void => {
    found.set(file, (found.get(file) ?? false) || explicit);
  };
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    let stat: fs.Stats | undefined;
    try {
      stat = await fs.promises.stat(absolute);
    } catch (error) {
      if (!(await tinyglobby()).isDynamicPattern(pattern)) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(code === "ENOENT" || code === "ENOTDIR" ? `No such file or directory: ${pattern}` : `Cannot access ${pattern}: ${describeFileError(error)}`);
      }
    }
    if (stat?.isDirectory()) {
      const files = await (await tinyglobby()).glob(FOLDER_PATTERNS, { cwd: absolute, absolute: true, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false });
      if (files.length === 0) unmatched(pattern);
      for (const file of files) add(path.normalize(file), false);
    } else if (stat) {
      add(absolute, true);
    } else {
      const files = await (await tinyglobby()).glob(pattern.split(path.sep).join("/"), { cwd, absolute: true, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false });
      if (files.length === 0) unmatched(pattern);
      for (const file of files) add(path.normalize(file), false);
    }
  }
  return [...found.entries()]
    .map(([file, explicit]) => ({ path: file, explicit }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
