import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocuments } from "@connect-lint/core";
import { at, CONTAINERS, documentOf, extract, fixture, hostLineCol, hostOf, hostSlice, lineCol } from "./source-helpers.js";

describe("Terraform", () => {
  const host = fixture("terraform/main.tf").text;
  const hostPath = fixture("terraform/main.tf").hostPath;
  const result = extract("terraform/main.tf");
  const template = fixture("terraform/flows/queue.json.tftpl");

  it("finds every Connect resource with its address, type and name; the flow's file is its host", () => {
    expect(result.documents.map((d) => [d.resource, d.container, d.kind, d.flowType ?? null, d.name, path.relative(CONTAINERS, d.hostPath)])).toEqual([
      ["aws_connect_contact_flow.inbound", "terraform", "flow", "CONTACT_FLOW", "Inbound", "terraform/main.tf"],
      ["aws_connect_contact_flow.queue", "terraform", "flow", "CUSTOMER_QUEUE", "Queue", "terraform/flows/queue.json.tftpl"],
      ["aws_connect_contact_flow.from_file", "terraform", "flow", "CONTACT_FLOW", "From file", "terraform/flows/plain.json"],
      ["aws_connect_contact_flow.by_filename", "terraform", "flow", "CONTACT_FLOW", "By filename", "terraform/flows/plain.json"],
      ["aws_connect_contact_flow_module.encoded", "terraform", "module", null, "Encoded module", "terraform/main.tf"],
    ]);
    for (const d of result.documents) {
      expect(d.declaredIn).toBe(hostPath);
      expect(() => JSON.parse(d.text) as unknown, d.resource).not.toThrow();
    }
  });

  it("strips a <<-EOT heredoc's indentation and maps through it", () => {
    const doc = documentOf(result, "aws_connect_contact_flow.inbound");
    expect(doc.text.startsWith('{\n  "Version": "2019-10-30",\n  "StartAction": "hello",\n')).toBe(true);
    expect(hostLineCol(doc, host, '"StartAction"')).toBe("13:7");
    expect(hostLineCol(doc, host, "{")).toBe("11:5");
    expect(doc.map.toHost(doc.text.length)).toBe(at(host, "}\n  EOT") + 2);
  });

  it("renders $${ as ${, marks ${...} interpolations, and resolves a flow address to that resource", () => {
    const doc = documentOf(result, "aws_connect_contact_flow.inbound");
    expect(JSON.parse(doc.text)).toMatchObject({ Actions: [{ Parameters: { Text: "Hi ${customer}, from ${var.brand}" } }, {}] });
    expect(hostOf(doc, host, "${customer}")).toBe("$${customer}");
    expect(doc.placeholders.map((p) => [doc.text.slice(p.start, p.end), p.inserted])).toEqual([
      ["${var.brand}", false],
      ["${aws_connect_contact_flow.queue.arn}", false],
    ]);
    expect([...doc.references]).toEqual([["${aws_connect_contact_flow.queue.arn}", { resource: "aws_connect_contact_flow.queue", attribute: "arn", connectKind: "flow" }]]);
  });

  it("reads templatefile(): placeholders outside strings become strings, directives blanks, vars name flows", () => {
    const doc = documentOf(result, "aws_connect_contact_flow.queue");
    expect(doc.hostPath).toBe(template.hostPath);
    const flow = JSON.parse(doc.text) as { Actions: { Identifier: string; Parameters: unknown }[] };
    expect(flow.Actions.map((a) => a.Identifier)).toEqual(["play", "log", "back"]);
    expect(flow.Actions[0]?.Parameters).toBe("${jsonencode(prompts)}");
    expect(doc.placeholders.map((p) => [template.text.slice(doc.map.toHost(p.start), doc.map.toHostEnd(p.end)), p.kind, p.inserted])).toEqual([
      ["${jsonencode(prompts)}", "substitution", true],
      ["%{ if enable_log ~}", "directive", true],
      ["%{ endif ~}", "directive", true],
      ["${back_flow}", "substitution", false],
    ]);
    const quoted = doc.text.indexOf('"${jsonencode(prompts)}"');
    expect(doc.map.toHost(quoted)).toBe(at(template.text, "${jsonencode(prompts)}"));
    expect(doc.map.toHostEnd(quoted + '"${jsonencode(prompts)}"'.length)).toBe(at(template.text, "${jsonencode(prompts)}") + 22);
    expect(hostLineCol(doc, template.text, '"${jsonencode')).toBe("8:21");
    expect(hostLineCol(doc, template.text, '"ContactFlowId"')).toBe("22:23");
    expect([...doc.references]).toEqual([["${back_flow}", { resource: "aws_connect_contact_flow.inbound", attribute: "arn", connectKind: "flow" }]]);
  });

  it("reads file() and filename = as the referenced file, mapped one for one", () => {
    const plain = fixture("terraform/flows/plain.json").text;
    for (const resource of ["aws_connect_contact_flow.from_file", "aws_connect_contact_flow.by_filename"]) {
      const doc = documentOf(result, resource);
      expect(doc.text).toBe(plain);
      expect(doc.map.toHost(plain.indexOf("DisconnectParticipant"))).toBe(plain.indexOf("DisconnectParticipant"));
    }
  });

  it("turns jsonencode({...}) into JSON mapped onto the HCL it came from", () => {
    const doc = documentOf(result, "aws_connect_contact_flow_module.encoded");
    expect(doc.text).toBe(
      '{"Version":"2019-10-30","StartAction":"end","Actions":[{"Identifier":"end","Type":"EndFlowModuleExecution","Parameters":{"Queue":"var.queue_arn","Max":3},"Transitions":{}}]}',
    );
    expect(hostOf(doc, host, "Version")).toBe("Version");
    expect(hostOf(doc, host, '"Version"')).toBe("Version");
    expect(hostOf(doc, host, '"2019-10-30"')).toBe('"2019-10-30"');
    expect(hostOf(doc, host, '"Max":3')).toBe('"Max" = 3');
    expect(hostLineCol(doc, host, '"EndFlowModuleExecution"')).toBe("74:22");
    expect(hostLineCol(doc, host, "var.queue_arn")).toBe("75:32");
    expect(doc.placeholders.map((p) => [doc.text.slice(p.start, p.end), p.inserted])).toEqual([["var.queue_arn", true]]);
  });

  it("reports deployment mistakes and unreadable content once each, naming the resource", () => {
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity, d.resource, lineCol(host, d.start), host.slice(d.start, d.end), d.message])).toEqual([
      [
        "unrendered-template",
        2,
        "aws_connect_contact_flow.unrendered",
        "62:18",
        '"flows/queue.json.tftpl"',
        "aws_connect_contact_flow.unrendered deploys the template queue.json.tftpl with filename =, so its placeholders reach Connect unrendered; use content = templatefile(...) instead.",
      ],
      [
        "unresolved-flow-content",
        1,
        "aws_connect_contact_flow.missing",
        "86:17",
        'templatefile("${path.module}/flows/nowhere.json.tftpl", {})',
        `The flow of aws_connect_contact_flow.missing could not be read: the file ${path.join(CONTAINERS, "terraform/flows/nowhere.json.tftpl")} does not exist; it was not linted.`,
      ],
      [
        "unresolved-flow-content",
        1,
        "aws_connect_contact_flow.computed",
        "93:17",
        "local.generated_flow",
        "The flow of aws_connect_contact_flow.computed could not be read: its content is local.generated_flow, whose value is not in this file; it was not linted.",
      ],
    ]);
  });

  it("resolves ${path.module}, path.root and relative paths against the .tf file's folder, through options.readFile", () => {
    const asked: string[] = [];
    const tf = [
      'resource "aws_connect_contact_flow" "a" {',
      '  content = file("${path.root}/x.json")',
      "}",
      'resource "aws_connect_contact_flow" "b" {',
      '  content = templatefile("../t/y.tftpl", { q = 1 })',
      "}",
      "",
    ].join("\n");
    const r = extractDocuments("/repo/infra/main.tf", tf, {
      readFile: (p) => {
        asked.push(p);
        return '{"Version":"2019-10-30","Actions":[]}';
      },
    });
    expect(asked).toEqual(["/repo/infra/x.json", "/repo/t/y.tftpl"]);
    expect(r?.documents.map((d) => d.hostPath)).toEqual(["/repo/infra/x.json", "/repo/t/y.tftpl"]);
  });

  it("decodes a quoted content string's escapes", () => {
    const quoted = fixture("terraform/quoted.tf");
    const doc = extract("terraform/quoted.tf").documents[0];
    if (doc === undefined) throw new Error("no document");
    expect(hostOf(doc, quoted.text, '"Identifier":"end"')).toBe('\\"Identifier\\":\\"end\\"');
    expect(hostOf(doc, quoted.text, "${var.greeting}")).toBe("${var.greeting}");
    expect(hostSlice(doc, quoted.text, 0, 1)).toBe("{");
  });

  it("reports malformed HCL as invalid-container at the error", () => {
    const { text } = fixture("terraform/malformed.tf");
    const r = extract("terraform/malformed.tf");
    expect(r.documents).toEqual([]);
    expect(r.diagnostics.map((d) => [d.ruleId, d.severity, lineCol(text, d.start), d.message])).toEqual([
      ["invalid-container", 2, "3:13", "Could not read this Terraform file: heredoc <<EOT is never closed."],
    ]);
  });
});

