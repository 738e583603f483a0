/**
 * Offsets of values and keys in JSON text, found by scanning the text itself (never by searching
 * for a value), without building a syntax tree.
 *
 * The text must be valid JSON (JSON.parse accepted it). Resolving a pointer indexes each container on
 * its path once — the offsets of its members or elements, nested values skipped over with one lookup
 * in the table of where every container ends (from the pass before parsing) — and keeps that index, so a file with many findings scans each container on the paths
 * asked for once, and a file with none is never scanned. A syntax tree of a large flow costs many
 * times the JSON.parse time and memory; this costs one pass of a character loop and a little more.
 */
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE, stringEnd } from "./chars.js";
import { containerEnd, scanContainers } from "./containers.js";
import type { ContainerTable } from "./containers.js";

/** A half-open range of offsets: `start` inclusive, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A container's members or elements, as offsets in one flat list (no object per member: a file with
 * many findings indexes thousands of containers). An object's member i has its key at
 * `offsets[4i]..offsets[4i+1]` and its value at `offsets[4i+2]..offsets[4i+3]`, and `members` gives
 * i by name (the last of a key written twice, as JSON.parse keeps); an array's element i is at
 * `offsets[2i]..offsets[2i+1]`.
 */
/** What an array or object holds, for edits of the text (see `JsonLocator.items`). */
export type ContainerItems =
  | { readonly kind: "array"; readonly elements: readonly Span[] }
  | {
      readonly kind: "object";
      readonly members: readonly { readonly key: Span; readonly value: Span }[];
      /** The position in `members` of the member JSON.parse reads for `name` (the last written), or -1. */
      readonly indexOf: (name: string) => number;
    };

type ContainerIndex = { readonly kind: "object"; readonly members: Map<string, number>; readonly offsets: number[] } | { readonly kind: "array"; readonly offsets: number[] };


