import { describe, expect, it } from "vitest";
import { buildLegacyFlow, defineRule, describeTypeSource, legacyPointer, lintText, loadFlow, resolveRules } from "@connect-lint/core";
import type { Flow } from "@connect-lint/core";

/** A legacy export (shapes as the old designer wrote them; ids shortened). */
const LEGACY = {
  modules: [
    {
      id: "log",
      type: "SetLoggingBehavior",
      branches: [{ condition: "Success", transition: "menu" }],
      parameters: [{ name: "LoggingBehavior", value: "Enable" }],
      metadata: { position: { x: 1, y: 1 } },
    },
    {
      id: "menu",
      type: "GetUserInput",
      target: "Digits",
      branches: [
        { condition: "Evaluate", conditionType: "Equals", conditionValue: "1", transition: "pin" },
        { condition: "Timeout", transition: "bye" },
        { condition: "NoMatch", transition: "bye" },
        { condition: "Error", transition: "gone" },
      ],
      parameters: [
        { name: "Text", value: "<speak>Press 1</speak>", namespace: null },
        { name: "TextToSpeechType", value: "ssml" },
        { name: "Timeout", value: "5" },
      ],
      metadata: { position: { x: 2, y: 1 } },
    },
    {
      id: "pin",
      type: "StoreUserInput",
      branches: [{ condition: "Success", transition: "keep" }, { condition: "Error" }],
      parameters: [
        { name: "Text", value: "Enter your PIN", namespace: null },
        { name: "EncryptEntry", value: false },
      ],
      metadata: {},
    },
    {
      id: "keep",
      type: "SetAttributes",
      branches: [{ condition: "Success", transition: "queue" }, { condition: "Error", transition: "queue" }],
      parameters: [
        { name: "Attribute", key: "pin", value: "Stored customer input", namespace: "System" },
        { name: "Attribute", key: "lang", value: "en-US", namespace: null },
        { name: "Attribute", key: "tier", value: "tier", namespace: "External" },
      ],
      metadata: {},
    },
    {
      id: "queue",
      type: "Transfer",
      target: "Queue",
      branches: [{ condition: "AtCapacity", transition: "bye" }, { condition: "Error", transition: "bye" }],
      parameters: [],
      metadata: {},
    },
    { id: "bye", type: "Disconnect", branches: [], parameters: [], metadata: {} },
    { id: "old", type: "CheckHoursOfOperation", branches: [{ condition: "True", transition: "bye" }], parameters: [], metadata: {} },
  ],
  version: "1",
  type: "contactFlow",
  start: "log",
  metadata: { name: "Main menu", type: "customerQueue" },
};

function build(value: Readonly<Record<string, unknown>> = LEGACY, filePath = "/f/main.json"): Flow {
  return buildLegacyFlow(value, { filePath });
}

