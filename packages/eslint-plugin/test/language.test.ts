/** The `connect-lint/flow` language: ESLint's RuleTester, and the Linter for parse errors and options. */
import fs from "node:fs";
import path from "node:path";
import { Linter, RuleTester } from "eslint";
import type { Rule } from "eslint";
import { describe, expect, it } from "vitest";
import { LineIndex } from "@connect-lint/core";
import plugin, { FlowLanguage } from "../src/index.js";
import type { DocumentsOf, FlowText } from "../src/index.js";
import { ROOT, configFor, line, verify } from "./helpers.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ plugins: { "connect-lint": plugin as never }, language: "connect-lint/flow" });
const rule = (name: string): Rule.RuleModule => (plugin.rules as Record<string, unknown>)[name] as Rule.RuleModule;

const CLEAN = `{
  "Version": "2019-10-30",
  "StartAction": "welcome",
  "Actions": [
    { "Identifier": "welcome", "Type": "MessageParticipant", "Parameters": { "Text": "Hello" }, "Transitions": { "NextAction": "bye", "Errors": [{ "NextAction": "bye", "ErrorType": "NoMatchingError" }] } },
    { "Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} }
  ]
}`;

tester.run("no-dangling-connector", rule("no-dangling-connector"), {
  valid: [
    { code: CLEAN, filename: "flow.json" },
    // JSON that is not a flow: no finding at all.
    { code: '{ "name": "app", "version": "1.0.0", "dependencies": {} }', filename: "package.json" },
    { code: '{\n  // comments: not JSON, and not a flow\n  "compilerOptions": { "strict": true, },\n}', filename: "tsconfig.json" },
    { code: '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" } } }', filename: "template.json" },
  ],
  invalid: [
    {
      code: CLEAN.replace('"StartAction": "welcome"', '"StartAction": "entry-was-deleted"'),
      filename: "flow.json",
      errors: [
        {
          message: 'StartAction "entry-was-deleted" names no block in this flow.',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 37,
        },
      ],
    },
    {
      code: CLEAN.replace('"NextAction": "bye", "Errors"', '"NextAction": "", "Errors"'),
      filename: "flow.json",
      errors: [
        {
          message: 'The default connector (NextAction) of Play prompt "welcome" is not connected to any block.',
          line: 5,
          column: 128,
          endLine: 5,
          endColumn: 130,
        },
      ],
    },
  ],
});

tester.run("no-hardcoded-arn", rule("no-hardcoded-arn"), {
  valid: [
    {
      code: CLEAN.replace('"Text": "Hello"', '"Text": "arn:aws:connect:us-east-1:111122223333:instance/x"'),
      filename: "flow.json",
      options: [{ allowAccounts: ["111122223333"], allowRegions: ["us-east-1"] }],
    },
  ],
  invalid: [],
});

