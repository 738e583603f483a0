import { describe, expect, it } from "vitest";
import { ConfigError, ProjectIndex, buildFlow, buildInventory, idOf, lintProject, parseJson, projectFlow, referenceForm, stripQualifier } from "@connect-lint/core";
import type { ProjectFlow } from "@connect-lint/core";

const ARN = "arn:aws:connect:us-east-1:111122223333:instance/11111111-2222-3333-4444-555555555555";

function flow(file: string, name: string, type: string | undefined, actions: unknown[], actionMetadata: Record<string, unknown> = {}): ProjectFlow {
  const value = { Version: "2019-10-30", StartAction: "a", Metadata: { name, ...(type ? { type } : {}), ActionMetadata: actionMetadata }, Actions: actions };
  const parsed = parseJson(JSON.stringify(value, null, 2));
  if (!parsed.ok) throw new Error(parsed.message);
  return projectFlow(file, buildFlow(parsed.document.value as Record<string, unknown>, "flow", { filePath: file }), parsed.document);
}

const transfer = (id: string, target: string): unknown => ({ Identifier: id, Type: "TransferToFlow", Parameters: { ContactFlowId: target }, Transitions: { NextAction: "bye", Errors: [] } });
const hook = (id: string, key: string, target: string): unknown => ({ Identifier: id, Type: "UpdateContactEventHooks", Parameters: { EventHooks: { [key]: target } }, Transitions: { NextAction: "bye", Errors: [] } });
const prompt = (id: string, promptId: string): unknown => ({ Identifier: id, Type: "MessageParticipant", Parameters: { PromptId: promptId }, Transitions: { NextAction: "bye", Errors: [] } });

describe("references", () => {
  it("classifies how a reference is written", () => {
    expect(referenceForm(`${ARN}/contact-flow/abc`)).toBe("arn");
    expect(referenceForm("abc-123")).toBe("id");
    expect(referenceForm("$.Attributes.next_flow")).toBe("dynamic");
    expect(referenceForm("${QueueFlowArn}")).toBe("template");
    expect(referenceForm("{{queue_flow}}")).toBe("template");
    expect(referenceForm("%%AWSSCVAgentWhisper%%")).toBe("template");
  });
  it("strips qualifiers and finds ids", () => {
    expect(stripQualifier(`${ARN}/flow-module/m1:$LATEST`)).toBe(`${ARN}/flow-module/m1`);
    expect(stripQualifier("arn:aws:lambda:us-east-1:111122223333:function:lookup:prod")).toBe("arn:aws:lambda:us-east-1:111122223333:function:lookup");
    expect(idOf(`${ARN}/queue/q-1`)).toBe("q-1");
    expect(idOf("m1:3")).toBe("m1");
  });
});

