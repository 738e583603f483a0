import { describe, expect, it } from "vitest";
import { buildFlow, classifyDocument, describeTypeSource, flowTypeFromExportType, parseFlowTypeName } from "@connect-lint/core";

const flow = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Version: "2019-10-30",
  StartAction: "a",
  Actions: [{ Identifier: "a", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} }],
  ...extra,
});

describe("classifyDocument", () => {
  it("recognises a flow", () => {
    expect(classifyDocument(flow())).toBe("flow");
  });
  it("recognises a module by its top-level Settings", () => {
    expect(classifyDocument(flow({ Settings: { InputParameters: [] } }))).toBe("module");
  });
  it("recognises a legacy designer export", () => {
    expect(classifyDocument({ modules: [], version: "1", start: "x", metadata: {} })).toBe("legacy");
  });
  it("calls everything else other", () => {
    expect(classifyDocument({ name: "pkg", version: "1.0.0" })).toBe("other");
    expect(classifyDocument([flow()])).toBe("other");
    expect(classifyDocument("text")).toBe("other");
    expect(classifyDocument(null)).toBe("other");
  });
});

describe("flow type resolution", () => {
  it("maps every designer export name to its API name", () => {
    const pairs = {
      contactFlow: "CONTACT_FLOW",
      customerQueue: "CUSTOMER_QUEUE",
      customerHold: "CUSTOMER_HOLD",
      customerWhisper: "CUSTOMER_WHISPER",
      outboundWhisper: "OUTBOUND_WHISPER",
      agentHold: "AGENT_HOLD",
      agentWhisper: "AGENT_WHISPER",
      agentTransfer: "AGENT_TRANSFER",
      queueTransfer: "QUEUE_TRANSFER",
    };
    for (const [exportName, api] of Object.entries(pairs)) expect(flowTypeFromExportType(exportName)).toBe(api);
    expect(flowTypeFromExportType("somethingElse")).toBeUndefined();
  });

  it("takes the type from Metadata.type and says so", () => {
    const f = buildFlow(flow({ Metadata: { type: "agentWhisper" } }), "flow", { filePath: "x.json" });
    expect(f.type).toBe("AGENT_WHISPER");
    expect(describeTypeSource(f.typeSource)).toBe('Metadata.type "agentWhisper"');
  });

  it("lets an override from the command line win over Metadata.type", () => {
    const f = buildFlow(flow({ Metadata: { type: "agentWhisper" } }), "flow", {
      filePath: "x.json",
      flowType: { type: "CUSTOMER_QUEUE", source: { kind: "cli" } },
    });
    expect(f.type).toBe("CUSTOMER_QUEUE");
    expect(describeTypeSource(f.typeSource)).toBe("--flow-type");
  });

  it("leaves the type unknown when nothing says it", () => {
    const f = buildFlow(flow(), "flow", { filePath: "x.json" });
    expect(f.type).toBeUndefined();
    expect(f.typeSource).toEqual({ kind: "unknown" });
  });

  it("types a module as FLOW_MODULE whatever else is said", () => {
    const f = buildFlow(flow({ Settings: {} }), "module", { filePath: "m.json", flowType: { type: "CONTACT_FLOW", source: { kind: "cli" } } });
    expect(f.type).toBe("FLOW_MODULE");
  });

  it("parses the names users type", () => {
    expect(parseFlowTypeName("customer_queue")).toBe("CUSTOMER_QUEUE");
    expect(parseFlowTypeName("customerQueue")).toBe("CUSTOMER_QUEUE");
    expect(parseFlowTypeName("Customer queue flow")).toBe("CUSTOMER_QUEUE");
    expect(parseFlowTypeName("inbound")).toBe("CONTACT_FLOW");
    expect(parseFlowTypeName("module")).toBe("FLOW_MODULE");
    expect(parseFlowTypeName("queue")).toBeUndefined();
  });
});

describe("buildFlow", () => {
  it("names the flow from Metadata.name, else from the file", () => {
    expect(buildFlow(flow({ Metadata: { name: "Main menu" } }), "flow", { filePath: "a/b.json" }).name).toBe("Main menu");
    const f = buildFlow(flow(), "flow", { filePath: "flows/CQ_Default.json" });
    expect([f.name, f.nameSource]).toEqual(["CQ_Default", "file"]);
  });

  it("keys actions by Identifier in a Map, so prototype names are data", () => {
    const f = buildFlow(
      flow({
        Actions: [
          { Identifier: "__proto__", Type: "Wait", Transitions: { NextAction: "constructor" } },
          { Identifier: "constructor", Type: "Wait", Transitions: {} },
          { Identifier: "__proto__", Type: "Wait", Transitions: {} },
        ],
      }),
      "flow",
      { filePath: "x.json" },
    );
    expect(f.actionsById.get("__proto__")?.index).toBe(0);
    expect(f.actionsById.get("constructor")?.index).toBe(1);
    expect(f.actionsById.has("toString")).toBe(false);
    expect(f.actions.length).toBe(3);
  });

  it("lists transitions in order with pointers to their NextAction", () => {
    const f = buildFlow(
      flow({
        Actions: [
          {
            Identifier: "menu",
            Type: "GetParticipantInput",
            Transitions: {
              NextAction: "x",
              Conditions: [{ NextAction: "y", Condition: { Operator: "Equals", Operands: ["1"] } }],
              Errors: [{ NextAction: "z", ErrorType: "NoMatchingError" }],
            },
          },
        ],
      }),
      "flow",
      { filePath: "x.json" },
    );
    const t = f.actions[0]?.transitions ?? [];
    expect(t.map((x) => [x.kind, x.target, x.pointer])).toEqual([
      ["next", "x", "/Actions/0/Transitions/NextAction"],
      ["condition", "y", "/Actions/0/Transitions/Conditions/0/NextAction"],
      ["error", "z", "/Actions/0/Transitions/Errors/0/NextAction"],
    ]);
    expect(t[1]?.condition).toEqual({ operator: "Equals", operands: ["1"] });
    expect(t[2]?.errorType).toBe("NoMatchingError");
  });

  it("survives malformed shapes without throwing", () => {
    const f = buildFlow({ Actions: [null, 3, "x", { Identifier: 5, Type: [], Parameters: "p", Transitions: { Errors: "no" } }] }, "flow", {
      filePath: "x.json",
    });
    expect(f.actions.length).toBe(1);
    expect(f.actions[0]?.id).toBeUndefined();
    expect(f.actions[0]?.type).toBeUndefined();
    expect(f.actions[0]?.parameters).toEqual({});
    expect(f.startAction).toBeUndefined();
  });
});
