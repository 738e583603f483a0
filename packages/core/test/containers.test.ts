import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { FLOW_DOCUMENT_SCHEMA, parseJson } from "@connect-lint/core";
import { containerEnd, scanContainers } from "../src/parse/containers.js";

describe("scanContainers", () => {
  it("gives where every array and object opens and ends, brackets in strings skipped", () => {
    const text = '{"a": [1, {"b": "]}[{"}], "c\\"[": {}}';
    const table = scanContainers(text);
    expect([...table.opens]).toEqual([0, 6, 10, 34]);
    expect([...table.ends]).toEqual([37, 24, 23, 36]);
    expect(containerEnd(table, 0)).toBe(text.length);
    expect(text.slice(6, containerEnd(table, 6))).toBe('[1, {"b": "]}[{"}]');
    expect(text.slice(10, containerEnd(table, 10))).toBe('{"b": "]}[{"}');
    expect(containerEnd(table, 1)).toBe(-1); // no container opens there
  });

  it("marks containers that are not closed, ignores stray closing brackets, stops at an unterminated string", () => {
    const table = scanContainers(']{"a": [1, "x');
    expect([...table.opens]).toEqual([1, 7]);
    expect([...table.ends]).toEqual([-1, -1]);
  });

  it("grows past its first guess of the number of containers", () => {
    const text = `[${"[],".repeat(5000)}[]]`;
    const table = scanContainers(text);
    expect(table.opens.length).toBe(5002);
    expect(containerEnd(table, 0)).toBe(text.length);
    expect(containerEnd(table, text.length - 3)).toBe(text.length - 1);
  });
});

describe("parseJson checks the depth on the parsed value", () => {
  it("parses valid JSON nested far deeper than the limit without overflowing, and reports the first bracket too deep", () => {
    const depth = 200_000;
    const outcome = parseJson(`${"[".repeat(depth)}${"]".repeat(depth)}`, { maxNestingDepth: 100 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe("too-deeply-nested");
    expect(outcome.span).toEqual({ start: 100, end: 101 });
  });

  it("blames the bracket in the text, also inside an object", () => {
    const outcome = parseJson('{"a": {"b": [[1]]}, "c": 2}', { maxNestingDepth: 3 });
    expect(outcome.ok ? undefined : [outcome.reason, outcome.span, outcome.message]).toEqual([
      "too-deeply-nested",
      { start: 13, end: 14 },
      "JSON nested too deeply: this '[' opens level 4, more than limits.maxNestingDepth (3); raise it in the configuration to lint this file",
    ]);
    expect(parseJson('{"a": {"b": [[1]]}, "c": 2}', { maxNestingDepth: 4 }).ok).toBe(true);
  });

  it("refuses text nested too deeply even under a duplicate key JSON.parse drops (the one pass before parsing reads the text)", () => {
    const outcome = parseJson('{"a": [[[[1]]]], "a": 1}', { maxNestingDepth: 2 });
    expect(outcome.ok ? undefined : [outcome.reason, outcome.span]).toEqual(["too-deeply-nested", { start: 7, end: 8 }]);
  });

  it("reports too-deeply-nested before a syntax error in text that is both", () => {
    const outcome = parseJson(`{"a": ${"[".repeat(5)}`, { maxNestingDepth: 3 });
    expect(outcome.ok ? undefined : [outcome.reason, outcome.span]).toEqual(["too-deeply-nested", { start: 8, end: 9 }]);
  });
});

describe("the flow document schema", () => {
  it("is a valid JSON Schema (its validator is generated without the meta-schema check)", () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    expect(ajv.validateSchema(FLOW_DOCUMENT_SCHEMA)).toBe(true);
    expect(() => ajv.compile(FLOW_DOCUMENT_SCHEMA)).not.toThrow();
  });
});
