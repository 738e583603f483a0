/**
 * The pass over a JSON text before it is parsed: it finds where the text nests deeper than the limit
 * (so that nothing recursive ever sees it), counts the keys written in objects, and notes where each
 * array and object starts and ends (for positions, later). JSON.parse keeps
 * the last of a key written twice in one object and silently drops the other, which hides a defect
 * (`"NextAction": "a", "NextAction": "b"`): when the parsed value has fewer keys than the text, the
 * text has duplicates, and only then is it scanned again to find them (`findDuplicateKeys`). Written
 * by hand because JSON.parse cannot report either, and a syntax tree of a large flow costs many times
 * the parse (see locator.ts); character loops that skip strings with indexOf, no recursion, safe on
 * any input (they need no valid JSON: the parser reports syntax errors).
 */
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE, stringEnd } from "./chars.js";
import type { ContainerTable } from "./containers.js";

/** A key written a second (or later) time in one object. Offsets are those of the keys' opening quotes. */
export interface DuplicateKey {
  /** The key, unescaped. */
  readonly key: string;
  /** The first occurrence of the key in the object. */
  readonly first: number;
  /** This occurrence: from its opening quote to just after its closing quote. */
  readonly start: number;
  readonly end: number;
}

export interface ScanResult {
  /** The offset of the first `[` or `{` that opens a level deeper than the limit, if any. */
  readonly tooDeep: number | undefined;
  /** The number of keys written in the text's objects (up to the level too deep, if any). */
  readonly keys: number;
  /** Where the text's arrays and objects start and end (up to the level too deep, if any). */
  readonly containers: ContainerTable;
}

/**
 * One pass over `text`: the first bracket that opens a level deeper than `maxDepth` (the scan stops
 * there), the number of keys written, and where every array and object starts and ends (which the
 * locator uses to skip over nested values: see containers.ts). An unterminated string ends the scan.
 */
export function scanJson(text: string, maxDepth: number): ScanResult {
  const length = text.length;
  let depth = 0;
  // Outside strings, a colon of valid JSON is always the one after a key: counting colons counts keys
  // (for invalid JSON the count does not matter: the parser rejects the text).
  let keys = 0;
  // The ordinal of the container open at each level, grown as the text nests (rarely past a few dozen).
  let open = new Int32Array(64);
  let capacity = Math.max(16, length >> 5);
  let opens = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let count = 0;
  let tooDeep: number | undefined;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    // White space first: a pretty-printed flow is a third indentation.
    if (c <= 0x20) continue;
    if (c === QUOTE) {
      // Skip the string; an unterminated one ends the scan (the parser reports it).
      const end = stringEnd(text, i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === COLON) {
      keys++;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === maxDepth) {
        tooDeep = i;
        break;
      }
      if (depth === open.length) {
        const grown = new Int32Array(depth * 2);
        grown.set(open);
        open = grown;
      }
      if (count === capacity) {
        capacity *= 2;
        const grownOpens = new Int32Array(capacity);
        grownOpens.set(opens);
        opens = grownOpens;
        const grownEnds = new Int32Array(capacity);
        grownEnds.set(ends);
        ends = grownEnds;
      }
      open[depth] = count;
      opens[count] = i;
      ends[count] = -1;
      count++;
      depth++;
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) {
      // A stray closing bracket is ignored (the parser reports it).
      depth--;
      ends[open[depth] ?? 0] = i + 1;
    }
  }
  return { tooDeep, keys, containers: { opens: opens.subarray(0, count), ends: ends.subarray(0, count) } };
}

/** The number of keys in the objects of a parsed JSON value (its depth is bounded by the nesting limit). */
export function countKeys(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  let n = 0;
  if (Array.isArray(value)) {
    // Index loops: no iterator object per array (this walks every value of every file).
    for (let i = 0; i < value.length; i++) n += countKeys((value as unknown[])[i]);
    return n;
  }
  // for…in allocates nothing (Object.values would make an array per object: garbage to collect).
  for (const key in value) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}

/** At most this many duplicate keys are listed for one text: enough to act on, bounded output. */
export const MAX_DUPLICATES = 100;

const NONE: readonly DuplicateKey[] = [];

