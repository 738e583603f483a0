#!/usr/bin/env node
// Cross-flow calibration: treats each source repository of ../shared/corpus/flows as one project
// (MANIFEST.tsv, column `repo`), builds its ProjectIndex with the built linter, and prints per
// repository the flows, the flow and resource references (by kind and form), how they resolve, and
// every finding of the project rules (every registered rule that has checkProject), once with
// settings.strictReferences false and once true. Not part of `pnpm test`: users clone the project
// without the corpus. The corpus has no inventories, so inventory-based findings cannot appear.
//
// Each flow is indexed under a path built from its repository path, as it sits in the repository,
// so that a flow without Metadata.name is named after its real file (not the corpus's mangled name);
// a flow extracted from a CloudFormation template is named after its resource's logical id. A flow
// without Metadata.type gets the MANIFEST flowType when that is an API name (CONTACT_FLOW, ...).
//
// Usage: pnpm corpus:projects [--repo SUBSTRING] [--quiet]
//   --repo S   only repositories whose name contains S
//   --quiet    only the summary
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpusRoot = path.resolve(root, process.env.CONNECT_LINT_CORPUS_ROOT ?? "../shared/corpus");
const flowsDir = path.join(corpusRoot, "flows");
const manifestFile = path.join(corpusRoot, "MANIFEST.tsv");
if (!fs.existsSync(manifestFile) || !fs.existsSync(flowsDir)) {
  console.log(`No corpus at ${corpusRoot}; nothing to do.`);
  process.exit(0);
}
const core = await import(path.join(root, "packages/core/dist/index.js"));
const { rules } = await import(path.join(root, "rules/dist/index.js"));
const { ProjectIndex, isFlowTypeName, lintProject, loadFlow, projectFlow, resolveRules } = core;

const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined;
};
const onlyRepo = value("--repo");
const quiet = args.includes("--quiet");
const print = (line = "") => {
  if (!quiet) console.log(line);
};

// ---------------------------------------------------------------- the manifest, by repository
const [header, ...rows] = fs
  .readFileSync(manifestFile, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => l.split("\t"));
const column = (name) => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`MANIFEST.tsv has no column ${name}`);
  return i;
};
const [FILE, REPO, PATH, CONTAINER, FLOW_TYPE] = ["file", "repo", "path", "container", "flowType"].map(column);
const byRepo = new Map();
for (const row of rows) {
  const repo = row[REPO];
  if (onlyRepo && !repo.includes(onlyRepo)) continue;
  if (!byRepo.has(repo)) byRepo.set(repo, []);
  byRepo.get(repo).push(row);
}

/** Where a corpus file sits in its repository, for naming (see the header). */
function virtualPath(row, pathCount) {
  const repoPath = row[PATH];
  const container = row[CONTAINER] ?? "";
  const cfn = /^AWS::Connect::\S+ (\S+)/.exec(container);
  if (cfn) return `/${row[REPO]}/${repoPath}/${cfn[1]}.json`;
  if ((pathCount.get(repoPath) ?? 0) > 1) {
    const suffix = row[FILE].slice(row[FILE].lastIndexOf("__") + 2);
    return `/${row[REPO]}/${repoPath}/${suffix}`;
  }
  return `/${row[REPO]}/${repoPath}`;
}

// ---------------------------------------------------------------- the project rules
const projectRules = rules.filter((r) => typeof r.checkProject === "function");
const enabled = resolveRules(
  projectRules,
  Object.fromEntries(projectRules.map((r) => [r.name, "error"])),
);

// ---------------------------------------------------------------- totals
const totals = {
  repos: 0,
  files: 0,
  flows: 0,
  modules: 0,
  skipped: new Map(),
  refs: new Map(), // "kind form" -> n
  resolution: new Map(), // status[/via] -> n
  reasons: new Map(),
  findings: { false: new Map(), true: new Map() }, // rule/messageId -> n
  findingFiles: { false: new Set(), true: new Set() },
  internalErrors: [],
};
const bump = (map, key, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
const sorted = (map) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const list = (map) =>
  sorted(map)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ") || "none";

/** Unresolved reasons without the names in them, to count them. */
function reasonClass(reason) {
  return reason.replace(/"(?:[^"\\]|\\.)*"/g, "<name>");
}

