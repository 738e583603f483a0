/**
 * End-to-end: every output format through the built CLI, written to files in one run; SARIF checked
 * against the official schema; --fail-on; --cache; --skip-non-flows; the GitHub Action's script.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import type { Document } from "@xmldom/xmldom";
import addFormats from "ajv-formats";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "./helpers.js";
import type { Run } from "./helpers.js";

const root = ROOT;
const tmp = tempDir("formats");

function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  return runCli(args, { ...options, cwd: options.cwd ?? root });
}

const FORMATS = ["compact", "json", "sarif", "junit", "checkstyle", "github", "gitlab", "markdown"] as const;

describe("every format in one run", () => {
  const out = path.join(tmp, "reports");
  const args = ["--no-color", "--format", "stylish", ...FORMATS.flatMap((f) => ["--format", f, "--output-file", `${f}=${path.join(out, f)}`]), "fixtures/flows"];
  const run = cli(args);
  const read = (f: string): string => fs.readFileSync(path.join(out, f), "utf8");

  it("writes stylish to standard output and each other format to its file", () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("\u2716 11 problems (8 errors, 3 warnings)");
    expect(fs.readdirSync(out).sort()).toEqual([...FORMATS].sort());
  });

  it("compact: one line per finding", () => {
    const lines = read("compact").trimEnd().split("\n");
    expect(lines.length).toBe(11);
    expect(lines).toContain("fixtures/flows/not-json.json:64:8: error Invalid JSON: Unexpected end of file after ',' (is the file truncated?) [parse-error]");
  });

  it("json: the same results as --format json on standard output", () => {
    expect(read("json")).toBe(cli(["--format", "json", "fixtures/flows"]).stdout);
  });

  it("sarif: valid against the SARIF 2.1.0 schema, with rules, regions and fingerprints", () => {
    const require = createRequire(import.meta.url);
    const schemaPath = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json", { paths: [path.join(root, "packages/reporters")] })), "lib/schemas/sarif-2.1.0-rtm.5.json");
    const ajv = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")) as object);
    const log = JSON.parse(read("sarif")) as {
      runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[]; partialFingerprints: Record<string, string> }[] }[];
    };
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run0 = log.runs[0];
    expect(run0?.results.length).toBe(11);
    const leak = run0?.results.find((r) => r.locations[0]?.physicalLocation.region.startLine === 89);
    expect(leak?.ruleId).toBe("no-sensitive-content-in-transfer-flow");
    expect(leak?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("fixtures/flows/transfer-to-agent-leaks-data.json");
    expect(leak?.locations[0]?.physicalLocation.region).toEqual({ startLine: 89, startColumn: 17, endLine: 89, endColumn: 109 });
    expect(Object.values(leak?.partialFingerprints ?? {})[0]).toMatch(/^[0-9a-f]{64}$/);
    const rule = run0?.tool.driver.rules.find((r) => r.id === "no-dangling-connector");
    expect(rule?.helpUri).toMatch(/^https:\/\/unpkg\.com\/@connect-lint\/rules@\d+\.\d+\.\d+\/docs\/no-dangling-connector\.md$/);
  });

  it("junit and checkstyle: well-formed XML with one entry per finding", () => {
    const parse = (text: string): Document => new DOMParser().parseFromString(text, "text/xml");
    const junit = parse(read("junit"));
    expect(junit.getElementsByTagName("testsuite").length).toBe(11); // every linted file, clean ones too
    expect(junit.getElementsByTagName("failure").length).toBe(11);
    const checkstyle = parse(read("checkstyle"));
    expect(checkstyle.documentElement?.tagName).toBe("checkstyle");
    expect(checkstyle.getElementsByTagName("error").length).toBe(11);
  });

  it("github: one workflow command per finding", () => {
    const lines = read("github").trimEnd().split("\n");
    expect(lines.length).toBe(11);
    expect(lines).toContain(
      "::warning file=fixtures/flows/legacy-export.json,line=2,col=3,endLine=2,endColumn=12,title=legacy-format::Pre-2022 designer export: only the rules that apply to it ran; export it again from the current designer",
    );
  });

  it("gitlab: code quality issues with unique fingerprints", () => {
    const issues = JSON.parse(read("gitlab")) as { fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.length).toBe(11);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(11);
    expect(issues.find((i) => i.location.path === "fixtures/flows/not-json.json")).toMatchObject({ severity: "blocker", location: { lines: { begin: 64 } } });
  });

  it("markdown: a summary with a table", () => {
    const md = read("markdown");
    expect(md).toMatch(/^## connect-lint\n/);
    expect(md).toContain("| File | Line | Severity | Rule | Message |");
  });
});

describe("--fail-on", () => {
  const dir = path.join(tmp, "fail-on");
  fs.mkdirSync(dir, { recursive: true });
  // A flow whose only finding is a warning (its metadata lacks an entry for one block).
  fs.writeFileSync(
    path.join(dir, "warn.json"),
    JSON.stringify({
      Version: "2019-10-30",
      StartAction: "bye",
      Metadata: { name: "Warn", ActionMetadata: { other: { position: { x: 0, y: 0 } } } },
      Actions: [
        { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
        { Identifier: "other", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      ],
    }),
  );

  it.each([
    ["error", 0],
    ["warn", 1],
    ["never", 0],
  ])("--fail-on %s on a flow with only warnings exits %i", (level, code) => {
    const r = cli(["--no-config-lookup", "--rule", "no-unreachable-block: off", "--fail-on", level, "warn.json"], { cwd: dir });
    expect(r.stdout).toContain("warning");
    expect(r.code).toBe(code);
  });

  it("--fail-on never exits 0 even with errors", () => {
    expect(cli(["--fail-on", "never", "fixtures/flows"]).code).toBe(0);
  });
});

describe("--cache", () => {
  it("gives identical output with and without the cache, and a repeat run reuses it", () => {
    const dir = path.join(tmp, "cache");
    fs.cpSync(path.join(root, "fixtures/flows"), dir, { recursive: true });
    const plain = cli(["--format", "json", "."], { cwd: dir }).stdout;
    const first = cli(["--cache", "--format", "json", "."], { cwd: dir }).stdout;
    const cacheFile = path.join(dir, ".connect-lint-cache");
    expect(fs.existsSync(cacheFile)).toBe(true);
    const stamp = fs.statSync(cacheFile).mtimeMs;
    const second = cli(["--cache", "--format", "json", "."], { cwd: dir }).stdout;
    expect(first).toBe(plain);
    expect(second).toBe(plain);
    expect(fs.statSync(cacheFile).mtimeMs).toBe(stamp); // nothing changed, nothing rewritten
    // A changed file is linted again.
    const file = path.join(dir, "agent-whisper.json");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"EndFlowExecution"', '"EndFlowExecutions"'));
    const third = cli(["--cache", "--format", "json", "agent-whisper.json"], { cwd: dir }).stdout;
    expect(third).toContain('"ruleId":"valid-action-type"');
  });

  it("a corrupt cache is rebuilt, not an error", () => {
    const dir = path.join(tmp, "cache-corrupt");
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(root, "fixtures/flows/agent-whisper.json"), path.join(dir, "a.json"));
    fs.writeFileSync(path.join(dir, ".connect-lint-cache"), "{not json");
    expect(cli(["--cache", "a.json"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(() => JSON.parse(fs.readFileSync(path.join(dir, ".connect-lint-cache"), "utf8")) as unknown).not.toThrow();
  });
});

describe("hooks", () => {
  it("--skip-non-flows: staged JSON that is not a flow is skipped quietly", () => {
    const dir = path.join(tmp, "hook");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), '{"name": "x"}');
    fs.writeFileSync(path.join(dir, "tsconfig.json"), "{}");
    fs.copyFileSync(path.join(root, "fixtures/flows/agent-whisper.json"), path.join(dir, "flow.json"));
    expect(cli(["--skip-non-flows", "package.json", "tsconfig.json", "flow.json"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(cli(["package.json"], { cwd: dir }).code).toBe(1);
  });

  it("the GitHub Action's script writes annotations, the step summary, SARIF and the exit code", () => {
    const work = path.join(tmp, "action");
    fs.mkdirSync(work, { recursive: true });
    const summary = path.join(work, "summary.md");
    const output = path.join(work, "output.txt");
    const r = spawnSync("bash", [path.join(root, "action/run.sh")], {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        GITHUB_ACTION_PATH: root,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: work,
        INPUT_PATHS: "fixtures/flows/whisper-with-transfer.json fixtures/flows/agent-*.json",
        INPUT_ARGS: "--no-config-lookup",
        INPUT_FAIL_ON: "error",
        INPUT_SARIF_FILE: path.join(work, "out.sarif"),
      },
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^::error file=fixtures\/flows\/whisper-with-transfer\.json,line=58,col=15,.*title=no-unsupported-block::Transfer to queue/),
      expect.stringMatching(/^::error file=fixtures\/flows\/whisper-with-transfer\.json,line=77,col=15,.*title=no-unsupported-block::Disconnect/),
    ]);
    expect(fs.readFileSync(summary, "utf8")).toMatch(/^## connect-lint\n/);
    expect(fs.readFileSync(output, "utf8")).toBe("exit-code=1\n");
    expect((JSON.parse(fs.readFileSync(path.join(work, "out.sarif"), "utf8")) as { version: string }).version).toBe("2.1.0");
  });
});
