/**
 * Bad input through the built CLI: every case gets a clear message naming the file, the rest of the
 * run goes on where that makes sense, and the exit code is the documented one (0 clean, 1 findings,
 * 2 usage, configuration or internal failure). Then the atomic writes: a run killed at any moment,
 * in the middle of writing too, leaves the previous report or suppressions file intact.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, runCli, tempDir } from "./helpers.js";
import type { Run } from "./helpers.js";

const root = ROOT;
const bin = BIN;
const tmp = tempDir("robust");

function cli(args: string[], options: { cwd?: string; input?: string | Buffer } = {}): Run {
  return runCli(args, { ...options, cwd: options.cwd ?? tmp });
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** A small flow; `next` empty gives exactly one finding (a dangling connector at 1:…). */
function flow(next: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Version: "2019-10-30",
    StartAction: "hello",
    Metadata: { name: "Small", type: "contactFlow", ...extra },
    Actions: [
      { Identifier: "hello", Type: "MessageParticipant", Parameters: { Text: "Hello." }, Transitions: { NextAction: next, Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] } },
      { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  });
}
const DANGLING = (file: string): string => `${file}:1:216: error The default connector (NextAction) of Play prompt "hello" is not connected to any block. [no-dangling-connector]`;

describe("bad files are reported by name; the other files are still linted", () => {
  it("empty, binary, UTF-16, invalid UTF-8 and truncated files", () => {
    write("bad/empty.json", "");
    write("bad/blank.json", " \n\t\n");
    write("bad/binary.json", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    write("bad/utf16.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(flow("bye"), "utf16le")]));
    write("bad/latin1.json", Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    write("bad/truncated.json", flow("bye").slice(0, 100));
    write("bad/good.json", flow(""));
    const r = cli(["-f", "compact", "bad"]);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toEqual([
      "bad/binary.json:1:1: error File is binary (it contains NUL bytes), not a JSON flow [parse-error]",
      "bad/blank.json:1:1: error File is empty: expected a JSON object [parse-error]",
      "bad/empty.json:1:1: error File is empty: expected a JSON object [parse-error]",
      DANGLING("bad/good.json"),
      "bad/latin1.json:1:1: error File is not valid UTF-8 text [parse-error]",
      "bad/truncated.json:1:101: error Invalid JSON: Unexpected end of file [parse-error]",
      "bad/utf16.json:1:1: error File is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to lint it [parse-error]",
      "",
    ]);
    expect(r.code).toBe(1);
  });

  it("a 50 MB file: one file-too-large message, quickly; with the limit raised it is linted", () => {
    const big = write("big/huge.json", flow("bye", { description: "x".repeat(50 * 1024 * 1024) }));
    const size = fs.statSync(big).size;
    write("big/good.json", flow(""));
    let started = Date.now();
    const r = cli(["-f", "compact", "big"]);
    const refused = Date.now() - started;
    expect(r.stdout.split("\n")).toEqual([
      DANGLING("big/good.json"),
      `big/huge.json:1:1: error File is too large to lint: ${String(size)} bytes (50.0 MiB) is more than limits.maxFileSize, 10485760 bytes (10.0 MiB); raise it in the configuration to lint this file [file-too-large]`,
      "",
    ]);
    expect([r.code, r.stderr]).toEqual([1, ""]);
    expect(refused).toBeLessThan(5000); // the file is not even read: about 0.2 s

    write("big/.connect-lintrc.json", JSON.stringify({ extends: "recommended", rules: { "max-flow-complexity": "off" }, limits: { maxFileSize: 64 * 1024 * 1024 } }));
    started = Date.now();
    const raised = cli(["-f", "compact", "huge.json", "good.json"], { cwd: path.join(tmp, "big") });
    const linted = Date.now() - started;
    expect(raised.stdout.split("\n")).toEqual([DANGLING("good.json"), ""]);
    expect([raised.code, raised.stderr]).toEqual([1, ""]);
    expect(linted).toBeLessThan(10_000); // about 0.6 s
  });

  it("standard input is read only up to the limit; devices are not read", () => {
    write("dev/.connect-lintrc.json", JSON.stringify({ extends: "recommended", limits: { maxFileSize: 1000 } }));
    const cwd = path.join(tmp, "dev");
    const message = "error File is too large to lint: it is more than limits.maxFileSize, 1000 bytes; raise it in the configuration to lint this file [file-too-large]";
    expect(cli(["-f", "compact", "-", "--stdin-filename", "in.json"], { cwd, input: " ".repeat(5000) })).toEqual({ code: 1, stdout: `in.json:1:1: ${message}\n`, stderr: "" });
    if (fs.existsSync("/dev/zero")) {
      expect(cli(["-f", "compact", "/dev/zero"], { cwd })).toEqual({ code: 2, stdout: "", stderr: "connect-lint: cannot read /dev/zero: not a regular file (a device)\n" });
    }
  });

  it("100,000 nested arrays: one too-deeply-nested message; with the limit raised a deep file is linted", () => {
    const deep = (n: number): string => `{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"DisconnectParticipant","Parameters":{"X":${"[".repeat(n)}${"]".repeat(n)}},"Transitions":{}}]}`;
    write("deep/deep.json", deep(100_000));
    write("deep/good.json", flow(""));
    const r = cli(["-f", "compact", "deep"]);
    expect(r.stdout.split("\n")).toEqual([
      "deep/deep.json:1:217: error JSON nested too deeply: this '[' opens level 101, more than limits.maxNestingDepth (100); raise it in the configuration to lint this file [too-deeply-nested]",
      DANGLING("deep/good.json"),
      "",
    ]);
    expect([r.code, r.stderr]).toEqual([1, ""]);

    write("deep2/.connect-lintrc.json", JSON.stringify({ extends: "all", limits: { maxNestingDepth: 1000 } }));
    write("deep2/deep.json", deep(995));
    const raised = cli(["-f", "compact", "deep.json"], { cwd: path.join(tmp, "deep2") });
    expect(raised.stdout).toContain('deep.json:1:117: error Disconnect / hang up "a" takes no parameters, so the service rejects "X". [valid-action-parameters]\n');
    expect(raised.stdout).not.toMatch(/internal-error|too-deeply-nested/);
    expect([raised.code, raised.stderr]).toEqual([1, ""]);
  });

  it("a directory symlink loop: the run ends and lints each real file once", () => {
    write("loop/a.json", flow(""));
    write("loop/sub/b.json", flow(""));
    fs.symlinkSync("..", path.join(tmp, "loop/sub/up"));
    fs.symlinkSync(".", path.join(tmp, "loop/self"));
    fs.symlinkSync("itself.json", path.join(tmp, "loop/itself.json"));
    const expected = { code: 1, stdout: [DANGLING("loop/a.json"), DANGLING("loop/sub/b.json"), ""].join("\n"), stderr: "" };
    expect(cli(["-f", "compact", "loop"])).toEqual(expected);
    expect(cli(["-f", "compact", "loop/**/*.json"])).toEqual(expected);
    expect(cli(["-f", "compact", "loop/sub/up/sub/up/sub"])).toEqual({ ...expected, stdout: [DANGLING("loop/sub/up/sub/up/sub/b.json"), ""].join("\n") });
    // A symbolic link to itself, named: the system's error, exit 2.
    expect(cli(["loop/itself.json"])).toEqual({ code: 2, stdout: "", stderr: "connect-lint: Cannot access loop/itself.json: too many levels of symbolic links (a link loop?)\n" });
  });

  it("an unreadable file is named with exit code 2; the others are still linted and reported", () => {
    // Root reads any file whatever its mode, so as root use a file the kernel refuses to read.
    let unreadable = "/proc/self/mem";
    let code = "input/output error";
    if (process.getuid?.() !== 0) {
      unreadable = write("locked/locked.json", flow("bye"));
      fs.chmodSync(unreadable, 0o000);
      code = "permission denied";
    }
    write("locked/good.json", flow(""));
    const shown = path.relative(tmp, unreadable).startsWith("..") ? unreadable : path.relative(tmp, unreadable);
    expect(cli(["-f", "compact", unreadable, "locked/good.json"])).toEqual({
      code: 2,
      stdout: `${DANGLING("locked/good.json")}\n`,
      stderr: `connect-lint: cannot read ${shown}: ${code}\n`,
    });
  });
});

describe("usage and configuration failures stop the run with exit code 2 and one line naming the culprit", () => {
  it("a path that does not exist, and a glob that matches nothing", () => {
    write("paths/good.json", flow(""));
    expect(cli(["paths/good.json", "paths/missing.json"])).toEqual({ code: 2, stdout: "", stderr: "connect-lint: No such file or directory: paths/missing.json\n" });
    expect(cli(["paths/good.json", "paths/*.yaml"])).toEqual({ code: 2, stdout: "", stderr: 'connect-lint: No files matching the pattern "paths/*.yaml" were found.\n' });
  });

  it.each([
    ["connect-lint.config.mjs", 'throw new Error("no configuration today");\n', "Cannot load configuration {file}: no configuration today"],
    ["connect-lint.config.mjs", "export default {\n", "Cannot load configuration {file}: Unexpected end of input"],
    ["connect-lint.config.mjs", 'export default { get rules() { throw new TypeError("rules getter"); } };\n', "Cannot load configuration {file}: rules getter"],
    [".connect-lintrc.json", '{"rules": ', 'Cannot load configuration {file}:1:10: Invalid JSON: Unexpected end of file'],
    [".connect-lintrc.yml", "rules:\n  - [\n", "Cannot load configuration {file}: unexpected end of the stream within a flow collection (3:1)"],
    [
      ".connect-lintrc.json",
      '{"rules": {"flow-naming-convention": ["error", {"pattern": "(["}]}}',
      'Invalid configuration in {file}: Rule "flow-naming-convention": invalid options: option pattern "([" is not a valid regular expression (Invalid regular expression: /([/u: Unterminated character class).',
    ],
    [
      ".connect-lintrc.json",
      '{"rules": {"no-sensitive-content-in-transfer-flow": ["error", {"sensitivePatterns": ["*card"]}]}}',
      'Invalid configuration in {file}: Rule "no-sensitive-content-in-transfer-flow": invalid options: sensitivePatterns entry "*card" is not a valid regular expression (Invalid regular expression: /*card/iu: Nothing to repeat).',
    ],
    [".connect-lintrc.json", '{"limits": {"maxFileSize": 0}}', "Invalid configuration in {file}: limits.maxFileSize: must be >= 1"],
    [".connect-lintrc.json", '{"limits": {"maxNestingDepth": 100000}}', "Invalid configuration in {file}: limits.maxNestingDepth: must be <= 1000"],
    [".connect-lintrc.json", '{"limits": {"maxSize": 1}}', "Invalid configuration in {file}: unknown key \"maxSize\" in limits"],
  ])("%s: %j", (name, content, expected) => {
    const dir = fs.mkdtempSync(path.join(tmp, "config-"));
    fs.writeFileSync(path.join(dir, name), content);
    fs.writeFileSync(path.join(dir, "flow.json"), flow(""));
    expect(cli(["flow.json"], { cwd: dir })).toEqual({ code: 2, stdout: "", stderr: `connect-lint: ${expected.replace("{file}", path.join(dir, name))}\n` });
  });
});

// ---------------------------------------------------------------------------------------------

interface Killed {
  /** True when the kill came while the temporary file existed: in the middle of the write. */
  readonly duringWrite: boolean;
  readonly code: number | null;
}

/**
 * Runs the CLI and SIGKILLs it: after `delay` ms, or, with `delay` undefined, the moment a
 * temporary file of `target` appears (the write has begun and has not been renamed yet).
 */
function runAndKill(args: string[], cwd: string, target: string, delay: number | undefined): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const dir = path.dirname(target);
    const isTemp = (name: string | null): boolean => name !== null && name.startsWith(`.${path.basename(target)}.`) && name.endsWith(".tmp");
    let duringWrite = false;
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: "ignore" });
    const kill = (): void => {
      duringWrite = fs.readdirSync(dir).some(isTemp);
      child.kill("SIGKILL");
    };
    let watcher: fs.FSWatcher | undefined;
    let timer: NodeJS.Timeout | undefined;
    if (delay === undefined) {
      watcher = fs.watch(dir, (_event, name) => {
        if (isTemp(name)) kill();
      });
    } else {
      timer = setTimeout(kill, delay);
    }
    child.on("error", reject);
    child.on("exit", (code) => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      resolve({ duringWrite, code });
    });
  });
}

