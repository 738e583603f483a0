import { CharMap, MapBuilder } from "./offset-map.js";
import type { PlaceholderSpan } from "./types.js";

/**
 * Which `${...}` syntax the host renders: `cfn-sub` (CloudFormation `Fn::Sub`: `${Name}`, `${!Literal}`),
 * `terraform` (Terraform templates: `${expr}`, `%{ directive }`, `$${` and `%%{` escapes) or `none`.
 * `{{...}}` and the user's patterns are placeholders in every syntax.
 */
export type TemplateSyntax = "none" | "cfn-sub" | "terraform";

export interface Substituted {
  readonly text: string;
  /** Offsets of `text` to offsets of the input text. */
  readonly map: CharMap;
  readonly placeholders: PlaceholderSpan[];
}

/** Global copies of the user's patterns (a pattern without the `g` flag would match only once). */
export function globalPatterns(patterns: readonly RegExp[] | undefined): RegExp[] {
  return (patterns ?? []).map((p) => (p.flags.includes("g") ? new RegExp(p.source, p.flags) : new RegExp(p.source, `${p.flags}g`)));
}

/** The offset after the `}` matching the `{` at `open`, skipping quoted strings; -1 when unclosed. */
function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c /* \ */) i++;
      }
    } else if (c === 0x7b /* { */) {
      depth++;
    } else if (c === 0x7d /* } */) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The placeholder's text as it goes into the document: quotes, backslashes and line breaks neutralised, same length. */
export function neutral(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    out += c === 0x22 || c === 0x5c ? "'" : c < 0x20 ? " " : raw.charAt(i);
  }
  return out;
}

/**
 * Marks (and where needed rewrites) the deployment placeholders of a flow text so it parses as JSON
 * with every placeholder inside a JSON string: a placeholder inside a string keeps its characters
 * (quotes and backslashes inside it become `'`, so the string stays well formed); a substitution
 * outside any string is wrapped in quotes; a directive outside any string becomes spaces. Escapes
 * of the syntax (`${!x}`, `$${x}`, `%%{x}`) become what the host renders.
 */
export function substitutePlaceholders(text: string, syntax: TemplateSyntax, patterns: readonly RegExp[]): Substituted {
  const user: [number, number][] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      if (m[0].length > 0) user.push([m.index, m.index + m[0].length]);
    }
  }
  user.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const candidates = text.includes("{{") || (syntax !== "none" && (text.includes("${") || text.includes("%{")));
  if (user.length === 0 && !candidates) {
    return { text, map: CharMap.identity(text.length), placeholders: [] };
  }

  const b = new MapBuilder(0);
  const placeholders: PlaceholderSpan[] = [];
  let inString = false;
  let u = 0;
  const placeholder = (start: number, end: number, kind: PlaceholderSpan["kind"]): void => {
    const chars = neutral(text.slice(start, end));
    if (inString) {
      placeholders.push({ start: b.length, end: b.length + chars.length, kind, inserted: false });
      b.linear(chars, start);
    } else if (kind === "directive") {
      placeholders.push({ start: b.length, end: b.length + chars.length, kind, inserted: true });
      b.linear(" ".repeat(chars.length), start);
    } else {
      b.atomic('"', start, start);
      placeholders.push({ start: b.length, end: b.length + chars.length, kind, inserted: true });
      b.linear(chars, start);
      b.atomic('"', end, end);
    }
  };

  let i = 0;
  while (i < text.length) {
    while (u < user.length && (user[u]?.[0] ?? 0) < i) u++;
    const next = user[u];
    if (next?.[0] === i) {
      placeholder(next[0], next[1], "substitution");
      i = next[1];
      continue;
    }
    const c = text.charAt(i);
    if (inString && c === "\\") {
      b.linear(text.slice(i, i + 2), i);
      i += 2;
      continue;
    }
    if (c === '"') {
      inString = !inString;
      b.linear(c, i);
      i++;
      continue;
    }
    if (syntax === "terraform") {
      if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
        b.atomic(c, i, i + 2);
        b.linear("{", i + 2);
        i += 3;
        continue;
      }
      if (text.startsWith("${", i) || text.startsWith("%{", i)) {
        const end = matchBrace(text, i + 1);
        if (end > 0) {
          placeholder(i, end, c === "%" ? "directive" : "substitution");
          i = end;
          continue;
        }
      }
    } else if (syntax === "cfn-sub" && text.startsWith("${", i)) {
      if (text.startsWith("${!", i)) {
        b.linear("${", i);
        i += 3;
        continue;
      }
      const close = text.indexOf("}", i + 2);
      if (close > 0) {
        placeholder(i, close + 1, "substitution");
        i = close + 1;
        continue;
      }
    }
    if (text.startsWith("{{", i)) {
      const close = text.indexOf("}}", i + 2);
      if (close > 0 && !text.slice(i + 2, close).includes("\n")) {
        placeholder(i, close + 2, "substitution");
        i = close + 2;
        continue;
      }
    }
    b.linear(c, i);
    i++;
  }
  const built = b.build();
  return { text: built.text, map: built.map, placeholders };
}
