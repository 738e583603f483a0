/**
 * Legacy exports of the pre-2022 designer, linted with the `recommended` rules: each
 * `fixtures/legacy/<case>.json` gives exactly the lines of `<case>.out` (the legacy-format notice
 * and the findings of the rules with `meta.legacy`, at their positions in the legacy file).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintText, resolveRules } from "@connect-lint/core";
import type { LintMessage } from "@connect-lint/core";
import { recommended, rules } from "@connect-lint/rules";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.join(root, "fixtures/legacy");
const cases = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

function line(m: LintMessage): string {
  const where = `${String(m.line)}:${String(m.column)}-${String(m.endLine)}:${String(m.endColumn)}`;
  return `${where} ${m.severity === 2 ? "error" : "warning"} ${m.ruleId}/${m.messageId} ${m.message}`;
}

function lint(file: string): readonly LintMessage[] {
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const result = lintText(text, { filePath: file, rules: resolveRules(rules, recommended), explicit: true });
  expect(result?.kind).toBe("legacy");
  return result?.messages ?? [];
}

describe("legacy exports", () => {
  it("has cases", () => {
    expect(cases).toEqual(["callback-clean.json", "callback-dangling-unreachable.json", "card-number-logged.json", "prompt-loop.json", "queue-transfer-reads-card.json", "whisper-with-input-and-transfer.json"]);
  });

  for (const file of cases) {
    it(`${file} gives exactly its .out lines`, () => {
      const expected = fs
        .readFileSync(path.join(dir, file.replace(/\.json$/, ".out")), "utf8")
        .split("\n")
        .filter((l) => l !== "");
      expect(lint(file).map(line)).toEqual(expected);
    });
  }

  it("runs only the rules marked legacy: the graph, block-type, naming and sensitive-content rules", () => {
    expect(rules.filter((r) => r.meta.legacy === true).map((r) => r.name)).toEqual([
      "flow-naming-convention",
      "no-dangling-connector",
      "no-infinite-loop",
      "no-sensitive-content-in-transfer-flow",
      "no-sensitive-input-logged",
      "no-unreachable-block",
      "no-unsupported-block",
    ]);
  });

  it("reports findings with the pointer and block of the legacy file", () => {
    const found = lint("callback-dangling-unreachable.json")
      .filter((m) => m.ruleId !== "legacy-format")
      .map((m) => [m.ruleId, m.pointer, m.actionId]);
    expect(found).toEqual([
      ["no-dangling-connector", "/modules/2/branches/1/transition", "1f829973-7189-4a15-8fa1-bf5fd39089bc"],
      ["no-dangling-connector", "/modules/2/branches/2/transition", "1f829973-7189-4a15-8fa1-bf5fd39089bc"],
      ["no-unreachable-block", "/modules/4/id", "e4b0c3a1-6d2f-4f7e-9a58-3c2d1b0a9f87"],
    ]);
  });
});
