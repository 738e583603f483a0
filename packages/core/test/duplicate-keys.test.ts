/** Keys written twice in one object: found in the pass before parsing, reported as duplicate-key. */
import { describe, expect, it } from "vitest";
import { MAX_DUPLICATES, countKeys, findDuplicateKeys, lintText, parseJson, scanJson, tooDeeplyNestedMessage } from "@connect-lint/core";

describe("scanJson counts keys; a parsed value with fewer has duplicates", () => {
  it("counts the keys of every object, not strings in arrays or values", () => {
    const text = '{"a":"a","b":["a","a",{"c":1,"d":{}}],"e":{"f":"g"}}';
    const scanned = scanJson(text, 100);
    expect([scanned.tooDeep, scanned.keys]).toEqual([undefined, 6]);
    // The same pass notes where each array and object starts and ends (for the locator).
    expect([...scanned.containers.opens]).toEqual([0, 13, 22, 33, 42]);
    expect([...scanned.containers.ends]).toEqual([52, 37, 36, 35, 51]);
    expect(countKeys(JSON.parse(text))).toBe(6);
    const twice = '{"a":{"NextAction":"zzz","NextAction":"b"}}';
    expect(scanJson(twice, 100).keys).toBe(3);
    expect(countKeys(JSON.parse(twice))).toBe(2);
  });

  it("stops at the bracket too deep", () => {
    const scanned = scanJson('{"a":1,"a":[[[1]]]}', 3);
    expect([scanned.tooDeep, scanned.keys, [...scanned.containers.opens], [...scanned.containers.ends]]).toEqual([13, 2, [0, 11, 12], [-1, -1, -1]]);
  });

  it("survives invalid JSON (the parser reports it)", () => {
    const scanned = scanJson('{"a":1,"a', 100);
    expect([scanned.tooDeep, scanned.keys, [...scanned.containers.opens], [...scanned.containers.ends]]).toEqual([undefined, 1, [0], [-1]]);
    expect(parseJson('{"a":1,"a').ok).toBe(false);
  });

  it("parseJson looks for duplicates only when the counts differ, and finds them", () => {
    const ok = parseJson('{"a":{"b":1},"b":{"a":2}}');
    expect(ok.ok && ok.document.duplicateKeys).toEqual([]);
    const twice = parseJson('{"a":{"NextAction":"zzz","NextAction":"b"},"NextAction":1}');
    expect(twice.ok && twice.document.duplicateKeys).toEqual([{ key: "NextAction", first: 6, start: 25, end: 37 }]);
  });
});

describe("findDuplicateKeys", () => {
  it("finds a key written twice in one object, with both offsets", () => {
    const text = '{"a":{"NextAction":"zzz","NextAction":"b"},"NextAction":1}';
    expect(findDuplicateKeys(text, 100)).toEqual([{ key: "NextAction", first: 6, start: 25, end: 37 }]);
  });

  it("keeps objects apart: the same key in sibling, nested or array-held objects is no duplicate", () => {
    expect(findDuplicateKeys('[{"a":1},{"a":2},{"b":{"a":3}},{"a":[{"a":4}]}]', 100)).toEqual([]);
    // Values equal to a key are not keys.
    expect(findDuplicateKeys('{"a":"a","b":["a","a"],"c":{"a":"b"}}', 100)).toEqual([]);
  });

  it("compares keys unescaped, and reports every later occurrence against the first", () => {
    const text = '{"k":1,"\\u006b":2,"k":3}';
    expect(findDuplicateKeys(text, 100)).toEqual([
      { key: "k", first: 1, start: 7, end: 15 },
      { key: "k", first: 1, start: 18, end: 21 },
    ]);
  });

  it("lists at most MAX_DUPLICATES", () => {
    const text = `{${Array.from({ length: MAX_DUPLICATES + 10 }, () => '"x":1').join(",")}}`;
    expect(findDuplicateKeys(text, 100)).toHaveLength(MAX_DUPLICATES);
  });

  it("finds a duplicate among many keys (a map past 16), and none where there is none", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${String(i)}":${String(i)}`);
    expect(findDuplicateKeys(`{${keys.join(",")}}`, 100)).toEqual([]);
    for (const at of [3, 16, 17, 18, 39]) {
      const text = `{${[...keys.slice(0, at), '"k1":0', ...keys.slice(at)].join(",")}}`;
      const start = text.indexOf('"k1":0');
      expect(findDuplicateKeys(text, 100), `at ${String(at)}`).toEqual([{ key: "k1", first: text.indexOf('"k1"'), start, end: start + 4 }]);
    }
    // An escaped key switches the object to unescaped comparison.
    expect(findDuplicateKeys('{"a":1,"b":2,"\\u0061":3,"c":4,"b":5}', 100)).toEqual([
      { key: "a", first: 1, start: 13, end: 21 },
      { key: "b", first: 7, start: 30, end: 33 },
    ]);
  });
});

describe("duplicate-key", () => {
  const flow = [
    "{",
    '  "Version": "2019-10-30",',
    '  "StartAction": "hello",',
    '  "Actions": [',
    '    { "Identifier": "hello", "Type": "MessageParticipant", "Parameters": { "Text": "Hi" },',
    '      "Transitions": { "NextAction": "zzz", "NextAction": "bye" } },',
    '    { "Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} }',
    "  ],",
    '  "StartAction": "bye"',
    "}",
  ].join("\n");

  it("is an error at the second key, naming the key and where the first is, with the block", () => {
    const result = lintText(flow, { filePath: "/x/flow.json", rules: [] });
    expect(result?.messages).toEqual([
      {
        ruleId: "duplicate-key",
        messageId: "duplicate-key",
        severity: 2,
        message: 'Key "NextAction" is written twice in this object (first at column 24); only the last value is read, the other is silently ignored',
        line: 6,
        column: 45,
        endLine: 6,
        endColumn: 57,
        pointer: "/Actions/0/Transitions/NextAction",
        actionId: "hello",
      },
      {
        ruleId: "duplicate-key",
        messageId: "duplicate-key",
        severity: 2,
        message: 'Key "StartAction" is written twice in this object (first at line 3); only the last value is read, the other is silently ignored',
        line: 9,
        column: 3,
        endLine: 9,
        endColumn: 16,
        pointer: "/StartAction",
      },
    ]);
  });

  it("is not reported for a flow without duplicates", () => {
    expect(lintText(flow.replace('"NextAction": "zzz", ', "").replace(',\n  "StartAction": "bye"', ""), { filePath: "/x/flow.json", rules: [] })?.messages).toEqual([]);
  });
});

describe("too-deeply-nested at the hard maximum", () => {
  it("does not advise raising a limit that cannot be raised", () => {
    expect(tooDeeplyNestedMessage("[", 100)).toBe("JSON nested too deeply: this '[' opens level 101, more than limits.maxNestingDepth (100); raise it in the configuration to lint this file");
    expect(tooDeeplyNestedMessage("[", 1000)).toBe("JSON nested too deeply: this '[' opens level 1001, more than limits.maxNestingDepth (1000); the most connect-lint can read; this file cannot be linted");
  });
});

describe("a truncated text followed by whitespace", () => {
  it("is reported where the text ends, not at 1:1", () => {
    const outcome = parseJson('{"rules": \n\n');
    expect(outcome.ok ? undefined : [outcome.message, outcome.range.start]).toEqual(["Invalid JSON: Unexpected end of file", { line: 1, column: 10 }]);
  });
});
