/**
 * `--fix`, `--fix-dry-run` and `--fix-unreachable` end to end: each case of fixtures/fix is copied to a
 * temporary folder, fixed by the built CLI, and compared byte for byte with its expected file (four-space,
 * tab, CRLF and minified flows; a CloudFormation `!Sub |` block scalar; a Terraform `<<-EOT` heredoc;
 * an escaped JSON string, where an insertion cannot be made). Then a round trip over those cases and the corpus: fixed flows parse,
 * re-lint without the fixed findings, and every character outside the fixes' ranges is unchanged.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyFixes, lintText, loadFlow } from "@connect-lint/core";
import type { EnabledRule, LintMessage } from "@connect-lint/core";
import { rules } from "@connect-lint/rules";
import { ROOT, runCli, tempDir } from "./helpers.js";

const CASES = path.join(ROOT, "fixtures/fix");
const CORPUS = "/work/shared/corpus/flows";

interface Case {
  readonly name: string;
  readonly input: string;
  readonly expected: string;
  readonly args: readonly string[];
}

function loadCase(name: string): Case {
  const dir = path.join(CASES, name);
  const files = fs.readdirSync(dir);
  const input = files.find((f) => f.startsWith("input."));
  const expected = files.find((f) => f.startsWith("expected."));
  if (!input || !expected) throw new Error(`fixtures/fix/${name} needs input.* and expected.*`);
  return { name, input: path.join(dir, input), expected: path.join(dir, expected), args: JSON.parse(fs.readFileSync(path.join(dir, "args.json"), "utf8")) as string[] };
}

const cases = fs.readdirSync(CASES).sort().map(loadCase);
const work = tempDir("fix");

/** Copies a case's input into a fresh folder, under the name `flow.<ext>`. */
function copyInput(c: Case, sub: string): string {
  const dir = path.join(work, `${c.name}-${sub}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `flow${path.extname(c.input)}`);
  fs.copyFileSync(c.input, file);
  return file;
}

/** The summary each case's --fix prints on standard error. */
const SUMMARY: Readonly<Record<string, string>> = {
  "cfn-json-escaped":
    "connect-lint: 2 problems fixed in 1 file\nconnect-lint: 1 problem fixable only in the exported flow: the flow's text is escaped in its container, so the fix is not made there\n",
  "cfn-sub": "connect-lint: 3 problems fixed in 1 file\n",
  crlf: "connect-lint: 3 problems fixed in 1 file\n",
  "four-space": "connect-lint: 3 problems fixed in 1 file\n",
  "four-space-unreachable": "connect-lint: 4 problems fixed in 1 file\n",
  minified: "connect-lint: 4 problems fixed in 1 file\n",
  tab: "connect-lint: 1 problem fixed in 1 file\n",
  "tab-plain": "connect-lint: 0 problems fixed in 0 files\n",
  "terraform-heredoc": "connect-lint: 3 problems fixed in 1 file\n",
};

describe("--fix on fixture pairs", () => {
  it("has a summary for every case", () => {
    expect(cases.map((c) => c.name)).toEqual(Object.keys(SUMMARY).sort());
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s: the fixed file has exactly the expected bytes", (_name, c) => {
    const file = copyInput(c, "fix");
    const r = runCli(["--fix", "--no-config-lookup", ...c.args, file], { cwd: path.dirname(file) });
    expect(r.stderr).toBe(SUMMARY[c.name]);
    expect(fs.readFileSync(file).equals(fs.readFileSync(c.expected))).toBe(true);
    // A second --fix finds nothing more to do: the fixes reached a fixed point.
    const again = runCli(["--fix", "--no-config-lookup", ...c.args, file], { cwd: path.dirname(file) });
    expect(again.stderr).toBe(c.name === "cfn-json-escaped" ? SUMMARY[c.name]?.replace("2 problems fixed in 1 file", "0 problems fixed in 0 files") : "connect-lint: 0 problems fixed in 0 files\n");
    expect(fs.readFileSync(file).equals(fs.readFileSync(c.expected))).toBe(true);
  });

  it("a plain --fix leaves an unreachable island byte for byte; --fix-unreachable removes it with its metadata", () => {
    const plain = loadCase("tab-plain");
    expect(fs.readFileSync(plain.expected).equals(fs.readFileSync(plain.input))).toBe(true);
    const file = copyInput(plain, "island");
    const r = runCli(["--fix", "--no-config-lookup", file], { cwd: path.dirname(file) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Play prompt "draft-1" is unreachable, and so is the block only reached through it');
    expect(fs.readFileSync(file).equals(fs.readFileSync(plain.input))).toBe(true);
    const removed = fs.readFileSync(loadCase("tab").expected, "utf8");
    expect(removed).not.toContain("draft-1");
    expect(removed).not.toContain("draft-2");
  });

  it("the remaining findings are reported after fixing, at their positions in the fixed file", () => {
    const c = loadCase("four-space");
    const file = copyInput(c, "report");
    const r = runCli(["--fix", "--no-config-lookup", ...c.args, "-f", "compact", file], { cwd: path.dirname(file) });
    expect(r.stdout).toBe('flow.json:20:25: warning Disconnect / hang up "island" is unreachable: no path from the start of the flow leads to it. [no-unreachable-block]\n');
    expect(r.code).toBe(0);
  });

  it("a JSON report counts the fixable findings", () => {
    const c = loadCase("minified");
    const r = runCli(["--no-config-lookup", ...c.args, "-f", "json", c.input], { cwd: ROOT });
    const [result] = JSON.parse(r.stdout) as { fixableErrorCount: number; fixableWarningCount: number; messages: LintMessage[] }[];
    expect(result?.fixableErrorCount).toBe(2);
    expect(result?.fixableWarningCount).toBe(2);
    expect(result?.messages.filter((m) => m.fix).map((m) => [m.ruleId, m.fix?.range, m.fix?.text])).toEqual([
      // Not the last member: from its key to the next key. The last: from the end of the one before.
      ["no-orphan-metadata", [110, 144], ""],
      ["no-orphan-metadata", [207, 241], ""],
      ["valid-action-type", [295, 296], "A"],
      ["no-dangling-connector", [422, 422], ',"NextAction":"a2"'],
    ]);
  });
});

describe("no-orphan-metadata fixes only what is certain", () => {
  const orphanRule = rules.filter((r) => r.name === "no-orphan-metadata").map((rule) => ({ rule, severity: 2 as const, options: {} }));
  const orphans = (name: string): (readonly [string, boolean])[] => {
    const file = path.join(ROOT, "fixtures/rules/no-orphan-metadata/invalid", name);
    const result = lintText(fs.readFileSync(file, "utf8"), { filePath: file, rules: orphanRule });
    return (result?.messages ?? []).map((m) => [m.messageId, m.fix !== undefined] as const);
  };
  it("a deleted block's entry is removed; its designer note is not", () => {
    expect(orphans("deleted-block.json")).toEqual([
      ["orphanMetadata", true],
      ["orphanAnnotation", false],
    ]);
  });
  it("an entry next to a block without one (a rename) is not removed", () => {
    expect(orphans("renamed-block.json")).toEqual([
      ["orphanMetadata", false],
      ["missingMetadata", false],
    ]);
  });
});

describe("--fix-dry-run", () => {
  it("prints a unified diff of the fixes and changes nothing", () => {
    const c = loadCase("four-space");
    const file = copyInput(c, "dry");
    const r = runCli(["--fix-dry-run", "--no-config-lookup", ...c.args, "-f", "compact", file], { cwd: path.dirname(file) });
    expect(r.stdout).toBe(
      [
        "--- a/flow.json",
        "+++ b/flow.json",
        "@@ -5,7 +5,6 @@",
        '         "entryPointPosition": { "x": 40, "y": 40 },',
        '         "ActionMetadata": {',
        '             "welcome": { "position": { "x": 100, "y": 40 } },',
        '-            "gone": { "position": { "x": 300, "y": 40 } },',
        '             "bye": { "position": { "x": 500, "y": 40 } },',
        '             "island": { "position": { "x": 700, "y": 40 } }',
        "         }",
        "@@ -13,9 +12,9 @@",
        '     "Actions": [',
        "         {",
        '             "Identifier": "welcome",',
        '-            "Type": "messageparticipant",',
        '+            "Type": "MessageParticipant",',
        '             "Parameters": { "Text": "Welcome." },',
        '-            "Transitions": { "NextAction": "bye", "Errors": [{ "NextAction": "$end", "ErrorType": "NoMatchingError" }] }',
        '+            "Transitions": { "NextAction": "bye", "Errors": [{ "NextAction": "bye", "ErrorType": "NoMatchingError" }] }',
        "         },",
        '         { "Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} },',
        '         { "Identifier": "island", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} }',
        'flow.json:20:25: warning Disconnect / hang up "island" is unreachable: no path from the start of the flow leads to it. [no-unreachable-block]',
        "",
      ].join("\n"),
    );
    expect(r.stderr).toBe("connect-lint: 3 problems would be fixed in 1 file (dry run: no file written)\n");
    expect(fs.readFileSync(file).equals(fs.readFileSync(c.input))).toBe(true);
  });

  it("rejects standard input and --fix-unreachable alone", () => {
    expect(runCli(["--fix", "--stdin"], { cwd: work }).stderr).toBe("connect-lint: --fix works on files, not on standard input.\n");
    expect(runCli(["--fix-unreachable", "x.json"], { cwd: work }).stderr).toBe("connect-lint: --fix-unreachable needs --fix or --fix-dry-run.\n");
  });
});

/** The error handler the round trip configures: the last DisconnectParticipant block of the flow. */
function handlerOf(text: string): string | undefined {
  const ids = [...text.matchAll(/"Identifier"\s*:\s*"([^"]+)"\s*,\s*"Type"\s*:\s*"DisconnectParticipant"/g)].map((m) => m[1]);
  return ids[ids.length - 1];
}

type Json = Record<string, unknown> | unknown[];

function at(value: unknown, tokens: readonly string[]): unknown {
  let node = value;
  for (const t of tokens) node = (node as Record<string, unknown>)[t];
  return node;
}

/** What a fix means for the parsed value, made on the value: the round trip compares it with the fixed text. */
function semanticFix(value: unknown, m: LintMessage, handlerId: string | undefined): void {
  const tokens = (m.pointer ?? "").split("/").slice(1).map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = tokens[tokens.length - 1] ?? "";
  const parent = at(value, tokens.slice(0, -1)) as Json;
  switch (m.ruleId) {
    case "no-orphan-metadata":
      Reflect.deleteProperty(parent, last);
      return;
    case "valid-action-type":
      (parent as Record<string, unknown>)[last] = /write "([^"]+)"/.exec(m.message)?.[1];
      return;
    case "no-dangling-connector":
      if (last === "NextAction") (parent as Record<string, unknown>)[last] = handlerId;
      else (at(value, tokens) as Record<string, unknown>).NextAction = handlerId;
      return;
    case "no-unreachable-block": {
      // The block and every block only reached through it (named in the message), with their metadata.
      const flow = value as { Actions: Block[]; Metadata?: { ActionMetadata?: Record<string, unknown> } };
      const island = islandOf(flow.Actions, m.actionId ?? "");
      flow.Actions = flow.Actions.filter((a) => !island.has(a.Identifier));
      for (const id of island) if (flow.Metadata?.ActionMetadata) Reflect.deleteProperty(flow.Metadata.ActionMetadata, id);
      return;
    }
    default:
      throw new Error(`no meaning known for a fix of ${m.ruleId}`);
  }
}

interface Block {
  readonly Identifier: string;
  readonly Transitions?: { NextAction?: string; Conditions?: { NextAction?: string }[]; Errors?: { NextAction?: string }[] };
}

/** An unreachable block and the blocks reached only through it (none of them reached from elsewhere). */
function islandOf(actions: readonly Block[], entry: string): Set<string> {
  const targets = (b: Block): string[] =>
    [b.Transitions?.NextAction, ...(b.Transitions?.Conditions ?? []).map((c) => c.NextAction), ...(b.Transitions?.Errors ?? []).map((e) => e.NextAction)].filter(
      (t): t is string => typeof t === "string",
    );
  const byId = new Map(actions.map((a) => [a.Identifier, a]));
  const island = new Set([entry]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of actions) {
      if (island.has(a.Identifier)) continue;
      const from = actions.filter((b) => targets(b).includes(a.Identifier));
      if (from.length > 0 && from.every((b) => island.has(b.Identifier)) && byId.has(a.Identifier)) {
        island.add(a.Identifier);
        grew = true;
      }
    }
  }
  return island;
}

describe("round trip: fixed flows parse, re-lint clean of the fixed findings, keep every untouched byte", () => {
  const enabled: EnabledRule[] = rules.filter((r) => typeof r.check === "function").map((rule) => ({ rule, severity: 2 as const, options: rule.meta.defaultOptions as object }));
  const handler = (text: string): EnabledRule[] => {
    const id = handlerOf(text);
    return enabled.map((e) => (e.rule.name === "no-dangling-connector" && id !== undefined ? { ...e, options: { errorHandler: id } } : e));
  };
  const flows = [
    ...cases.filter((c) => c.input.endsWith(".json") && c.name !== "cfn-json-escaped").map((c) => c.input),
    ...(fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).sort().map((f) => path.join(CORPUS, f)) : []),
  ];
  let checked = 0;

  it.each(flows.map((f) => [path.basename(f), f] as const))("%s", (_name, file) => {
    const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const lint = (t: string): readonly LintMessage[] => lintText(t, { filePath: file, rules: handler(text), explicit: true })?.messages ?? [];
    const before = lint(text);
    const fixable = before.flatMap((m) => {
      const fix = m.fix ?? (m.ruleId === "no-unreachable-block" ? m.suggestions?.[0]?.fix : undefined);
      return fix ? [{ ...m, fix }] : [];
    });
    if (fixable.length === 0) return;
    checked++;
    const { output, applied } = applyFixes(text, fixable);
    expect(applied.length).toBeGreaterThan(0);
    expect(() => JSON.parse(output) as unknown).not.toThrow();
    expect(loadFlow(output, { filePath: file }).status).toBe("flow");
    const after = new Set(lint(output).map((m) => `${m.ruleId} ${m.message}`));
    for (const m of applied) expect(after.has(`${m.ruleId} ${m.message}`), `${m.ruleId}: ${m.message}`).toBe(false);
    // Every character outside the fixes' ranges is where it was: the texts between the ranges
    // follow each other in the output, each fix's text between them.
    const ordered = [...applied].sort((a, b) => a.fix.range[0] - b.fix.range[0]);
    let from = 0;
    let outAt = 0;
    for (const m of ordered) {
      const kept = text.slice(from, m.fix.range[0]);
      expect(output.slice(outAt, outAt + kept.length)).toBe(kept);
      outAt += kept.length;
      expect(output.slice(outAt, outAt + m.fix.text.length)).toBe(m.fix.text);
      outAt += m.fix.text.length;
      from = m.fix.range[1];
    }
    expect(output.slice(outAt)).toBe(text.slice(from));
    // And the value changed only as the fixes say: the same value with the fixes made on it.
    const expected = JSON.parse(text) as unknown;
    for (const m of ordered) semanticFix(expected, m, handlerOf(text));
    expect(JSON.parse(output)).toEqual(expected);
  });

  it("checked flows with fixes", () => {
    expect(checked).toBeGreaterThan(5);
  });
});
