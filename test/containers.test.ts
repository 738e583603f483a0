/**
 * Flows where they live: CloudFormation (JSON, YAML, CDK output), Terraform (heredoc, templatefile,
 * file, filename, jsonencode) and API output, linted with no configuration, every finding in the host
 * file at the exact characters of the offending text.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { LintResult } from "@connect-lint/core";
import { ROOT, runCli, tempDir } from "./helpers.js";

const DIR = path.join(ROOT, "fixtures/containers");

interface Row {
  readonly file: string;
  readonly resource: string | null;
  readonly rule: string;
  readonly range: string;
  /** The host text the range covers (its first line). */
  readonly text: string;
}

function rows(results: readonly LintResult[]): Row[] {
  return results.flatMap((r) => {
    const lines = fs.readFileSync(r.filePath, "utf8").split("\n");
    return r.messages.map((m) => {
      const line = lines[m.line - 1] ?? "";
      return {
        file: path.relative(DIR, r.filePath).split(path.sep).join("/"),
        resource: r.resource ?? null,
        rule: m.ruleId,
        range: `${String(m.line)}:${String(m.column)}-${String(m.endLine)}:${String(m.endColumn)}`,
        text: line.slice(m.column - 1, m.endLine === m.line ? m.endColumn - 1 : undefined),
      };
    });
  });
}

function lint(args: readonly string[]): { code: number | null; results: LintResult[]; stderr: string } {
  const r = runCli([...args, "--no-config-lookup", "--rule", "no-transfer-cycle: error", "-f", "json"], { cwd: DIR });
  return { code: r.code, results: JSON.parse(r.stdout) as LintResult[], stderr: r.stderr };
}

