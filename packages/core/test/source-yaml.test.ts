import { describe, expect, it } from "vitest";
import { extractDocuments } from "@connect-lint/core";
import { parse } from "yaml";
import { checkMap } from "./source-helpers.js";

/** A template with one flow whose Content is `content` (the YAML text after `Content:`). */
function template(content: string, eol = "\n"): string {
  return ["Resources:", "  F:", "    Type: AWS::Connect::ContactFlow", "    Properties:", `      Content: ${content}`, "  Other:", "    Type: AWS::SNS::Topic", ""].join("\n").replace(/\n/g, eol);
}

const CASES: Record<string, string> = {
  "literal, clip": '|\n        {"a": 1,\n         "b": [\n\n           2]}\n',
  "literal, keep": '|+\n        {"a": 1}\n\n\n',
  "literal, strip, indentation indicator": '|2-\n          {"a": 1,\n          "b": 2}\n',
  "folded with more-indented lines and empty lines": '>\n        {"a": 1,\n        "b":\n\n          [1,\n           2],\n        "c": 3}\n',
  "folded, keep": '>+\n        {"a":\n        1}\n\n',
  "double-quoted with folding, an empty line, an escaped line break and escapes": '"{\\"a\\":   \n        \\"x\\\\ty\\u00e9\\x41\\",\n\n        \\"b\\": \\\n        2}"',
  "single-quoted with folding": "'{\"a\": \"it''s\",\n        \"b\": 2}'",
  "plain multi-line": "a b  \n        c d\n\n        e",
  "tagged !Sub on a folded scalar": '!Sub >-\n        {"a": "${AWS::Region}",\n        "b": 2}\n',
};

describe("YAML scalars map exactly onto the host", () => {
  for (const [name, content] of Object.entries(CASES)) {
    for (const eol of ["\n", "\r\n"]) {
      it(`${name}${eol === "\r\n" ? " (CRLF)" : ""}`, () => {
        const host = template(content, eol);
        const result = extractDocuments("t.yaml", host);
        const doc = result?.documents[0];
        if (doc === undefined) throw new Error(JSON.stringify(result?.diagnostics));
        const parsed = parse(host.replace(/!Sub /, ""), { strict: false }) as { Resources: { F: { Properties: { Content: unknown } } } };
        const expected = parsed.Resources.F.Properties.Content;
        expect(typeof expected === "string" ? expected : JSON.stringify(expected)).toBe(doc.text); // the value YAML resolves
        checkMap(doc, host);
      });
    }
  }
});
