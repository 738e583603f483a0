/**
 * One engine, same answers: ESLint reports what the CLI's engine reports, with the same rule, message
 * id, message and range, for every rule fixture and every sample flow; and for the same flow pasted into
 * a TypeScript file as an object literal (lines shifted by the line the literal starts on).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isBuiltinDiagnostic, lintText, resolveRules } from "@connect-lint/core";
import type { LintMessage } from "@connect-lint/core";
import { rules } from "@connect-lint/rules";
import { fixtureRuleNames, loadFixtureCases, runFixtureCase } from "@connect-lint/rules/testing";
import type { FixtureCase } from "@connect-lint/rules/testing";
import plugin, { CODE_FLOW_FILE } from "../src/index.js";
import { ROOT, allRules, line, verify } from "./helpers.js";

const fixturesDir = path.join(ROOT, "fixtures/rules");
const pluginRules = new Set(Object.keys(plugin.rules));

/** A core message as `line:col-endLine:endCol rule messageId message`, lines shifted by `lineShift`. */
function coreLine(m: LintMessage, lineShift = 0): string {
  const rule = isBuiltinDiagnostic(m.ruleId) ? "(parse)" : m.ruleId;
  const id = isBuiltinDiagnostic(m.ruleId) ? "" : m.messageId;
  const end = isBuiltinDiagnostic(m.ruleId) ? "undefined:undefined" : `${String(m.endLine + lineShift)}:${String(m.endColumn)}`;
  const message = isBuiltinDiagnostic(m.ruleId) ? `Parsing error: ${m.message}` : m.message;
  return `${String(m.line + lineShift)}:${String(m.column)}-${end} ${rule} ${id} ${message}`;
}

/**
 * Sorted: ESLint orders messages by position only, the CLI by position, then rule, then message; at
 * the same range the two orders may differ.
 */
function sorted(lines: readonly string[]): string[] {
  return [...lines].sort();
}

/** Without the message text: for cases whose flow type is given from outside, which the two name differently. */
function withoutText(l: string): string {
  return l.split(" ").slice(0, 3).join(" ");
}

interface Case {
  readonly fixture: FixtureCase;
  readonly filePath: string;
  readonly ruleSettings: Record<string, unknown>;
}

const cases: Case[] = fixtureRuleNames(fixturesDir)
  .filter((name) => pluginRules.has(name))
  .flatMap((name) => loadFixtureCases(fixturesDir, name))
  .filter((c) => !c.files)
  .map((fixture) => {
    const setting = fixture.config.options === undefined ? "error" : ["error", fixture.config.options];
    const fileName = fixture.config.fileName === "<stdin>" ? undefined : fixture.config.fileName;
    return {
      fixture,
      filePath: path.join("fixtures/rules", fixture.rule, fixture.kind, fileName ?? path.basename(fixture.file)),
      ruleSettings: { [`connect-lint/${fixture.rule}`]: setting },
    };
  });

describe("parity with the CLI engine over the rule fixtures", () => {
  it("covers every per-flow rule", () => {
    expect(new Set(cases.map((c) => c.fixture.rule))).toEqual(pluginRules);
    expect(cases.length).toBeGreaterThan(100);
  });

  for (const { fixture, filePath, ruleSettings } of cases) {
    if (fixture.config.fileName === "<stdin>") continue;
    const title = `${fixture.rule}/${fixture.kind}/${fixture.name}`;
    const languageOptions = fixture.config.flowType === undefined ? {} : { flowType: fixture.config.flowType };
    const coreRule = rules.find((r) => r.name === fixture.rule) as (typeof rules)[number];
    const expected = runFixtureCase(coreRule, fixture).filter(
      (m) => m.ruleId !== "not-a-flow",
    );
    const given = fixture.config.flowType !== undefined;

    it(`${title}: flow file`, () => {
      const actual = verify(fixture.text, filePath, ruleSettings as never, languageOptions).map(line);
      const want = expected.map((m) => coreLine(m));
      expect(sorted(given ? actual.map(withoutText) : actual)).toEqual(sorted(given ? want.map(withoutText) : want));
    });

    const json = fixture.text.replace(/^\uFEFF/, "");
    const flowFinding = expected.every((m) => !isBuiltinDiagnostic(m.ruleId));
    if (!flowFinding || !isFlowJson(json) || given) continue;
    it(`${title}: the same flow as a TypeScript object literal`, () => {
      const code = `export const flow =\n${json.trimEnd()} as const;\n`;
      const actual = verify(code, filePath.replace(/\.json$/, ".ts"), ruleSettings as never).map(line);
      // A literal has no file name of its own: the CLI's answer for the flow under a stand-in name.
      const unnamed = runFixtureCase(coreRule, { ...fixture, config: { ...fixture.config, fileName: CODE_FLOW_FILE } });
      expect(sorted(actual)).toEqual(sorted(unnamed.map((m) => coreLine(m, 1))));
    });
  }
});

/** A JSON object with the keys of a flow (what the code rules look for). */
function isFlowJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) && ["Version", "StartAction", "Actions"].every((k) => k in value);
  } catch {
    return false;
  }
}

describe("parity over the sample flows (fixtures/flows), all rules", () => {
  const dir = path.join(ROOT, "fixtures/flows");
  const enabled = resolveRules(
    rules.filter((r) => pluginRules.has(r.name)),
    Object.fromEntries([...pluginRules].map((n) => [n, "error"])),
  );
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const result = lintText(text, { filePath: path.join(dir, file), rules: enabled });
    // The notice on a legacy export is the CLI's (a built-in diagnostic, not a rule).
    const expected = (result?.messages ?? []).filter((m) => m.ruleId !== "legacy-format");
    it(`${file}: flow file`, () => {
      expect(sorted(verify(text, `fixtures/flows/${file}`, allRules()).map(line))).toEqual(sorted(expected.map((m) => coreLine(m))));
    });
    if (!isFlowJson(text)) continue;
    it(`${file}: as a TypeScript object literal`, () => {
      const code = `export const flow =\n${text.trimEnd()};\n`;
      const unnamed = lintText(text, { filePath: CODE_FLOW_FILE, rules: enabled })?.messages ?? [];
      expect(sorted(verify(code, `fixtures/flows/${file.replace(/\.json$/, ".ts")}`, allRules()).map(line))).toEqual(
        sorted(unnamed.map((m) => coreLine(m, 1))),
      );
    });
  }
});
