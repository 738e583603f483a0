import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, findExcessiveNesting, lintText, parseJson, resolveLimits } from "@connect-lint/core";

const nested = (depth: number, open = "[", close = "]"): string => open.repeat(depth) + close.repeat(depth);

describe("findExcessiveNesting", () => {
  it("finds the bracket that opens the first level over the limit", () => {
    expect(findExcessiveNesting(nested(3), 3)).toBeUndefined();
    expect(findExcessiveNesting(nested(4), 3)).toBe(3);
    expect(findExcessiveNesting('{"a":[{"b":[1]}]}', 3)).toBe(11);
    expect(findExcessiveNesting('{"a":[{"b":[1]}]}', 4)).toBeUndefined();
    // Siblings do not add up.
    expect(findExcessiveNesting("[[[]],[[]],[[]]]", 3)).toBeUndefined();
  });

  it("skips brackets in strings, escaped quotes included", () => {
    expect(findExcessiveNesting(`["${"[".repeat(50)}"]`, 2)).toBeUndefined();
    expect(findExcessiveNesting(`["\\"[[[[", "\\\\", [[1]]]`, 3)).toBeUndefined();
    expect(findExcessiveNesting(`["\\\\", [[[1]]]]`, 3)).toBe(9);
  });

  it("needs no valid JSON and never recurses", () => {
    expect(findExcessiveNesting('["unterminated [[[[[[', 2)).toBeUndefined();
    expect(findExcessiveNesting("]]]]]][[", 1)).toBe(7);
    expect(findExcessiveNesting("[".repeat(1_000_000), 100)).toBe(100);
  });
});

describe("parseJson and lintText apply the limits", () => {
  it("parseJson refuses text nested deeper than the default limit, positioned at the bracket", () => {
    const text = `{\n  "a": ${nested(DEFAULT_LIMITS.maxNestingDepth)}\n}`;
    const outcome = parseJson(text);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe("too-deeply-nested");
    expect(outcome.range).toEqual({ start: { line: 2, column: 8 + DEFAULT_LIMITS.maxNestingDepth - 1 }, end: { line: 2, column: 8 + DEFAULT_LIMITS.maxNestingDepth } });
    expect(parseJson(text, { maxNestingDepth: DEFAULT_LIMITS.maxNestingDepth + 1 }).ok).toBe(true);
  });

  it("lintText reports a file over maxFileSize in UTF-8 bytes, once, without parsing it", () => {
    const text = `{"Version":"2019-10-30","StartAction":"a","Actions":[],"x":"${"é".repeat(600)}"}`; // 662 characters, 1,262 bytes
    const result = lintText(text, { filePath: "/f.json", rules: [], explicit: true, limits: { maxFileSize: 1000 } });
    expect(result?.messages).toEqual([
      {
        ruleId: "file-too-large",
        messageId: "file-too-large",
        severity: 2,
        message: "File is too large to lint: 1262 bytes is more than limits.maxFileSize, 1000 bytes; raise it in the configuration to lint this file",
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        fatal: true,
      },
    ]);
    expect(lintText(text, { filePath: "/f.json", rules: [], explicit: true, limits: { maxFileSize: 1262 } })?.messages).toEqual([]);
  });

  it("lintText reports too-deeply-nested as a fatal error and honours a raised limit", () => {
    const text = `{"Version":"2019-10-30","StartAction":"a","Actions":[],"x":${nested(150)}}`;
    const result = lintText(text, { filePath: "/f.json", rules: [], explicit: true });
    expect(result?.messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn, m.fatal, m.message])).toEqual([
      ["too-deeply-nested", 1, 159, 160, true, "JSON nested too deeply: this '[' opens level 101, more than limits.maxNestingDepth (100); raise it in the configuration to lint this file"],
    ]);
    expect(result?.kind).toBe("unparsable");
    expect(lintText(text, { filePath: "/f.json", rules: [], explicit: true, limits: { maxNestingDepth: 151 } })?.messages).toEqual([]);
  });

  it("resolveLimits fills in the defaults", () => {
    expect(resolveLimits()).toEqual({ maxFileSize: 10 * 1024 * 1024, maxNestingDepth: 100 });
    expect(resolveLimits({ maxNestingDepth: 7 })).toEqual({ maxFileSize: 10 * 1024 * 1024, maxNestingDepth: 7 });
  });
});
