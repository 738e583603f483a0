/**
 * From a rule's edits to the one edit per finding that results carry (ESLint's `fix`), in the file the
 * user has: the flow's own text, or the container (template, Terraform file) that holds it. And
 * applying the fixes of a file's findings, as ESLint's fixer does.
 */
import type { JsonDocument, OffsetMap } from "../parse/json-document.js";
import type { TextEdit } from "./fixer.js";

/** A fix as results carry it: replace `[range[0], range[1])` of the file's text by `text`. */
export interface Fix {
  /** Offsets in the text the finding's positions are in (after a byte-order mark). */
  readonly range: readonly [number, number];
  readonly text: string;
}

/** Appended to a finding whose fix cannot be made in the container that holds the flow. */
export const FIXABLE_ONLY_IN_EXPORT = "(Fixable only in the exported flow: its text in this file is escaped.)";

/** Merges edits (sorted, not overlapping) of `text` into one: the text between them is kept as it is. */
export function mergeEdits(text: string, edits: readonly { readonly start: number; readonly end: number; readonly text: string }[]): Fix | undefined {
  const first = edits[0];
  const last = edits[edits.length - 1];
  if (!first || !last) return undefined;
  let out = "";
  let at = first.start;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return { range: [first.start, last.end], text: out };
}

/** Characters a replacement may hold inside a container: none of them is escaped or special in any host we read. */
const PLAIN = /^[A-Za-z0-9 _.,;@/+=()[\]-]*$/;

/** True for a control character other than a line break (LF, CR), or a single quote (YAML's escape). */
function hasControlOrQuote(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 10 && c !== 13) || c === 0x27) return true;
  }
  return false;
}

/**
 * The host range of document edit `edit`, when the edit can be made in the host exactly; `undefined`
 * when it cannot (the edited characters come from escapes, a placeholder or a template directive, or the
 * new text would need escaping there).
 *
 * Removal: every removed character comes from host text of its own (a character, an escape, a folded
 * line break) and the host text between them that produced nothing is indentation (a block scalar's).
 * Replacement and insertion: every replaced character is the same character in the host, side by side,
 * the insertion point sits between two such characters, and the new text needs no escaping.
 */
export function editInHost(doc: JsonDocument, map: OffsetMap, hostText: string, edit: TextEdit): { start: number; end: number; text: string } | undefined {
  const { start, end } = edit.span;
  const length = doc.text.length;
  const hostOf = (i: number): [number, number] => [map.toHost(i), map.toHostEnd(i + 1)];
  const verbatim = (i: number): boolean => {
    const [s, e] = hostOf(i);
    return e - s === 1 && hostText.charCodeAt(s) === doc.text.charCodeAt(i);
  };
  if (edit.text === "") {
    for (let i = start; i < end; i++) {
      const [s, e] = hostOf(i);
      if (e <= s) return undefined; // a character the extractor inserted (quotes around a placeholder)
      const piece = hostText.slice(s, e);
      const c = doc.text.charAt(i);
      const ok = piece === c || piece.startsWith("\\") || (c === "'" && piece === "''") || (/^\s+$/.test(c) && /^\s+$/.test(piece));
      if (!ok) return undefined;
      if (i + 1 < end) {
        const gap = hostText.slice(e, map.toHost(i + 1));
        if (gap !== "" && !/^[ \t]+$/.test(gap)) return undefined;
      }
    }
    return end > start ? { start: map.toHost(start), end: map.toHostEnd(end), text: "" } : undefined;
  }
  let text = edit.text;
  if (!PLAIN.test(text)) {
    // Quotes, line breaks and the like are written as they are only where the host holds the JSON
    // verbatim (a block scalar, a heredoc, a template): there the quote before the edit is a quote.
    if (hasControlOrQuote(text) || /[$%]\{/.test(text)) return undefined;
    const quote = doc.text.lastIndexOf('"', start - 1);
    if (quote < 0 || !verbatim(quote)) return undefined;
    if (text.includes("\n")) {
      // Each new line takes the indentation the host strips from the lines around it.
      const lineBreak = doc.text.lastIndexOf("\n", start - 1);
      if (lineBreak < 0 || !verbatim(lineBreak)) return undefined;
      const indentation = hostText.slice(map.toHostEnd(lineBreak + 1), map.toHost(lineBreak + 1));
      if (!/^[ \t]*$/.test(indentation)) return undefined;
      text = text.replace(/\n/g, "\n" + indentation);
    }
  }
  if (end > start) {
    for (let i = start; i < end; i++) {
      if (!verbatim(i)) return undefined;
      if (i + 1 < end && map.toHostEnd(i + 1) !== map.toHost(i + 1)) return undefined;
    }
    return { start: map.toHost(start), end: map.toHostEnd(end), text };
  }
  // An insertion goes between two verbatim characters that are side by side in the host.
  if (start === 0 || start >= length || !verbatim(start - 1) || !verbatim(start)) return undefined;
  const hostStart = map.toHostEnd(start);
  const hostEnd = map.toHost(start);
  if (hostEnd !== hostStart) return undefined;
  return { start: hostStart, end: hostEnd, text };
}

/**
 * The one fix of a finding, in the file the user has. `"container"` when the flow sits in a container
 * where the edits cannot be made exactly (the finding is then fixable only in the exported flow).
 */
export function fixInFile(doc: JsonDocument, edits: readonly TextEdit[]): Fix | "container" | undefined {
  const host = doc.host;
  if (!host) return mergeEdits(doc.text, edits.map((e) => ({ start: e.span.start, end: e.span.end, text: e.text })));
  const hostText = host.lines.text;
  const mapped: { start: number; end: number; text: string }[] = [];
  for (const edit of edits) {
    const m = editInHost(doc, host.map, hostText, edit);
    if (!m) return "container";
    mapped.push(m);
  }
  mapped.sort((a, b) => a.start - b.start);
  for (let i = 1; i < mapped.length; i++) if ((mapped[i]?.start ?? 0) < (mapped[i - 1]?.end ?? 0)) return "container";
  return mergeEdits(hostText, mapped);
}

/** A finding with a fix, as `applyFixes` takes them. */
export interface Fixable {
  readonly fix?: Fix | undefined;
}

/**
 * Applies the fixes of `messages` to `text`, as ESLint does: in order of position, a fix that overlaps
 * one already taken (or touches it, unless both only remove text) is left for the next pass.
 */
export function applyFixes<M extends Fixable>(text: string, messages: readonly M[]): { output: string; applied: M[]; skipped: M[] } {
  const withFix = messages.filter((m): m is M & { fix: Fix } => m.fix !== undefined);
  const ordered = [...withFix].sort((a, b) => a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1]);
  const applied: M[] = [];
  const skipped: M[] = [];
  let out = "";
  let at = 0;
  let lastEnd = -1;
  let lastRemoval = false;
  for (const m of ordered) {
    const [start, end] = m.fix.range;
    const removal = m.fix.text === "" && end > start;
    if (start < lastEnd || (start === lastEnd && !(removal && lastRemoval)) || start < 0 || end > text.length || end < start) {
      skipped.push(m);
      continue;
    }
    out += text.slice(at, start) + m.fix.text;
    at = end;
    lastEnd = end;
    lastRemoval = removal;
    applied.push(m);
  }
  out += text.slice(at);
  return { output: out, applied, skipped };
}
