/**
 * Rule fixtures: `fixtures/rules/<rule>/valid/*.json` give no finding; `invalid/*.json` give exactly
 * the findings in the `.out` file beside them. A `<case>.config.json` beside a case may set
 * `options` (the rule's options), `flowType` (as `--flow-type` would) and `fileName` (the name the
 * flow is linted under).
 */
import fs from "node:fs";
import path from "node:path";
import { lintText, parseFlowTypeName, resolveRules } from "@connect-lint/core";
import type { AnyRule, LintMessage } from "@connect-lint/core";

export interface FixtureConfig {
  readonly options?: unknown;
  readonly flowType?: string;
  readonly fileName?: string;
}

export interface FixtureCase {
  readonly rule: string;
  readonly kind: "valid" | "invalid";
  readonly name: string;
  /** Absolute path of the case's JSON file. */
  readonly file: string;
  readonly text: string;
  readonly config: FixtureConfig;
  /** Absolute path of the expected output (`invalid` only). */
  readonly outFile: string | undefined;
  /** Expected output lines (`invalid` only; `undefined` when the `.out` file is missing). */
  readonly expected: string[] | undefined;
}

const CONFIG_SUFFIX = ".config.json";

/** Every rule folder under `fixturesDir` (fixtures/rules). */
export function fixtureRuleNames(fixturesDir: string): string[] {
  return fs
    .readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The cases of one rule, valid first, each sorted by name. */
export function loadFixtureCases(fixturesDir: string, rule: string): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const kind of ["valid", "invalid"] as const) {
    const dir = path.join(fixturesDir, rule, kind);
    if (!fs.existsSync(dir)) continue;
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json") && !f.endsWith(CONFIG_SUFFIX))
      .sort();
    for (const f of files) {
      const file = path.join(dir, f);
      const name = f.slice(0, -".json".length);
      const configFile = path.join(dir, name + CONFIG_SUFFIX);
      const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, "utf8")) as FixtureConfig) : {};
      const outFile = kind === "invalid" ? path.join(dir, `${name}.out`) : undefined;
      const expected =
        outFile !== undefined && fs.existsSync(outFile)
          ? fs
              .readFileSync(outFile, "utf8")
              .split("\n")
              .filter((l) => l.trim() !== "")
          : undefined;
      cases.push({ rule, kind, name, file, text: fs.readFileSync(file, "utf8"), config, outFile, expected });
    }
  }
  return cases;
}

/** Runs one rule alone on a case. Messages of other origins (parse errors, internal errors) are kept. */
export function runFixtureCase(rule: AnyRule, fixture: FixtureCase): LintMessage[] {
  const setting = fixture.config.options === undefined ? "error" : (["error", fixture.config.options] as const);
  const enabled = resolveRules([rule], { [rule.name]: setting });
  let flowType;
  if (fixture.config.flowType !== undefined) {
    const type = parseFlowTypeName(fixture.config.flowType);
    if (!type) throw new Error(`${fixture.file}: unknown flowType ${fixture.config.flowType}`);
    flowType = { type, source: { kind: "cli" } as const };
  }
  const result = lintText(fixture.text, {
    filePath: fixture.config.fileName ?? path.basename(fixture.file),
    rules: enabled,
    explicit: true,
    flowType,
  });
  return result ? [...result.messages] : [];
}

/** One line of a `.out` file: `line:col-endLine:endCol severity messageId message`. */
export function formatOutLine(m: LintMessage): string {
  const where = `${String(m.line)}:${String(m.column)}-${String(m.endLine)}:${String(m.endColumn)}`;
  const origin = m.ruleId === fixtureOrigin(m) ? m.messageId : `${m.ruleId}/${m.messageId}`;
  return `${where} ${m.severity === 2 ? "error" : "warning"} ${origin} ${m.message}`;
}

/** Messages of the rule under test are written with their message id only; others with `rule/id`. */
function fixtureOrigin(m: LintMessage): string {
  return ["parse-error", "legacy-format", "not-a-flow", "internal-error"].includes(m.ruleId) ? "" : m.ruleId;
}
