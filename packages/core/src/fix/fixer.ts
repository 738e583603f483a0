/**
 * Fixes as text edits. A fix never re-serialises the flow: it replaces, removes or inserts the few
 * characters that change, so indentation, key order, line endings, minification and every untouched
 * byte stay as the file had them. Edits are found with the document's locator, which knows where each
 * member and element of the containers on a pointer's path starts and ends (what lies between them is
 * commas and whitespace); no syntax tree of the whole text is built.
 */
import { pointerOf, pointerTokens } from "../parse/json-document.js";
import type { ContainerItems, JsonDocument, Span } from "../parse/json-document.js";

/** A replacement of the document text `[span.start, span.end)` by `text` (offsets in the document's text). */
export interface TextEdit {
  readonly span: { readonly start: number; readonly end: number };
  readonly text: string;
}

/** What a rule's `fix` gives: one edit, several (applied together), or nothing (no safe fix after all). */
export type FixResult = TextEdit | readonly TextEdit[] | null | undefined;

/** Builds text edits on one document. Every method returns `undefined` when the pointer names nothing it can edit. */
export interface Fixer {
  /** Replaces the value at `pointer` by `value` as JSON (only the characters that differ are edited). */
  replaceValue(pointer: string, value: unknown): TextEdit | undefined;
  /** Removes the member at `pointer` with its comma and the whitespace before the next member. */
  removeMember(pointer: string): TextEdit | undefined;
  /** Removes the array element at `pointer` with its comma and the whitespace before the next element. */
  removeArrayElement(pointer: string): TextEdit | undefined;
  /**
   * Removes members and elements together (a block and its metadata entry, several blocks): adjacent
   * items of one list go in one edit, so the edits never overlap. `undefined` when a pointer names nothing.
   */
  remove(pointers: readonly string[]): TextEdit[] | undefined;
  /**
   * Adds `"key": value` as the last member of the object at `objectPointer`, laid out as its other
   * members are (same separator, same space after the colon; minified stays minified).
   */
  insertMember(objectPointer: string, key: string, value: unknown): TextEdit | undefined;
}

/** What a pointer names: the span of its value, and the array or object holding it with its position there. */
interface Located {
  readonly span: Span;
  readonly parent: { readonly pointer: string; readonly span: Span; readonly items: ContainerItems; readonly index: number } | undefined;
}

/** A value as JSON text; undefined for what JSON cannot hold (undefined, a function, a symbol). */
function toJson(value: unknown): string | undefined {
  return value === undefined || typeof value === "function" || typeof value === "symbol" ? undefined : JSON.stringify(value);
}

/** The value at `pointer`; for duplicate keys the last one, as JSON.parse keeps. */
function nodeAt(doc: JsonDocument, pointer: string): Located | undefined {
  const span = doc.find(pointer);
  if (!span) return undefined;
  const tokens = pointerTokens(pointer);
  const token = tokens.pop();
  if (token === undefined) return { span, parent: undefined };
  const parentPointer = pointerOf(...tokens);
  const parent = doc.itemsAt(parentPointer);
  if (!parent) return undefined;
  const index = parent.items.kind === "object" ? parent.items.indexOf(token) : Number(token);
  return { span, parent: { pointer: parentPointer, span: parent.span, items: parent.items, index } };
}

/** The smallest edit that turns `text[start, end)` into `replacement`: common prefix and suffix are kept. */
export function minimalEdit(text: string, start: number, end: number, replacement: string): TextEdit | undefined {
  const old = text.slice(start, end);
  if (old === replacement) return undefined;
  let prefix = 0;
  const max = Math.min(old.length, replacement.length);
  while (prefix < max && old.charCodeAt(prefix) === replacement.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)) suffix++;
  return { span: { start: start + prefix, end: end - suffix }, text: replacement.slice(prefix, replacement.length - suffix) };
}

/**
 * Removes items `removed` of a list whose items span `ranges` (an object's members from key to value,
 * an array's elements) inside brackets at `[open, close)`, one edit per run of adjacent removed items.
 * A run with items after it: from its first item to the next kept one (which takes its place,
 * indentation and all). A run at the end: from the end of the kept item before it (its comma and the
 * line break go). Every item: everything between the brackets.
 */