describe("Terraform templates on their own", () => {
  it("lints a *.json.tftpl as a flow (container terraform-template)", () => {
    const template = fixture("terraform/flows/queue.json.tftpl");
    const r = extract("terraform/flows/queue.json.tftpl");
    expect(r.documents.map((d) => [d.container, d.resource, d.hostPath])).toEqual([["terraform-template", "queue.json.tftpl", template.hostPath]]);
    const doc = r.documents[0];
    expect(doc && hostLineCol(doc, template.text, '"back"')).toBe("9:38");
  });

  it("skips a template that is not a flow", () => {
    expect(extractDocuments("user_data.tpl", "#!/bin/sh\necho ${name}\n")).toBeNull();
  });
});

describe("Terraform paths through locals", () => {
  it("resolves a path built from locals of the same file, and says when for_each decides it", () => {
    const { text } = fixture("terraform/locals.tf");
    const r = extract("terraform/locals.tf");
    expect(r.documents.map((d) => [d.resource, path.relative(CONTAINERS, d.hostPath)])).toEqual([["aws_connect_contact_flow.via_local", "terraform/flows/plain.json"]]);
    expect(r.diagnostics.map((d) => [d.ruleId, d.resource, lineCol(text, d.start), d.message])).toEqual([
      [
        "unresolved-flow-content",
        "aws_connect_contact_flow.each",
        "16:14",
        'The flow of aws_connect_contact_flow.each could not be read: its path "${local.flows_dir}/${each.key}" changes with for_each; lint the files it deploys on their own; it was not linted.',
      ],
    ]);
  });
});
