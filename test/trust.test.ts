/**
 * End-to-end: what a new user trips over in the first hour (issue 15) — outputs that would replace an
 * input, configuration without `extends`, a closed pipe, nothing to lint, too many threads, special
 * files, error codes in words, the JSON configuration syntax error, `--list-rules` output,
 * `--max-warnings -1`, what `--suppress-all` wrote, `--cache-location DIR/`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, projectMaker, runCli } from "./helpers.js";
import type { Run } from "./helpers.js";

/** A fresh project folder with the given files. */
const project = projectMaker("trust");
/** A folder with no configuration in it. */
const base = project({});

function cli(cwd: string, args: string[]): Run {
  return runCli(["--no-color", ...args], { cwd });
}

/** A flow whose "hello" block's default connector goes to `next`; one unreachable block when `island`. */
function flow(next: string, options: { island?: boolean } = {}): string {
  const actions: unknown[] = [
    { Identifier: "hello", Type: "MessageParticipant", Parameters: { Text: "Hello." }, Transitions: { NextAction: next, Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] } },
    { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
  ];
  if (options.island) actions.push({ Identifier: "lost", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} });
  return JSON.stringify({ Version: "2019-10-30", StartAction: "hello", Metadata: { name: "Flow", type: "contactFlow" }, Actions: actions }, null, 2) + "\n";
}

const DANGLING = (file: string): string =>
  `${file}:16:23: error The default connector (NextAction) of Play prompt "hello" is not connected to any block. [no-dangling-connector]`;

describe("-o never overwrites an input", () => {
  it.each([
    [["-o", "flows/a.json", "flows"], "connect-lint: --output-file flows/a.json would overwrite a linted file; write the stylish report elsewhere.\n"],
    [["-o", "./flows/../flows/a.json", "flows/a.json"], "connect-lint: --output-file ./flows/../flows/a.json would overwrite a linted file (flows/a.json); write the stylish report elsewhere.\n"],
    [["-o", "link.json", "flows"], "connect-lint: --output-file link.json would overwrite a linted file (flows/a.json); write the stylish report elsewhere.\n"],
    [["-o", ".connect-lintrc.json", "flows"], "connect-lint: --output-file .connect-lintrc.json would overwrite the configuration file; write the stylish report elsewhere.\n"],
    [["-o", "connect-lint-suppressions.json", "flows"], "connect-lint: --output-file connect-lint-suppressions.json would overwrite the suppressions file; write the stylish report elsewhere.\n"],
    [["--cache", "-f", "json", "-o", ".connect-lint-cache", "flows"], "connect-lint: --output-file .connect-lint-cache would overwrite the cache file; write the json report elsewhere.\n"],
    [["-o", "inventory/flows.json", "flows"], "connect-lint: --output-file inventory/flows.json would overwrite an inventory file; write the stylish report elsewhere.\n"],
    [["-f", "json", "-f", "sarif", "-o", "json=out.txt", "-o", "sarif=./out.txt", "flows"], 'connect-lint: --output-file: formats "json" and "sarif" would both be written to ./out.txt; give each its own file.\n'],
  ])("%j is refused with exit 2, and nothing is written", (args, stderr) => {
    const dir = project({
      ".connect-lintrc.json": JSON.stringify({ inventory: ["inventory/flows.json"] }),
      "connect-lint-suppressions.json": '{"version":1,"suppressions":[]}\n',
      ".connect-lint-cache": "{}",
      "inventory/flows.json": '{"ContactFlowSummaryList":[]}\n',
      "flows/a.json": flow(""),
    });
    fs.symlinkSync("flows/a.json", path.join(dir, "link.json"));
    const before = new Map(["flows/a.json", ".connect-lintrc.json", "connect-lint-suppressions.json", ".connect-lint-cache", "inventory/flows.json"].map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
    expect(cli(dir, args)).toEqual({ code: 2, stdout: "", stderr });
    for (const [file, content] of before) expect(fs.readFileSync(path.join(dir, file), "utf8")).toBe(content);
    expect(fs.existsSync(path.join(dir, "out.txt"))).toBe(false);
  });

  it("a report beside the inputs is written", () => {
    const dir = project({ "flows/a.json": flow("") });
    expect(cli(dir, ["-f", "compact", "-o", "report.txt", "flows"])).toEqual({ code: 1, stdout: "", stderr: "" });
    expect(fs.readFileSync(path.join(dir, "report.txt"), "utf8")).toBe(`${DANGLING("flows/a.json")}\n`);
  });
});

describe("a configuration without extends starts from recommended", () => {
  const recommendedRules = (dir: string): string[] => Object.keys((JSON.parse(cli(dir, ["--print-config", "a.json"]).stdout) as { rules: object }).rules);
  const reference = recommendedRules(project({ ".connect-lintrc.json": '{"extends": "recommended"}', "a.json": flow("") }));

  it.each([
    ["only limits", { limits: { maxFileSize: 52428800, maxNestingDepth: 200 } }],
    ["only one rule", { rules: { "no-unreachable-block": "warn" } }],
    ["an empty object", {}],
  ])("%s: the recommended rules apply", (_name, config) => {
    const dir = project({ ".connect-lintrc.json": JSON.stringify(config), "a.json": flow("", { island: true }) });
    expect(recommendedRules(dir)).toEqual(reference);
    expect(reference).toContain("no-dangling-connector");
    const r = cli(dir, ["-f", "compact", "a.json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(DANGLING("a.json"));
  });

  it('"extends": [] starts from no rule', () => {
    const dir = project({ ".connect-lintrc.json": '{"extends": [], "rules": {"no-unreachable-block": "warn"}}', "a.json": flow("", { island: true }) });
    expect(recommendedRules(dir)).toEqual(["no-unreachable-block"]);
  });

  it("every configuration example in the README applies the recommended rules", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("#### Limits"), readme.indexOf("## Suppressions and baselines"));
    const examples = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? "").filter((text) => !text.includes('"filePath"'));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) {
      const config = JSON.parse(example) as Record<string, unknown>;
      delete config.$schema;
      delete config.inventory;
      const dir = project({ ".connect-lintrc.json": JSON.stringify(config), "a.json": flow("") });
      const rules = recommendedRules(dir);
      expect(rules, example).toEqual(expect.arrayContaining(reference.filter((r) => r !== "no-unreachable-block")));
    }
  });
});