function removeItems(ranges: readonly (readonly [number, number])[], removed: ReadonlySet<number>, open: number, close: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let a = 0; a < ranges.length; a++) {
    if (!removed.has(a)) continue;
    let b = a;
    while (removed.has(b + 1) && b + 1 < ranges.length) b++;
    const first = ranges[a];
    const last = ranges[b];
    const next = ranges[b + 1];
    const previous = ranges[a - 1];
    if (first && last) {
      if (next) edits.push({ span: { start: first[0], end: next[0] }, text: "" });
      else if (previous) edits.push({ span: { start: previous[1], end: last[1] }, text: "" });
      else edits.push({ span: { start: open + 1, end: close - 1 }, text: "" });
    }
    a = b;
  }
  return edits;
}

export function createFixer(doc: JsonDocument): Fixer {
  const text = doc.text;
  return {
    replaceValue(pointer, value) {
      const found = nodeAt(doc, pointer);
      const json = toJson(value);
      if (!found || json === undefined) return undefined;
      return minimalEdit(text, found.span.start, found.span.end, json);
    },
    removeMember(pointer) {
      const found = nodeAt(doc, pointer);
      return found?.parent?.items.kind === "object" ? this.remove([pointer])?.[0] : undefined;
    },
    removeArrayElement(pointer) {
      const found = nodeAt(doc, pointer);
      return found?.parent?.items.kind === "array" ? this.remove([pointer])?.[0] : undefined;
    },
    remove(pointers) {
      // Grouped by the object or array holding them (by where it starts): adjacent items go in one edit.
      const groups = new Map<number, { parent: NonNullable<Located["parent"]>; removed: Set<number> }>();
      for (const pointer of pointers) {
        const parent = nodeAt(doc, pointer)?.parent;
        if (!parent) return undefined;
        let group = groups.get(parent.span.start);
        if (!group) groups.set(parent.span.start, (group = { parent, removed: new Set() }));
        group.removed.add(parent.index);
      }
      const edits: TextEdit[] = [];
      for (const { parent, removed } of groups.values()) {
        const { items, span } = parent;
        const ranges = items.kind === "object" ? items.members.map((m) => [m.key.start, m.value.end] as const) : items.elements.map((e) => [e.start, e.end] as const);
        edits.push(...removeItems(ranges, removed, span.start, span.end));
      }
      return edits.sort((x, y) => x.span.start - y.span.start);
    },
    insertMember(objectPointer, key, value) {
      const found = doc.itemsAt(objectPointer);
      const json = toJson(value);
      if (found?.items.kind !== "object" || json === undefined) return undefined;
      const members = found.items.members;
      const { start: open, end: close } = found.span;
      const last = members[members.length - 1];
      if (!last) {
        // `{}` or `{ }`: the member goes in as written between the braces of a minified object.
        return { span: { start: open + 1, end: close - 1 }, text: `${JSON.stringify(key)}:${json}` };
      }
      const colon = text.slice(last.key.end, last.value.start);
      const before = members[members.length - 2];
      // The separator the object uses between members: `,\n    `, `, ` or `,`.
      const separator = before ? text.slice(before.value.end, last.key.start) : "," + text.slice(open + 1, last.key.start);
      const at = last.value.end;
      return { span: { start: at, end: at }, text: `${separator}${JSON.stringify(key)}${colon}${json}` };
    },
  };
}

/** The edits of a fix result, in document order. Overlapping edits make the fix unusable (`undefined`). */
export function normaliseEdits(result: FixResult): TextEdit[] | undefined {
  if (!result) return undefined;
  const edits = (Array.isArray(result) ? [...(result as readonly TextEdit[])] : [result as TextEdit]).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  if (edits.length === 0) return undefined;
  for (let i = 1; i < edits.length; i++) {
    const previous = edits[i - 1];
    const edit = edits[i];
    if (previous && edit && edit.span.start < previous.span.end) return undefined;
  }
  return edits;
}
