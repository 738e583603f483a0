/**
 * The position of every value and key, as JsonDocument.locate finds it by scanning the text, must be
 * exactly what a full syntax tree (momoa) gives: checked for every pointer of the sample flows and
 * of texts written to be awkward (escapes, duplicate keys, CRLF, minified, nesting, scalars at the root).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseAst } from "@humanwhocodes/momoa";
import type { ValueNode } from "@humanwhocodes/momoa";
import { describe, expect, it } from "vitest";
import { parseJson, pointerOf } from "@connect-lint/core";
import type { JsonDocument, SourceRange } from "@connect-lint/core";

const flows = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../fixtures/flows");

interface Expected {
  readonly pointer: string;
  readonly value: [number, number];
  readonly key: [number, number] | undefined;
}

/** Every pointer of the text, with the offsets momoa gives its value and key (last duplicate wins). */
function expectedPointers(text: string): Expected[] {
  const out: Expected[] = [];
  const walk = (node: ValueNode, pointer: string, key: [number, number] | undefined): void => {
    out.push({ pointer, value: [node.loc.start.offset, node.loc.end.offset], key });
    if (node.type === "Object") {
      const last = new Map<string, (typeof node.members)[number]>();
      for (const member of node.members) if (member.name.type === "String") last.set(member.name.value, member);
      for (const [name, member] of last) {
        walk(member.value, pointer + pointerOf(name), [member.name.loc.start.offset, member.name.loc.end.offset]);
      }
    } else if (node.type === "Array") {
      node.elements.forEach((element, i) => {
        walk(element.value, `${pointer}/${String(i)}`, undefined);
      });
    }
  };
  walk(parseAst(text, { mode: "json" }).body, "", undefined);
  return out;
}

function doc(text: string): JsonDocument {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.document;
}

function range(d: JsonDocument, [start, end]: [number, number]): SourceRange {
  return { start: d.positionAt(start), end: d.positionAt(end) };
}

function checkAll(text: string): number {
  const d = doc(text);
  const expected = expectedPointers(text);
  for (const e of expected) {
    expect(d.locate(e.pointer), e.pointer).toEqual(range(d, e.value));
    expect(d.locate(e.pointer, { key: true }), `${e.pointer} (key)`).toEqual(range(d, e.key ?? e.value));
  }
  return expected.length;
}

const AWKWARD = [
  '{"a":1,"b":[true,false,null,-1.5e+10,"x\\"y",{}],"c":{"d":[[],[{}]]}}',
  '{\r\n  "a\\u0041": "\\\\",\r\n  "b": [ 1 ,\r\n 2 ] ,\r\n  "c\\\\": "q\\\\\\"" }\r\n',
  '{"dup": {"x": 1}, "dup": {"y": [1, 2]}, "z": 0}',
  '  [ 1, "two", { "three": [ 3 ] } ]  ',
  '"just a string"',
  "42",
  '{"": {"": ""}, "~/": {"/~": 1}, "\\u00e9\\u00e8": "é", "emoji \\ud83d\\ude00": "😀"}',
  '{"Actions":[{"Identifier":"a","Type":"MessageParticipant","Parameters":{"Text":"[{\\"not\\": \\"json\\"}]"},"Transitions":{}}]}',
];

describe("JsonDocument.locate agrees with a syntax tree", () => {
  it.each(AWKWARD.map((t, i) => [i, t]))("awkward text %i", (_i, text) => {
    expect(checkAll(text)).toBeGreaterThan(0);
  });

  const files = fs
    .readdirSync(flows)
    .filter((f) => f.endsWith(".json"))
    .sort();
  it.each(files)("fixtures/flows/%s", (file) => {
    const text = fs.readFileSync(path.join(flows, file), "utf8");
    if (!parseJson(text).ok) return;
    expect(checkAll(text.replace(/^\uFEFF/, ""))).toBeGreaterThan(10);
  });

  it("falls back to the nearest existing value for pointers that name nothing", () => {
    const text = '{\n  "Actions": [\n    {"Identifier": "a", "Parameters": {"Text": "hi"}}\n  ],\n  "n": 5\n}\n';
    const d = doc(text);
    const actions = expectedPointers(text).find((e) => e.pointer === "/Actions/0");
    const n = expectedPointers(text).find((e) => e.pointer === "/n");
    if (!actions || !n) throw new Error("fixture");
    expect(d.locate("/Actions/0/Missing/deeper")).toEqual(range(d, actions.value));
    expect(d.locate("/Actions/0/Missing", { key: true })).toEqual(range(d, actions.value));
    expect(d.locate("/n/0")).toEqual(range(d, n.value));
    expect(d.locate("/Actions/01")).toEqual(d.locate("/Actions"));
    expect(d.locate("/Actions/7")).toEqual(d.locate("/Actions"));
  });
});
