/**
 * Where every array and object of a JSON text starts and ends, found in one pass over the text, so
 * that `JsonLocator` skips over a nested value with one lookup instead of reading it again character
 * by character. Built only when a position is first asked for.
 *
 * No recursion, so it is safe at any depth; brackets inside strings are skipped (an unterminated
 * string ends the scan), a stray closing bracket is ignored.
 */
import { CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE, stringEnd } from "./chars.js";

/** Where the arrays and objects of a text are. */
export interface ContainerTable {
  /** The offsets of the opening brackets, ascending. */
  readonly opens: Int32Array;
  /** `ends[i]`: the offset just after the bracket that closes `opens[i]`; -1 when it is not closed. */
  readonly ends: Int32Array;
}

/** The containers of `text` (JSON, valid or not). */
export function scanContainers(text: string): ContainerTable {
  const length = text.length;
  let capacity = Math.max(16, length >> 5);
  let opens = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let count = 0;
  // The ordinals of the containers open at the current position, innermost last.
  const stack: number[] = [];
  scan: for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string.
      const end = stringEnd(text, i);
      if (end < 0) break scan;
      i = end - 1;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (count === capacity) {
        capacity *= 2;
        const grownOpens = new Int32Array(capacity);
        grownOpens.set(opens);
        opens = grownOpens;
        const grownEnds = new Int32Array(capacity);
        grownEnds.set(ends);
        ends = grownEnds;
      }
      opens[count] = i;
      ends[count] = -1;
      stack.push(count++);
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      const open = stack.pop();
      if (open !== undefined) ends[open] = i + 1;
    }
  }
  // Kept with the document for as long as it is: no more room than it needs.
  return { opens: opens.slice(0, count), ends: ends.slice(0, count) };
}

/** The offset just after the array or object that opens at `start`, or -1 when none opens there or it is not closed. */
export function containerEnd(table: ContainerTable, start: number): number {
  const { opens, ends } = table;
  let low = 0;
  let high = opens.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = opens[mid] ?? 0;
    if (at < start) low = mid + 1;
    else if (at > start) high = mid - 1;
    else return ends[mid] ?? -1;
  }
  return -1;
}
