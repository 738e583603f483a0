import { describe, expect, it } from "vitest";
import { ConfigError, defineRule, lintText, resolveRules } from "@connect-lint/core";
import type { AnyRule, LintResult } from "@connect-lint/core";

const text = JSON.stringify(
  {
    Version: "2019-10-30",
    StartAction: "a",
    Actions: [
      { Identifier: "a", Type: "MessageParticipant", Parameters: { Text: "Hi" }, Transitions: { NextAction: "b" } },
      { Identifier: "b", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  },
  null,
  2,
);

const everyBlock = defineRule({
  name: "every-block",
  meta: {
    type: "suggestion",
    description: "Reports every block.",
    recommended: "warn",
    messages: { seen: "Saw {{type}} {{id}}." },
    schema: { type: "object", properties: { prefix: { type: "string" } }, additionalProperties: false },
    defaultOptions: { prefix: "" },
  },
  check(ctx) {
    for (const action of ctx.flow.actions) {
      ctx.report({ messageId: "seen", at: { action, property: "Type" }, data: { type: action.type ?? "?", id: ctx.options.prefix + (action.id ?? "?") } });
    }
  },
});

const thrower = defineRule({
  name: "thrower",
  meta: {
    type: "problem",
    description: "Always throws.",
    recommended: "error",
    messages: { never: "Never." },
    schema: { type: "object" },
    defaultOptions: {},
  },
  check() {
    throw new Error("boom");
  },
});

const withPattern = defineRule({
  name: "with-pattern",
  meta: {
    type: "suggestion",
    description: "Has a pattern option.",
    recommended: false,
    messages: { never: "Never." },
    schema: { type: "object", properties: { pattern: { type: "string" } }, additionalProperties: false },
    defaultOptions: { pattern: "^x" },
    validateOptions(options) {
      try {
        new RegExp(options.pattern, "u");
        return undefined;
      } catch (error) {
        return `pattern ${JSON.stringify(options.pattern)} is not a valid regular expression (${(error as Error).message})`;
      }
    },
  },
  check() {
    // reports nothing
  },
});

const registry: AnyRule[] = [everyBlock, thrower, withPattern];

function lint(settings: Record<string, never> | Parameters<typeof resolveRules>[1], input = text): LintResult {
  const result = lintText(input, { filePath: "/x/flow.json", rules: resolveRules(registry, settings) });
  if (!result) throw new Error("no result");
  return result;
}

describe("lintText", () => {
  it("runs enabled rules and resolves positions from the parser", () => {
    const result = lint({ "every-block": "warn" });
    expect(result.messages).toEqual([
      { ruleId: "every-block", messageId: "seen", severity: 1, message: "Saw MessageParticipant a.", line: 7, column: 15, endLine: 7, endColumn: 35, pointer: "/Actions/0/Type", actionId: "a" },
      { ruleId: "every-block", messageId: "seen", severity: 1, message: "Saw DisconnectParticipant b.", line: 17, column: 15, endLine: 17, endColumn: 38, pointer: "/Actions/1/Type", actionId: "b" },
    ]);
    expect([result.errorCount, result.warningCount, result.kind, result.flowName]).toEqual([0, 2, "flow", "flow"]);
  });

  it("isolates a rule that throws: one internal-error, the other rules still run", () => {
    const result = lint({ thrower: "error", "every-block": ["error", { prefix: "#" }] });
    expect(result.messages.map((m) => `${String(m.line)}:${String(m.column)} ${m.ruleId} ${m.message}`)).toEqual([
      '1:1 internal-error Rule "thrower" failed on this file: boom. This is a bug in connect-lint; the other rules ran',
      "7:15 every-block Saw MessageParticipant #a.",
      "17:15 every-block Saw DisconnectParticipant #b.",
    ]);
    expect(result.errorCount).toBe(3);
  });

  it("reports invalid JSON as one fatal parse-error", () => {
    const result = lint({ "every-block": "error" }, '{"Version": "2019-10-30",\n  "Actions": [}');
    expect(result.messages).toEqual([
      { ruleId: "parse-error", messageId: "parse-error", severity: 2, message: "Invalid JSON: Unexpected '}'", line: 2, column: 15, endLine: 2, endColumn: 16, fatal: true },
    ]);
    expect([result.fatalErrorCount, result.kind]).toEqual([1, "unparsable"]);
  });

  it("reports a legacy export with a warning at its modules key and runs no rule that is not marked legacy", () => {
    const result = lint({ thrower: "error", "every-block": "error" }, '{\n  "modules": [{"id": "a", "type": "Disconnect"}],\n  "version": "1",\n  "start": "a"\n}');
    expect(result.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.endColumn])).toEqual([["legacy-format", 1, 2, 3, 12]]);
    expect(result.messages[0]?.message).toMatch(/^Pre-2022 designer export: only the rules that apply to it ran; export it again from the current designer$/);
    expect([result.kind, result.errorCount, result.warningCount]).toEqual(["legacy", 0, 1]);
  });

  it("skips a JSON file that is not a flow unless it was named explicitly", () => {
    const other = '{"name": "my-package"}';
    expect(lintText(other, { filePath: "package.json", rules: [] })).toBeNull();
    const named = lintText(other, { filePath: "package.json", rules: [], explicit: true });
    expect(named?.messages.map((m) => [m.ruleId, m.message])).toEqual([
      ["not-a-flow", "Not an Amazon Connect flow: expected a JSON object with Version, StartAction and Actions"],
    ]);
  });

  it("is deterministic", () => {
    const a = JSON.stringify(lint({ "every-block": "warn", thrower: "error" }));
    const b = JSON.stringify(lint({ thrower: "error", "every-block": "warn" }));
    expect(a).toBe(b);
  });
});

describe("resolveRules", () => {
  it("rejects unknown rules with a suggestion", () => {
    expect(() => resolveRules(registry, { "every-blok": "error" })).toThrow(new ConfigError('Unknown rule "every-blok". Did you mean "every-block"?'));
  });
  it("rejects bad severities", () => {
    expect(() => resolveRules(registry, { thrower: "fatal" as never })).toThrow('Rule "thrower": severity must be "off", "warn" or "error" (or 0, 1, 2), got "fatal".');
  });
  it("validates options against the rule's schema", () => {
    expect(() => resolveRules(registry, { "every-block": ["warn", { prefix: 3 }] })).toThrow('Rule "every-block": invalid options: /prefix: must be string.');
    expect(() => resolveRules(registry, { "every-block": ["warn", { other: 1 }] })).toThrow('Rule "every-block": invalid options: options: unknown property "other".');
  });
  it("lets a rule check what its schema cannot", () => {
    expect(() => resolveRules(registry, { "with-pattern": ["warn", { pattern: "(" }] })).toThrow(
      'Rule "with-pattern": invalid options: pattern "(" is not a valid regular expression (Invalid regular expression: /(/u: Unterminated group).',
    );
    expect(resolveRules(registry, { "with-pattern": ["warn", { pattern: "^ok$" }] }).length).toBe(1);
  });
  it("drops rules that are off and keeps registry order", () => {
    expect(resolveRules(registry, { thrower: 2, "every-block": "off" }).map((r) => [r.rule.name, r.severity])).toEqual([["thrower", 2]]);
  });
});
