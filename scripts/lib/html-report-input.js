// Lints flow files with the recommended and compliance rules, as `connect-lint --format html` would,
// and returns what the html reporter takes: the results and a ReporterContext whose `report` holds
// the parsed flows, the project index and the suppressions (built by the CLI's htmlReportData).
// Used by scripts/html-report.js and the browser test (test/html-report.test.ts).
import fs from "node:fs";
import path from "node:path";
import { htmlReportData, version } from "@connect-lint/cli";
import { ProjectIndex, SuppressionSet, buildInventory, compareStrings, lintLoaded, lintProject, loadFlow, makeResult, projectFlow, resolveRules } from "@connect-lint/core";
import { compliance, recommended, ruleDocsUrl, rules } from "@connect-lint/rules";

/** The rules' descriptions and documentation links, as the CLI gives them to reporters. */
export function ruleInfo() {
  return rules.map((r) => ({
    id: r.name,
    description: r.meta.description,
    type: r.meta.type,
    recommended: r.meta.recommended === false ? "off" : r.meta.recommended,
    helpUri: ruleDocsUrl(r.name, version()),
  }));
}

/** Every `*.json` under `dir` (recursively), sorted. */
export function jsonFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(".json"))
    .map((d) => path.join(d.parentPath ?? d.path, d.name))
    .sort(compareStrings);
}

/**
 * Lints groups of files, each a project of its own (`files`: absolute paths, or `{ filePath, text }`
 * for generated flows; `inventoryFiles` resolve its references), and returns one report over all of
 * them. `suppressions` are suppression entries whose `file` is relative to `cwd`; `ruleSettings`
 * (default: the recommended and compliance presets) says which rules run.
 */
export function lintForReport({ groups, suppressions = [], cwd, report = {}, ruleSettings = { ...recommended, ...compliance } }) {
  const enabled = resolveRules(rules, ruleSettings);
  const parsed = new Map();
  let results = [];
  const inventories = [];
  for (const { files, inventoryFiles = [] } of groups) {
    const own = new Map();
    const first = results.length;
    for (const entry of files) {
      const { filePath, text } = typeof entry === "string" ? { filePath: entry, text: fs.readFileSync(entry, "utf8") } : entry;
      const loaded = loadFlow(text, { filePath });
      if (loaded.status === "flow" || loaded.status === "legacy") own.set(filePath, { filePath, flow: loaded.flow, document: loaded.document });
      const result = lintLoaded(loaded, { filePath, rules: enabled, explicit: true });
      if (result) results.push(result);
    }
    const sources = inventoryFiles.map((f) => ({ source: f, value: JSON.parse(fs.readFileSync(f, "utf8")) }));
    inventories.push(...sources);
    const inventory = sources.length === 0 ? undefined : buildInventory(sources);
    const projectFlows = [...own].filter(([, p]) => p.flow.kind !== "legacy").map(([file, p]) => projectFlow(file, p.flow, p.document));
    const found = lintProject(new ProjectIndex(projectFlows, inventory), { rules: enabled, include: () => true });
    results = results.map((r, i) => {
      const extra = i >= first ? found.get(r.filePath) : undefined;
      return extra ? makeResult(r.filePath, [...r.messages, ...extra], { kind: r.kind, flowName: r.flowName, flowType: r.flowType }) : r;
    });
    for (const [k, v] of own) parsed.set(k, v);
  }
  const inventory = inventories.length === 0 ? undefined : buildInventory(inventories);
  const loaded = { file: { version: 1, suppressions }, path: path.join(cwd, "connect-lint-suppressions.json"), document: undefined };
  const set = new SuppressionSet(loaded, "2026-01-01");
  results = results.map((r) => set.apply(r, path.relative(cwd, r.filePath).split(path.sep).join("/")));
  const data = htmlReportData({ results, flows: parsed, inventory, suppressions: loaded, today: "2026-01-01", ...report });
  return { results, context: { cwd, color: false, rules: ruleInfo(), version: version(), report: data } };
}
