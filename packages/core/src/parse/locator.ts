/**
 * Offsets of values and keys in JSON text, found by scanning the text itself (never by searching
 * for a value), without building a syntax tree.
 *
 * The text must be valid JSON (JSON.parse accepted it). Resolving a pointer indexes each container on
 * its path once — the offsets of its members or elements, nested values skipped over with one lookup
 * in a table of where every container ends (`scanContainers`, one pass, built on the first position
 * asked for) — and keeps that index, so a file with many findings scans each container on the paths
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

interface Member {
  readonly key: Span;
  readonly value: Span;
}

type ContainerIndex = { readonly kind: "object"; readonly members: Map<string, Member> } | { readonly kind: "array"; readonly elements: Span[] };


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

  constructor(text: string) {
    this.#text = text;
  }

  /**
   * The span of the value at the path `tokens`, and the span of its key when the last step was an
   * object member. Stops at the deepest existing value when the path names something that is not there.
   */
  resolve(tokens: readonly string[]): { value: Span; key: Span | undefined } {
    let node = this.#rootSpan();
    let key: Span | undefined;
    for (const token of tokens) {
      key = undefined;
      const index = this.#index(node.start);
      if (index === undefined) return { value: node, key: undefined };
      if (index.kind === "object") {
        const member = index.members.get(token);
        if (!member) return { value: node, key: undefined };
        key = member.key;
        node = member.value;
      } else {
        const element = isArrayIndex(token) ? index.elements[Number(token)] : undefined;
        if (!element) return { value: node, key: undefined };
        node = element;
      }
    }
    return { value: node, key };
  }

  /**
   * The path to the innermost container whose members or elements include the text at `offset` at
   * its own level (not inside one of their values): for the offset of a key, the object that has it.
   */
  containerOf(offset: number): string[] {
    const tokens: string[] = [];
    let node = this.#rootSpan();
    for (;;) {
      const index = this.#index(node.start);
      if (index === undefined) return tokens;
      let next: Span | undefined;
      if (index.kind === "object") {
        for (const [name, member] of index.members) {
          if (member.value.start <= offset && offset < member.value.end) {
            tokens.push(name);
            next = member.value;
            break;
          }
        }
      } else {
        const i = index.elements.findIndex((e) => e.start <= offset && offset < e.end);
        if (i >= 0) {
          tokens.push(String(i));
          next = index.elements[i];
        }
      }
      if (!next) return tokens;
      node = next;
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
    if (c === OPEN_BRACE) index = { kind: "object", members: this.#scanObject(start) };
    else if (c === OPEN_BRACKET) index = { kind: "array", elements: this.#scanArray(start) };
    else return undefined;
    this.#containers.set(start, index);
    return index;
  }

  #scanObject(start: number): Map<string, Member> {
    const text = this.#text;
    const members = new Map<string, Member>();
    let i = this.#skipWhitespace(start + 1);
    if (text.charCodeAt(i) === CLOSE_BRACE) return members;
    for (;;) {
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
      members.set(name, { key: { start: keyStart, end: keyEnd }, value: { start: valueStart, end: valueEnd } });
      i = this.#skipWhitespace(valueEnd);
      const sep = text.charCodeAt(i);
      if (sep === CLOSE_BRACE) return members;
      if (sep !== COMMA) throw new Error(`JSON locator: expected ',' or '}' at offset ${String(i)}`);
      i = this.#skipWhitespace(i + 1);
    }
  }

  #scanArray(start: number): Span[] {
    const text = this.#text;
    const elements: Span[] = [];
    let i = this.#skipWhitespace(start + 1);
    if (text.charCodeAt(i) === CLOSE_BRACKET) return elements;
    for (;;) {
      const end = this.#valueEnd(i);
      elements.push({ start: i, end });
      i = this.#skipWhitespace(end);
      const sep = text.charCodeAt(i);
      if (sep === CLOSE_BRACKET) return elements;
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
