/**
 * A focused scanner for the few HCL forms that declare a Connect flow in Terraform: `resource` blocks,
 * their attributes, quoted templates, heredocs, and the arguments of `file()`, `templatefile()` and
 * `jsonencode()`. It skips everything else (comments, strings, heredocs, nested blocks) without
 * understanding it. Offsets are those of the `.tf` text.
 */
import { MapBuilder } from "./offset-map.js";
import { hexEscape } from "./decode.js";
import type { Decoded } from "./decode.js";

export class HclError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

export function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

/** Skips blanks and comments; with `newlines`, line breaks too. */
export function skipTrivia(text: string, i: number, newlines: boolean): number {
  for (;;) {
    const c = text.charAt(i);
    if (c === " " || c === "\t" || c === "\r" || (newlines && c === "\n")) i++;
    else if (c === "#" || text.startsWith("//", i)) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
    } else if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) throw new HclError("unclosed /* comment", i);
      i = close + 2;
    } else return i;
  }
}

export function readIdent(text: string, i: number): string | undefined {
  IDENT.lastIndex = i;
  return IDENT.exec(text)?.[0];
}

/** After the `"` at `i`: the offset after the closing quote (interpolations may hold quotes). */
export function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charAt(j);
    if (c === "\\") j++;
    else if (c === '"') return j + 1;
    else if (c === "\n") break;
    else if ((c === "$" || c === "%") && text.charAt(j + 1) === "{" && text.charAt(j - 1) !== c) j = skipBalanced(text, j + 1) - 1;
  }
  throw new HclError("unterminated string", i);
}

export interface Heredoc {
  readonly strip: boolean;
  /** Offset of the first content line. */
  readonly bodyStart: number;
  /** Offset of the closing marker's line. */
  readonly bodyEnd: number;
  /** Offset after the closing marker. */
  readonly end: number;
}

/** The heredoc (`<<EOT` or `<<-EOT`) at `i`. */
export function readHeredoc(text: string, i: number): Heredoc {
  const strip = text.charAt(i + 2) === "-";
  const at = i + (strip ? 3 : 2);
  const marker = readIdent(text, at);
  const nl = text.indexOf("\n", at);
  if (marker === undefined || nl < 0) throw new HclError("malformed heredoc", i);
  let line = nl + 1;
  while (line <= text.length) {
    let next = text.indexOf("\n", line);
    if (next < 0) next = text.length;
    const content = text.slice(line, next).replace(/\r$/, "");
    if (content.trim() === marker) return { strip, bodyStart: nl + 1, bodyEnd: line, end: line + content.indexOf(marker) + marker.length };
    line = next + 1;
  }
  throw new HclError(`heredoc <<${strip ? "-" : ""}${marker} is never closed`, i);
}

/** After the opening bracket at `i` (`{`, `[` or `(`): the offset after its matching close. */
export function skipBalanced(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const c = text.charAt(j);
    if (c === '"') {
      j = skipString(text, j);
      continue;
    }
    if (c === "<" && text.startsWith("<<", j) && /[-A-Za-z_]/.test(text.charAt(j + 2))) {
      j = readHeredoc(text, j).end;
      continue;
    }
    if (c === "#" || text.startsWith("//", j) || text.startsWith("/*", j)) {
      j = skipTrivia(text, j, false);
      continue;
    }
    if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new HclError(`unclosed "${text.charAt(i)}"`, i);
}

/** The end of the expression starting at `i`: a line break, `,` or closing bracket at depth 0. */
export function expressionEnd(text: string, i: number): number {
  let j = i;
  let end = i;
  while (j < text.length) {
    const c = text.charAt(j);
    if (c === "\n" || c === "," || c === "}" || c === "]" || c === ")" || c === "#" || text.startsWith("//", j) || text.startsWith("/*", j)) break;
    if (c === '"') j = skipString(text, j);
    else if (c === "<" && text.startsWith("<<", j) && /[-A-Za-z_]/.test(text.charAt(j + 2))) j = readHeredoc(text, j).end;
    else if (c === "{" || c === "[" || c === "(") j = skipBalanced(text, j);
    else j++;
    if (!/\s/.test(c)) end = j;
  }
  return end;
}

export interface Attribute {
  readonly name: string;
  readonly nameStart: number;
  /** The expression's range (trimmed). */
  readonly start: number;
  readonly end: number;
}