/** Objects with more keys than this keep them in a map; smaller ones are searched one by one. */
const SMALL_OBJECT = 16;


/**
 * Scans `text` once for nesting deeper than `maxDepth` and for duplicate keys. The scan stops at the
 * first level too deep (the text is then not parsed at all) or at an unterminated string.
 */
/**
 * The keys written more than once in one object, in text order (at most {@link MAX_DUPLICATES}).
 * Run only on a text whose parsed value has fewer keys than `scanJson` counted; the text parsed, so
 * it nests within the limit.
 */
export function findDuplicateKeys(text: string, maxDepth: number): readonly DuplicateKey[] {
  let depth = 0;
  // The keys of the open objects, on one stack, as offsets of their opening quotes: `frames[d]` is
  // where the keys of the container at depth d + 1 start in `keys` (-1 for an array). Objects have
  // few keys, so a new key is compared in place with the others of its object (no string is made);
  // an object with many keys (ActionMetadata has one per block) or with an escaped key gets a map of
  // the unescaped keys instead. Typed arrays: this loop runs over every character of every file.
  const frames = new Int32Array(Math.min(maxDepth, text.length) + 1);
  let keys = new Int32Array(256);
  let keyCount = 0;
  let maps: Map<number, Map<string, number>> | undefined;
  let expectKey = false;
  let duplicates: DuplicateKey[] | undefined;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string; an unterminated one ends the scan (the parser reports it).
      const end = stringEnd(text, i);
      if (end < 0) break;
      if (expectKey) {
        expectKey = false;
        const level = depth - 1;
        const from = frames[level] ?? 0;
        const map = maps?.get(level);
        let first = -1;
        if (map) {
          const key = keyAt(text, i, end);
          first = map.get(key) ?? -1;
          if (first < 0) map.set(key, i);
        } else {
          const escaped = hasBackslash(text, i + 1, end - 1);
          if (!escaped) {
            const size = end - i;
            for (let k = from; k < keyCount; k++) {
              const other = keys[k] ?? 0;
              if (sameString(text, other, i, size)) {
                first = other;
                break;
              }
            }
            if (first < 0) {
              if (keyCount === keys.length) {
                const grown = new Int32Array(keys.length * 2);
                grown.set(keys);
                keys = grown;
              }
              keys[keyCount++] = i;
            }
          }
          if (escaped || keyCount - from > SMALL_OBJECT) {
            // From now on this object's keys are unescaped and kept in a map (this one included).
            const created = new Map<string, number>();
            for (const k of keys.subarray(from, keyCount)) created.set(keyAt(text, k), k);
            if (escaped) {
              const key = keyAt(text, i, end);
              first = created.get(key) ?? -1;
              if (first < 0) created.set(key, i);
            }
            (maps ??= new Map()).set(level, created);
          }
        }
        if (first >= 0 && (duplicates ??= []).length < MAX_DUPLICATES) duplicates.push({ key: keyAt(text, i, end), first, start: i, end });
      }
      i = end - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) break;
      expectKey = c === OPEN_BRACE;
      frames[depth - 1] = expectKey ? keyCount : -1;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth > 0) {
        const from = frames[depth - 1] ?? -1;
        if (from >= 0) keyCount = from;
        maps?.delete(depth - 1);
        depth--;
      }
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = depth > 0 && (frames[depth - 1] ?? -1) >= 0;
    }
  }
  return duplicates ?? NONE;
}

/** True when the string literal at `other` is the same `size` characters (quotes included) as the one at `start`. */
function sameString(text: string, other: number, start: number, size: number): boolean {
  if (text.charCodeAt(other + size - 1) !== QUOTE || text.charCodeAt(other + 1) !== text.charCodeAt(start + 1)) return false;
  for (let k = 2; k < size; k++) if (text.charCodeAt(other + k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/** True when `text` has a backslash between `start` and `end`. */
function hasBackslash(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === BACKSLASH) return true;
  return false;
}

/** The key whose string literal opens at `start` (and ends at `end`), unescaped. */
function keyAt(text: string, start: number, end = stringEnd(text, start)): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return raw; // an invalid escape: the parser reports it
  }
}
