import { type CharMap, MapBuilder } from "./offset-map.js";

export interface Decoded {
  readonly text: string;
  readonly map: CharMap;
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * Decodes the JSON string literal at host[start, end) (quotes included) and maps each decoded
 * character to its escape or character. Returns undefined when it is not a well-formed literal.
 */
export function decodeJsonString(host: string, start: number, end: number): Decoded | undefined {
  const b = new MapBuilder(start + 1);
  let i = start + 1;
  const last = end - 1;
  while (i < last) {
    const c = host.charAt(i);
    if (c !== "\\") {
      b.linear(c, i);
      i++;
      continue;
    }
    const e = host.charAt(i + 1);
    if (e === "u") {
      const hex = host.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      b.atomic(String.fromCharCode(parseInt(hex, 16)), i, i + 6);
      i += 6;
      continue;
    }
    const decoded = JSON_ESCAPES[e];
    if (decoded === undefined) return undefined;
    b.atomic(decoded, i, i + 2);
    i += 2;
  }
  return b.build();
}

/**
 * Appends the character of the escape at `i` written with `width` hex digits (`\x41`, `\u00e9`,
 * `\U0001F600`, in YAML and HCL strings; nothing for digits that are not hex) and gives the offset
 * after it.
 */
export function hexEscape(b: MapBuilder, host: string, i: number, width: number): number {
  const code = parseInt(host.slice(i + 2, i + 2 + width), 16);
  b.atomic(Number.isNaN(code) ? "" : String.fromCodePoint(code), i, i + 2 + width);
  return i + 2 + width;
}

const YAML_ESCAPES: Record<string, string> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b",
  " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\u0085", _: "\u00a0", L: "\u2028", P: "\u2029",
};
const YAML_HEX: Record<string, number> = { x: 2, u: 4, U: 8 };

function isBlank(c: string): boolean {
  return c === " " || c === "\t";
}

/**
 * Decodes a flow scalar (plain, 'single' or "double" quoted) at host[start, end) (quotes included)
 * with YAML's line folding: a line break between two lines becomes a space, n empty lines become n
 * line feeds, blanks around a break are dropped.
 */
export function decodeYamlFlowScalar(host: string, start: number, end: number, quote: "'" | '"' | ""): Decoded {
  const from = quote === "" ? start : start + 1;
  const to = quote === "" ? end : end - 1;
  const b = new MapBuilder(from);
  let pending: number[] = []; // host offsets of blanks not yet known to be inside a line
  const flush = (): void => {
    for (const p of pending) b.linear(host.charAt(p), p);
    pending = [];
  };
  let i = from;
  while (i < to) {
    const c = host.charAt(i);
    if (c === "\n" || (c === "\r" && host.charAt(i + 1) === "\n")) {
      pending = [];
      const breakAt = i;
      i += c === "\r" ? 2 : 1;
      // Empty lines that follow: each gives a line feed.
      const empties: [number, number][] = [];
      for (;;) {
        let j = i;
        while (j < to && isBlank(host.charAt(j))) j++;
        if (host.charAt(j) === "\n") {
          empties.push([j, j + 1]);
          i = j + 1;
        } else if (host.startsWith("\r\n", j)) {
          empties.push([j, j + 2]);
          i = j + 2;
        } else {
          i = j;
          break;
        }
      }
      if (empties.length === 0) b.atomic(" ", breakAt, breakAt + (c === "\r" ? 2 : 1));
      for (const [s, e] of empties) b.atomic("\n", s, e);
      continue;
    }
    if (isBlank(c)) {
      pending.push(i);
      i++;
      continue;
    }
    flush();
    if (quote === "'" && c === "'" && host.charAt(i + 1) === "'") {
      b.atomic("'", i, i + 2);
      i += 2;
    } else if (quote === '"' && c === "\\") {
      const e = host.charAt(i + 1);
      if (e === "\n" || e === "\r") {
        // An escaped line break: nothing, and the next line's leading blanks go too.
        i += e === "\r" && host.charAt(i + 2) === "\n" ? 3 : 2;
        while (i < to && isBlank(host.charAt(i))) i++;
        continue;
      }
      const width = YAML_HEX[e];
      if (width !== undefined) {
        i = hexEscape(b, host, i, width);
      } else {
        b.atomic(YAML_ESCAPES[e] ?? e, i, i + 2);
        i += 2;
      }
    } else {
      b.linear(c, i);
      i++;
    }
  }
  flush();
  return b.build();
}

