/**
 * End-to-end: configuration discovery, overrides, invalid configuration, --rule, --print-config,
 * --list-rules, --init, suppressions and baselines — through the built CLI.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectMaker, runCli } from "./helpers.js";
import type { Run } from "./helpers.js";

/** A fresh project folder with the given files. */
const project = projectMaker("config");

function cli(cwd: string, args: string[]): Run {
  return runCli(["--no-color", ...args], { cwd });
}

/** A flow whose "hello" block's default connector goes to `next`; one unreachable block when `island`. */
function flow(next: string, options: { type?: string; island?: boolean } = {}): string {
  const actions: unknown[] = [
    { Identifier: "hello", Type: "MessageParticipant", Parameters: { Text: "Hello." }, Transitions: { NextAction: next, Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] } },
    { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
  ];
  if (options.island) actions.push({ Identifier: "lost", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} });
  const metadata: Record<string, unknown> = { name: "Flow" };
  if (options.type) metadata.type = options.type;
  return JSON.stringify({ Version: "2019-10-30", StartAction: "hello", Metadata: metadata, Actions: actions }, null, 2) + "\n";
}

/** Rules these tests exercise; findings of other rules on the test flows are not their concern. */
const EXERCISED = new Set(["no-dangling-connector", "no-unreachable-block", "unused-suppression", "expired-suppression", "ignored-file"]);

/** `path:line:col rule` for each finding of a JSON report (of the exercised rules). */
function findings(stdout: string, cwd: string): string[] {
  const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; severity: number }[] }[];
  return results.flatMap((r) =>
    r.messages.filter((m) => EXERCISED.has(m.ruleId)).map((m) => `${path.relative(cwd, r.filePath)}:${String(m.line)}:${String(m.column)} ${m.severity === 2 ? "error" : "warn"} ${m.ruleId}`),
  );
}

