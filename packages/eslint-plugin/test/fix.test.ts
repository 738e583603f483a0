/** The core's fixes through ESLint: `meta.fixable` rules fix flow files and flow literals byte for byte; unreachable blocks are suggestions. */
import fs from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { ROOT, configFor } from "./helpers.js";

const CASES = path.join(ROOT, "fixtures/fix");

function fix(text: string, filePath: string, rules: Linter.RulesRecord): Linter.FixReport {
  return new Linter({ cwd: ROOT }).verifyAndFix(text, configFor(rules), { filename: path.join(ROOT, filePath) });
}

describe("ESLint fixes", () => {
  it("rules declare meta.fixable where the core rule fixes, and hasSuggestions for unreachable blocks", () => {
    const fixable = Object.entries(plugin.rules)
      .filter(([, r]) => r.meta.fixable === "code")
      .map(([n]) => n);
    expect(fixable).toEqual(["no-dangling-connector", "no-orphan-metadata", "valid-action-type"]);
    expect(plugin.rules["no-unreachable-block"]?.meta.hasSuggestions).toBe(true);
    expect(plugin.rules["no-unreachable-block"]?.meta.fixable).toBeUndefined();
  });

  it("gives the CLI's fixes: the fixed flow file has the bytes --fix writes", () => {
    for (const name of ["four-space", "minified", "crlf"]) {
      const input = fs.readFileSync(path.join(CASES, name, "input.json"), "utf8");
      const expected = fs.readFileSync(path.join(CASES, name, "expected.json"), "utf8");
      const handler = name === "minified" ? "a2" : "bye";
      const report = fix(input, `fixtures/fix/${name}/input.json`, {
        "connect-lint/valid-action-type": "error",
        "connect-lint/no-orphan-metadata": "warn",
        "connect-lint/no-dangling-connector": ["error", { errorHandler: handler }],
      });
      expect(report.fixed, name).toBe(true);
      expect(report.output, name).toBe(expected);
    }
  });

  it("offers the removal of an unreachable island as a suggestion, never as a fix", () => {
    const input = fs.readFileSync(path.join(CASES, "tab", "input.json"), "utf8");
    const report = fix(input, "fixtures/fix/tab/input.json", { "connect-lint/no-unreachable-block": "warn" });
    expect(report.fixed).toBe(false);
    expect(report.output).toBe(input);
    const [entry, member] = report.messages;
    expect(entry?.suggestions?.map((s) => s.desc)).toEqual(['Remove Play prompt "draft-1" and the block only reached through it, with their designer metadata.']);
    expect(member?.suggestions).toBeUndefined();
    const s = entry?.suggestions?.[0];
    if (!s) throw new Error("no suggestion");
    const applied = input.slice(0, s.fix.range[0]) + s.fix.text + input.slice(s.fix.range[1]);
    expect(applied).toBe(fs.readFileSync(path.join(CASES, "tab", "expected.json"), "utf8"));
  });

  it("leaves a flow written as an object literal in TypeScript as it is (its map anchors values, not characters)", () => {
    const code = 'export const flow = {\n  Version: "2019-10-30",\n  StartAction: "a",\n  Actions: [{ Identifier: "a", Type: "disconnectParticipant", Parameters: {}, Transitions: {} }],\n};\n';
    const report = fix(code, "src/flow.ts", { "connect-lint/valid-action-type": "error" });
    expect(report.fixed).toBe(false);
    expect(report.output).toBe(code);
    expect(report.messages.map((m) => [m.messageId, m.fix])).toEqual([["wrongCase", undefined]]);
  });
});
