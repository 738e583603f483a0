import { describe, expect, it } from "vitest";
import { parseJson, pointerOf, pointerToPath, pointerTokens } from "@connect-lint/core";
import type { JsonDocument, ParseOutcome } from "@connect-lint/core";

function doc(text: string): JsonDocument {
  const outcome = parseJson(text);
  if (!outcome.ok) throw new Error(`expected valid JSON: ${outcome.message}`);
  return outcome.document;
}

function failure(outcome: ParseOutcome): { message: string; at: string } {
  if (outcome.ok) throw new Error("expected a parse failure");
  const { start, end } = outcome.range;
  return { message: outcome.message, at: `${String(start.line)}:${String(start.column)}-${String(end.line)}:${String(end.column)}` };
}

describe("parseJson: invalid input gives a message and a position, never an exception", () => {
  it("points at an unexpected closing brace", () => {
    expect(failure(parseJson('{\n  "a": [1,\n  }\n'))).toEqual({ message: "Invalid JSON: Unexpected '}'", at: "3:3-3:4" });
  });
  it("points at trailing garbage", () => {
    expect(failure(parseJson('{"a":1}x'))).toEqual({ message: "Invalid JSON: Unexpected character 'x'", at: "1:8-1:9" });
  });
  it("points at the end of a truncated file", () => {
    expect(failure(parseJson('{"Actions": [\n  {"Identifier": "a"'))).toEqual({ message: "Invalid JSON: Unexpected end of file", at: "2:21-2:21" });
  });
  it("says a file that stops after a comma is truncated", () => {
    expect(failure(parseJson('{\n  "Actions": [\n    {},\n'))).toEqual({
      message: "Invalid JSON: Unexpected end of file after ',' (is the file truncated?)",
      at: "3:7-3:8",
    });
  });
  it("says an empty file is empty", () => {
    expect(failure(parseJson(""))).toEqual({ message: "File is empty: expected a JSON object", at: "1:1-1:1" });
    expect(failure(parseJson("  \n\t"))).toEqual({ message: "File is empty: expected a JSON object", at: "1:1-1:2" });
  });
  it("rejects a raw control character in a string, which JSON does not allow", () => {
    const f = failure(parseJson('{"a": "x\u0001y"}'));
    expect(f.at).toBe("1:9-1:10");
    expect(f.message).toMatch(/^Invalid JSON: Bad control character in string literal/);
  });
  it("counts lines of CRLF files once per line break", () => {
    expect(failure(parseJson('{\r\n  "a": 1,\r\n  ]\r\n}'))).toEqual({ message: "Invalid JSON: Unexpected ']'", at: "3:3-3:4" });
  });
});

