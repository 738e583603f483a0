/**
 * Where every array and object of a JSON text starts and ends, so that `JsonLocator` skips over a
 * nested value with one lookup instead of reading it again character by character. Built by the pass
 * before parsing (`scanJson`, which reads every character anyway), never by a pass of its own.
 *
 * No recursion, so it is safe at any depth; brackets inside strings are skipped (an unterminated
 * string ends the scan), a stray closing bracket is ignored.
 */
import { scanJson } from "./scan.js";

/** Where the arrays and objects of a text are. */
export interface ContainerTable {
  /** The offsets of the opening brackets, ascending. */
  readonly opens: Int32Array;
  /** `ends[i]`: the offset just after the bracket that closes `opens[i]`; -1 when it is not closed. */
  readonly ends: Int32Array;
}

/** The containers of `text` (JSON, valid or not): the table the pass before parsing builds (`scanJson`), for a text it did not see. */
export function scanContainers(text: string): ContainerTable {
  return scanJson(text, Number.MAX_SAFE_INTEGER).containers;
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
