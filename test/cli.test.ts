/**
 * End-to-end: the built CLI as a user runs it, asserting stdout, stderr, written files and exit code.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "./helpers.js";
import type { Run } from "./helpers.js";

const root = ROOT;
const tmp = tempDir("e2e");

function cli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Run {
  return runCli(args, { ...options, cwd: options.cwd ?? root });
}

const CLEAN = [
  "fixtures/flows/agent-whisper.json",
  "fixtures/flows/customer-queue-hold-music.json",
  "fixtures/flows/inbound-main-menu.json",
  "fixtures/flows/module-get-account.json",
  "fixtures/flows/transfer-to-agent.json",
  "fixtures/flows/transfer-to-queue.json",
];

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const small = (next: string): string =>
  JSON.stringify(
    {
      Version: "2019-10-30",
      StartAction: "hello",
      Metadata: { name: "Small", type: "contactFlow" },
      Actions: [
        { Identifier: "hello", Type: "MessageParticipant", Parameters: { Text: "Hello." }, Transitions: { NextAction: next, Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] } },
        { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      ],
    },
    null,
    2,
  ) + "\n";

describe("connect-lint on the sample flows", () => {
  it("prints findings with exact positions and exits 1", () => {
    const r = cli(["fixtures/flows"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchSnapshot();
    // The lines a user acts on, asserted explicitly:
    expect(r.stdout).toContain("fixtures/flows/not-json.json\n  64:8  error  parse-error\n    Invalid JSON: Unexpected end of file after ',' (is the file truncated?)\n");
    expect(r.stdout).toContain("fixtures/flows/legacy-export.json\n  2:3  warning  legacy-format\n    Pre-2022 designer export: only the rules that apply to it ran; export it again from the current designer\n");
  });

  it("exits 0 and prints nothing on the clean flows", () => {
    expect(cli(CLEAN)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints ESLint-compatible JSON with --format json", () => {
    const r = cli(["--format", "json", "fixtures/flows/inbound-with-defects.json", CLEAN[0] ?? ""]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(results.map((x) => [path.relative(root, String(x.filePath)), x.errorCount, x.warningCount, x.flowType, x.flowName])).toEqual([
      ["fixtures/flows/agent-whisper.json", 0, 0, "AGENT_WHISPER", "Agent_Whisper_Default"],
      // Two of its findings are unreachable blocks, warnings in the recommended preset.
      ["fixtures/flows/inbound-with-defects.json", (results[1]?.messages as unknown[]).length - 2, 2, "CONTACT_FLOW", "Inbound_Support"],
    ]);
    const first = results[0] ?? {};
    expect(Object.keys(first)).toEqual([
      "filePath",
      "messages",
      "suppressedMessages",
      "errorCount",
      "warningCount",
      "fatalErrorCount",
      "fixableErrorCount",
      "fixableWarningCount",
      "kind",
      "flowName",
      "flowType",
    ]);
    const messages = results[1]?.messages as Record<string, unknown>[];
    expect(messages.find((m) => m.messageId === "notConnected")).toEqual({
      ruleId: "no-dangling-connector",
      messageId: "notConnected",
      severity: 2,
      // Named by the start of its text: its Identifier is a generated UUID.
      message: 'The default connector (NextAction) of Play prompt "You can book, move or cancel a visit…" is not connected to any block.',
      line: 291,
      column: 23,
      endLine: 291,
      endColumn: 25,
      pointer: "/Actions/4/Transitions/NextAction",
      actionId: "1ab3f9d3-a188-43df-a4f0-58040ca6a085",
    });
  });

  it("gives the same bytes on every run", () => {
    expect(cli(["--format", "json", "fixtures/flows"]).stdout).toBe(cli(["--format", "json", "fixtures/flows"]).stdout);
  });
});

describe("input", () => {
  it("reads standard input with - and names it by --stdin-filename", () => {
    const r = cli(["-", "--stdin-filename", "flows/small.json"], { input: small("") });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "",
        "flows/small.json",
        "  16:23  error  no-dangling-connector  block hello",
        '    The default connector (NextAction) of Play prompt "hello" is not connected to any block.',
        "",
        "\u2716 1 problem (1 error, 0 warnings)",
        "",
      ].join("\n"),
    );
  });

  it("skips JSON that is not a flow in folders, and reports it when named", () => {
    write("mixed/package.json", '{"name": "x"}\n');
    write("mixed/good.json", small("bye"));
    expect(cli([path.join(tmp, "mixed")])).toEqual({ code: 0, stdout: "", stderr: "" });
    const named = cli([path.join(tmp, "mixed/package.json")], { cwd: tmp });
    expect(named.code).toBe(1);
    expect(named.stdout).toContain("mixed/package.json\n  1:1  error  not-a-flow\n    Not an Amazon Connect flow: expected a JSON object with Version, StartAction and Actions\n");
  });

  it("reads a named file whatever its extension", () => {
    write("flow.txt", small("nowhere"));
    const r = cli(["flow.txt"], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('16:23  error  no-dangling-connector  block hello\n    The default connector (NextAction) of Play prompt "hello" leads to "nowhere", which is not a block in this flow.');
  });

  it("skips node_modules and .git", () => {
    write("tree/node_modules/dep/flow.json", small(""));
    write("tree/.git/flow.json", small(""));
    write("tree/ok.json", small("bye"));
    expect(cli(["tree"], { cwd: tmp })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("expands globs", () => {
    write("glob/a.json", small(""));
    write("glob/b.json", small("bye"));
    const r = cli(["glob/*.json"], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("glob/a.json\n");
    expect(r.stdout).not.toContain("glob/b.json");
  });

  it("reports binary and non-UTF-8 files without crashing", () => {
    write("bin/binary.json", "\u0000\u0001\u0002");
    fs.writeFileSync(path.join(tmp, "bin/latin1.json"), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    const r = cli(["bin"], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("bin/binary.json\n  1:1  error  parse-error\n    File is binary (it contains NUL bytes), not a JSON flow\n");
    expect(r.stdout).toContain("bin/latin1.json\n  1:1  error  parse-error\n    File is not valid UTF-8 text\n");
  });
});

describe("options", () => {
  it("--flow-type wins over Metadata.type", () => {
    const r = cli(["--format", "json", "--flow-type", "customerQueue", "fixtures/flows/agent-whisper.json"]);
    expect((JSON.parse(r.stdout) as { flowType: string }[])[0]?.flowType).toBe("CUSTOMER_QUEUE");
  });

  it("--output-file writes the report and prints nothing", () => {
    const out = path.join(tmp, "reports/result.json");
    const r = cli(["-f", "json", "-o", out, "fixtures/flows/inbound-with-defects.json"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, "", ""]);
    expect((JSON.parse(fs.readFileSync(out, "utf8")) as unknown[]).length).toBe(1);
    expect(fs.readdirSync(path.dirname(out))).toEqual(["result.json"]);
  });

  it("--color forces ANSI colours; they are off by default when not a terminal", () => {
    write("color/a.json", small(""));
    expect(cli(["--color", "color"], { cwd: tmp }).stdout).toContain("\u001b[31merror\u001b[39m");
    expect(cli(["color"], { cwd: tmp }).stdout).not.toContain("\u001b[");
  });

  it("--print-graph prints DOT for a legacy export, its modules as the actions they stand for", () => {
    const r = cli(["--print-graph", "fixtures/flows/legacy-export.json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'digraph "Renewals_Direct_Line" {',
        "  rankdir=LR;",
        '  start [shape=circle, label="start"];',
        '  a0 [shape=box, label="UpdateContactTargetQueue\\nde689f6b-ff47-4bf2-8c55-6e76217d15e9"];',
        '  a1 [shape=box, label="TransferContactToQueue\\n56fb41a3-43bc-4a16-a310-7124be51b4a8"];',
        '  a2 [shape=box, label="DisconnectParticipant\\n7d796b6f-fb1f-4bce-9704-b81748405edf"];',
        '  start -> a0 [label="start"];',
        '  a0 -> a1 [label="next"];',
        '  a0 -> a2 [label="error[NoMatchingError]", style=dashed];',
        '  a1 -> a2 [label="error[QueueAtCapacity]", style=dashed];',
        '  a1 -> a2 [label="error[NoMatchingError]", style=dashed];',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("--print-config reads the type of a legacy export from its metadata", () => {
    const out = JSON.parse(cli(["--no-config-lookup", "--print-config", "fixtures/flows/legacy-export.json"]).stdout) as Record<string, unknown>;
    expect([out.flowType, out.flowTypeSource]).toEqual(["CONTACT_FLOW", "metadata"]);
  });

  it("--print-graph prints DOT for one flow", () => {
    const file = write("graph/small.json", small("bye"));
    const r = cli(["--print-graph", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'digraph "Small" {',
        "  rankdir=LR;",
        '  start [shape=circle, label="start"];',
        '  a0 [shape=box, label="MessageParticipant\\nhello"];',
        '  a1 [shape=box, label="DisconnectParticipant\\nbye"];',
        '  start -> a0 [label="start"];',
        '  a0 -> a1 [label="next"];',
        '  a0 -> a1 [label="error[NoMatchingError]", style=dashed];',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("--version and --help", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "packages/cli/package.json"), "utf8")) as { version: string };
    expect(cli(["--version"])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: connect-lint \[options\] \[file\|dir\|glob \.\.\.\]\n/);
  });
});

describe("exit code 2 with a one-line explanation", () => {
  it.each([
    [["no/such/dir"], "connect-lint: No such file or directory: no/such/dir\n"],
    [["nothing/*.json"], 'connect-lint: No files matching the pattern "nothing/*.json" were found.\n'],
    [["--frobnicate"], "connect-lint: Unknown option '--frobnicate'. See --help.\n"],
    [["--format", "xml", "."], 'connect-lint: Unknown format "xml". Available: stylish, compact, json, sarif, junit, checkstyle, github, gitlab, markdown, html.\n'],
    [["--flow-type", "queue", "."], 'connect-lint: Unknown flow type "queue". Use one of: CONTACT_FLOW, CUSTOMER_QUEUE, CUSTOMER_HOLD, CUSTOMER_WHISPER, OUTBOUND_WHISPER, AGENT_HOLD, AGENT_WHISPER, AGENT_TRANSFER, QUEUE_TRANSFER, CAMPAIGN, FLOW_MODULE.\n'],
    [["--max-warnings", "lots", "."], 'connect-lint: --max-warnings takes a whole number (or -1 for no limit), got "lots".\n'],
    [["--print-graph", "fixtures/flows"], "connect-lint: --print-graph takes exactly one flow file; 11 files were given.\n"],
  ])("%j", (args, stderr) => {
    expect(cli(args)).toEqual({ code: 2, stdout: "", stderr });
  });

  it("an unreadable file is named, the others are still linted", () => {
    // Root reads any file whatever its mode, so as root use a file the kernel refuses to read.
    let unreadable = "/proc/self/mem";
    let code = "input/output error";
    if (process.getuid?.() !== 0) {
      unreadable = write("locked/locked.json", small("bye"));
      fs.chmodSync(unreadable, 0o000);
      code = "permission denied";
    }
    const good = write("locked/good.json", small(""));
    const r = cli([unreadable, good], { cwd: tmp });
    expect([r.code, r.stderr]).toEqual([2, `connect-lint: cannot read ${path.relative(tmp, unreadable).startsWith("..") ? unreadable : path.relative(tmp, unreadable)}: ${code}\n`]);
    expect(r.stdout).toContain("locked/good.json\n  16:23  error  no-dangling-connector  block hello\n    The default connector");
  });
});