/** True for an array index token: `0`, or digits without a leading zero. */
function isArrayIndex(token: string): boolean {
  const length = token.length;
  if (length === 0 || (length > 1 && token.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class JsonLocator {
  readonly #text: string;
  readonly #containers = new Map<number, ContainerIndex>();
  #root: Span | undefined;
  #table: ContainerTable | undefined;

  /** `table`: where the text's containers are, when the pass before parsing found them (else scanned when first needed). */
  constructor(text: string, table?: ContainerTable) {
    this.#text = text;
    this.#table = table;
  }

  /**
   * The span of the value at the path `tokens`, and the span of its key when the last step was an
   * object member. Stops at the deepest existing value when the path names something that is not there.
   */
  resolve(tokens: readonly string[]): { value: Span; key: Span | undefined } {
    const step = this.#walk(tokens);
    return { value: { start: step.start, end: step.end }, key: step.keyStart < 0 ? undefined : { start: step.keyStart, end: step.keyEnd } };
  }

  /** The span of the value at the path `tokens`, or undefined when the path names something that is not there. */
  find(tokens: readonly string[]): Span | undefined {
    const step = this.#walk(tokens);
    return step.found ? { start: step.start, end: step.end } : undefined;
  }

  /**
   * The members (in text order, a key written twice included) or elements of the array or object
   * whose value starts at `start`; undefined for a scalar.
   */
  items(start: number): ContainerItems | undefined {
    const index = this.#index(start);
    if (!index) return undefined;
    const { offsets } = index;
    if (index.kind === "array") {
      const elements: Span[] = [];
      for (let i = 0; i < offsets.length; i += 2) elements.push({ start: offsets[i] ?? 0, end: offsets[i + 1] ?? 0 });
      return { kind: "array", elements };
    }
    const members: { key: Span; value: Span }[] = [];
    for (let i = 0; i < offsets.length; i += 4) {
      members.push({ key: { start: offsets[i] ?? 0, end: offsets[i + 1] ?? 0 }, value: { start: offsets[i + 2] ?? 0, end: offsets[i + 3] ?? 0 } });
    }
    const names = index.members;
    return { kind: "object", members, indexOf: (name) => names.get(name) ?? -1 };
  }

  /**
   * Walks `tokens` from the root: the span reached, and the key of the last step when it was an object
   * member. A step that names nothing stops the walk at the value before it (`found` false).
   */
  #walk(tokens: readonly string[]): { found: boolean; start: number; end: number; keyStart: number; keyEnd: number } {
    const root = this.#rootSpan();
    let start = root.start;
    let end = root.end;
    let keyStart = -1;
    let keyEnd = -1;
    for (const token of tokens) {
      const index = this.#index(start);
      let at = -1;
      if (index?.kind === "object") {
        const member = index.members.get(token);
        if (member !== undefined) at = 4 * member + 2;
      } else if (index) {
        const element = isArrayIndex(token) ? 2 * Number(token) : -1;
        if (element >= 0 && element < index.offsets.length) at = element;
      }
      if (at < 0 || !index) return { found: false, start, end, keyStart: -1, keyEnd: -1 };
      const { offsets } = index;
      if (index.kind === "object") {
        keyStart = offsets[at - 2] ?? 0;
        keyEnd = offsets[at - 1] ?? 0;
      } else {
        keyStart = -1;
      }
      start = offsets[at] ?? 0;
      end = offsets[at + 1] ?? 0;
    }
    return { found: true, start, end, keyStart, keyEnd };
  }

  /**
   * The path to the innermost container whose members or elements include the text at `offset` at
   * its own level (not inside one of their values): for the offset of a key, the object that has it.
   */
  containerOf(offset: number): string[] {
    const tokens: string[] = [];
    let start = this.#rootSpan().start;
    for (;;) {
      const index = this.#index(start);
      if (index === undefined) return tokens;
      const { offsets } = index;
      let next = -1;
      if (index.kind === "object") {
        for (const [name, member] of index.members) {
          const valueStart = offsets[4 * member + 2] ?? 0;
          if (valueStart <= offset && offset < (offsets[4 * member + 3] ?? 0)) {
            tokens.push(name);
            next = valueStart;
            break;
          }
        }
      } else {
        for (let i = 0; 2 * i < offsets.length; i++) {
          const elementStart = offsets[2 * i] ?? 0;
          if (elementStart <= offset && offset < (offsets[2 * i + 1] ?? 0)) {
            tokens.push(String(i));
            next = elementStart;
            break;
          }
        }
      }
      if (next < 0) return tokens;
      start = next;
    }
  }

  #rootSpan(): Span {
    if (!this.#root) {
      const text = this.#text;
      let start = 0;
      while (start < text.length && isWhitespace(text.charCodeAt(start))) start++;
      let end = text.length;
      while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
      this.#root = { start, end };
    }
    return this.#root;
  }

  /** The index of the container starting at `start`, or undefined when the value there is a scalar. */
  #index(start: number): ContainerIndex | undefined {
    const cached = this.#containers.get(start);
    if (cached) return cached;
    const c = this.#text.charCodeAt(start);
    let index: ContainerIndex;
    if (c === OPEN_BRACE) index = this.#scanObject(start);
    else if (c === OPEN_BRACKET) index = { kind: "array", offsets: this.#scanArray(start) };
    else return undefined;
    this.#containers.set(start, index);
    return index;
  }

  #scanObject(start: number): ContainerIndex {
    const text = this.#text;
    const members = new Map<string, number>();
    const offsets: number[] = [];
    const index: ContainerIndex = { kind: "object", members, offsets };
    let i = this.#skipWhitespace(start + 1);
    if (text.charCodeAt(i) === CLOSE_BRACE) return index;
    for (let n = 0; ; n++) {
      // i is at the opening quote of a key.
      const keyStart = i;
      const keyEnd = this.#stringEnd(i);
      const raw = text.slice(i + 1, keyEnd - 1);
      const name = raw.includes("\\") ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
      i = this.#skipWhitespace(keyEnd);
      if (text.charCodeAt(i) !== COLON) throw new Error(`JSON locator: expected ':' at offset ${String(i)}`);
      const valueStart = this.#skipWhitespace(i + 1);
      const valueEnd = this.#valueEnd(valueStart);
      // JSON.parse keeps the last of duplicate keys; so do we.
      members.set(name, n);
      offsets.push(keyStart, keyEnd, valueStart, valueEnd);
      i = this.#skipWhitespace(valueEnd);
      const sep = text.charCodeAt(i);
      if (sep === CLOSE_BRACE) return index;
      if (sep !== COMMA) throw new Error(`JSON locator: expected ',' or '}' at offset ${String(i)}`);
      i = this.#skipWhitespace(i + 1);
    }
  }

  #scanArray(start: number): number[] {
    const text = this.#text;
    const offsets: number[] = [];
    let i = this.#skipWhitespace(start + 1);
    if (text.charCodeAt(i) === CLOSE_BRACKET) return offsets;
    for (;;) {
      const end = this.#valueEnd(i);
      offsets.push(i, end);
      i = this.#skipWhitespace(end);
      const sep = text.charCodeAt(i);
      if (sep === CLOSE_BRACKET) return offsets;
      if (sep !== COMMA) throw new Error(`JSON locator: expected ',' or ']' at offset ${String(i)}`);
      i = this.#skipWhitespace(i + 1);
    }
  }

  #skipWhitespace(i: number): number {
    const text = this.#text;
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
    return i;
  }

  /** The offset just after the closing quote of the string whose opening quote is at `start`. */
  #stringEnd(start: number): number {
    const end = stringEnd(this.#text, start);
    if (end < 0) throw new Error("JSON locator: unterminated string");
    return end;
  }

  /** The offset just after the value that starts at `start`. */
  #valueEnd(start: number): number {
    const text = this.#text;
    const c = text.charCodeAt(start);
    if (c === QUOTE) return this.#stringEnd(start);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      // One lookup in the table of containers instead of reading the nested value again.
      this.#table ??= scanContainers(text);
      const end = containerEnd(this.#table, start);
      if (end < 0) throw new Error("JSON locator: unterminated container");
      return end;
    }
    // A number, true, false or null: up to the next delimiter.
    let i = start + 1;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isWhitespace(d)) break;
      i++;
    }
    return i;
  }
}
