/**
 * Flows written as object literals in TypeScript and JavaScript: found wherever they are (exported,
 * returned, passed inline), reported at the node inside the literal, and unknown values (identifiers,
 * calls, template literals with expressions, spreads, computed keys) never give a false finding.
 */
import { RuleTester } from "eslint";
import type { Rule } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { line, verify } from "./helpers.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ plugins: { "connect-lint": plugin as never }, languageOptions: { parser: tsParser } });
const rule = (name: string): Rule.RuleModule => (plugin.rules as Record<string, unknown>)[name] as Rule.RuleModule;

/** A flow literal with `next` as the welcome prompt's NextAction and `text` as its Text. */
function flow(next: string, text = '"Hello"', extra = ""): string {
  return `{
    Version: "2019-10-30",
    StartAction: "welcome",
    Actions: [
      {
        Identifier: "welcome",
        Type: "MessageParticipant",
        Parameters: { Text: ${text} },
        Transitions: { NextAction: ${next}, Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] },
      },
      { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },${extra}
    ],
  }`;
}

const DANGLING = 'The default connector (NextAction) of Play prompt "welcome" is not connected to any block.';

tester.run("no-dangling-connector", rule("no-dangling-connector"), {
  valid: [
    { code: `export const flow = ${flow('"bye"')};`, filename: "flow.ts" },
    // Unknown targets: the graph is not known, so the literal is not linted.
    { code: `const next = "bye";\nexport const flow = ${flow("next")};`, filename: "flow.ts" },
    { code: `export const flow = (id: string) => (${flow("`${id}`")});`, filename: "flow.ts" },
    { code: `export const flow = ${flow('""', '"Hi"').replace("Actions: [", "Actions: [...common,")};`, filename: "flow.ts" },
    { code: `export const flow = ${flow('""').replace('StartAction: "welcome",', "StartAction: start,")};`, filename: "flow.ts" },
    // Not a flow: no Actions.
    { code: 'export const x = { Version: "2019-10-30", StartAction: "a", Transitions: { NextAction: "" } };', filename: "x.ts" },
  ],
  invalid: [
    {
      code: `export const flow = ${flow('""')} as const;`,
      filename: "flow.ts",
      errors: [{ message: DANGLING, line: 9, column: 36, endLine: 9, endColumn: 38 }],
    },
    {
      // Returned by a function of a Lambda ARN: the ARN is unknown, the dangling connector is not.
      code: `export function makeFlow(arn: string) {\n  return ${flow('""', "arn")};\n}`,
      filename: "flow.ts",
      errors: [{ message: DANGLING, line: 10, column: 36, endLine: 10, endColumn: 38 }],
    },
    {
      // Passed inline.
      code: `new CfnContactFlow(this, "Main", { content: JSON.stringify(${flow("''")}) });`,
      filename: "stack.ts",
      errors: [{ message: DANGLING, line: 9, column: 36, endLine: 9, endColumn: 38 }],
    },
  ],
});

tester.run("valid-action-parameters", rule("valid-action-parameters"), {
  valid: [
    // Unknown values are placeholders: no finding because of them.
    { code: `export const flow = ${flow('"bye"', "greeting")};`, filename: "flow.ts" },
    { code: `export const flow = ${flow('"bye"', "t('hello')")};`, filename: "flow.ts" },
    { code: `export const flow = ${flow('"bye"', "`Hello ${name}`")};`, filename: "flow.ts" },
    { code: `export const flow = ${flow('"bye"', '"Hi"').replace("Parameters: { Text", "Parameters: { ...shared, Text")};`, filename: "flow.ts" },
    { code: `export const flow = ${flow('"bye"', '"Hi"').replace("Parameters: { Text", "Parameters: { [key]: 1, Text")};`, filename: "flow.ts" },
    // A spread may hold the required parameter: the object's own findings are dropped.
    { code: `export const flow = ${flow('"bye"').replace('Parameters: { Text: "Hello" }', "Parameters: { ...prompt }")};`, filename: "flow.ts" },
  ],
  invalid: [
    {
      // The same place with a literal: the rule does run there.
      code: `export const flow = ${flow('"bye"', '"Hi"').replace("Parameters: { Text", "Parameters: { Txt")};`,
      filename: "flow.ts",
      errors: [
        { messageId: "missingOneOf", line: 8, column: 9, endLine: 8, endColumn: 19 },
        { messageId: "unknownParameterSuggestion", line: 8, column: 23, endLine: 8, endColumn: 26 },
      ],
    },
  ],
});