describe("ProjectIndex", () => {
  const inventory = buildInventory([
    {
      source: "flows.json",
      value: {
        ContactFlowSummaryList: [
          { Id: "f-queue", Arn: `${ARN}/contact-flow/f-queue`, Name: "CQ_Main", ContactFlowType: "CUSTOMER_QUEUE" },
          { Id: "f-remote", Arn: `${ARN}/contact-flow/f-remote`, Name: "Not in this repository", ContactFlowType: "CONTACT_FLOW" },
        ],
      },
    },
    { source: "prompts.json", value: { PromptSummaryList: [{ Id: "p-1", Arn: `${ARN}/prompt/p-1`, Name: "Welcome" }] } },
  ]);
  const inbound = flow(
    "/p/inbound.json",
    "Inbound",
    "contactFlow",
    [
      hook("h1", "CustomerQueue", `${ARN}/contact-flow/f-queue`),
      transfer("t1", `${ARN}/contact-flow/f-remote`),
      transfer("t2", "$.Attributes.next"),
      transfer("t3", "f-unknown"),
      transfer("t4", `${ARN}/contact-flow/by-name`),
      prompt("p1", `${ARN}/prompt/p-1`),
      prompt("p2", `${ARN}/prompt/p-missing`),
      { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
    { t4: { parameters: { ContactFlowId: { displayName: "Transfer_Billing" } } } },
  );
  const queue = flow("/p/queue.json", "CQ_Main", "customerQueue", []);
  const billing = flow("/p/billing.json", "Transfer_Billing", "queueTransfer", []);
  const project = new ProjectIndex([queue, inbound, billing], inventory);

  it("resolves by ARN through the inventory to a project flow, or to the inventory entry", () => {
    const summary = project.references.map((r) => {
      const res = r.resolution;
      const target = res.status === "project" ? res.target.flow.name : res.status === "inventory" ? String(res.target.name) : "";
      return `${r.action.id ?? ""} ${r.kind}${r.hook ? `[${r.hook}]` : ""} ${r.form} ${res.status} ${"via" in res ? res.via : ""} ${target}${res.status === "unresolved" ? res.reason : ""}${r.notInInventory ? " (not in inventory)" : ""}`.trim();
    });
    expect(summary).toEqual([
      "h1 flow[CustomerQueue] arn project arn CQ_Main",
      "t1 flow arn inventory arn Not in this repository",
      "t2 flow dynamic dynamic",
      "t3 flow id unresolved  the id is not in the inventory (not in inventory)",
      "t4 flow arn project name Transfer_Billing (not in inventory)",
      "p1 prompt arn inventory arn Welcome",
      "p2 prompt arn unresolved  the ARN is not in the inventory (not in inventory)",
    ]);
  });

  it("sorts flows by path and finds them by name", () => {
    expect(project.flows.map((f) => f.filePath)).toEqual(["/p/billing.json", "/p/inbound.json", "/p/queue.json"]);
    expect(project.byName("CQ_Main").map((f) => f.filePath)).toEqual(["/p/queue.json"]);
  });

  it("without an inventory, resolves by the designer's name only", () => {
    const alone = new ProjectIndex([inbound, billing]);
    const t4 = alone.references.find((r) => r.action.id === "t4");
    expect(t4?.resolution).toMatchObject({ status: "project", via: "name" });
    const t1 = alone.references.find((r) => r.action.id === "t1");
    expect(t1?.resolution).toEqual({ status: "unresolved", reason: "no inventory is configured and the export does not record the target's name" });
  });
});

describe("buildInventory", () => {
  it("names the file and what is wrong", () => {
    expect(() => buildInventory([{ source: "inv.json", value: [] }])).toThrow(new ConfigError('Invalid inventory inv.json: expected a JSON object (the output of an "aws connect list-*" command).'));
    expect(() => buildInventory([{ source: "inv.json", value: { Foo: [] } }])).toThrow(/^Invalid inventory inv\.json: no known list in it/);
    expect(() => buildInventory([{ source: "inv.json", value: { QueueSummaryList: {} } }])).toThrow("Invalid inventory inv.json: QueueSummaryList must be an array.");
  });
  it("reads Lambda functions, Lex bots and entry points", () => {
    const inv = buildInventory([
      { source: "a.json", value: { LambdaFunctions: ["arn:aws:lambda:us-east-1:111122223333:function:lookup"], LexBots: [{ LexV2Bot: { AliasArn: "arn:aws:lex:us-east-1:111122223333:bot-alias/B/A" } }], EntryPoints: ["Main"] } },
    ]);
    expect([...inv.kinds].sort()).toEqual(["lambda", "lex-bot"]);
    expect(inv.find("lambda", "arn:aws:lambda:us-east-1:111122223333:function:lookup:prod")?.name).toBe("lookup");
    expect(inv.find("lex-bot", "arn:aws:lex:us-east-1:111122223333:bot-alias/B/A")).toBeDefined();
    expect(inv.entryPoints).toEqual(["Main"]);
  });
  it("reads phone numbers (list-phone-numbers-v2), named by the number", () => {
    const arn = "arn:aws:connect:us-east-1:111122223333:phone-number/p-1";
    const inv = buildInventory([
      { source: "phone-numbers.json", value: { ListPhoneNumbersSummaryList: [{ PhoneNumberId: "p-1", PhoneNumberArn: arn, PhoneNumber: "+15555550100", PhoneNumberType: "DID" }] } },
    ]);
    expect([...inv.kinds]).toEqual(["phone-number"]);
    expect(inv.resources).toEqual([{ kind: "phone-number", id: "p-1", arn, name: "+15555550100", flowType: undefined }]);
    expect(inv.find("phone-number", "p-1")?.name).toBe("+15555550100");
    expect(inv.find("phone-number", arn)?.id).toBe("p-1");
    expect(() => buildInventory([{ source: "p.json", value: { ListPhoneNumbersSummaryList: [1] } }])).toThrow(
      new ConfigError("Invalid inventory p.json: ListPhoneNumbersSummaryList[0] must be an object."),
    );
  });
});

describe("projectFlow with reload (the CLI's: a project does not keep its flows)", () => {
  const text = JSON.stringify(
    { Version: "2019-10-30", StartAction: "go", Metadata: { name: "main", type: "contactFlow" }, Actions: [prompt("hello", "p-1"), transfer("go", "queue-flow")] },
    null,
    2,
  );
  const load = (): { flow: ReturnType<typeof buildFlow>; document: Extract<ReturnType<typeof parseJson>, { ok: true }>["document"] } => {
    const parsed = parseJson(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return { flow: buildFlow(parsed.document.value as Record<string, unknown>, "flow", { filePath: "/p/main.json" }), document: parsed.document };
  };

  it("keeps the name, type and references, and loads the flow again only when asked", () => {
    const first = load();
    let loads = 0;
    const kept = projectFlow("/p/main.json", first.flow, first.document, undefined, {
      reload: () => {
        loads++;
        return load();
      },
    });
    expect([kept.name, kept.kind, kept.type, kept.nameSource, kept.firstKey]).toEqual(["main", "flow", "CONTACT_FLOW", "metadata", "Version"]);
    expect(kept.sites.map((s) => [s.kind, s.parameter, s.value, s.pointer, s.block.id, s.block.type, s.block.index])).toEqual([
      ["prompt", "PromptId", "p-1", "/Actions/0/Parameters/PromptId", "hello", "MessageParticipant", 0],
      ["flow", "ContactFlowId", "queue-flow", "/Actions/1/Parameters/ContactFlowId", "go", "TransferToFlow", 1],
    ]);
    const references = new ProjectIndex([kept]).references;
    expect(references.map((r) => [r.block.id, r.resolution.status])).toEqual([
      ["hello", "unresolved"],
      ["go", "unresolved"],
    ]);
    expect(loads).toBe(0);
    // A position: the flow is read again, and the reloaded text gives it.
    expect(kept.document.locate("/Actions/1/Parameters/ContactFlowId")).toEqual({ start: { line: 24, column: 26 }, end: { line: 24, column: 38 } });
    expect(references[1]?.action.id).toBe("go");
    expect(references[1]?.action).not.toBe(first.flow.actions[1]);
    expect(kept.graph.flow.actions.map((a) => a.id)).toEqual(["hello", "go"]);
    // The last flows loaded are kept for a while: asking again loads nothing more...
    expect(loads).toBe(1);
    // ...until the project pass is over (lintProject forgets them).
    lintProject(new ProjectIndex([kept]), { rules: [], include: () => true });
    expect(kept.flow.actions.map((a) => a.id)).toEqual(["hello", "go"]);
    expect(loads).toBe(2);
  });

  it("falls back to an empty flow at the start of the file when the file is gone", () => {
    const first = load();
    const kept = projectFlow("/p/main.json", first.flow, first.document, undefined, { reload: () => undefined });
    expect(kept.document.locate("/Actions/1/Parameters/ContactFlowId")).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
    expect(kept.flow.actions).toEqual([]);
    const [, go] = new ProjectIndex([kept]).references;
    expect([go?.action.id, go?.action.type, go?.action.pointer]).toEqual(["go", "TransferToFlow", "/Actions/1"]);
  });
});
