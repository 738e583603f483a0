/**
 * Rule fixtures: `fixtures/rules/<rule>/valid/*.json` give no finding; `invalid/*.json` give exactly
 * the findings in the `.out` file beside them. A `<case>.config.json` beside a case may set
 * `options` (the rule's options), `flowType` (as `--flow-type` would) and `fileName` (the name the
 * flow is linted under).
 *
 * A case can also be a folder (a project, for cross-flow rules): every `*.json` in it is a flow or
 * module of the project, except `inventory.json` (an inventory, as `aws connect list-*` writes it)
 * and `case.json` (`options`, `settings`, and `flowTypes`: file name -> flow type). Its `.out` lines
 * start with the file name: `file line:col-endLine:endCol severity messageId message`.
 */
import fs from "node:fs";
import path from "node:path";
import {
  ProjectIndex,
  buildInventory,
  compareMessages,
  lintLoaded,
  isBuiltinDiagnostic,
  lintProject,
  lintText,
  loadFlow,
  parseFlowTypeName,
  projectFlow,
  resolveRules,
} from "@connect-lint/core";
import type { AnyRule, FlowTypeName, LintMessage, ProjectFlow } from "@connect-lint/core";

export interface FixtureConfig {
  readonly options?: unknown;
  readonly flowType?: string;
  readonly fileName?: string;
  /** Project cases: shared settings. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Project cases: flow types by file name. */
  readonly flowTypes?: Readonly<Record<string, string>>;
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
  /** Project cases: the flow files of the folder, by name (sorted). */
  readonly files?: readonly { readonly name: string; readonly text: string }[];
  /** Project cases: the inventory's text, if the folder has one. */
  readonly inventory?: string;
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
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      cases.push(loadProjectCase(rule, kind, path.join(dir, entry.name)));
    }
    for (const f of files) {
      const file = path.join(dir, f);
      const name = f.slice(0, -".json".length);
      const configFile = path.join(dir, name + CONFIG_SUFFIX);
      const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, "utf8")) as FixtureConfig) : {};
      const outFile = kind === "invalid" ? path.join(dir, `${name}.out`) : undefined;
      const expected = readOut(outFile);
      cases.push({ rule, kind, name, file, text: fs.readFileSync(file, "utf8"), config, outFile, expected });
    }
  }
  return cases;
}

/** The non-blank lines of an expected-output file, or undefined when there is none. */
function readOut(outFile: string | undefined): string[] | undefined {
  if (outFile === undefined || !fs.existsSync(outFile)) return undefined;
  return fs
    .readFileSync(outFile, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
}

function loadProjectCase(rule: string, kind: "valid" | "invalid", dir: string): FixtureCase {
  const name = path.basename(dir);
  const read = (f: string): string => fs.readFileSync(path.join(dir, f), "utf8");
  const names = fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "inventory.json" && f !== "case.json").sort();
  const config = fs.existsSync(path.join(dir, "case.json")) ? (JSON.parse(read("case.json")) as FixtureConfig) : {};
  const outFile = kind === "invalid" ? `${dir}.out` : undefined;
  const expected = readOut(outFile);
  return {
    rule,
    kind,
    name,
    file: dir,
    text: "",
    config,
    outFile,
    expected,
    files: names.map((f) => ({ name: f, text: read(f) })),
    ...(fs.existsSync(path.join(dir, "inventory.json")) ? { inventory: read("inventory.json") } : {}),
  };
}

/** A message of a project case, with the file it is in. */
export interface ProjectMessage extends LintMessage {
  readonly file: string;
}

/** Runs one rule alone on a project case: its per-flow check on every file, then its project check. */
export function runProjectCase(rule: AnyRule, fixture: FixtureCase): ProjectMessage[] {
  const setting = fixture.config.options === undefined ? "error" : (["error", fixture.config.options] as const);
  const enabled = resolveRules([rule], { [rule.name]: setting });
  const typeOf = (name: string): { type: FlowTypeName; source: { kind: "cli" } } | undefined => {
    const given = fixture.config.flowTypes?.[name];
    if (given === undefined) return undefined;
    const type = parseFlowTypeName(given);
    if (!type) throw new Error(`${fixture.file}: unknown flow type ${given} for ${name}`);
    return { type, source: { kind: "cli" } };
  };
  const out: ProjectMessage[] = [];
  const flows: ProjectFlow[] = [];
  const settings = fixture.config.settings ?? {};
  for (const { name, text } of fixture.files ?? []) {
    const filePath = path.join(fixture.file, name);
    const loaded = loadFlow(text, { filePath, flowType: typeOf(name) });
    const result = lintLoaded(loaded, { filePath, rules: enabled, explicit: true, flowType: typeOf(name), settings });
    for (const m of result?.messages ?? []) out.push({ ...m, file: name });
    if (loaded.status === "flow") flows.push(projectFlow(filePath, loaded.flow, loaded.document));
  }
  const inventory = fixture.inventory === undefined ? undefined : buildInventory([{ source: "inventory.json", value: JSON.parse(fixture.inventory) as unknown }]);
  const found = lintProject(new ProjectIndex(flows, inventory), { rules: enabled, settings, include: () => true });
  for (const [filePath, messages] of found) for (const m of messages) out.push({ ...m, file: path.basename(filePath) });
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : compareMessages(a, b)));
}

/** Runs a case, of either shape, as `.out` lines. */
export function runCaseLines(rule: AnyRule, fixture: FixtureCase): string[] {
  if (fixture.files) return runProjectCase(rule, fixture).map((m) => `${m.file} ${formatOutLine(m)}`);
  return runFixtureCase(rule, fixture).map(formatOutLine);
}

/** Runs one rule alone on a case. Messages of other origins (parse errors, internal errors) are kept. */
export function runFixtureCase(rule: AnyRule, fixture: FixtureCase): LintMessage[] {
  if (fixture.files) return runProjectCase(rule, fixture);
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
  return isBuiltinDiagnostic(m.ruleId) ? "" : m.ruleId;
}