interface Line {
  /** Host offset of the line's first character. */
  readonly start: number;
  /** Host offset of its line break (or of the end of the text). */
  readonly end: number;
  /** Host offset after its line break. */
  readonly next: number;
}

function splitLines(host: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let s = start;
  while (s < end) {
    let nl = host.indexOf("\n", s);
    if (nl < 0 || nl >= end) nl = end;
    const e = nl > s && host.charAt(nl - 1) === "\r" ? nl - 1 : nl;
    lines.push({ start: s, end: e, next: Math.min(nl + 1, end) });
    s = nl + 1;
  }
  return lines;
}

/**
 * Decodes a block scalar whose header (`|`, `>-`, `|2+` ...) is `header` and whose content lines are
 * host[start, end); `parentIndent` is the indentation of the node that holds it (for an explicit
 * indentation indicator). Indentation is removed, `>` folds lines, chomping applies.
 */
export function decodeYamlBlockScalar(host: string, header: string, start: number, end: number, parentIndent: number): Decoded {
  const folded = header.startsWith(">");
  const chomp = header.includes("-") ? "strip" : header.includes("+") ? "keep" : "clip";
  const digit = /[1-9]/.exec(header);
  const lines = splitLines(host, start, end);
  const indentOf = (l: Line): number => {
    let k = l.start;
    while (k < l.end && host.charAt(k) === " ") k++;
    return k - l.start;
  };
  const isEmpty = (l: Line): boolean => host.slice(l.start, l.end).trim() === "";
  let indent: number;
  if (digit !== null) {
    indent = parentIndent + Number(digit[0]);
  } else {
    const first = lines.find((l) => !isEmpty(l));
    indent = first === undefined ? 0 : indentOf(first);
  }
  let lastContent = -1;
  lines.forEach((l, k) => {
    if (!isEmpty(l) || l.end - l.start > indent) lastContent = isEmpty(l) ? lastContent : k;
  });
  const b = new MapBuilder(start);
  const body = (l: Line): void => {
    const from = Math.min(l.start + indent, l.end);
    b.linear(host.slice(from, l.end), from);
  };
  const lineFeed = (l: Line): void => {
    if (l.next > l.end) b.atomic("\n", l.end, l.next);
    else b.atomic("\n", l.end, l.end);
  };
  const moreIndented = (l: Line): boolean => isBlank(host.charAt(l.start + indent));
  let previous: Line | undefined; // last content line emitted
  let empties: Line[] = [];
  for (let k = 0; k <= lastContent; k++) {
    const l = lines[k];
    if (l === undefined) break;
    if (isEmpty(l)) {
      empties.push(l);
      continue;
    }
    if (previous === undefined) {
      for (const e of empties) lineFeed(e);
    } else if (!folded || moreIndented(previous) || moreIndented(l)) {
      lineFeed(previous);
      for (const e of empties) lineFeed(e);
    } else if (empties.length === 0) {
      b.atomic(" ", previous.end, previous.next);
    } else {
      for (const e of empties) lineFeed(e);
    }
    empties = [];
    body(l);
    previous = l;
  }
  if (previous !== undefined && chomp !== "strip") {
    lineFeed(previous);
    if (chomp === "keep") for (const l of lines.slice(lastContent + 1)) lineFeed(l);
  }
  return b.build();
}

/** A map that sends every character of `text` to the whole host range (when exact mapping failed). */
export function coarse(text: string, start: number, end: number): Decoded {
  const b = new MapBuilder(start);
  b.atomic(text, start, end);
  return b.build();
}
