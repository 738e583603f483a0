import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocuments, mightHoldConnectResources, toHostRange } from "@connect-lint/core";
import { checkMap, CONTAINERS, documentOf, extract, fixture, hostLineCol, hostOf } from "./source-helpers.js";

/** ../shared/corpus beside the repository (fixtures/containers is two levels below its root); absent for most users. */
const CORPUS = path.resolve(CONTAINERS, "../../../shared/corpus/flows");

describe("API output (describe-contact-flow, describe-contact-flow-module)", () => {
  it("reads ContactFlow.Content with the API's Type and Name, and marks {{...}}", () => {
    const host = fixture("api/describe-contact-flow.json").text;
    const r = extract("api/describe-contact-flow.json");
    expect(r.diagnostics).toEqual([]);
    const doc = documentOf(r, "ContactFlow");
    expect(doc).toMatchObject({ container: "api-describe", kind: "flow", flowType: "CUSTOMER_QUEUE", name: "Sample queue" });
    expect(hostOf(doc, host, '"Text":"Please hold {{queue_name}}"')).toBe('\\"Text\\":\\"Please hold {{queue_name}}\\"');
    expect(hostLineCol(doc, host, '"StartAction"')).toBe("8:49");
    expect(doc.placeholders.map((p) => doc.text.slice(p.start, p.end))).toEqual(["{{queue_name}}"]);
  });

  it("reads ContactFlowModule.Content as a module", () => {
    const doc = documentOf(extract("api/describe-contact-flow-module.json"), "ContactFlowModule");
    expect(doc).toMatchObject({ container: "api-describe", kind: "module", name: "Auth module" });
    expect(doc.flowType).toBeUndefined();
  });
});

describe("files that are not containers", () => {
  it("returns null for YAML, JSON and Terraform with no Connect resource", () => {
    for (const file of ["none/plain.yaml", "none/queue.json", "none/network.tf"]) {
      const { hostPath, text } = fixture(file);
      expect(extractDocuments(hostPath, text), file).toBeNull();
    }
  });

  it("returns null for a plain flow export, before any parse", () => {
    const text = fixture("terraform/flows/plain.json").text;
    expect(mightHoldConnectResources("flow.json", text)).toBe(false);
    expect(extractDocuments("flow.json", text)).toBeNull();
  });

  it.skipIf(!existsSync(CORPUS))("passes over every plain flow of the shared corpus with the substring check alone", () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(200);
    const claimed = files.filter((f) => mightHoldConnectResources(f, readFileSync(path.join(CORPUS, f), "utf8")));
    expect(claimed).toEqual([]);
  });

  it("says which files might hold resources by extension and substrings", () => {
    expect(mightHoldConnectResources("main.tf", 'resource "aws_connect_contact_flow" "x" {}')).toBe(true);
    expect(mightHoldConnectResources("main.tf", 'resource "aws_s3_bucket" "x" {}')).toBe(false);
    expect(mightHoldConnectResources("t.yaml", "Type: AWS::Connect::ContactFlowModule")).toBe(true);
    expect(mightHoldConnectResources("t.txt", "Type: AWS::Connect::ContactFlow")).toBe(false);
    expect(mightHoldConnectResources("out.json", '{"ContactFlow": {"Content": "{\\"Actions\\": []}"}}')).toBe(true);
    // Flow metadata may name a "ContactFlow"; without an escaped flow in a string it is a plain export.
    expect(mightHoldConnectResources("flow.json", '{"Actions": [], "Metadata": {"ContactFlow": {"text": "x"}}}')).toBe(false);
    expect(mightHoldConnectResources("f.json.tftpl", '{"Actions": []}')).toBe(true);
  });
});

describe("position maps", () => {
  const files = [
    "cloudformation/single-line.template.json",
    "cloudformation/flows.yaml",
    "cdk.out/ConnectStack.template.json",
    "terraform/main.tf",
    "terraform/quoted.tf",
    "terraform/flows/queue.json.tftpl",
    "api/describe-contact-flow.json",
    "api/describe-contact-flow-module.json",
  ];
  it("map every character of every fixture document onto the host text that produced it", () => {
    for (const file of files) {
      for (const doc of extract(file).documents) checkMap(doc, readFileSync(doc.hostPath, "utf8"));
    }
  });

  it("give a range's host range without the host text that produced nothing around it", () => {
    const host = fixture("cloudformation/flows.yaml").text;
    const doc = documentOf(extract("cloudformation/flows.yaml"), "InboundFlow");
    const i = doc.text.indexOf('"Version"');
    // "Version": "2019-10-30",\n  "StartAction" spans a line break and the next line's indentation.
    const r = toHostRange(doc.map, i, doc.text.indexOf('"StartAction"') + 13);
    expect(host.slice(r.start, r.end)).toBe('"Version": "2019-10-30",\n          "StartAction"');
    expect(toHostRange(doc.map, i, i)).toEqual({ start: doc.map.toHost(i), end: doc.map.toHost(i) });
    const nl = doc.text.indexOf("\n");
    expect(host.slice(toHostRange(doc.map, nl, nl + 1).start, toHostRange(doc.map, nl, nl + 1).end)).toBe("\n");
  });

  it("clamp offsets before the start and past the end", () => {
    const doc = documentOf(extract("api/describe-contact-flow.json"), "ContactFlow");
    expect(doc.map.toHost(-5)).toBe(doc.map.toHost(0));
    expect(doc.map.toHost(doc.text.length + 10)).toBe(doc.map.toHost(doc.text.length));
    expect(doc.map.toHostEnd(0)).toBe(doc.map.toHost(0));
  });
});

describe("robustness", () => {
  it("never throws on a truncated container, and stays deterministic", () => {
    const files = ["cloudformation/single-line.template.json", "cloudformation/flows.yaml", "terraform/main.tf", "terraform/flows/queue.json.tftpl", "api/describe-contact-flow.json"];
    for (const file of files) {
      const { hostPath, text } = fixture(file);
      for (let cut = 0; cut < text.length; cut += 29) {
        const piece = text.slice(0, cut);
        const run = (): string => JSON.stringify(extractDocuments(hostPath, piece, { readFile: () => undefined }), (_k, v: unknown) => (v instanceof Map ? [...(v as Map<string, unknown>)] : v));
        expect(run, `${file} cut at ${String(cut)}`).not.toThrow();
        expect(run()).toBe(run());
      }
    }
  });
});

describe("an exported flow object (Name, Type, Content side by side)", () => {
  it("reads Content with the object's Type and Name", () => {
    const host = fixture("api/exported-flow.json").text;
    const doc = documentOf(extract("api/exported-flow.json"), "ContactFlow");
    expect(doc).toMatchObject({ container: "api-describe", kind: "flow", flowType: "AGENT_HOLD", name: "Hold music" });
    expect(hostLineCol(doc, host, '"EndFlowExecution"')).toBe("4:113");
  });
});