tester.run("no-unreachable-block", rule("no-unreachable-block"), {
  valid: [],
  invalid: [
    {
      // Nested flows are linted once, as part of the outermost literal; keys may be quoted.
      code: `export default { "Version": "2019-10-30", "StartAction": "a", "Actions": [
  { "Identifier": "a", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} },
  { "Identifier": "b", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} },
] } satisfies object;`,
      filename: "flow.mts",
      errors: [{ messageId: "unreachable", line: 3, column: 19, endLine: 3, endColumn: 22 }],
    },
  ],
});

tester.run("flow-naming-convention", rule("flow-naming-convention"), {
  valid: [
    // A source file's name is not the flow's name: a convention on names does not apply to it.
    { code: `export const flow = ${flow('"bye"')};`, filename: "stack.ts", options: [{ pattern: "^IN_", matchFileName: true }] },
    { code: `export const flow = ${flow('"bye"').replace("Actions: [", 'Metadata: { name: "IN_Main" },\n    Actions: [')};`, filename: "IN_Other.ts", options: [{ pattern: "^IN_" }] },
  ],
  invalid: [
    {
      code: `export const flow = ${flow('"bye"').replace("Actions: [", 'Metadata: { name: "Sales" },\n    Actions: [')};`,
      filename: "stack.ts",
      options: [{ pattern: "^IN_" }],
      errors: [{ messageId: "patternMismatch", line: 4, column: 23, endLine: 4, endColumn: 30 }],
    },
  ],
});

describe("flows in code through the Linter", () => {
  it("honours eslint-disable-next-line for a rule of the plugin", () => {
    const rules = { "connect-lint/no-dangling-connector": "error" } as const;
    const code = `export const flow = ${flow('""')};`;
    expect(verify(code, "flow.ts", rules).map(line)).toEqual([`9:36-9:38 no-dangling-connector notConnected ${DANGLING}`]);
    const disabled = code.replace("        Transitions: { NextAction: \"\"", '        // eslint-disable-next-line connect-lint/no-dangling-connector\n        Transitions: { NextAction: ""');
    expect(disabled).not.toBe(code);
    expect(verify(disabled, "flow.ts", rules).map(line)).toEqual([]);
  });

  it("finds flows in JavaScript files too (ESLint's own parser)", () => {
    const rules = { "connect-lint/no-dangling-connector": "error" } as const;
    for (const file of ["stack.js", "stack.mjs", "stack.cjs"]) {
      const code = `module.exports = (id) => ({ content: JSON.stringify(${flow("''")}), id });`;
      expect(verify(code, file, rules).map(line)).toEqual([`9:36-9:38 no-dangling-connector notConnected ${DANGLING}`]);
    }
  });

  it("reports every finding of a file with several flows at its own literal", () => {
    const rules = { "connect-lint/no-dangling-connector": "error" } as const;
    const code = `export const a = ${flow('""')};\nexport const b = ${flow('"bye"')};\nexport const c = ${flow('""')};`;
    expect(verify(code, "flows.ts", rules).map(line)).toEqual([
      `9:36-9:38 no-dangling-connector notConnected ${DANGLING}`,
      `35:36-35:38 no-dangling-connector notConnected ${DANGLING}`,
    ]);
  });
});