describe("legacy model", () => {
  it("names and types the flow from its metadata, else from the file and the top-level type", () => {
    const flow = build();
    expect([flow.kind, flow.name, flow.nameSource, flow.type, flow.typeSource, flow.startAction]).toEqual([
      "legacy",
      "Main menu",
      "metadata",
      "CUSTOMER_QUEUE",
      { kind: "metadata", detail: "customerQueue", key: "metadata.type" },
      "log",
    ]);
    expect(describeTypeSource(flow.typeSource)).toBe('metadata.type "customerQueue"');
    const bare = build({ modules: [], version: "1", type: "agentWhisper", start: "x" }, "/f/whisper.json");
    expect([bare.name, bare.nameSource, bare.type, bare.typeSource]).toEqual(["whisper", "file", "AGENT_WHISPER", { kind: "metadata", detail: "agentWhisper", key: "type" }]);
  });

  it("maps module types to the action types the new designer converts them to", () => {
    expect(build().actions.map((a) => [a.id, a.type, a.pointer])).toEqual([
      ["log", "UpdateFlowLoggingBehavior", "/modules/0"],
      ["menu", "GetParticipantInput", "/modules/1"],
      ["pin", "GetParticipantInput", "/modules/2"],
      ["keep", "UpdateContactAttributes", "/modules/3"],
      // A transfer to queue in a customer queue flow.
      ["queue", "DequeueContactAndTransferToQueue", "/modules/4"],
      ["bye", "DisconnectParticipant", "/modules/5"],
      ["old", "CheckHoursOfOperation", "/modules/6"],
    ]);
    const inbound = build({ ...LEGACY, metadata: { name: "x", type: "contactFlow" } });
    expect(inbound.actionsById.get("queue")?.type).toBe("TransferContactToQueue");
    const whisper = build({ ...LEGACY, metadata: { name: "x", type: "agentWhisper" } });
    expect(whisper.actionsById.get("bye")?.type).toBe("EndFlowExecution");
  });

  it("maps the parameters whose meaning is known, dynamic values as references", () => {
    const flow = build();
    expect(flow.actions.map((a) => a.parameters)).toEqual([
      { FlowLoggingBehavior: "Enabled" },
      { SSML: "<speak>Press 1</speak>", InputTimeLimitSeconds: "5" },
      { Text: "Enter your PIN", StoreInput: "True" },
      { Attributes: { pin: "$.StoredCustomerInput", lang: "en-US", tier: "$.External.tier" }, TargetContact: "Current" },
      {},
      {},
      {},
    ]);
  });

  it("turns branches into transitions in Flow-language order, with pointers to the legacy branches", () => {
    const menu = build().actionsById.get("menu");
    expect(menu?.transitions.map((t) => [t.kind, t.target, t.index, t.errorType, t.condition, t.pointer, t.entryPointer])).toEqual([
      ["condition", "pin", 0, undefined, { operator: "Equals", operands: ["1"] }, "/modules/1/branches/0/transition", "/modules/1/branches/0"],
      ["error", "bye", 0, "InputTimeLimitExceeded", undefined, "/modules/1/branches/1/transition", "/modules/1/branches/1"],
      ["error", "bye", 1, "NoMatchingCondition", undefined, "/modules/1/branches/2/transition", "/modules/1/branches/2"],
      ["error", "gone", 2, "NoMatchingError", undefined, "/modules/1/branches/3/transition", "/modules/1/branches/3"],
    ]);
    // The same connectors in the Flow language's shape, for rules that read the action as written.
    expect(menu?.raw).toEqual({
      Identifier: "menu",
      Type: "GetParticipantInput",
      Parameters: { SSML: "<speak>Press 1</speak>", InputTimeLimitSeconds: "5" },
      Transitions: {
        Conditions: [{ Condition: { Operator: "Equals", Operands: ["1"] }, NextAction: "pin" }],
        Errors: [
          { ErrorType: "InputTimeLimitExceeded", NextAction: "bye" },
          { ErrorType: "NoMatchingCondition", NextAction: "bye" },
          { ErrorType: "NoMatchingError", NextAction: "gone" },
        ],
      },
    });
    // A branch without a transition points at the branch itself.
    const pin = build().actionsById.get("pin");
    expect(pin?.transitions.map((t) => [t.kind, t.target, t.pointer])).toEqual([
      ["next", "keep", "/modules/2/branches/0/transition"],
      ["error", undefined, "/modules/2/branches/1"],
    ]);
    expect(build().actionsById.get("old")?.transitions.map((t) => [t.kind, t.condition])).toEqual([["condition", { operator: "Equals", operands: ["True"] }]]);
    // A second Success branch still leads somewhere in the graph.
    const twice = build({ modules: [{ id: "a", type: "PlayPrompt", branches: [{ condition: "Success", transition: "b" }, { condition: "Success", transition: "c" }] }], start: "a" });
    expect(twice.actions[0]?.transitions.map((t) => [t.kind, t.target, t.condition?.operands, t.pointer])).toEqual([
      ["next", "b", undefined, "/modules/0/branches/0/transition"],
      ["condition", "c", ["Success"], "/modules/0/branches/1/transition"],
    ]);
  });

  it("translates the pointers rules build from the Flow-language shape back into the legacy file", () => {
    const flow = build();
    const cases: [string, string][] = [
      ["/StartAction", "/start"],
      ["/Metadata/name", "/metadata/name"],
      ["/modules/1/Identifier", "/modules/1/id"],
      ["/modules/1/Type", "/modules/1/type"],
      ["/Actions/1/Type", "/modules/1/type"],
      ["/modules/1/Parameters/SSML", "/modules/1/parameters/0/value"],
      ["/modules/1/Parameters/InputTimeLimitSeconds", "/modules/1/parameters/2/value"],
      ["/modules/3/Parameters/Attributes/tier", "/modules/3/parameters/2/value"],
      ["/modules/3/Parameters/Attributes", "/modules/3/parameters/0/value"],
      ["/modules/1/Transitions/Errors/1", "/modules/1/branches/2"],
      ["/modules/1/Transitions/Errors", "/modules/1/branches"],
      ["/modules/2/Transitions/NextAction", "/modules/2/branches/0/transition"],
      ["/modules/2/Parameters/StoreInput", "/modules/2/type"],
      // Members with no legacy counterpart fall back to the module.
      ["/modules/3/Parameters/TargetContact", "/modules/3/parameters"],
      ["/modules/1/branches/0/transition", "/modules/1/branches/0/transition"],
      ["/modules/9/Type", "/modules/9"],
      ["/version", "/version"],
    ];
    expect(cases.map(([from]) => [from, legacyPointer(flow, from)])).toEqual(cases);
  });

  it("survives malformed modules without throwing", () => {
    const flow = build({ modules: [null, 3, { branches: "x", parameters: [null, { name: 1 }] }, { id: 7, type: "PlayPrompt", branches: [null, { condition: 5 }] }], start: 1, version: "1" });
    expect(flow.actions.map((a) => [a.index, a.id, a.type, a.transitions.length])).toEqual([
      [2, undefined, undefined, 0],
      [3, undefined, "MessageParticipant", 1],
    ]);
    expect(flow.startAction).toBeUndefined();
  });
});

