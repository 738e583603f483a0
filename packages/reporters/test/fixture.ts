import type { LintMessage, LintResult } from "@connect-lint/core";
import type { ReporterContext } from "../src/index.js";

/** A message with the fields most findings share; `overrides` sets the rest. */
function msg(overrides: Partial<LintMessage> & Pick<LintMessage, "ruleId" | "message" | "line" | "column">): LintMessage {
  return {
    messageId: overrides.ruleId,
    severity: 2,
    endLine: overrides.line,
    endColumn: overrides.column + 1,
    ...overrides,
  };
}

function result(
  filePath: string,
  messages: LintMessage[],
  extra: Partial<Pick<LintResult, "suppressedMessages" | "kind" | "flowName" | "flowType">> = {},
): LintResult {
  return {
    filePath,
    messages,
    suppressedMessages: extra.suppressedMessages ?? [],
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    kind: extra.kind ?? "flow",
    flowName: extra.flowName ?? null,
    flowType: extra.flowType ?? null,
  };
}

/** A message with every character a reporter must escape: quotes, markup, line breaks, `%`, `,`, `:`, `|`, backticks, unicode. */
export const SPECIAL_MESSAGE = `Prompt "Welcome" <b>&</b> 'hi': 100% done, then\nnext line\r\nand | pipes \`code\` — café 日本 😀 \u0007bell`;

export const results: readonly LintResult[] = [
  result(
    "/work/project/connect-lint-suppressions.json",
    [
      msg({
        ruleId: "unused-suppression",
        severity: 1,
        message: 'Suppression of no-dangling-connector in flows/main-flow.json on block "gone" matches no finding; remove it (--prune-suppressions does).',
        line: 4,
        column: 5,
        endLine: 9,
        endColumn: 6,
        pointer: "/suppressions/0",
      }),
    ],
    { kind: "suppressions" },
  ),
  result(
    "/work/project/flows/broken.json",
    [msg({ ruleId: "parse-error", message: "Unexpected token } in JSON", line: 3, column: 1, fatal: true })],
    { kind: "unparsable" },
  ),
  result("/work/project/flows/clean.json", [], { flowName: "Clean", flowType: "contactFlow" }),
  result(
    "/work/project/flows/main-flow.json",
    [
      msg({
        ruleId: "valid-action-parameters",
        messageId: "badParameter",
        message: SPECIAL_MESSAGE,
        line: 12,
        column: 7,
        endLine: 12,
        endColumn: 30,
        actionId: "a1b2c3d4-0000-4000-8000-000000000001",
        pointer: "/Actions/0/Parameters/Text",
      }),
      msg({
        ruleId: "no-dangling-connector",
        messageId: "dangling",
        severity: 1,
        message: "Branch Error of block \"Play prompt\" leads nowhere",
        line: 20,
        column: 5,
        endLine: 28,
        endColumn: 6,
        actionId: "a1b2c3d4-0000-4000-8000-000000000002",
        pointer: "/Actions/1",
      }),
      msg({
        ruleId: "no-dangling-connector",
        messageId: "dangling",
        severity: 1,
        message: "Branch Timeout of block \"Play prompt\" leads nowhere",
        line: 20,
        column: 5,
        endLine: 28,
        endColumn: 6,
        actionId: "a1b2c3d4-0000-4000-8000-000000000002",
        pointer: "/Actions/1",
      }),
      msg({ ruleId: "flow-naming-convention", message: "Flow name should match ^[A-Z]", line: 1, column: 1, endLine: 1, endColumn: 2 }),
    ].sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : 1)),
    { flowName: "Main", flowType: "contactFlow" },
  ),
  result(
    "/work/project/flows/sub dir/suppressed ü.json",
    [msg({ ruleId: "no-unreachable-block", severity: 1, message: "Block is unreachable", line: 40, column: 5, endLine: 44, endColumn: 6, actionId: "x9" })],
    {
      suppressedMessages: [
        msg({ ruleId: "no-unreachable-block", severity: 1, message: "Block is unreachable", line: 10, column: 5, endLine: 14, endColumn: 6, actionId: "x1" }),
        msg({ ruleId: "valid-action-type", message: "Unknown action type Foo", line: 30, column: 7, endLine: 30, endColumn: 20, actionId: "x2" }),
      ],
    },
  ),
];

export const context: ReporterContext = {
  cwd: "/work/project",
  color: false,
  version: "1.2.3",
  rules: [
    { id: "flow-naming-convention", description: "Flow names follow a pattern", type: "suggestion", recommended: "off", helpUri: "https://example.test/rules/flow-naming-convention" },
    { id: "no-dangling-connector", description: "Every branch leads somewhere", type: "problem", recommended: "warn", helpUri: "https://example.test/rules/no-dangling-connector" },
    { id: "no-unreachable-block", description: "Every block can be reached", type: "problem", recommended: "warn", helpUri: "https://example.test/rules/no-unreachable-block" },
    { id: "valid-action-parameters", description: "Block parameters are valid", type: "problem", recommended: "error", helpUri: "https://example.test/rules/valid-action-parameters" },
    { id: "valid-action-type", description: "Block types exist", type: "problem", recommended: "error", helpUri: "https://example.test/rules/valid-action-type" },
  ],
};

/** Results with no findings at all: one clean file. */
export const cleanResults: readonly LintResult[] = [result("/work/project/flows/clean.json", [])];