describe("the flow language through the Linter", () => {
  it("reports invalid JSON that mentions a flow as a parse error with its line and column", () => {
    expect(verify('{\n  "StartAction": "a",\n  "Actions": [1 2]\n}', "flows/broken.json", { "connect-lint/no-dangling-connector": "error" }).map(line)).toEqual([
      "3:17-undefined:undefined (parse)  Parsing error: Invalid JSON: Unexpected number",
    ]);
  });

  it("lints a legacy designer export with the rules that apply to it, as the CLI does", () => {
    const legacy = fs.readFileSync(path.join(ROOT, "fixtures/legacy/callback-dangling-unreachable.json"), "utf8");
    const rules = { "connect-lint/no-dangling-connector": "error", "connect-lint/valid-action-parameters": "error" } as const;
    // valid-action-parameters does not run on a legacy export (its parameters are not the Flow language's).
    expect(verify(legacy, "flows/legacy.json", rules).map(line)).toEqual([
      '61:25-61:63 no-dangling-connector missingTarget The "InvalidCallbackNumber" error connector of Set callback number "1f829973-7189-4a15-8fa1-bf5fd39089bc" leads to "5d1e0a52-9f3b-4c57-8d2e-0c1f6a7b8e90", which is not a block in this flow.',
      '65:25-65:27 no-dangling-connector notConnected The "CallbackNumberNotDialable" error connector of Set callback number "1f829973-7189-4a15-8fa1-bf5fd39089bc" is not connected to any block.',
    ]);
  });

  it("takes the flow type from languageOptions.flowType over Metadata.type", () => {
    const flow = CLEAN.replace('"Actions"', '"Metadata": { "type": "contactFlow" },\n  "Actions"');
    const rules = { "connect-lint/no-unsupported-block": "error" } as const;
    expect(verify(flow, "flows/hold.json", rules).map(line)).toEqual([]);
    expect(verify(flow, "flows/hold.json", rules, { flowType: "AGENT_WHISPER" }).map(line)).toEqual([
      '7:36-7:59 no-unsupported-block notAllowed Disconnect / hang up "bye" is not allowed in an Agent whisper flow (type from config (languageOptions.flowType)); it is allowed only in: Inbound flow, Customer queue flow, Transfer to agent flow, Transfer to queue flow, Flow module.',
    ]);
  });

  it("rejects a flow type it does not know, naming the option", () => {
    expect(() => verify(CLEAN, "flows/x.json", { "connect-lint/no-dangling-connector": "error" }, { flowType: "NOPE" })).toThrow(
      'languageOptions.flowType: "NOPE" is not a flow type (use an API name such as CONTACT_FLOW or CUSTOMER_QUEUE).',
    );
  });

  it("validates options as the CLI does: the schema, then the rule's own check", () => {
    expect(() => verify(CLEAN, "flows/x.json", { "connect-lint/no-hardcoded-arn": ["error", { allowAccounts: 3 }] })).toThrow(/Value 3 should be array/);
    expect(() =>
      verify(CLEAN, "flows/x.json", { "connect-lint/no-sensitive-input-logged": ["error", { sensitivePatterns: ["("] }] }),
    ).toThrow(/Rule "connect-lint\/no-sensitive-input-logged": invalid options: /);
  });


  it("gives the rules settings['connect-lint'] as the CLI's shared settings", () => {
    const text = fs.readFileSync(path.join(ROOT, "fixtures/rules/no-use-before-set/invalid/set-attribute-after-read.json"), "utf8");
    const lint = (settings: Record<string, unknown>): string[] =>
      new Linter({ cwd: ROOT })
        .verify(text, [...configFor({ "connect-lint/no-use-before-set": "error" }), { settings }], { filename: path.join(ROOT, "flows/f.json") })
        .map((m) => line(m).split(" ").slice(0, 3).join(" "));
    expect(lint({})).toEqual(["9:31-9:73 no-use-before-set attributeSetLater"]);
    expect(lint({ "connect-lint": { knownAttributes: ["customerName"] } })).toEqual([]);
    expect(lint({ knownAttributes: ["customerName"] })).toEqual(["9:31-9:73 no-use-before-set attributeSetLater"]);
  });
});

describe("documents with a position map (the container layer's plug)", () => {
  it("lints every flow a file yields and reports in the file through each document's map", () => {
    // A stand-in container: flows between `---` lines of a text file, each reported in the file.
    const documentsOf: DocumentsOf = (text, filePath) => {
      const lines = new LineIndex(text);
      const out: FlowText[] = [];
      let start = 0;
      for (const part of text.split("---\n")) {
        const offset = start;
        start += part.length + 4;
        if (!part.includes("StartAction")) continue;
        out.push({ text: part, origin: { filePath, resource: `Flow${String(out.length + 1)}`, host: { lines, map: { toHost: (o: number) => offset + o, toHostEnd: (o: number) => offset + o } } } });
      }
      return out;
    };
    const custom = { ...plugin, languages: { flow: new FlowLanguage({ documentsOf }) } };
    const broken = CLEAN.replace('"StartAction": "welcome"', '"StartAction": "gone"');
    const text = `title: two flows\n---\n${CLEAN}\n---\n${broken}\n`;
    const messages = new Linter({ cwd: ROOT }).verify(
      text,
      [{ files: ["**/*.flows"], plugins: { "connect-lint": custom as never }, language: "connect-lint/flow", rules: { "connect-lint/no-dangling-connector": "error" } }],
      { filename: path.join(ROOT, "stack.flows") },
    );
    // The second flow starts on line 12 of the file (after 1 title line, 2 separators and the 8 lines
    // of the first flow); its StartAction is on its line 3.
    expect(messages.map(line)).toEqual(['14:18-14:24 no-dangling-connector startMissing StartAction "gone" names no block in this flow.']);
  });
});