describe("configuration discovery", () => {
  it("finds .connect-lintrc.json in a parent folder", () => {
    const dir = project({ ".connect-lintrc.json": '{"rules": {"no-unreachable-block": "off"}}', "flows/a/f.json": flow("bye", { island: true }) });
    expect(cli(path.join(dir, "flows/a"), ["-f", "json", "."]).code).toBe(0);
    expect(cli(path.join(dir, "flows/a"), ["-f", "json", "--no-config-lookup", "--rule", "no-unreachable-block: error", "."]).code).toBe(1);
  });

  it("the nearest folder wins, and within a folder package.json comes before .connect-lintrc*", () => {
    const dir = project({
      ".connect-lintrc.json": '{"extends": "recommended"}',
      "sub/package.json": JSON.stringify({ name: "x", "connect-lint": { extends: "recommended", rules: { "no-unreachable-block": "warn" } } }),
      "sub/.connect-lintrc.yaml": "extends: recommended\nrules:\n  no-unreachable-block: 'off'\n",
      "sub/f.json": flow("bye", { island: true }),
    });
    const r = cli(path.join(dir, "sub"), ["-f", "json", "f.json"]);
    expect(findings(r.stdout, path.join(dir, "sub"))).toEqual(["f.json:31:21 warn no-unreachable-block"]);
  });

  it("ignores a package.json without a connect-lint key and reads YAML", () => {
    const dir = project({
      "package.json": '{"name": "x"}',
      ".connect-lintrc.yml": "extends: recommended\nrules:\n  no-unreachable-block: warn\n",
      "f.json": flow("bye", { island: true }),
    });
    expect(findings(cli(dir, ["-f", "json", "f.json"]).stdout, dir)).toEqual(["f.json:31:21 warn no-unreachable-block"]);
  });

  it("loads an ES module configuration", () => {
    const dir = project({
      "connect-lint.config.mjs": 'export default { extends: "recommended", rules: { "no-unreachable-block": "off" } };\n',
      "f.json": flow("bye", { island: true }),
    });
    expect(cli(dir, ["f.json"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--config names the file; its globs are relative to the working folder", () => {
    const dir = project({
      "conf/lint.json": '{"extends": "recommended", "overrides": [{"files": "flows/**", "rules": {"no-unreachable-block": "off"}}]}',
      "flows/f.json": flow("bye", { island: true }),
    });
    expect(cli(dir, ["--config", "conf/lint.json", "flows"]).code).toBe(0);
    expect(cli(dir, ["--config", "conf/missing.json", "flows"])).toEqual({ code: 2, stdout: "", stderr: "connect-lint: Configuration file not found: conf/missing.json\n" });
  });
});

describe("overrides, flowTypes and ignores", () => {
  const files = {
    ".connect-lintrc.json": JSON.stringify({
      extends: "recommended",
      rules: { "no-unreachable-block": "error" },
      flowTypes: { "queues/**": "CUSTOMER_QUEUE" },
      ignores: ["drafts/**"],
      overrides: [
        { files: ["legacy/**"], rules: { "no-unreachable-block": "warn" } },
        { flowTypes: ["CUSTOMER_QUEUE"], rules: { "no-unreachable-block": "off" } },
      ],
    }),
    "legacy/a.json": flow("bye", { island: true }),
    "queues/b.json": flow("bye", { island: true }),
    "main/c.json": flow("bye", { island: true }),
    "main/d.json": flow("bye", { island: true, type: "customerQueue" }),
    "drafts/e.json": flow("", { island: true }),
  };

  it("applies overrides by glob and by flow type, and skips ignored files", () => {
    const dir = project(files);
    const r = cli(dir, ["-f", "json", "."]);
    expect(r.code).toBe(1);
    expect(findings(r.stdout, dir)).toEqual(["legacy/a.json:31:21 warn no-unreachable-block", "main/c.json:31:21 error no-unreachable-block"]);
  });

  it("says so when an ignored file is named", () => {
    const dir = project(files);
    const r = cli(dir, ["drafts/e.json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('drafts/e.json\n  1:1  warning  ignored-file\n    File ignored because of a matching "ignores" pattern in .connect-lintrc.json.\n');
  });

  it("--print-config shows the resolved configuration for one file", () => {
    const dir = project(files);
    const out = JSON.parse(cli(dir, ["--print-config", "queues/b.json"]).stdout) as Record<string, unknown>;
    expect(out.flowType).toBe("CUSTOMER_QUEUE");
    expect(out.flowTypeSource).toBe("config");
    expect((out.rules as Record<string, unknown>)["no-unreachable-block"]).toBeUndefined();
    expect((out.rules as Record<string, unknown>)["no-dangling-connector"]).toEqual(["error", {}]);
    const legacy = JSON.parse(cli(dir, ["--print-config", "legacy/a.json"]).stdout) as Record<string, unknown>;
    expect((legacy.rules as Record<string, unknown>)["no-unreachable-block"]).toEqual(["warn", {}]);
  });
});

describe("--rule, --list-rules, --init", () => {
  it("--rule wins over the configuration file", () => {
    const dir = project({ ".connect-lintrc.json": '{"extends": "recommended"}', "f.json": flow("bye", { island: true }) });
    expect(cli(dir, ["--rule", "no-unreachable-block: off", "f.json"]).code).toBe(0);
    expect(findings(cli(dir, ["-f", "json", "--rule", "no-unreachable-block: [warn, {}]", "f.json"]).stdout, dir)).toEqual([
      "f.json:31:21 warn no-unreachable-block",
    ]);
  });

  it("the compliance preset turns on the security rules at error", () => {
    const dir = project({ ".connect-lintrc.json": '{"extends": ["compliance"]}' });
    const r = cli(dir, ["--list-rules"]);
    const configured = r.stdout
      .split("\n")
      .slice(1)
      .filter((l) => /^\S+\s+error\s/.test(l))
      .map((l) => l.split(/\s+/)[0]);
    expect(configured).toEqual([
      "consistent-arn-environment",
      "no-dynamic-ssml",
      "no-hardcoded-arn",
      "no-sensitive-content-in-transfer-flow",
      "no-sensitive-input-logged",
      "no-unvalidated-transfer-number",
    ]);
  });

  it("--list-rules shows configured and recommended severities with the docs", () => {
    const dir = project({ ".connect-lintrc.json": '{"extends": "recommended", "rules": {"no-unreachable-block": "error"}}' });
    const r = cli(dir, ["--list-rules"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^Rule\s+Configured\s+Recommended\s+Description\s+Docs$/);
    expect(r.stdout).toMatch(/\nno-unreachable-block\s+error\s+warn\s+Disallow blocks that no path from the start of the flow reaches\.\s+https:\/\/\S+\/docs\/no-unreachable-block\.md\n/);
  });

  it("--init writes a starter configuration once and never overwrites", () => {
    const dir = project({});
    expect(cli(dir, ["--init"]).code).toBe(0);
    const written = fs.readFileSync(path.join(dir, ".connect-lintrc.json"), "utf8");
    expect(JSON.parse(written)).toMatchObject({ extends: "recommended" });
    fs.writeFileSync(path.join(dir, ".connect-lintrc.json"), '{"extends": "all"}');
    expect(cli(dir, ["--init"])).toEqual({ code: 2, stdout: "", stderr: "connect-lint: A configuration already exists: .connect-lintrc.json. Nothing was written.\n" });
    expect(fs.readFileSync(path.join(dir, ".connect-lintrc.json"), "utf8")).toBe('{"extends": "all"}');
  });
});

describe("invalid configuration exits 2 naming the file, the key and what was expected", () => {
  it.each([
    ['{"rules": {"no-unreachable-block": "sometimes"}}', 'rules["no-unreachable-block"]: must be one of "off", "warn", "error"'],
    ['{"extend": "recommended"}', 'unknown key "extend"'],
    ['{"extends": "strictest"}', 'extends: must be one of "recommended", "strict", "all"'],
    ['{"flowTypes": {"q/**": "QUEUE"}}', 'flowTypes["q/**"]: must be one of "CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "CUSTOMER_WHISPER", "OUTBOUND_WHISPER", "AGENT_HOLD", "AGENT_WHISPER", "AGENT_TRANSFER", "QUEUE_TRANSFER", "CAMPAIGN", "FLOW_MODULE"'],
    ['{"rules": {"no-unreachable-blocks": "error"}}', 'Unknown rule "no-unreachable-blocks". Did you mean "no-unreachable-block"?'],
    ['{"overrides": [{"files": "x/**", "rules": {"no-dangling-connector": ["error", {"x": 1}]}}]}', '(overrides[0]): Rule "no-dangling-connector": invalid options: options: unknown property "x".'],
    ['{"rules": ', "Cannot load configuration"],
    ['{"rules": {"flow-naming-convention": ["warn", {"pattern": "(["}]}}', 'Rule "flow-naming-convention": invalid options: option pattern "([" is not a valid regular expression (Invalid regular expression: /([/u: '],
  ])("%s", (config, expected) => {
    const dir = project({ ".connect-lintrc.json": config, "f.json": flow("bye") });
    const r = cli(dir, ["f.json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(path.join(dir, ".connect-lintrc.json"));
    expect(r.stderr).toContain(expected);
    expect(r.stderr.trim().split("\n").length).toBe(1);
  });

  it("a configuration file that throws is reported, not a stack trace", () => {
    const dir = project({ "connect-lint.config.mjs": 'throw new Error("no config for you");\n', "f.json": flow("bye") });
    const r = cli(dir, ["f.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`connect-lint: Cannot load configuration ${path.join(dir, "connect-lint.config.mjs")}: no config for you\n`);
  });
});

describe("suppressions and baselines", () => {
  const suppressions = (dir: string): { suppressions: Record<string, unknown>[] } =>
    JSON.parse(fs.readFileSync(path.join(dir, "connect-lint-suppressions.json"), "utf8")) as { suppressions: Record<string, unknown>[] };

  it("--suppress-all records the baseline; then only a new defect fails", () => {
    const dir = project({ ".connect-lintrc.json": '{"extends": "recommended"}', "flows/a.json": flow("", { island: true }), "flows/b.json": flow("bye") });
    const first = cli(dir, ["--suppress-all", "--suppression-reason", "adopted 2026-11", "flows"]);
    expect(first).toEqual({ code: 0, stdout: "", stderr: "Wrote 2 suppressions (2 new) to connect-lint-suppressions.json.\n" });
    expect(suppressions(dir).suppressions).toEqual([
      { file: "flows/a.json", rule: "no-dangling-connector", actionId: "hello", reason: "adopted 2026-11" },
      { file: "flows/a.json", rule: "no-unreachable-block", actionId: "lost", reason: "adopted 2026-11" },
    ]);
    expect(cli(dir, ["flows"])).toEqual({ code: 0, stdout: "", stderr: "" });
    // Suppressed findings are carried in suppressedMessages, not counted.
    const json = JSON.parse(cli(dir, ["-f", "json", "flows/a.json"]).stdout) as { errorCount: number; suppressedMessages: unknown[] }[];
    expect([json[0]?.errorCount, json[0]?.suppressedMessages.length]).toEqual([0, 2]);
    // A new defect in another file fails the run; the baseline stays quiet.
    fs.writeFileSync(path.join(dir, "flows/b.json"), flow("nowhere"));
    const after = cli(dir, ["-f", "json", "flows"]);
    expect(after.code).toBe(1);
    expect(findings(after.stdout, dir)).toEqual(["flows/b.json:15:23 error no-dangling-connector"]);
  });

  it("--suppress-rule records one rule and keeps existing entries", () => {
    const dir = project({ "a.json": flow("", { island: true }) });
    expect(cli(dir, ["--suppress-rule", "no-unreachable-block", "a.json"]).code).toBe(1);
    expect(suppressions(dir).suppressions.map((s) => s.rule)).toEqual(["no-unreachable-block"]);
    expect(cli(dir, ["--suppress-rule", "no-dangling-connector", "a.json"]).code).toBe(0);
    expect(suppressions(dir).suppressions.map((s) => s.rule)).toEqual(["no-dangling-connector", "no-unreachable-block"]);
  });

  it("reports entries that match nothing, as errors under --strict-suppressions, and --prune-suppressions drops them", () => {
    const dir = project({ "a.json": flow("", { island: true }), "other.json": flow("bye") });
    cli(dir, ["--suppress-all", "a.json"]);
    fs.writeFileSync(path.join(dir, "a.json"), flow("bye", { island: true }));
    const r = cli(dir, ["a.json", "other.json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "",
        "connect-lint-suppressions.json",
        "  4:5  warning  unused-suppression",
        '    Suppression of no-dangling-connector in a.json on block "hello" matches no finding; remove it (--prune-suppressions',
        "    does).",
        "",
        "\u2716 1 problem (0 errors, 1 warning)",
        "",
      ].join("\n"),
    );
    expect(cli(dir, ["--strict-suppressions", "a.json"]).code).toBe(1);
    // Linting only other.json says nothing about a.json's entries, and pruning keeps them.
    expect(cli(dir, ["--prune-suppressions", "other.json"]).code).toBe(0);
    expect(suppressions(dir).suppressions.length).toBe(2);
    expect(cli(dir, ["--prune-suppressions", "a.json"]).code).toBe(0);
    expect(suppressions(dir).suppressions).toEqual([{ file: "a.json", rule: "no-unreachable-block", actionId: "lost", reason: "baseline" }]);
  });

  it("an expired entry stops suppressing and says so", () => {
    const dir = project({
      "a.json": flow("", { island: true }),
      "connect-lint-suppressions.json": JSON.stringify({
        version: 1,
        suppressions: [
          { file: "a.json", rule: "no-dangling-connector", actionId: "hello", reason: "fix in sprint 12", expires: "2020-01-31" },
          { file: "a.json", rule: "no-unreachable-block", actionId: "lost", reason: "kept for the audit", expires: "2999-12-31" },
        ],
      }, null, 2),
    });
    const r = cli(dir, ["-f", "json", "a.json"]);
    expect(r.code).toBe(1);
    expect(findings(r.stdout, dir)).toEqual(["a.json:15:23 error no-dangling-connector", "connect-lint-suppressions.json:4:5 warn expired-suppression"]);
  });

  it("an invalid suppressions file exits 2 with its position", () => {
    const dir = project({ "a.json": flow("bye"), "connect-lint-suppressions.json": '{"version": 1, "suppressions": [{"file": "a.json", "rule": "x", "actionId": null, "reason": " "}]}' });
    const r = cli(dir, ["a.json"]);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: `connect-lint: Invalid suppressions file ${path.join(dir, "connect-lint-suppressions.json")}:1:93 at suppressions.0.reason: must say why the finding is accepted\n`,
    });
  });

  it("writes the suppressions file atomically, leaving no temporary file", () => {
    const dir = project({ "a.json": flow("") });
    cli(dir, ["--suppress-all", "a.json"]);
    expect(fs.readdirSync(dir).sort()).toEqual(["a.json", "connect-lint-suppressions.json"]);
  });
});
