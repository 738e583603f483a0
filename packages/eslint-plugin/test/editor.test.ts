/**
 * The editor path: vscode-eslint (and every other ESLint integration) creates an `ESLint` for the
 * workspace and calls `lintText` with the unsaved buffer and its file path. The configuration is the
 * user's eslint.config.js, found from `cwd`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const require = createRequire(import.meta.url);
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "connect-lint-eslint-editor-"));
afterAll(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

const pluginUrl = pathToFileURL(path.join(ROOT, "packages/eslint-plugin/dist/index.js")).href;
const parserUrl = pathToFileURL(require.resolve("@typescript-eslint/parser")).href;
const configFile = path.join(workspace, "eslint.config.js");
fs.writeFileSync(
  configFile,
  `import connect from ${JSON.stringify(pluginUrl)};
import tsParser from ${JSON.stringify(parserUrl)};
export default [...connect.configs.recommended, { files: ["**/*.ts"], languageOptions: { parser: tsParser } }];
`,
);

const eslint = new ESLint({ cwd: workspace, overrideConfigFile: configFile });

function shown(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${String(m.line)}:${String(m.column)} ${String(m.severity)} ${m.ruleId ?? "(parse)"} ${m.message}`));
}

describe("ESLint#lintText with a file path, as an editor calls it", () => {
  it("shows the findings of an unsaved flow file at their connector", async () => {
    const text = fs.readFileSync(path.join(ROOT, "fixtures/flows/inbound-with-defects.json"), "utf8");
    const results = await eslint.lintText(text, { filePath: path.join(workspace, "flows/inbound.json") });
    expect(shown(results).map((s) => s.split(" ").slice(0, 3).join(" "))).toEqual([
      "264:27 2 connect-lint/no-dangling-connector",
      "291:23 2 connect-lint/no-dangling-connector",
      "362:15 2 connect-lint/no-unsupported-block",
      "446:21 1 connect-lint/no-unreachable-block",
      "461:21 1 connect-lint/no-unreachable-block",
    ]);
  });

  it("shows a half-typed flow as a parse error, and leaves other JSON alone", async () => {
    const half = await eslint.lintText('{\n  "Version": "2019-10-30",\n  "StartAction": "a",\n  "Actions": [{ "Identifier": "a" ', {
      filePath: path.join(workspace, "flows/new.json"),
    });
    expect(shown(half)).toEqual(["4:34 2 (parse) Parsing error: Invalid JSON: Unexpected end of file"]);
    const other = await eslint.lintText('{ "name": "app", "private": true }', { filePath: path.join(workspace, "package.json") });
    expect(shown(other)).toEqual([]);
  });

  it("shows findings in a flow written in TypeScript, and honours a disable comment", async () => {
    const code = `import { CfnContactFlow } from "aws-cdk-lib/aws-connect";
export const inbound = {
  Version: "2019-10-30",
  StartAction: "hello",
  Actions: [
    { Identifier: "hello", Type: "MessageParticipant", Parameters: { Text: "Hi" }, Transitions: { NextAction: "gone", Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] } },
    { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
  ],
};
`;
    const filePath = path.join(workspace, "lib/flows.ts");
    expect(shown(await eslint.lintText(code, { filePath }))).toEqual([
      '6:111 2 connect-lint/no-dangling-connector The default connector (NextAction) of Play prompt "hello" leads to "gone", which is not a block in this flow.',
    ]);
    const disabled = code.replace("    { Identifier: \"hello\"", "    // eslint-disable-next-line connect-lint/no-dangling-connector\n    { Identifier: \"hello\"");
    expect(shown(await eslint.lintText(disabled, { filePath }))).toEqual([]);
  });

  it("shows findings of flows embedded in a CloudFormation template at their place in it, as the CLI does", async () => {
    const template = fs.readFileSync(path.join(ROOT, "fixtures/containers/cloudformation/flows.yaml"), "utf8");
    const found = shown(await eslint.lintText(template, { filePath: path.join(workspace, "infra/flows.yaml") }));
    expect(found).toContain('40:15 2 connect-lint/no-dangling-connector Transfer to flow "transfer" has no default connector (NextAction); every block that does not end the flow needs one.');
    expect(found).toContain('53:55 2 connect-lint/no-unsupported-block Transfer to flow "back" is not allowed in a Customer queue flow (type from QueueFlow Type CUSTOMER_QUEUE); it is allowed only in: Inbound flow, Transfer to agent flow, Transfer to queue flow, Flow module.');
    // A YAML file with no Connect resource is left alone.
    expect(shown(await eslint.lintText("name: ci\non: [push]\n", { filePath: path.join(workspace, ".github/workflows/ci.yml") }))).toEqual([]);
  });
});
