import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { extractDocuments } from "@connect-lint/core";
import type { ExtractOptions, ExtractResult, SourceDocument } from "@connect-lint/core";

export const CONTAINERS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../fixtures/containers");

export function fixture(relative: string): { hostPath: string; text: string } {
  const hostPath = path.join(CONTAINERS, relative);
  return { hostPath, text: readFileSync(hostPath, "utf8") };
}

export function extract(relative: string, options?: ExtractOptions): ExtractResult {
  const { hostPath, text } = fixture(relative);
  const result = extractDocuments(hostPath, text, options);
  if (result === null) throw new Error(`${relative}: expected a container`);
  return result;
}

export function documentOf(result: ExtractResult, resource: string): SourceDocument {
  const found = result.documents.find((d) => d.resource === resource);
  if (found === undefined) throw new Error(`no document for ${resource}`);
  return found;
}

/** 1-based "line:column" of a host offset. */
export function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `${String(line)}:${String(offset - before.lastIndexOf("\n"))}`;
}

/** The unique offset of `needle` in `text` (fails the test when absent or repeated). */
export function at(text: string, needle: string, from = 0): number {
  const i = text.indexOf(needle, from);
  expect(i, `"${needle}" not found`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, i + 1), `"${needle}" is not unique`).toBe(-1);
  return i;
}

/** The host text a document range came from. */
export function hostSlice(doc: SourceDocument, host: string, start: number, end: number): string {
  return host.slice(doc.map.toHost(start), doc.map.toHostEnd(end));
}

/** The host text of the document's first occurrence of `needle`. */
export function hostOf(doc: SourceDocument, host: string, needle: string): string {
  const i = doc.text.indexOf(needle);
  expect(i, `"${needle}" not in the document`).toBeGreaterThanOrEqual(0);
  return hostSlice(doc, host, i, i + needle.length);
}

/** "line:column" in the host of the first occurrence of `needle` in the document. */
export function hostLineCol(doc: SourceDocument, host: string, needle: string): string {
  const i = doc.text.indexOf(needle);
  expect(i, `"${needle}" not in the document`).toBeGreaterThanOrEqual(0);
  return lineCol(host, doc.map.toHost(i));
}

/**
 * Every document character comes from host text that spells it: the same character, an escape, a
 * line break, `''`, `$$`/`%%`; or nothing (a quote, comma or space the extractor inserted); inside a
 * placeholder, anything. Host offsets never go backwards.
 */
export function checkMap(doc: SourceDocument, host: string): void {
  const inPlaceholder = (k: number): boolean => doc.placeholders.some((p) => k >= p.start && k < p.end);
  let previous = -1;
  for (let k = 0; k < doc.text.length; k++) {
    const s = doc.map.toHost(k);
    const e = doc.map.toHostEnd(k + 1);
    const where = `${doc.resource} @${String(k)} ${JSON.stringify(doc.text.slice(Math.max(0, k - 10), k + 10))}`;
    expect(s, where).toBeGreaterThanOrEqual(previous);
    previous = s;
    const ch = doc.text.charAt(k);
    const src = host.slice(s, e);
    if (inPlaceholder(k)) continue;
    if (e === s) expect(ch === '"' || ch === "," || ch === " ", `${where}: inserted "${ch}"`).toBe(true);
    else if (ch === " " && (src === "\n" || src === "\r\n")) continue; // a folded line break
    else if (ch === ":" && src === "=") continue; // HCL object syntax
    else if (ch === "\n" && src === "\r\n") continue;
    else if (src.length === 1 && JSON.stringify(src).length > 3 && JSON.stringify(src).includes(ch)) continue; // JSON escape of a raw character
    else if (e - s === 1) expect(src, where).toBe(ch);
    else expect(src, `${where} "${ch}"`).toMatch(/^(\\[^ux]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|''|\$\$|%%)$/);
  }
}