describe("flows embedded in containers", () => {
  const { code, results, stderr } = lint(["."]);
  const all = rows(results);
  const of = (file: string, resource?: string): Row[] => all.filter((r) => r.file === file && (resource === undefined || r.resource === resource));

  it("lints a folder of templates with no configuration and exits 1 on their defects", () => {
    expect([code, stderr]).toEqual([1, ""]);
    // Files with no Connect resource are skipped quietly.
    expect(all.filter((r) => r.file.startsWith("none/"))).toEqual([]);
  });

  it("maps positions through a single-line escaped JSON string (CloudFormation JSON)", () => {
    expect(of("cloudformation/single-line.template.json")).toEqual([
      { file: "cloudformation/single-line.template.json", resource: "Whisper", rule: "no-unsupported-block", range: "20:119-20:137", text: '\\"TransferToFlow\\"' },
      { file: "cloudformation/single-line.template.json", resource: "Whisper", rule: "valid-action-parameters", range: "20:203-20:213", text: '\\"Region\\"' },
      { file: "cloudformation/single-line.template.json", resource: "Whisper", rule: "valid-action-parameters", range: "20:233-20:244", text: '\\"Literal\\"' },
      { file: "cloudformation/single-line.template.json", resource: "Whisper", rule: "no-dangling-connector", range: "20:270-20:285", text: '\\"Transitions\\"' },
    ]);
  });

  it("maps positions through a !Sub | block scalar, and resolves two flows of one template referencing each other", () => {
    expect(of("cloudformation/flows.yaml", "InboundFlow")).toEqual([
      { file: "cloudformation/flows.yaml", resource: "InboundFlow", rule: "intrinsic-in-content", range: "31:39-31:53", text: "!GetAtt Fn.Arn" },
      { file: "cloudformation/flows.yaml", resource: "InboundFlow", rule: "no-transfer-cycle", range: "39:48-39:77", text: '"${QueueFlow.ContactFlowArn}"' },
      { file: "cloudformation/flows.yaml", resource: "InboundFlow", rule: "valid-flow-reference", range: "39:48-39:77", text: '"${QueueFlow.ContactFlowArn}"' },
      { file: "cloudformation/flows.yaml", resource: "InboundFlow", rule: "no-dangling-connector", range: "40:15-40:28", text: '"Transitions"' },
    ]);
    const inbound = results.find((r) => r.resource === "InboundFlow");
    expect(inbound?.messages.find((m) => m.ruleId === "no-transfer-cycle")?.message).toBe(
      'Transfer to flow "transfer" starts a loop of flows that pass the contact to each other with no block on the way that waits for the customer: "InboundFlow" -> "Queue flow" -> "InboundFlow". The contact would go round this loop without end.',
    );
    // The list form of Fn::Sub, a |- block scalar; the type comes from the resource.
    expect(of("cloudformation/flows.yaml", "QueueFlow").map((r) => [r.rule, r.range, r.text])).toEqual([
      ["no-unsupported-block", "53:55-53:71", '"TransferToFlow"'],
      ["valid-action-parameters", "54:58-54:65", '"Queue"'],
      ["no-dangling-connector", "54:83-54:96", '"Transitions"'],
    ]);
    expect(results.find((r) => r.resource === "QueueFlow")?.flowType).toBe("CUSTOMER_QUEUE");
  });

  it("says once that a flow could not be read, and names a Content that is neither a string nor Fn::Sub", () => {
    expect(of("cloudformation/flows.yaml").filter((r) => ["unresolved-flow-content", "invalid-container"].includes(r.rule))).toEqual([
      { file: "cloudformation/flows.yaml", resource: "IncludedFlow", rule: "unresolved-flow-content", range: "84:9-88:1", text: "Fn::Transform:" },
      { file: "cloudformation/flows.yaml", resource: "ParamFlow", rule: "unresolved-flow-content", range: "92:21-92:36", text: "ExternalContent" },
      { file: "cloudformation/flows.yaml", resource: "MappingFlow", rule: "invalid-container", range: "98:9-99:1", text: 'Version: "2019-10-30"' },
    ]);
    expect(of("cloudformation/malformed.yaml").map((r) => [r.rule, r.range])).toEqual([["invalid-container", "7:1-7:1"]]);
  });

  it("maps positions through a <<-EOT heredoc and into a templatefile() template with unquoted placeholders", () => {
    expect(of("terraform/main.tf", "aws_connect_contact_flow.inbound").map((r) => [r.rule, r.range, r.text])).toEqual([
      ["valid-flow-reference", "24:44-24:83", '"${aws_connect_contact_flow.queue.arn}"'],
      ["no-dangling-connector", "25:11-25:24", '"Transitions"'],
    ]);
    // The findings of the flow templatefile() renders go in the template, with the type the resource gives;
    // `"Parameters": ${jsonencode(prompts)}` is a value of unknown type, not a string.
    expect(of("terraform/flows/queue.json.tftpl")).toEqual([
      { file: "terraform/flows/queue.json.tftpl", resource: "aws_connect_contact_flow.queue", rule: "no-unreachable-block", range: "13:21-13:26", text: '"log"' },
      { file: "terraform/flows/queue.json.tftpl", resource: "aws_connect_contact_flow.queue", rule: "no-unsupported-block", range: "21:15-21:31", text: '"TransferToFlow"' },
      { file: "terraform/flows/queue.json.tftpl", resource: "aws_connect_contact_flow.queue", rule: "no-transfer-cycle", range: "22:40-22:54", text: '"${back_flow}"' },
      { file: "terraform/flows/queue.json.tftpl", resource: "aws_connect_contact_flow.queue", rule: "no-dangling-connector", range: "23:7-23:20", text: '"Transitions"' },
    ]);
    expect(of("terraform/main.tf", "aws_connect_contact_flow.unrendered")).toEqual([
      { file: "terraform/main.tf", resource: "aws_connect_contact_flow.unrendered", rule: "unrendered-template", range: "62:18-62:42", text: '"flows/queue.json.tftpl"' },
    ]);
    expect(of("terraform/main.tf", "aws_connect_contact_flow_module.encoded").map((r) => [r.rule, r.range, r.text])).toEqual([
      ["valid-action-parameters", "75:24-75:29", "Queue"],
      ["valid-action-parameters", "75:47-75:52", '"Max"'],
    ]);
  });

  it("reads API output (describe-contact-flow) and CDK output like any template", () => {
    expect(of("api/describe-contact-flow.json")).toEqual([
      { file: "api/describe-contact-flow.json", resource: "ContactFlow", rule: "no-dangling-connector", range: "8:201-8:216", text: '\\"Transitions\\"' },
    ]);
    expect(of("cdk.out/ConnectStack.template.json")).toEqual([
      { file: "cdk.out/ConnectStack.template.json", resource: "IvrFlow1A2B3C4D", rule: "no-dangling-connector", range: "17:50-17:65", text: '\\"Transitions\\"' },
    ]);
  });

  it("names the resource in stylish output, and a file with no flow named explicitly is reported", () => {
    const r = runCli(["cloudformation/flows.yaml", "--no-config-lookup"], { cwd: DIR });
    expect(r.stdout).toContain(
      '\ncloudformation/flows.yaml (QueueFlow)\n  53:55  error  no-unsupported-block  block back\n    Transfer to flow "back" is not allowed in a Customer queue flow (type from QueueFlow Type CUSTOMER_QUEUE); it is\n',
    );
    const none = runCli(["none/plain.yaml", "--no-config-lookup"], { cwd: DIR });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain(
      "\nnone/plain.yaml\n  1:1  error  not-a-flow\n    No Amazon Connect flow in plain.yaml: it holds no AWS::Connect::ContactFlow or ContactFlowModule resource\n    (CloudFormation) and no aws_connect_contact_flow or aws_connect_contact_flow_module resource (Terraform)\n",
    );
  });

  it("skips JSON with comments found in a folder (a tsconfig.json) and reports it when named", () => {
    const dir = tempDir("jsonc");
    fs.writeFileSync(path.join(dir, "tsconfig.json"), '{\n  // comment\n  "compilerOptions": {},\n}\n');
    fs.writeFileSync(path.join(dir, "broken-flow.json"), '{ "Version": "2019-10-30", "StartAction": "a", "Actions": [ }');
    const folder = runCli([".", "--no-config-lookup", "-f", "compact"], { cwd: dir });
    expect(folder.stdout.split("\n")[0]).toBe("broken-flow.json:1:61: error Invalid JSON: Unexpected '}' [parse-error]");
    const named = runCli(["tsconfig.json", "--no-config-lookup", "-f", "compact"], { cwd: dir });
    expect(named.stdout.split("\n")[0]).toBe("tsconfig.json:2:3: error Invalid JSON: Unexpected character '/' [parse-error]");
  });

  it("keys suppressions by file and resource, so a baseline survives reformatting of the template", () => {
    const dir = tempDir("containers");
    // Without the resource whose Content is a mapping: an invalid-container error cannot be suppressed.
    const template = fs.readFileSync(path.join(DIR, "cloudformation/flows.yaml"), "utf8");
    fs.writeFileSync(path.join(dir, "flows.yaml"), template.slice(0, template.indexOf("  MappingFlow:")));
    const base = ["flows.yaml", "--no-config-lookup", "--rule", "no-transfer-cycle: error"];
    expect(runCli([...base, "--suppress-all"], { cwd: dir }).code).toBe(0);
    const entries = (JSON.parse(fs.readFileSync(path.join(dir, "connect-lint-suppressions.json"), "utf8")) as { suppressions: { resource?: string; rule: string }[] }).suppressions;
    expect(entries.filter((e) => e.resource === "QueueFlow").map((e) => e.rule)).toEqual(["no-dangling-connector", "no-unsupported-block", "valid-action-parameters"]);
    // Reformat: every line moves down; the baseline still holds.
    fs.writeFileSync(path.join(dir, "flows.yaml"), `# reformatted\n\n${fs.readFileSync(path.join(dir, "flows.yaml"), "utf8")}`);
    expect(runCli(base, { cwd: dir })).toMatchObject({ code: 0, stdout: "" });
  });
});
