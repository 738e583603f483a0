import { describe, expect, it } from "vitest";
import { LineIndex, applyFixes, createFixer, extractDocuments, fixInFile, mergeEdits, minimalEdit, parseJson } from "@connect-lint/core";
import type { Fix, JsonDocument, TextEdit } from "@connect-lint/core";

function doc(text: string): JsonDocument {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.document;
}

/** Applies a fixer's edits to the text. */
function edit(text: string, make: (d: JsonDocument) => TextEdit | readonly TextEdit[] | undefined): string {
  const d = doc(text);
  const made = make(d);
  if (made === undefined) throw new Error("no edit");
  const edits = Array.isArray(made) ? (made as readonly TextEdit[]) : [made as TextEdit];
  const fix = mergeEdits(text, edits.map((e) => ({ start: e.span.start, end: e.span.end, text: e.text })));
  if (!fix) throw new Error("no fix");
  return applyFixes(text, [{ fix }]).output;
}

const fixer = (d: JsonDocument) => createFixer(d);

describe("removeMember keeps the layout of the object", () => {
  const pretty = '{\n    "a": 1,\n    "b": 2,\n    "c": 3\n}\n';
  it("a member with others after it: up to the next key", () => {
    expect(edit(pretty, (d) => fixer(d).removeMember("/a"))).toBe('{\n    "b": 2,\n    "c": 3\n}\n');
    expect(edit(pretty, (d) => fixer(d).removeMember("/b"))).toBe('{\n    "a": 1,\n    "c": 3\n}\n');
  });
  it("the last member: from the end of the one before", () => {
    expect(edit(pretty, (d) => fixer(d).removeMember("/c"))).toBe('{\n    "a": 1,\n    "b": 2\n}\n');
  });
  it("the only member: everything between the braces", () => {
    expect(edit('{"x": {\n  "only": true\n}}', (d) => fixer(d).removeMember("/x/only"))).toBe('{"x": {}}');
  });
  it("tabs, CRLF and minified text", () => {
    expect(edit('{\r\n\t"a": 1,\r\n\t"b": 2\r\n}', (d) => fixer(d).removeMember("/b"))).toBe('{\r\n\t"a": 1\r\n}');
    expect(edit('{"a":1,"b":2,"c":3}', (d) => fixer(d).removeMember("/b"))).toBe('{"a":1,"c":3}');
  });
  it("names nothing for a missing member or a pointer into an array", () => {
    expect(fixer(doc('{"a":[1]}')).removeMember("/b")).toBeUndefined();
    expect(fixer(doc('{"a":[1]}')).removeMember("/a/0")).toBeUndefined();
  });
  it("a duplicate key: the last one, which JSON.parse keeps", () => {
    expect(edit('{"a":1,"a":2,"b":3}', (d) => fixer(d).removeMember("/a"))).toBe('{"a":1,"b":3}');
  });
});

describe("remove takes several items at once without overlapping edits", () => {
  it("adjacent elements, the last ones, and members of another object", () => {
    const text = '{"A": [\n  {"id": 1},\n  {"id": 2},\n  {"id": 3},\n  {"id": 4}\n], "M": {"x": 1, "y": 2}}';
    expect(edit(text, (d) => fixer(d).remove(["/A/2", "/A/3", "/M/y"]))).toBe('{"A": [\n  {"id": 1},\n  {"id": 2}\n], "M": {"x": 1}}');
    expect(edit(text, (d) => fixer(d).remove(["/A/0", "/A/1", "/A/3"]))).toBe('{"A": [\n  {"id": 3}\n], "M": {"x": 1, "y": 2}}');
    expect(edit(text, (d) => fixer(d).remove(["/A/0", "/A/1", "/A/2", "/A/3"]))).toBe('{"A": [], "M": {"x": 1, "y": 2}}');
  });
  it("removeArrayElement of one element", () => {
    expect(edit("[1, 2, 3]", (d) => fixer(d).removeArrayElement("/1"))).toBe("[1, 3]");
    expect(edit("[1, 2, 3]", (d) => fixer(d).removeArrayElement("/2"))).toBe("[1, 2]");
  });
});

describe("insertMember matches the object's layout", () => {
  it("after the last member, with the separator and colon the object uses", () => {
    expect(edit('{\n  "a": 1,\n  "b": 2\n}', (d) => fixer(d).insertMember("", "c", "x"))).toBe('{\n  "a": 1,\n  "b": 2,\n  "c": "x"\n}');
    expect(edit('{"a":1}', (d) => fixer(d).insertMember("", "c", "x"))).toBe('{"a":1,"c":"x"}');
    expect(edit('{ "a" : 1 }', (d) => fixer(d).insertMember("", "c", "x"))).toBe('{ "a" : 1, "c" : "x" }');
    expect(edit('{\r\n\t"a": 1\r\n}', (d) => fixer(d).insertMember("", "c", "x"))).toBe('{\r\n\t"a": 1,\r\n\t"c": "x"\r\n}');
  });
  it("into an empty object", () => {
    expect(edit('{"o":{}}', (d) => fixer(d).insertMember("/o", "c", 1))).toBe('{"o":{"c":1}}');
  });
});