describe("output to a closed pipe", () => {
  it("--list-rules | a reader that stops at once: no stack trace, exit 0", () => {
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" --list-rules | true; echo "exit \${PIPESTATUS[0]}" >&2`], { encoding: "utf8", cwd: base });
    expect(r.stderr).toBe("exit 0\n");
  });
});

describe("nothing to lint is an error (exit 2), as in ESLint", () => {
  it("an empty folder, a folder without JSON, a folder of JSON that is not a flow", () => {
    const dir = project({ "empty/.keep": "", "text/notes.txt": "x", "other/package.json": '{"name":"x"}', "flows/a.json": flow("bye") });
    fs.rmSync(path.join(dir, "empty/.keep"));
    expect(cli(dir, ["empty"])).toEqual({ code: 2, stdout: "", stderr: 'connect-lint: No files matching the pattern "empty" were found.\n' });
    expect(cli(dir, ["text"])).toEqual({ code: 2, stdout: "", stderr: 'connect-lint: No files matching the pattern "text" were found.\n' });
    expect(cli(dir, ["other"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'connect-lint: No flows found in "other": 1 file was found, none of them a flow or a template holding one (or all are ignored by the configuration). Use --no-error-on-unmatched-pattern to allow this.\n',
    });
    // One folder with flows is enough.
    expect(cli(dir, ["other", "flows"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--no-error-on-unmatched-pattern allows it; named files skipped with --skip-non-flows are no error", () => {
    const dir = project({ "other/package.json": '{"name":"x"}', "text/notes.txt": "x" });
    expect(cli(dir, ["--no-error-on-unmatched-pattern", "other", "text", "nothing/*.json"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(cli(dir, ["--skip-non-flows", "other/package.json"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("--concurrency is capped by the CPUs", () => {
  it("says so, and lints as one thread would", () => {
    const files: Record<string, string> = {};
    const cpus = os.availableParallelism();
    for (let i = 0; i <= cpus + 1; i++) files[`flows/f${String(i)}.json`] = flow("bye");
    const dir = project(files);
    expect(cli(dir, ["--concurrency", "1000", "flows"])).toEqual({
      code: 0,
      stdout: "",
      stderr: `connect-lint: --concurrency 1000: using ${String(cpus)} threads, one per CPU (more would only cost memory and time).\n`,
    });
  });
});

describe("special files and errors in words", () => {
  it("a named pipe is refused at once, not read for ever", () => {
    const dir = project({ "a.json": flow("") });
    const fifo = path.join(dir, "pipe.json");
    if (spawnSync("mkfifo", [fifo]).status !== 0) return; // no mkfifo (Windows)
    const r = spawnSync(process.execPath, [BIN, "-f", "compact", "pipe.json", "a.json"], { cwd: dir, encoding: "utf8", timeout: 20_000 });
    expect([r.status, r.stderr, r.stdout]).toEqual([2, "connect-lint: cannot read pipe.json: not a regular file (a named pipe; use - to read standard input)\n", `${DANGLING("a.json")}\n`]);
    const graph = spawnSync(process.execPath, [BIN, "--print-graph", "pipe.json"], { cwd: dir, encoding: "utf8", timeout: 20_000 });
    expect([graph.status, graph.stderr, graph.stdout]).toEqual([2, "connect-lint: cannot read pipe.json: not a regular file (a named pipe; use - to read standard input)\n", ""]);
  });

  it("a folder named as a suppressions file, in words", () => {
    const dir = project({ "a.json": flow("bye"), "supp/x": "" });
    expect(cli(dir, ["--suppressions-location", "supp", "a.json"])).toEqual({ code: 2, stdout: "", stderr: "connect-lint: Cannot read suppressions file " + path.join(dir, "supp") + ": it is a folder, not a file\n" });
  });

  it("a trailing comma in a JSON configuration: file:line:col: message, once", () => {
    const dir = project({ ".connect-lintrc.json": '{\n  "rules": {\n    "no-unreachable-block": "warn",\n  }\n}\n', "a.json": flow("bye") });
    expect(cli(dir, ["a.json"])).toEqual({ code: 2, stdout: "", stderr: `connect-lint: Cannot load configuration ${path.join(dir, ".connect-lintrc.json")}:4:3: Invalid JSON: Unexpected '}'\n` });
    const pkg = project({ "package.json": '{"name": "x", "connect-lint": {"rules": {},}}', "a.json": flow("bye") });
    expect(cli(pkg, ["a.json"])).toEqual({ code: 2, stdout: "", stderr: `connect-lint: Cannot load configuration ${path.join(pkg, "package.json")}:1:44: Invalid JSON: Unexpected '}'\n` });
  });
});

describe("--list-rules", () => {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "packages/cli/package.json"), "utf8")) as { version: string }).version;

  it("links the published documentation", () => {
    const r = cli(base, ["--list-rules"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`\\nno-unreachable-block +warn +warn +.* https://unpkg\\.com/@connect-lint/rules@${version.replace(/\./g, "\\.")}/docs/no-unreachable-block\\.md\\n`));
    expect(r.stdout).not.toMatch(/ rules\/docs\//);
  });

  it("-f json prints JSON", () => {
    const dir = project({ ".connect-lintrc.json": '{"rules": {"no-unreachable-block": "warn"}}' });
    const r = cli(dir, ["--list-rules", "-f", "json"]);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as Record<string, string>[];
    expect(rules.find((e) => e.rule === "no-unreachable-block")).toEqual({
      rule: "no-unreachable-block",
      configured: "warn",
      recommended: "warn",
      description: "Disallow blocks that no path from the start of the flow reaches.",
      docs: `https://unpkg.com/@connect-lint/rules@${version}/docs/no-unreachable-block.md`,
    });
  });
});

describe("options as ESLint users write them", () => {
  it("--max-warnings -1 is no limit", () => {
    const dir = project({ ".connect-lintrc.json": '{"rules": {"no-unreachable-block": "warn"}}', "a.json": flow("bye", { island: true }) });
    expect(cli(dir, ["-f", "compact", "--max-warnings", "-1", "a.json"]).code).toBe(0);
    expect(cli(dir, ["-f", "compact", "--max-warnings=-1", "a.json"]).code).toBe(0);
    expect(cli(dir, ["-f", "compact", "--max-warnings", "0", "a.json"]).code).toBe(1);
    expect(cli(dir, ["--max-warnings", "-2", "a.json"])).toEqual({ code: 2, stdout: "", stderr: 'connect-lint: --max-warnings takes a whole number (or -1 for no limit), got "-2".\n' });
  });

  it("--suppress-all says what it wrote", () => {
    const dir = project({ "a.json": flow("", { island: true }), "b.json": flow("") });
    expect(cli(dir, ["--suppress-all", "a.json"])).toEqual({ code: 0, stdout: "", stderr: "Wrote 2 suppressions (2 new) to connect-lint-suppressions.json.\n" });
    expect(cli(dir, ["--suppress-all", "a.json", "b.json"])).toEqual({ code: 0, stdout: "", stderr: "Wrote 3 suppressions (1 new) to connect-lint-suppressions.json.\n" });
  });

  it("--cache-location DIR/ or an existing folder: the cache file goes inside it", () => {
    const dir = project({ "a.json": flow("bye"), "existing/.keep": "" });
    expect(cli(dir, ["--cache", "--cache-location", "cachedir/", "a.json"]).code).toBe(0);
    expect(fs.statSync(path.join(dir, "cachedir/.connect-lint-cache")).isFile()).toBe(true);
    expect(cli(dir, ["--cache", "--cache-location", "existing", "a.json"]).code).toBe(0);
    expect(fs.statSync(path.join(dir, "existing/.connect-lint-cache")).isFile()).toBe(true);
    expect(cli(dir, ["--cache", "--cache-location", "file-cache", "a.json"]).code).toBe(0);
    expect(fs.statSync(path.join(dir, "file-cache")).isFile()).toBe(true);
  });

  it("the README's option table lists every format", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const row = /^\| `-f, --format NAME` \|(.*)\|$/m.exec(readme)?.[1] ?? "";
    for (const format of ["stylish", "compact", "json", "sarif", "junit", "checkstyle", "github", "gitlab", "markdown"]) expect(row).toContain(`\`${format}\``);
  });
});

describe("the pre-commit hook", () => {
  const hook = path.join(ROOT, "action/pre-commit.sh");
  const hooks = fs.readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8");

  it("is the script the hooks file names", () => {
    expect(hooks).toMatch(/\n {2}entry: action\/pre-commit\.sh\n {2}language: script\n/);
  });

  it("without node_modules: says what to install, exit 2", () => {
    const dir = project({ "a.json": flow("") });
    const r = spawnSync("sh", [hook, "a.json"], { cwd: dir, encoding: "utf8" });
    expect([r.status, r.stdout, r.stderr]).toEqual([
      2,
      "",
      "connect-lint: not installed in this project (node_modules/.bin/connect-lint is missing).\nInstall it with 'npm install --save-dev @connect-lint/cli' (or pnpm add -D / yarn add -D), then commit again.\n",
    ]);
  });

  it("with connect-lint installed: lints the staged files, skipping JSON that is not a flow", () => {
    const dir = project({ "a.json": flow(""), "package.json": '{"name":"x"}' });
    fs.mkdirSync(path.join(dir, "node_modules/.bin"), { recursive: true });
    fs.symlinkSync(BIN, path.join(dir, "node_modules/.bin/connect-lint"));
    const r = spawnSync("sh", [hook, "--no-color", "-f", "compact", "a.json", "package.json"], { cwd: dir, encoding: "utf8" });
    expect([r.status, r.stdout, r.stderr]).toEqual([1, `${DANGLING("a.json")}\n`, ""]);
  });
});

describe("stylish on a 120-column terminal", () => {
  /** Lines of findings (file paths, which are the user's, aside) longer than 120 columns. */
  const tooWide = (stdout: string): string[] => stdout.split("\n").filter((line) => line.startsWith(" ") && line.length > 120);

  it("over the sample flows and the rule fixtures, no finding line is wider than 120 columns", () => {
    const r = runCli(["--no-color", "--no-error-on-unmatched-pattern", "fixtures/flows", "fixtures/rules"], { cwd: ROOT });
    expect(r.stdout).toContain("\n  291:23  error    no-dangling-connector  block 1ab3f9d3\n");
    expect(tooWide(r.stdout)).toEqual([]);
  });

  const corpus = path.resolve(ROOT, "../shared/corpus/flows");
  it.skipIf(!fs.existsSync(corpus))("over ../shared/corpus, no finding line is wider than 120 columns", () => {
    const r = runCli(["--no-color", "--no-config-lookup", corpus], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(tooWide(r.stdout)).toEqual([]);
  });
});
