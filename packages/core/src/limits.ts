/**
 * Limits on the input, so that a pathological file gives one clear message instead of exhausting
 * memory, time or the call stack. Both are configurable (`limits` in the configuration).
 */
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./parse/chars.js";

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
 * so it is safe on any input, and it needs no valid JSON (it runs before the parser).
 */
export function findExcessiveNesting(text: string, max: number): number | undefined {
  if (text.length <= max) return undefined; // max + 1 opening brackets do not fit
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string; an unterminated one ends the scan (the parser reports it). indexOf finds
      // the closing quote many times faster than a loop over every character; a quote preceded by
      // an odd number of backslashes is escaped.
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return undefined;
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) {
          i = quote;
          break;
        }
        from = quote + 1;
      }
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > max) return i;
    } else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** The message for JSON nested deeper than the limit, at the bracket that opens the level too many. */
export function tooDeeplyNestedMessage(bracket: string, max: number): string {
  return `JSON nested too deeply: this '${bracket}' opens level ${String(max + 1)}, more than limits.maxNestingDepth (${String(max)}); raise it in the configuration to lint this file`;
}

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${String(n)} bytes (${(n / (1024 * 1024)).toFixed(1)} MiB)` : `${String(n)} bytes`;
}

/** The message for a file larger than the limit (`size` unknown when reading stopped at the limit). */
export function fileTooLargeMessage(size: number | undefined, max: number): string {
  return `File is too large to lint: ${size === undefined ? "it" : bytes(size)} is more than limits.maxFileSize, ${bytes(max)}; raise it in the configuration to lint this file`;
}
