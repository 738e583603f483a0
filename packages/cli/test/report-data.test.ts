import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeResult } from "@connect-lint/core";
import type { LintResult } from "@connect-lint/core";
import { describe, expect, it } from "vitest";
import { COMPLIANCE_RULES, htmlReportData, readParsedFlow, suppressionEntries } from "../src/report-data.js";
import type { ParsedFlow } from "../src/lint-file.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FLOWS = path.join(ROOT, "fixtures/flows");
const CENTER = path.join(ROOT, "fixtures/projects/contact-center/flows");

function parsedFlow(file: string): ParsedFlow {
  const p = readParsedFlow(file);
  if (!p) throw new Error(`${file} is not a flow`);
  return p;
}

function flowResult(file: string, kind: LintResult["kind"] = "flow"): LintResult {
  return makeResult(file, [], { kind });
}

describe("readParsedFlow", () => {
  it("parses flows, modules and legacy exports as the lint pass does, and gives undefined for anything else", () => {
    expect(readParsedFlow(path.join(FLOWS, "inbound-with-defects.json"))?.flow.name).toBe("Inbound_Support");
    expect(readParsedFlow(path.join(FLOWS, "module-get-account.json"))?.flow.kind).toBe("module");
    expect(readParsedFlow(path.join(FLOWS, "not-json.json"))).toBeUndefined();
    expect(readParsedFlow(path.join(FLOWS, "legacy-export.json"))?.flow.kind).toBe("legacy");
    expect(readParsedFlow(path.join(FLOWS, "no-such-file.json"))).toBeUndefined();
    expect(readParsedFlow(path.join(FLOWS, "agent-whisper.json"), { flowType: { type: "CUSTOMER_WHISPER", source: { kind: "cli" } } })?.flow.type).toBe("CUSTOMER_WHISPER");
  });
});

describe("htmlReportData", () => {
  const main = path.join(CENTER, "main-inbound.json");
  const module = path.join(CENTER, "modules/authenticate-caller.json");
  const whisper = path.join(CENTER, "sales-agent-whisper.json");
  const broken = path.join(FLOWS, "not-json.json");
  const results = [flowResult(main), flowResult(module, "module"), flowResult(whisper), flowResult(broken, "unparsable")];

  it("keeps the flows of the results, reading those the lint pass did not keep when asked to", () => {
    const known = new Map([[main, parsedFlow(main)]]);
    expect([...(htmlReportData({ results, flows: known }).flows?.keys() ?? [])]).toEqual([main]);
    const read: string[] = [];
    const data = htmlReportData({
      results,
      flows: known,
      readMissing: (result) => {
        read.push(result.filePath);
        return readParsedFlow(result.filePath, { resource: result.resource });
      },
    });
    expect(read).toEqual([module, whisper]);
    expect([...(data.flows?.keys() ?? [])]).toEqual([main, module, whisper]);
    expect(data.flows?.get(main)).toBe(known.get(main)?.flow);
  });

  it("builds the project index from those flows when none is given, resolving references by name", () => {
    const flows = new Map([main, module, whisper].map((f) => [f, parsedFlow(f)] as const));
    const data = htmlReportData({ results, flows });
    expect(data.project?.flows.map((f) => path.relative(ROOT, f.filePath))).toEqual([
      "fixtures/projects/contact-center/flows/main-inbound.json",
      "fixtures/projects/contact-center/flows/modules/authenticate-caller.json",
      "fixtures/projects/contact-center/flows/sales-agent-whisper.json",
    ]);
    const invocation = data.project?.references.find((r) => r.kind === "module");
    expect(invocation?.resolution.status === "project" ? path.basename(invocation.resolution.target.filePath) : invocation?.resolution.status).toBe("authenticate-caller.json");
    expect(data.complianceRules).toBe(COMPLIANCE_RULES);
    expect(data).not.toHaveProperty("generatedAt");
    expect(data).not.toHaveProperty("suppressions");
    expect(htmlReportData({ results, flows, generatedAt: "2026-12-07", title: "Audit" })).toMatchObject({ generatedAt: "2026-12-07", title: "Audit" });
  });

  it("lists the compliance rules", () => {
    expect(COMPLIANCE_RULES).toEqual([
      "consistent-arn-environment",
      "no-dynamic-ssml",
      "no-hardcoded-arn",
      "no-sensitive-content-in-transfer-flow",
      "no-sensitive-input-logged",
      "no-unvalidated-transfer-number",
    ]);
  });
});

describe("suppressionEntries", () => {
  it("makes entry files absolute and leaves out entries expired before the day", () => {
    const loaded = {
      path: "/work/project/connect-lint-suppressions.json",
      document: undefined,
      file: {
        version: 1 as const,
        suppressions: [
          { file: "flows/a.json", rule: "no-hardcoded-arn", actionId: "x", reason: "Test account", expires: "2026-12-07" },
          { file: "flows/b.json", rule: "no-unreachable-block", actionId: null, messageId: "unreachable", reason: "Kept for rollback" },
          { file: "flows/c.json", rule: "no-hardcoded-arn", actionId: "y", reason: "Old", expires: "2026-12-06" },
        ],
      },
    };
    expect(suppressionEntries(loaded, "2026-12-07")).toEqual([
      { filePath: "/work/project/flows/a.json", rule: "no-hardcoded-arn", actionId: "x", reason: "Test account", expires: "2026-12-07" },
      { filePath: "/work/project/flows/b.json", rule: "no-unreachable-block", actionId: null, messageId: "unreachable", reason: "Kept for rollback" },
    ]);
  });
});
