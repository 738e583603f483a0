/**
 * The result cache (`--cache`): per file, the hash of its content and the result linting it gave.
 * The whole cache is keyed by the tool version and a hash of the configuration, so any change to
 * either starts afresh. A missing, unreadable or corrupt cache is never an error: it is rebuilt.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { LintResult } from "@connect-lint/core";
import { writeFileAtomic } from "./write.js";

export const DEFAULT_CACHE_FILE = ".connect-lint-cache";

/**
 * The cache file for `--cache-location`: as with ESLint, a location that ends with a slash or names an
 * existing folder means a file inside it (named as the default one).
 */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.resolve(cwd, DEFAULT_CACHE_FILE);
  const absolute = path.resolve(cwd, location);
  const folder = /[\\/]$/.test(location) || fs.statSync(absolute, { throwIfNoEntry: false })?.isDirectory() === true;
  return folder ? path.join(absolute, DEFAULT_CACHE_FILE) : absolute;
}

/** The layout of a cache file; part of the cache key, so a cache of another layout is started afresh. */
export const CACHE_FORMAT = 3;

interface CacheEntry {
  readonly hash: string;
  /**
   * The file's results (none for a file that is not a flow); a result's filePath is left out when it
   * is the file itself (the key), and kept when it is another file (a template a container names).
   */
  readonly results: readonly (Omit<LintResult, "filePath"> & { filePath?: string })[];
}

interface CacheFile {
  readonly key: string;
  readonly files: Record<string, CacheEntry>;
}

export function sha256(data: string | Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

export class ResultCache {
  readonly #path: string;
  readonly #key: string;
  #files = new Map<string, CacheEntry>();
  readonly #seen = new Set<string>();
  #dirty = false;
  hits = 0;
  misses = 0;

  constructor(file: string, key: string) {
    this.#path = file;
    this.#key = key;
  }

  async load(): Promise<void> {
    try {
      const data = JSON.parse(await fs.promises.readFile(this.#path, "utf8")) as Partial<CacheFile>;
      if (data.key === this.#key && data.files && typeof data.files === "object") {
        this.#files = new Map(Object.entries(data.files));
        return;
      }
    } catch {
      // No cache yet, or one we cannot read: start afresh.
    }
    this.#dirty = true;
  }

  /** The cached results for this file and content, if any (an empty list: not a flow). */
  get(file: string, content: Buffer): LintResult[] | undefined {
    this.#seen.add(file);
    const entry = this.#files.get(file);
    if (entry?.hash !== sha256(content)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return entry.results.map((r) => ({ filePath: r.filePath ?? file, ...r }));
  }

  set(file: string, content: Buffer, results: readonly LintResult[]): void {
    this.#seen.add(file);
    const stored = results.map((result) => {
      if (result.filePath !== file) return result;
      const copy: Record<string, unknown> = { ...result };
      delete copy.filePath;
      return copy as Omit<LintResult, "filePath">;
    });
    this.#files.set(file, { hash: sha256(content), results: stored });
    this.#dirty = true;
  }

  /** Writes the cache (atomically) when it changed. Entries of files not seen this run are kept. */
  async save(): Promise<void> {
    if (!this.#dirty) return;
    const files = Object.fromEntries([...this.#files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await writeFileAtomic(this.#path, JSON.stringify({ key: this.#key, files } satisfies CacheFile));
  }
}
