import { describe, expect, it } from "vitest";
import { SuppressionSet, makeResult, parseSuppressions, recordSuppressions, serializeSuppressions } from "@connect-lint/core";
import type { LintMessage, LintResult } from "@connect-lint/core";

const finding: LintMessage = { ruleId: "no-dangling-connector", messageId: "notConnected", severity: 2, message: "x", line: 3, column: 5, endLine: 3, endColumn: 9, actionId: "a1" };
const inResource = (resource: string): LintResult => makeResult("/p/template.yaml", [{ ...finding }], { kind: "flow", flowName: resource, resource });

describe("suppressions of flows embedded in one host file", () => {
  it("records the resource and suppresses only the flow of that resource", () => {
    const recorded = recordSuppressions({ version: 1, suppressions: [] }, [inResource("MainFlow")], () => "template.yaml", { reason: "baseline" });
    const text = serializeSuppressions(recorded);
    expect(text).toBe(
      JSON.stringify(
        { version: 1, suppressions: [{ file: "template.yaml", resource: "MainFlow", rule: "no-dangling-connector", actionId: "a1", reason: "baseline" }] },
        null,
        2,
      ) + "\n",
    );
    const set = new SuppressionSet(parseSuppressions(text, "/p/connect-lint-suppressions.json"), "2026-01-01");
    const main = set.apply(inResource("MainFlow"), "template.yaml");
    const other = set.apply(inResource("OtherFlow"), "template.yaml");
    expect([main.errorCount, main.suppressedMessages.length, main.resource]).toEqual([0, 1, "MainFlow"]);
    expect([other.errorCount, other.suppressedMessages.length]).toEqual([1, 0]);
  });

  it("keeps plain exports' entries as they were (no resource key)", () => {
    const plain = makeResult("/p/flow.json", [{ ...finding }], { kind: "flow" });
    const text = serializeSuppressions(recordSuppressions({ version: 1, suppressions: [] }, [plain], () => "flow.json", { reason: "r" }));
    expect(text).not.toContain("resource");
    const set = new SuppressionSet(parseSuppressions(text, "/p/s.json"), "2026-01-01");
    expect(set.apply(plain, "flow.json").errorCount).toBe(0);
    expect(set.apply(inResource("X"), "flow.json").errorCount).toBe(1);
  });
});
