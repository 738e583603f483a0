import { describe, expect, it } from "vitest";
import { defineRule, lintText, loadFlow, resolveRules, runFlowRule } from "@connect-lint/core";

const FLOW = '{"Version":"2019-10-30","StartAction":"a",\n"Actions":[{"Identifier":"a","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}';

const named = defineRule({
  name: "names-blocks",
  meta: {
    type: "suggestion",
    description: "Names blocks.",
    recommended: false,
    messages: { named: "Block {{id}} is {{n}}." },
    schema: { type: "object" },
    defaultOptions: {},
  },
  check(context) {
    for (const action of context.flow.actions) context.report({ messageId: "named", at: { action }, data: { id: action.id ?? "", n: 1 } });
  },
});

const throws = defineRule({
  name: "throws",
  meta: { type: "problem", description: "Throws.", recommended: false, messages: {}, schema: { type: "object" }, defaultOptions: {} },
  check() {
    throw new Error("boom");
  },
});

describe("runFlowRule", () => {
  it("gives the messages lintText gives, with the data each template was filled with", () => {
    const loaded = loadFlow(FLOW, { filePath: "f.json" });
    if (loaded.status !== "flow") throw new Error("not a flow");
    const [enabled] = resolveRules([named], { "names-blocks": "error" });
    if (!enabled) throw new Error("not enabled");
    const outcome = runFlowRule(loaded.document, loaded.flow, enabled, { filePath: "f.json" });
    const viaLinter = lintText(FLOW, { filePath: "f.json", rules: [enabled] })?.messages;
    expect(outcome).toEqual({ ok: true, findings: [{ message: viaLinter?.[0], data: { id: "a", n: 1 } }] });
    expect(viaLinter?.[0]).toMatchObject({ line: 2, column: 26, endLine: 2, endColumn: 29, message: "Block a is 1." });
  });

  it("turns a rule that throws into an outcome at the start of the flow", () => {
    const loaded = loadFlow(FLOW, { filePath: "f.json" });
    if (loaded.status !== "flow") throw new Error("not a flow");
    const [enabled] = resolveRules([throws], { throws: "error" });
    if (!enabled) throw new Error("not enabled");
    expect(runFlowRule(loaded.document, loaded.flow, enabled, { filePath: "f.json" })).toEqual({
      ok: false,
      message: 'Rule "throws" failed on this file: boom. This is a bug in connect-lint; the other rules ran',
      range: { start: { line: 1, column: 1 }, end: { line: 2, column: 96 } },
    });
  });
});