describe("JsonDocument.locate", () => {
  const text = '{\n  "Version": "2019-10-30",\n  "Actions": [\n    { "Identifier": "a", "Type": "Compare" },\n    { "Identifier": "b/c", "~x": 1 }\n  ]\n}\n';

  it("resolves a value by pointer", () => {
    expect(doc(text).locate("/Actions/0/Type")).toEqual({ start: { line: 4, column: 34 }, end: { line: 4, column: 43 } });
  });
  it("resolves a key when asked", () => {
    expect(doc(text).locate("/Actions/0/Type", { key: true })).toEqual({ start: { line: 4, column: 26 }, end: { line: 4, column: 32 } });
  });
  it("unescapes ~0 and ~1 in pointers", () => {
    expect(doc(text).locate(pointerOf("Actions", 1, "~x"))).toEqual({ start: { line: 5, column: 34 }, end: { line: 5, column: 35 } });
  });
  it("falls back to the nearest existing ancestor", () => {
    expect(doc(text).locate("/Actions/0/Parameters")).toEqual({ start: { line: 4, column: 5 }, end: { line: 4, column: 45 } });
    expect(doc(text).locate("/Actions/9")).toEqual({ start: { line: 3, column: 14 }, end: { line: 6, column: 4 } });
  });
  it("ignores a byte-order mark: positions are those after it", () => {
    const bom = doc('\uFEFF{"StartAction": "x"}');
    expect(bom.value).toEqual({ StartAction: "x" });
    expect(bom.locate("/StartAction")).toEqual({ start: { line: 1, column: 17 }, end: { line: 1, column: 20 } });
  });
  it("handles CRLF line endings", () => {
    expect(doc('{\r\n  "a": {\r\n    "b": true\r\n  }\r\n}').locate("/a/b")).toEqual({ start: { line: 3, column: 10 }, end: { line: 3, column: 14 } });
  });
  it("handles minified files", () => {
    const minified = '{"Actions":[{"Identifier":"x","Type":"Wait"},{"Identifier":"y","Type":"Loop"}]}';
    expect(doc(minified).locate("/Actions/1/Type")).toEqual({ start: { line: 1, column: 71 }, end: { line: 1, column: 77 } });
  });
  it("takes the last of duplicate keys, as JSON.parse does", () => {
    const d = doc('{"a": 1,\n "a": 2}');
    expect(d.value).toEqual({ a: 2 });
    expect(d.locate("/a")).toEqual({ start: { line: 2, column: 7 }, end: { line: 2, column: 8 } });
  });
  it("treats __proto__ as an ordinary key", () => {
    const d = doc('{"__proto__": {"x": 1}}');
    expect(d.locate("/__proto__/x")).toEqual({ start: { line: 1, column: 21 }, end: { line: 1, column: 22 } });
  });
});

describe("pointers", () => {
  it("round-trips tokens", () => {
    expect(pointerOf("a/b", "c~d", 0)).toBe("/a~1b/c~0d/0");
    expect(pointerTokens("/a~1b/c~0d/0")).toEqual(["a/b", "c~d", "0"]);
    expect(pointerTokens("")).toEqual([]);
  });
  it("renders a readable path", () => {
    expect(pointerToPath("/Actions/3/Transitions/Errors/0")).toBe("Actions[3].Transitions.Errors[0]");
    expect(pointerToPath("/Metadata/ActionMetadata/a b")).toBe('Metadata.ActionMetadata["a b"]');
    expect(pointerToPath("")).toBe("document");
  });
});

describe("JsonDocument.find and itemsAt (what fixes edit)", () => {
  const parsed = parseJson('{"a": [1, {"b": "x"}], "k": 1, "k": {"z": null}}');
  if (!parsed.ok) throw new Error(parsed.message);
  const doc = parsed.document;
  it("finds a value exactly, and nothing for a path that is not there", () => {
    expect(doc.find("/a/1/b")).toEqual({ start: 16, end: 19 });
    expect(doc.find("/k/z")).toEqual({ start: 42, end: 46 });
    expect(doc.find("/a/2")).toBeUndefined();
    expect(doc.find("/a/0/x")).toBeUndefined();
    expect(doc.find("/missing")).toBeUndefined();
  });
  it("lists members in text order, a key written twice included, and elements", () => {
    const root = doc.itemsAt("");
    expect(root?.span).toEqual({ start: 0, end: 48 });
    if (root?.items.kind !== "object") throw new Error("expected an object");
    expect(root.items.members.map((m) => [m.key.start, m.key.end, m.value.start, m.value.end])).toEqual([
      [1, 4, 6, 21],
      [23, 26, 28, 29],
      [31, 34, 36, 47],
    ]);
    expect([root.items.indexOf("k"), root.items.indexOf("a"), root.items.indexOf("nope")]).toEqual([2, 0, -1]);
    const array = doc.itemsAt("/a");
    expect(array?.items.kind === "array" ? array.items.elements : undefined).toEqual([
      { start: 7, end: 8 },
      { start: 10, end: 20 },
    ]);
    expect(doc.itemsAt("/k/z")).toBeUndefined();
  });
});
