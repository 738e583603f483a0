import { describe, expect, it } from "vitest";
import { extractDocuments } from "@connect-lint/core";
import { at, documentOf, extract, fixture, hostLineCol, hostOf, hostSlice, lineCol } from "./source-helpers.js";

describe("CloudFormation JSON: a flow in a single-line escaped string", () => {
  const host = fixture("cloudformation/single-line.template.json").text;
  const result = extract("cloudformation/single-line.template.json");

  it("finds both flows, with the host's type and name, and skips other resources", () => {
    expect(result.documents.map((d) => [d.resource, d.container, d.kind, d.flowType, d.name])).toEqual([
      ["MainFlow", "cloudformation-json", "flow", "CONTACT_FLOW", "Main flow"],
      ["Whisper", "cloudformation-json", "flow", "AGENT_WHISPER", "Whisper"],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it("decodes the string and maps every range through its escapes", () => {
    const doc = documentOf(result, "MainFlow");
    expect(JSON.parse(doc.text)).toMatchObject({ StartAction: "greet" });
    // \u00e9, \\\" and \\n in the host are é, \" and \n in the flow text.
    expect(hostOf(doc, host, 'Café \\"open\\"\\nnow')).toBe('Caf\\u00e9 \\\\\\"open\\\\\\"\\\\nnow');
    expect(hostOf(doc, host, "é")).toBe("\\u00e9");
    expect(hostOf(doc, host, '"Identifier":"greet"')).toBe('\\"Identifier\\":\\"greet\\"');
    expect(hostLineCol(doc, host, '"StartAction"')).toBe(lineCol(host, at(host, '\\"StartAction\\":\\"greet')));
    expect(hostLineCol(doc, host, "DisconnectParticipant")).toBe("10:282");
  });

  it("maps the end of the document to the closing quote of the string", () => {
    const doc = documentOf(result, "MainFlow");
    const close = at(host, '}]}"\n      }\n    },\n    "Whisper"') + 3;
    expect(doc.map.toHost(doc.text.length)).toBe(close);
    expect(doc.map.toHostEnd(doc.text.length)).toBe(close);
    expect(doc.map.toHost(0)).toBe(at(host, '"Content": "{') + 12);
  });

  it("marks Fn::Sub placeholders, renders ${!x} as ${x}, and resolves ${Res.Attr} to the other flow", () => {
    const doc = documentOf(result, "Whisper");
    expect(doc.placeholders.map((p) => [doc.text.slice(p.start, p.end), p.kind, p.inserted])).toEqual([
      ["${MainFlow.ContactFlowArn}", "substitution", false],
      ["${AWS::Region}", "substitution", false],
    ]);
    expect([...doc.references]).toEqual([["${MainFlow.ContactFlowArn}", { resource: "MainFlow", attribute: "ContactFlowArn", connectKind: "flow" }]]);
    expect(JSON.parse(doc.text)).toMatchObject({ Actions: [{ Parameters: { Literal: "${NotAPlaceholder}" } }] });
    expect(hostOf(doc, host, "${NotAPlaceholder}")).toBe("${!NotAPlaceholder}");
    expect(hostOf(doc, host, "${AWS::Region}")).toBe("${AWS::Region}");
  });
});

describe("CloudFormation YAML", () => {
  const host = fixture("cloudformation/flows.yaml").text;
  const result = extract("cloudformation/flows.yaml");

  it("reads short-form tags anywhere and finds every flow and module", () => {
    expect(result.documents.map((d) => [d.resource, d.container, d.kind, d.flowType ?? null, d.name ?? null])).toEqual([
      ["InboundFlow", "cloudformation-yaml", "flow", "CONTACT_FLOW", null],
      ["QueueFlow", "cloudformation-yaml", "flow", "CUSTOMER_QUEUE", "Queue flow"],
      ["FoldedFlow", "cloudformation-yaml", "flow", "CONTACT_FLOW", "Folded"],
      ["QuotedFlow", "cloudformation-yaml", "flow", "CONTACT_FLOW", "Quoted"],
      ["SingleQuotedModule", "cloudformation-yaml", "module", null, "Module"],
    ]);
    for (const d of result.documents) expect(() => JSON.parse(d.text) as unknown, d.resource).not.toThrow();
  });

  it("maps a !Sub | block scalar through its indentation", () => {
    const doc = documentOf(result, "InboundFlow");
    expect(doc.text.startsWith('{\n  "Version": "2019-10-30",\n')).toBe(true);
    expect(hostLineCol(doc, host, '"LambdaFunctionARN"')).toBe("31:17");
    expect(hostLineCol(doc, host, "{")).toBe("23:9");
    expect(hostOf(doc, host, '"Parameters": { "ContactFlowId"')).toBe('"Parameters": { "ContactFlowId"');
    // The line break at the end of a line maps to the host's line break, not over the next indentation.
    const nl = doc.text.indexOf("\n");
    expect(hostSlice(doc, host, 0, nl + 1)).toBe("{\n");
    // The next line keeps the two spaces it has beyond the block's indentation.
    expect(doc.map.toHost(nl + 3)).toBe(at(host, '"Version": "2019-10-30",\n          "StartAction": "invoke"'));
    expect(hostSlice(doc, host, nl + 1, nl + 3)).toBe("  ");
  });

  it("reports a CloudFormation intrinsic written inside the Content string, at its host position", () => {
    const d = result.diagnostics.find((x) => x.ruleId === "intrinsic-in-content");
    expect(d).toMatchObject({ severity: 2, resource: "InboundFlow", hostPath: fixture("cloudformation/flows.yaml").hostPath });
    expect(host.slice(d?.start, d?.end)).toBe("!GetAtt Fn.Arn");
    expect(lineCol(host, d?.start ?? 0)).toBe("31:39");
    expect(d?.message).toBe(
      'AWS::Connect::ContactFlow "InboundFlow": "!GetAtt Fn.Arn" is written inside the Content string, so CloudFormation never evaluates it and Connect receives it as literal text. Use ${...} substitution instead.',
    );
  });

  it("resolves the list form's variables and ${Res.Attr} to the other flow of the template", () => {
    const inbound = documentOf(result, "InboundFlow");
    expect([...inbound.references]).toEqual([["${QueueFlow.ContactFlowArn}", { resource: "QueueFlow", attribute: "ContactFlowArn", connectKind: "flow" }]]);
    const queue = documentOf(result, "QueueFlow");
    expect(queue.placeholders.map((p) => queue.text.slice(p.start, p.end))).toEqual(["${Target}", "${QueueArn}"]);
    expect([...queue.references]).toEqual([["${Target}", { resource: "InboundFlow", attribute: "ContactFlowArn", connectKind: "flow" }]]);
    expect(hostLineCol(queue, host, "${Target}")).toBe("54:46");
    expect(queue.text.endsWith("}]}")).toBe(true); // |- strips the final line break
  });

  it("maps a >- folded scalar: a folded line break becomes a space at the host's line break", () => {
    const doc = documentOf(result, "FoldedFlow");
    expect(doc.text).toBe(
      '{"Version": "2019-10-30", "StartAction": "end", "Actions":\n[{"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}',
    );
    const space = doc.text.indexOf(' "StartAction"');
    expect(hostSlice(doc, host, space, space + 1)).toBe("\n");
    expect(hostLineCol(doc, host, '"StartAction"')).toBe("64:9");
    expect(hostLineCol(doc, host, "[{")).toBe("66:9");
  });

  it("maps a double-quoted scalar through escapes and folding, and a single-quoted one through ''", () => {
    const quoted = documentOf(result, "QuotedFlow");
    expect(hostOf(quoted, host, '"Actions"')).toBe('\\"Actions\\"');
    expect(hostOf(quoted, host, "tab\\there")).toBe("tab\\\\there");
    expect(hostLineCol(quoted, host, '"Actions"')).toBe("73:9");
    const module = documentOf(result, "SingleQuotedModule");
    expect(hostOf(module, host, "it's")).toBe("it''s");
  });

  it("reports unreadable and invalid Content once per resource, and goes on", () => {
    const others = result.diagnostics.filter((x) => x.ruleId !== "intrinsic-in-content");
    expect(others.map((x) => [x.ruleId, x.severity, x.resource, lineCol(host, x.start), x.message])).toEqual([
      [
        "unresolved-flow-content",
        1,
        "IncludedFlow",
        "84:9",
        'The flow of AWS::Connect::ContactFlow "IncludedFlow" could not be read: its Content is Fn::Transform (AWS::Include), whose value is not in this file; it was not linted.',
      ],
      [
        "unresolved-flow-content",
        1,
        "ParamFlow",
        "92:21",
        'The flow of AWS::Connect::ContactFlow "ParamFlow" could not be read: its Content is a Ref to the parameter "ExternalContent", whose value is not in this file; it was not linted.',
      ],
      ["invalid-container", 2, "MappingFlow", "98:9", 'AWS::Connect::ContactFlow "MappingFlow": Content must be a string or Fn::Sub of a string, not a mapping.'],
    ]);
  });

  it("reports malformed YAML as invalid-container at the error, with no documents", () => {
    const { text } = fixture("cloudformation/malformed.yaml");
    const r = extract("cloudformation/malformed.yaml");
    expect(r.documents).toEqual([]);
    expect(r.diagnostics.map((x) => [x.ruleId, x.severity, lineCol(text, x.start), x.message])).toEqual([
      ["invalid-container", 2, "7:1", 'Could not read this CloudFormation template (YAML): Missing closing "quote.'],
    ]);
  });
});

describe("CDK synth output (cdk.out/*.template.json)", () => {
  const host = fixture("cdk.out/ConnectStack.template.json").text;
  const result = extract("cdk.out/ConnectStack.template.json");

  it("joins Fn::Join parts; an intrinsic part becomes the ${Res.Attr} placeholder mapped to the whole intrinsic", () => {
    const doc = documentOf(result, "IvrFlow1A2B3C4D");
    expect(doc).toMatchObject({ container: "cloudformation-json", kind: "flow", flowType: "CONTACT_FLOW", name: "ivr" });
    expect(JSON.parse(doc.text)).toMatchObject({ Actions: [{ Parameters: { LambdaFunctionARN: "${Handler886CB40B.Arn}" } }] });
    const p = doc.placeholders[0];
    expect(p && hostSlice(doc, host, p.start, p.end)).toBe(host.slice(at(host, '{\n        "Fn::GetAtt"'), host.indexOf("}", at(host, '"Arn"\n')) + 1));
    expect([...doc.references]).toEqual([["${Handler886CB40B.Arn}", { resource: "Handler886CB40B", attribute: "Arn" }]]);
    expect(hostOf(doc, host, '"InvocationTimeLimitSeconds":"3"')).toBe('\\"InvocationTimeLimitSeconds\\":\\"3\\"');
  });
});

describe("user placeholder patterns and {{...}}", () => {
  it("marks ##NAME## and ${M:name:M} inside strings and wraps them in quotes outside strings", () => {
    const content = '{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"X","Parameters":{"Q":"##QUEUE##","N":${M:n:M},"T":"{{t}}"},"Transitions":{}}]}';
    const host = `Resources:\n  F:\n    Type: AWS::Connect::ContactFlow\n    Properties:\n      Content: '${content}'\n`;
    const r = extractDocuments("t.yml", host, { placeholderPatterns: [/##\w+##/, /\$\{M:\w+:M\}/g] });
    const doc = r?.documents[0];
    if (doc === undefined) throw new Error("no document");
    expect(JSON.parse(doc.text)).toMatchObject({ Actions: [{ Parameters: { Q: "##QUEUE##", N: "${M:n:M}", T: "{{t}}" } }] });
    expect(doc.placeholders.map((p) => [doc.text.slice(p.start, p.end), p.inserted])).toEqual([
      ["##QUEUE##", false],
      ["${M:n:M}", true],
      ["{{t}}", false],
    ]);
    const n = doc.text.indexOf('"${M:n:M}"');
    // The inserted quotes take no host text: the whole quoted value maps onto the placeholder.
    expect(hostSlice(doc, host, n, n + 10)).toBe("${M:n:M}");
  });
});

describe("CloudFormation edge cases", () => {
  const wrap = (content: string): string => `{"Resources": {"F": {"Type": "AWS::Connect::ContactFlow", "Properties": {"Content": ${content}}}}}`;

  it("reports a long-form intrinsic written inside the Content string", () => {
    const host = wrap('"{\\"Actions\\": [{\\"Parameters\\": {\\"Arn\\": {\\"Fn::GetAtt\\": [\\"Fn\\", \\"Arn\\"]}}}]}"');
    const r = extractDocuments("t.json", host);
    expect(r?.diagnostics.map((d) => [d.ruleId, host.slice(d.start, d.end)])).toEqual([["intrinsic-in-content", "Fn::GetAtt"]]);
    expect(r?.diagnostics[0]?.message).toBe(
      'AWS::Connect::ContactFlow "F": "Fn::GetAtt" is written inside the Content string, so CloudFormation never evaluates it and Connect receives it as literal text. Use Fn::Sub with ${...} instead.',
    );
  });

  it("reports a malformed Fn::Sub, and an ImportValue it cannot read", () => {
    const sub = wrap('{"Fn::Sub": [1, 2]}');
    expect(extractDocuments("t.json", sub)?.diagnostics.map((d) => [d.ruleId, d.severity, sub.slice(d.start, d.end), d.message])).toEqual([
      ["invalid-container", 2, '{"Fn::Sub": [1, 2]}', 'AWS::Connect::ContactFlow "F": Fn::Sub must be given a string or [string, {variables}].'],
    ]);
    const imported = wrap('{"Fn::ImportValue": "shared-flow"}');
    expect(extractDocuments("t.json", imported)?.diagnostics.map((d) => d.message)).toEqual([
      'The flow of AWS::Connect::ContactFlow "F" could not be read: its Content is Fn::ImportValue, whose value is not in this file; it was not linted.',
    ]);
  });

  it("returns a Content that is not valid JSON as a document (the parser reports it), and reads a BOM-prefixed template", () => {
    const host = "\uFEFF" + wrap('"{\\"Version\\": "');
    const r = extractDocuments("t.template", host);
    expect(r?.diagnostics).toEqual([]);
    expect(r?.documents.map((d) => [d.container, d.text, d.map.toHost(0)])).toEqual([["cloudformation-json", '{"Version": ', host.indexOf('{\\"')]]);
  });

  it("returns null for malformed JSON that is not a CloudFormation template", () => {
    expect(extractDocuments("x.json", '{"ContactFlow": {"Content": "{\\"Actions\\": []}", ')).toBeNull();
  });
});
