import { describe, expect, it } from "vitest";
import { LineIndex, decodeText, lintText, loadFlow, resolveRules, defineRule } from "@connect-lint/core";
import type { OffsetMap } from "@connect-lint/core";

const FLOW = '{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}';

describe("decodeText", () => {
  it("decodes UTF-8 and names what is not", () => {
    expect(decodeText(Buffer.from('{"a":"é"}'))).toEqual({ ok: true, text: '{"a":"é"}' });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x7b, 0x00]))).toEqual({
      ok: false,
      problem: "File is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to lint it",
    });
    expect(decodeText(Buffer.from([0x7b, 0x00, 0x7d]))).toEqual({ ok: false, problem: "File is binary (it contains NUL bytes), not a JSON flow" });
    expect(decodeText(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]))).toEqual({ ok: false, problem: "File is not valid UTF-8 text" });
  });
});

describe("loadFlow", () => {
  it("recognises flows, legacy exports and other JSON, and reports failures with a range and a span", () => {
    const flow = loadFlow(FLOW, { filePath: "/f/inbound.json" });
    expect(flow.status).toBe("flow");
    if (flow.status === "flow") expect([flow.flow.name, flow.flow.nameSource, flow.flow.actions.length]).toEqual(["inbound", "file", 1]);
    expect(loadFlow('{"modules":[],"start":"x","version":"1"}', { filePath: "x.json" }).status).toBe("legacy");
    expect(loadFlow('{"name":"pkg"}', { filePath: "package.json" }).status).toBe("other");
    expect(loadFlow('{"a":1,}', { filePath: "x.json" })).toEqual({
      status: "failed",
      reason: "parse-error",
      message: "Invalid JSON: Unexpected '}'",
      range: { start: { line: 1, column: 8 }, end: { line: 1, column: 9 } },
      span: { start: 7, end: 8 },
    });
    expect(loadFlow("[[[1]]]", { filePath: "x.json" }, { limits: { maxNestingDepth: 2 } })).toMatchObject({
      status: "failed",
      reason: "too-deeply-nested",
      span: { start: 2, end: 3 },
    });
    expect(loadFlow(FLOW, { filePath: "x.json" }, { limits: { maxFileSize: 10 } })).toMatchObject({ status: "failed", reason: "file-too-large" });
  });

  it("takes the name and type a container gives over the export's metadata", () => {
    const text = FLOW.replace('"Actions"', '"Metadata":{"name":"meta-name","type":"contactFlow"},"Actions"');
    const loaded = loadFlow(text, { filePath: "t.yaml", flowName: "HostName", flowType: { type: "CUSTOMER_QUEUE", source: { kind: "container", detail: "Type" } } });
    expect(loaded.status === "flow" && [loaded.flow.name, loaded.flow.nameSource, loaded.flow.type, loaded.flow.typeSource.kind]).toEqual([
      "HostName",
      "container",
      "CUSTOMER_QUEUE",
      "container",
    ]);
  });
});

describe("positions in a host file", () => {
  // The flow sits in a host file as an escaped JSON string on line 3: `"Content": "{\"Version\": ...}"`.
  const host = `{\n  "Resources": {\n    "Content": ${JSON.stringify(FLOW)}\n  }\n}\n`;
  const contentStart = host.indexOf('"{') + 1;
  /** Each document character is one host character, except `"`, which is written `\"` (two). */
  const toHost = (offset: number): number => {
    let h = contentStart;
    for (let i = 0; i < offset; i++) h += FLOW[i] === '"' ? 2 : 1;
    return h;
  };
  const map: OffsetMap = { toHost, toHostEnd: toHost };
  const hostText = { lines: new LineIndex(host), map };

  it("reports a finding at the host's line and column", () => {
    const rule = defineRule({
      name: "on-type",
      meta: { type: "problem", description: "Test.", recommended: "error", messages: { m: "here" }, schema: {}, defaultOptions: {} },
      check(ctx) {
        for (const a of ctx.flow.actions) ctx.report({ messageId: "m", at: { action: a, property: "Type" } });
      },
    });
    const result = lintText(FLOW, { filePath: "/t/template.json", rules: resolveRules([rule], { "on-type": "error" }), host: hostText, resource: "MainFlow" });
    const m = result?.messages[0];
    const typeValue = '\\"DisconnectParticipant\\"';
    const at = host.indexOf(typeValue);
    expect(m && [m.line, m.column, m.endLine, m.endColumn]).toEqual([3, at - host.lastIndexOf("\n", at), 3, at - host.lastIndexOf("\n", at) + typeValue.length]);
    expect(result?.resource).toBe("MainFlow");
  });

  it("reports a parse error inside the embedded text at the host's position", () => {
    const broken = FLOW.replace('"Parameters":{}', '"Parameters":{,}');
    const loaded = loadFlow(broken, { filePath: "t.json", host: { lines: new LineIndex(host), map } });
    const at = broken.indexOf("{,}") + 1;
    expect(loaded).toMatchObject({ status: "failed", span: { start: at, end: at + 1 } });
    if (loaded.status === "failed") expect(loaded.range.start).toEqual(new LineIndex(host).positionAt(map.toHost(at)));
  });
});