/** The attributes (`name = expr`) of a block or object body between `open` (its `{`) and its close. */
export function readBody(text: string, open: number): { attributes: Attribute[]; end: number } {
  const attributes: Attribute[] = [];
  let i = open + 1;
  for (;;) {
    i = skipTrivia(text, i, true);
    while (text.charAt(i) === ",") i = skipTrivia(text, i + 1, true);
    const c = text.charAt(i);
    if (c === "}") return { attributes, end: i + 1 };
    if (i >= text.length) throw new HclError('unclosed "{"', open);
    let name: string | undefined;
    const nameStart = i;
    if (c === '"') {
      const close = skipString(text, i);
      name = text.slice(i + 1, close - 1);
      i = close;
    } else {
      name = readIdent(text, i);
      if (name === undefined) throw new HclError(`unexpected "${c}"`, i);
      i += name.length;
    }
    i = skipTrivia(text, i, false);
    const op = text.charAt(i);
    if (op === "=" || op === ":") {
      const start = skipTrivia(text, i + 1, false);
      const end = expressionEnd(text, start);
      attributes.push({ name, nameStart, start, end });
      i = end;
      continue;
    }
    // A nested block: labels, then a body.
    while (text.charAt(i) === '"' || isIdentStart(text.charAt(i))) {
      i = text.charAt(i) === '"' ? skipString(text, i) : i + (readIdent(text, i)?.length ?? 1);
      i = skipTrivia(text, i, false);
    }
    if (text.charAt(i) !== "{") throw new HclError(`expected "=" or a block after "${name}"`, i);
    i = skipBalanced(text, i);
  }
}

/** A top-level block: its type, labels and body. */
export interface Block {
  readonly type: string;
  readonly labels: readonly { readonly value: string; readonly start: number; readonly end: number }[];
  readonly start: number;
  readonly open: number;
}

/** The top-level blocks of a `.tf` file (attributes at top level are skipped). */
export function topLevelBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  for (;;) {
    i = skipTrivia(text, i, true);
    if (i >= text.length) return blocks;
    const start = i;
    const type = readIdent(text, i);
    if (type === undefined) throw new HclError(`unexpected "${text.charAt(i)}"`, i);
    i = skipTrivia(text, i + type.length, false);
    if (text.charAt(i) === "=") {
      i = expressionEnd(text, skipTrivia(text, i + 1, false));
      continue;
    }
    const labels: Block["labels"][number][] = [];
    while (text.charAt(i) === '"' || isIdentStart(text.charAt(i))) {
      if (text.charAt(i) === '"') {
        const close = skipString(text, i);
        labels.push({ value: text.slice(i + 1, close - 1), start: i, end: close });
        i = close;
      } else {
        const label = readIdent(text, i) ?? "";
        labels.push({ value: label, start: i, end: i + label.length });
        i += label.length;
      }
      i = skipTrivia(text, i, false);
    }
    if (text.charAt(i) !== "{") throw new HclError(`expected "{" after ${type}`, i);
    blocks.push({ type, labels, start, open: i });
    i = skipBalanced(text, i);
  }
}

const HCL_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/**
 * Decodes the quoted template at host[start, end) (quotes included): escapes are decoded,
 * interpolations (`${...}`, `%{...}`) are kept as written, for the placeholder pass.
 */
export function decodeHclString(text: string, start: number, end: number): Decoded {
  const b = new MapBuilder(start + 1);
  let i = start + 1;
  while (i < end - 1) {
    const c = text.charAt(i);
    if ((c === "$" || c === "%") && text.charAt(i + 1) === c && text.charAt(i + 2) === "{") {
      b.linear(text.slice(i, i + 3), i); // an escape: the placeholder pass renders it
      i += 3;
      continue;
    }
    if ((c === "$" || c === "%") && text.charAt(i + 1) === "{") {
      const close = skipBalanced(text, i + 1);
      b.linear(text.slice(i, close), i);
      i = close;
      continue;
    }
    if (c === "\\") {
      const e = text.charAt(i + 1);
      const width = e === "u" ? 4 : e === "U" ? 8 : 0;
      if (width > 0) {
        i = hexEscape(b, text, i, width);
      } else {
        b.atomic(HCL_ESCAPES[e] ?? e, i, i + 2);
        i += 2;
      }
      continue;
    }
    b.linear(c, i);
    i++;
  }
  return b.build();
}

/** The text of a heredoc with its map; `<<-` removes the smallest indentation of its non-blank lines. */
export function decodeHeredoc(text: string, heredoc: Heredoc): Decoded {
  const lines: [number, number, number][] = []; // start, end (before \r\n), next
  let s = heredoc.bodyStart;
  while (s < heredoc.bodyEnd) {
    let nl = text.indexOf("\n", s);
    if (nl < 0 || nl >= heredoc.bodyEnd) nl = heredoc.bodyEnd - 1;
    const e = text.charAt(nl - 1) === "\r" ? nl - 1 : nl;
    lines.push([s, e, nl + 1]);
    s = nl + 1;
  }
  let indent = 0;
  if (heredoc.strip) {
    indent = Infinity;
    for (const [ls, le] of lines) {
      const line = text.slice(ls, le);
      if (line.trim() === "") continue;
      indent = Math.min(indent, line.length - line.trimStart().length);
    }
    if (indent === Infinity) indent = 0;
  }
  const b = new MapBuilder(heredoc.bodyStart);
  for (const [ls, le, next] of lines) {
    const from = Math.min(ls + indent, le);
    b.linear(text.slice(from, le), from);
    b.atomic("\n", le, next);
  }
  return b.build();
}
