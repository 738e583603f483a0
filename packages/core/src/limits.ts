/**
 * Limits on the input, so that a pathological file gives one clear message instead of exhausting
 * memory, time or the call stack. Both are configurable (`limits` in the configuration).
 */
import { scanJson } from "./parse/scan.js";

export interface Limits {
  /** Files larger than this many bytes are not read or linted (`file-too-large`). */
  readonly maxFileSize: number;
  /** JSON nested deeper than this many arrays and objects is not linted (`too-deeply-nested`). */
  readonly maxNestingDepth: number;
}

/**
 * The defaults. The service refuses flow content over 256,000 characters, and the largest real export
 * we have seen (with designer metadata) is about 140 KB, so 10 MiB is far above any real flow and still
 * lints in under 2 seconds (16,000 blocks). Real flows nest at most 13 levels deep; 100 leaves plenty of room and stays
 * far below the depth at which recursive code over the value could exhaust the call stack.
 */
export const DEFAULT_LIMITS: Limits = { maxFileSize: 10 * 1024 * 1024, maxNestingDepth: 100 };

/** The highest `limits.maxNestingDepth` a configuration may set: deeper, code that walks the value could exhaust the stack. */
export const MAX_NESTING_DEPTH = 1000;

/** The limits in force: the defaults, with what the configuration sets. */
export function resolveLimits(configured?: Partial<Limits>): Limits {
  return {
    maxFileSize: configured?.maxFileSize ?? DEFAULT_LIMITS.maxFileSize,
    maxNestingDepth: configured?.maxNestingDepth ?? DEFAULT_LIMITS.maxNestingDepth,
  };
}


/**
 * The offset of the first `[` or `{` that opens a level deeper than `max`, or `undefined` when the
 * text nests no deeper. One linear pass over the text, brackets inside strings skipped; no recursion,
 * so it is safe on any input, and it needs no valid JSON (it runs before the parser). The parser runs
 * the same pass (`scanJson`), which also counts keys to detect duplicates.
 */
export function findExcessiveNesting(text: string, max: number): number | undefined {
  if (text.length <= max) return undefined; // max + 1 opening brackets do not fit
  return scanJson(text, max).tooDeep;
}

/** The message for JSON nested deeper than the limit, at the bracket that opens the level too many. */
export function tooDeeplyNestedMessage(bracket: string, max: number): string {
  const advice = max >= MAX_NESTING_DEPTH ? "the most connect-lint can read; this file cannot be linted" : "raise it in the configuration to lint this file";
  return `JSON nested too deeply: this '${bracket}' opens level ${String(max + 1)}, more than limits.maxNestingDepth (${String(max)}); ${advice}`;
}

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${String(n)} bytes (${(n / (1024 * 1024)).toFixed(1)} MiB)` : `${String(n)} bytes`;
}

/** The message for a file larger than the limit (`size` unknown when reading stopped at the limit). */
export function fileTooLargeMessage(size: number | undefined, max: number): string {
  return `File is too large to lint: ${size === undefined ? "it" : bytes(size)} is more than limits.maxFileSize, ${bytes(max)}; raise it in the configuration to lint this file`;
}