describe("a killed run leaves the previous output intact", () => {
  // Enough flows for a report of about half a megabyte and a run of about half a second.
  const project = path.join(tmp, "kill");
  for (let copy = 0; copy < 30; copy++) {
    for (const name of fs.readdirSync(path.join(root, "fixtures/flows"))) {
      if (!name.endsWith(".json") || name === "not-json.json") continue;
      fs.mkdirSync(path.join(project, "flows", String(copy)), { recursive: true });
      fs.copyFileSync(path.join(root, "fixtures/flows", name), path.join(project, "flows", String(copy), name));
    }
  }
  const temps = (file: string): string[] =>
    fs
      .readdirSync(path.dirname(file))
      .filter((n) => n.startsWith(`.${path.basename(file)}.`))
      .sort();

  /** Kills runs writing `target`: at random moments, and then the moment the write begins. */
  async function killRepeatedly(args: string[], target: string, exitCode: number, isComplete: (text: string) => boolean): Promise<void> {
    const old = fs.readFileSync(target, "utf8");
    let caughtMidWrite = 0;
    const started = Date.now();
    const full = cli(args, { cwd: project });
    const duration = Date.now() - started;
    expect(full.code, full.stderr).toBe(exitCode);
    const fresh = fs.readFileSync(target, "utf8");
    expect(isComplete(fresh)).toBe(true);
    fs.writeFileSync(target, old);
    const delays: (number | undefined)[] = [0.3, 0.7, Math.random()].map((f) => Math.floor(f * duration));
    for (let i = 0; i < 8; i++) delays.push(undefined);
    for (const delay of delays) {
      const killed = await runAndKill(args, project, target, delay);
      const now = fs.readFileSync(target, "utf8");
      // The previous file, or the whole new one: never a part.
      if (now !== old) {
        expect(now).toBe(fresh);
        fs.writeFileSync(target, old);
      }
      if (killed.duringWrite) caughtMidWrite++;
      if (delay === undefined && caughtMidWrite >= 3) break;
    }
    expect(caughtMidWrite, "no kill landed in the middle of a write").toBeGreaterThan(0);
    // Killed runs may leave their temporary files; the next run removes those more than a minute old.
    const leftovers = temps(target);
    expect(leftovers.every((n) => /^\..+\.\d+\.\d+\.tmp$/.test(n))).toBe(true);
    const stale = new Date(Date.now() - 120_000);
    for (const n of leftovers) fs.utimesSync(path.join(path.dirname(target), n), stale, stale);
    expect(cli(args, { cwd: project }).code).toBe(exitCode);
    expect(temps(target)).toEqual([]);
    expect(fs.readFileSync(target, "utf8")).toBe(fresh);
  }

  it("--output-file", async () => {
    const report = path.join(project, "report.json");
    fs.writeFileSync(report, "the previous report\n");
    await killRepeatedly(["--format", "json", "--output-file", report, "flows"], report, 1, (text) => Array.isArray(JSON.parse(text)));
  }, 60_000);

  it("the suppressions file with --suppress-all", async () => {
    const file = path.join(project, "connect-lint-suppressions.json");
    fs.writeFileSync(file, '{\n  "version": 1,\n  "suppressions": []\n}\n');
    // --suppress-all records every finding (so the run exits 0).
    await killRepeatedly(["--suppress-all", "--suppression-reason", "baseline", "flows"], file, 0, (text) => (JSON.parse(text) as { suppressions: unknown[] }).suppressions.length > 100);
  }, 60_000);
});