describe("replaceValue edits only the characters that differ", () => {
  it("a string", () => {
    const d = doc('{"Type": "messageparticipant"}');
    expect(fixer(d).replaceValue("/Type", "MessageParticipant")).toEqual({ span: { start: 10, end: 18 }, text: "MessageP" });
  });
  it("the same value is no edit", () => {
    expect(fixer(doc('{"a": "x"}')).replaceValue("/a", "x")).toBeUndefined();
    expect(minimalEdit("abc", 0, 3, "abc")).toBeUndefined();
  });
});

describe("applyFixes, as ESLint's fixer", () => {
  const fix = (start: number, end: number, text: string): { fix: Fix } => ({ fix: { range: [start, end], text } });
  it("skips a fix that overlaps one taken, and one that touches it unless both remove", () => {
    const r = applyFixes("0123456789", [fix(2, 5, "x"), fix(4, 6, "y"), fix(5, 6, "z"), fix(8, 9, "")]);
    expect(r.output).toBe("01x5679");
    expect(r.applied.map((m) => m.fix.text)).toEqual(["x", ""]);
    expect(r.skipped.map((m) => m.fix.text)).toEqual(["y", "z"]);
    expect(applyFixes("0123456789", [fix(2, 5, ""), fix(5, 6, "")]).output).toBe("016789");
  });
});

describe("fixes in containers", () => {
  const yaml = (content: string): string =>
    ["Resources:", "  F:", "    Type: AWS::Connect::ContactFlow", "    Properties:", `      Content: ${content}`, ""].join("\n");
  function hostFix(host: string, make: (d: JsonDocument) => TextEdit | readonly TextEdit[] | undefined): string | undefined {
    const extracted = extractDocuments("t.yaml", host);
    const source = extracted?.documents[0];
    if (!source) throw new Error("no document");
    const parsed = parseJson(source.text, { host: { lines: new LineIndex(host), map: source.map } });
    if (!parsed.ok) throw new Error(parsed.message);
    const made = make(parsed.document);
    if (!made) return undefined;
    const f = fixInFile(parsed.document, Array.isArray(made) ? (made as readonly TextEdit[]) : [made as TextEdit]);
    return f === "container" || f === undefined ? f : applyFixes(host, [{ fix: f }]).output;
  }
  const block = '|\n        {\n          "a": 1,\n          "Type": "x",\n          "o": {\n            "k": 1\n          }\n        }\n';
  it("a block scalar: removal, replacement and an insertion that takes the scalar's indentation", () => {
    expect(hostFix(yaml(block), (d) => createFixer(d).removeMember("/a"))).toBe(yaml(block.replace('"a": 1,\n          ', "")));
    expect(hostFix(yaml(block), (d) => createFixer(d).replaceValue("/Type", "y"))).toBe(yaml(block.replace('"x"', '"y"')));
    expect(hostFix(yaml(block), (d) => createFixer(d).insertMember("/o", "n", "v"))).toBe(yaml(block.replace('"k": 1', '"k": 1,\n            "n": "v"')));
  });
  const quoted = '"{\\"a\\": 1, \\"Type\\": \\"x\\", \\"o\\": {\\"k\\": 1}}"';
  it("a double-quoted scalar: removal through escapes and a plain replacement are exact; an insertion with quotes is not", () => {
    expect(hostFix(yaml(quoted), (d) => createFixer(d).removeMember("/a"))).toBe(yaml(quoted.replace('\\"a\\": 1, ', "")));
    expect(hostFix(yaml(quoted), (d) => createFixer(d).replaceValue("/Type", "y"))).toBe(yaml(quoted.replace('\\"x\\"', '\\"y\\"')));
    expect(hostFix(yaml(quoted), (d) => createFixer(d).insertMember("/o", "n", "v"))).toBe("container");
  });
  it("a placeholder is never removed in part, a Sub's ${} never written", () => {
    const sub = '!Sub |\n        {"a": "${AWS::Region}", "b": 1}\n';
    expect(hostFix(yaml(sub), (d) => createFixer(d).removeMember("/a"))).toBe(yaml(sub.replace('"a": "${AWS::Region}", ', "")));
    expect(hostFix(yaml(sub), (d) => createFixer(d).replaceValue("/b", "${x}"))).toBe("container");
  });
});