describe("linting a legacy export", () => {
  const seen = defineRule({
    name: "seen",
    meta: {
      type: "suggestion",
      description: "Reports every block at its type.",
      recommended: "warn",
      legacy: true,
      messages: { seen: "{{type}}" },
      schema: { type: "object" },
      defaultOptions: {},
    },
    check(ctx) {
      for (const action of ctx.flow.actions) ctx.report({ messageId: "seen", at: { action, property: "Type" }, data: { type: action.type ?? "?" } });
    },
  });
  const text = JSON.stringify({ modules: [{ id: "a", type: "Disconnect", branches: [], parameters: [] }], version: "1", start: "a" }, null, 2);

  it("runs the rules marked legacy with positions in the legacy file, after a warning that it is the old format", () => {
    const result = lintText(text, { filePath: "old.json", rules: resolveRules([seen], { seen: "error" }) });
    expect(result?.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.pointer, m.actionId, m.message])).toEqual([
      ["legacy-format", 1, 2, 3, undefined, undefined, expect.stringMatching(/^Pre-2022 designer export: /)],
      ["seen", 2, 5, 15, "/modules/0/type", "a", "DisconnectParticipant"],
    ]);
    expect([result?.kind, result?.flowName, result?.flowType]).toEqual(["legacy", "old", null]);
  });

  it("loads the legacy model once for every caller", () => {
    const loaded = loadFlow(text, { filePath: "old.json" });
    expect(loaded.status === "legacy" ? loaded.flow.actions.map((a) => a.type) : loaded.status).toEqual(["DisconnectParticipant"]);
  });
});