// ---------------------------------------------------------------- per repository
for (const [repo, repoRows] of [...byRepo.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
  totals.repos++;
  const pathCount = new Map();
  for (const row of repoRows) bump(pathCount, row[PATH]);
  const flows = [];
  const corpusName = new Map(); // virtual path -> corpus file name
  const skipped = new Map();
  for (const row of repoRows) {
    totals.files++;
    const text = fs.readFileSync(path.join(flowsDir, row[FILE]), "utf8");
    const filePath = virtualPath(row, pathCount);
    const manifestType = row[FLOW_TYPE] ?? "";
    // The manifest's type stands in for the configuration's `flowTypes`: it applies when the export has no Metadata.type.
    let loaded = loadFlow(text, { filePath });
    if (loaded.status === "flow" && loaded.flow.type === undefined && isFlowTypeName(manifestType)) {
      loaded = loadFlow(text, { filePath, flowType: { type: manifestType, source: { kind: "config", detail: "MANIFEST flowType" } } });
    }
    if (loaded.status !== "flow") {
      bump(skipped, loaded.status === "failed" ? "unparsable" : loaded.status);
      continue;
    }
    corpusName.set(filePath, row[FILE]);
    flows.push(projectFlow(filePath, loaded.flow, loaded.document));
  }
  for (const [k, n] of skipped) bump(totals.skipped, k, n);
  const project = new ProjectIndex(flows);
  const moduleCount = flows.filter((f) => f.flow.kind === "module").length;
  totals.flows += flows.length - moduleCount;
  totals.modules += moduleCount;

  print(`\n=== ${repo}`);
  print(`  files ${repoRows.length}: flows ${flows.length - moduleCount}, modules ${moduleCount}${skipped.size > 0 ? `, skipped ${list(skipped)}` : ""}`);
  const untyped = flows.filter((f) => f.flow.type === undefined).length;
  if (untyped > 0) print(`  flows of unknown type: ${untyped}`);

  const kinds = new Map();
  const resolution = new Map();
  const reasons = new Map();
  for (const r of project.references) {
    bump(kinds, `${r.kind} ${r.form}`);
    bump(totals.refs, `${r.kind} ${r.form}`);
    const key = r.resolution.status === "project" || r.resolution.status === "inventory" ? `${r.resolution.status} via ${r.resolution.via}` : r.resolution.status;
    bump(resolution, `${r.kind === "flow" || r.kind === "module" ? "flow/module" : "resource"} ${key}`);
    bump(totals.resolution, `${r.kind === "flow" || r.kind === "module" ? "flow/module" : "resource"} ${key}`);
    if (r.resolution.status === "unresolved" && (r.kind === "flow" || r.kind === "module")) {
      bump(reasons, r.resolution.reason);
      bump(totals.reasons, reasonClass(r.resolution.reason));
    }
  }
  print(`  references: ${list(kinds)}`);
  print(`  resolution: ${list(resolution)}`);
  for (const [reason, n] of sorted(reasons)) print(`    unresolved x${n}: ${reason}`);
  for (const r of project.references) {
    if (r.resolution.status !== "project") continue;
    print(`    resolved: ${corpusName.get(r.from.filePath)} ${r.kind} ${r.hook ?? r.parameter} -> ${JSON.stringify(r.resolution.target.flow.name)} (${r.resolution.target.flow.type ?? "type unknown"}) via ${r.resolution.via}`);
  }

  const first = new Set();
  for (const strict of [false, true]) {
    const found = lintProject(project, { rules: enabled, settings: { strictReferences: strict }, include: () => true });
    const lines = [];
    for (const [filePath, messages] of found) {
      for (const m of messages) {
        const key = `${m.ruleId}/${m.messageId}`;
        const line = `${corpusName.get(filePath) ?? filePath}:${m.line}:${m.column} ${m.severity === 2 ? "error" : "warning"} ${m.message} [${key}]`;
        if (m.ruleId === "internal-error") totals.internalErrors.push(`${repo}: ${line}`);
        bump(totals.findings[strict], key);
        totals.findingFiles[strict].add(filePath);
        if (!strict) first.add(line);
        if (!strict || !first.has(line)) lines.push(line);
      }
    }
    lines.sort();
    print(strict ? `  findings added by strictReferences: ${lines.length}` : `  findings: ${lines.length}`);
    for (const l of lines) print(`    ${l}`);
  }
}

// ---------------------------------------------------------------- summary
console.log(`\n=== Summary`);
console.log(`Repositories ${totals.repos}, corpus files ${totals.files}: flows ${totals.flows}, modules ${totals.modules}, skipped ${list(totals.skipped)}.`);
console.log(`Project rules: ${enabled.map((e) => e.rule.name).join(", ")}.`);
console.log(`References (kind form): ${list(totals.refs)}.`);
console.log(`Resolution: ${list(totals.resolution)}.`);
for (const [reason, n] of sorted(totals.reasons)) console.log(`  unresolved flow/module references x${n}: ${reason}`);
for (const strict of [false, true]) {
  const total = [...totals.findings[strict].values()].reduce((a, b) => a + b, 0);
  console.log(`Findings with strictReferences ${strict}: ${total} in ${totals.findingFiles[strict].size} files${total > 0 ? `: ${list(totals.findings[strict])}` : ""}.`);
}
if (totals.internalErrors.length > 0) {
  console.error(`\n${totals.internalErrors.length} internal error(s):`);
  for (const e of totals.internalErrors) console.error(`  ${e}`);
  process.exit(1);
}
console.log("No internal error.");
