/**
 * The ESLint plugin as a user gets it: packed as npm would publish it (with the core and the rules it
 * depends on), installed beside eslint 10 and typescript-eslint 8 in an empty project whose
 * eslint.config.js is the one line of the README (plus the TypeScript parser), and run with `npx eslint`
 * on flow files, JSON that is not a flow and a TypeScript file with a flow literal. (Installs eslint,
 * typescript-eslint and typescript from the npm registry.)
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers.js";

const tmp = tempDir("eslint-plugin");

function sh(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${String(r.status)}):\n${r.stderr}`);
  return r.stdout;
}

interface EslintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; severity: number; fatal?: boolean; message: string }[];
}

const TS_FLOW = `// A flow kept in a CDK app, as a function of the Lambda it invokes.
export function inboundFlow(lambdaArn: string) {
  return {
    Version: "2019-10-30",
    StartAction: "lookup",
    Actions: [
      {
        Identifier: "lookup",
        Type: "InvokeLambdaFunction",
        Parameters: { LambdaFunctionARN: lambdaArn, InvocationTimeLimitSeconds: "3" },
        Transitions: { NextAction: "bye", Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] },
      },
      { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      { Identifier: "orphan", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  };
}
`;

describe("the packed ESLint plugin", () => {
  it("installs beside eslint 10 and typescript-eslint 8 and lints flow files and TypeScript", () => {
    const packs = path.join(tmp, "packs");
    fs.mkdirSync(packs);
    for (const dir of ["packages/core", "rules", "packages/eslint-plugin"]) {
      sh("pnpm", ["pack", "--pack-destination", packs], path.join(ROOT, dir));
    }
    const tarballs = fs.readdirSync(packs).sort();
    expect(tarballs).toEqual(["connect-lint-core-0.1.0.tgz", "connect-lint-eslint-plugin-0.1.0.tgz", "connect-lint-rules-0.1.0.tgz"]);
    const project = path.join(tmp, "project");
    fs.mkdirSync(path.join(project, "flows"), { recursive: true });
    fs.mkdirSync(path.join(project, "src"));
    fs.writeFileSync(path.join(project, "package.json"), '{"name": "uses-connect-lint-eslint", "private": true, "type": "module"}\n');
    sh("npm", ["install", ...tarballs.map((t) => path.join(packs, t)), "eslint@10.15.0", "typescript-eslint@8.73.0", "typescript@5.9.3"], project);
    fs.writeFileSync(
      path.join(project, "eslint.config.js"),
      `import connect from "@connect-lint/eslint-plugin";
import tseslint from "typescript-eslint";

export default [...connect.configs.recommended, { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }];
`,
    );
    for (const f of ["inbound-with-defects.json", "agent-whisper.json", "not-json.json"]) {
      fs.copyFileSync(path.join(ROOT, "fixtures/flows", f), path.join(project, "flows", f));
    }
    fs.writeFileSync(path.join(project, "tsconfig.json"), '{\n  // not JSON: comments\n  "compilerOptions": { "strict": true }\n}\n');
    fs.writeFileSync(path.join(project, "src/flows.ts"), TS_FLOW);

    const run = spawnSync("npx", ["--no-install", "eslint", "--format", "json", "."], { cwd: project, encoding: "utf8" });
    // (npm may warn about configuration the test runner's environment passes down.)
    expect(run.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("npm warn"))).toEqual([]);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as EslintResult[];
    const found = results
      .filter((r) => r.messages.length > 0)
      .map((r) => ({
        file: path.relative(project, r.filePath),
        messages: r.messages.map((m) => `${String(m.line)}:${String(m.column)} ${m.ruleId ?? (m.fatal ? "(parse)" : "?")}`),
      }));
    expect(found).toEqual([
      {
        file: "flows/inbound-with-defects.json",
        messages: [
          "264:27 connect-lint/no-dangling-connector",
          "291:23 connect-lint/no-dangling-connector",
          "362:15 connect-lint/no-unsupported-block",
          "446:21 connect-lint/no-unreachable-block",
          "461:21 connect-lint/no-unreachable-block",
        ],
      },
      { file: "flows/not-json.json", messages: ["64:8 (parse)"] },
      { file: "src/flows.ts", messages: ["14:21 connect-lint/no-unreachable-block"] },
    ]);
    // Every JSON file and the TypeScript file were linted (package.json, package-lock.json and tsconfig.json with no finding).
    expect(results.map((r) => path.relative(project, r.filePath)).sort()).toEqual([
      "eslint.config.js",
      "flows/agent-whisper.json",
      "flows/inbound-with-defects.json",
      "flows/not-json.json",
      "package-lock.json",
      "package.json",
      "src/flows.ts",
      "tsconfig.json",
    ]);
    // The rules carry their documentation link.
    const plugin = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", 'const p = (await import("@connect-lint/eslint-plugin")).default; console.log(p.rules["no-dangling-connector"].meta.docs.url)'],
      { cwd: project, encoding: "utf8" },
    );
    expect(plugin.stdout).toBe("https://unpkg.com/@connect-lint/rules@0.1.0/docs/no-dangling-connector.md\n");
  }, 300_000);
});
