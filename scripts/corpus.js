#!/usr/bin/env node
// Lints every flow in ../shared/corpus/flows (real exports from public repositories) with the built
// linter, in-process, and fails if any file crashes the linter or raises an internal error. Findings
// are fine: this is a robustness and calibration check, not part of `pnpm test` (users clone the
// project without the corpus).
//
// Usage: pnpm corpus [--summary] [--rule NAME] [--show N]
//   --summary   per-rule and per-message-id counts
//   --rule NAME only print findings of this rule
//   --show N    print up to N findings per rule (default 0)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.resolve(root, process.env.CONNECT_LINT_CORPUS ?? "../shared/corpus/flows");
if (!fs.existsSync(corpus)) {
  console.log(`No corpus at ${corpus}; nothing to do.`);
  process.exit(0);
}
const { lintText, resolveRules } = await import(path.join(root, "packages/core/dist/index.js"));
const { rules, all } = await import(path.join(root, "rules/dist/index.js"));

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const onlyRule = value("--rule", undefined);
const show = Number(value("--show", onlyRule ? "1000" : "0"));

const enabled = resolveRules(rules, all);
const files = fs.readdirSync(corpus).filter((f) => f.endsWith(".json")).sort();
const byKind = {};
const byRule = new Map();
const crashes = [];
const started = process.hrtime.bigint();
let bytes = 0;
for (const name of files) {
  const file = path.join(corpus, name);
  const text = fs.readFileSync(file, "utf8");
  bytes += text.length;
  let result;
  try {
    result = lintText(text, { filePath: file, rules: enabled, explicit: true });
  } catch (error) {
    crashes.push(`${name}: linter threw: ${error instanceof Error ? error.stack : String(error)}`);
    continue;
  }
  if (!result) continue;
  byKind[result.kind] = (byKind[result.kind] ?? 0) + 1;
  for (const m of result.messages) {
    if (m.ruleId === "internal-error") crashes.push(`${name}:${m.line}:${m.column}: ${m.message}`);
    const key = m.ruleId;
    if (!byRule.has(key)) byRule.set(key, { count: 0, files: new Set(), ids: new Map(), samples: [] });
    const entry = byRule.get(key);
    entry.count++;
    entry.files.add(name);
    entry.ids.set(m.messageId, (entry.ids.get(m.messageId) ?? 0) + 1);
    if ((!onlyRule || onlyRule === key) && entry.samples.length < show) {
      entry.samples.push(`  ${name}:${m.line}:${m.column} ${m.severity === 2 ? "error" : "warning"} ${m.message}`);
    }
  }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;

console.log(`Linted ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) in ${ms.toFixed(0)} ms with ${enabled.length} rules.`);
console.log(`Kinds: ${Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(", ")}`);
for (const [rule, entry] of [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
  if (onlyRule && rule !== onlyRule) continue;
  console.log(`${rule}: ${entry.count} findings in ${entry.files.size} files`);
  if (flag("--summary") || onlyRule) for (const [id, n] of [...entry.ids.entries()].sort()) console.log(`    ${id}: ${n}`);
  for (const s of entry.samples) console.log(s);
}
if (crashes.length > 0) {
  console.error(`\n${crashes.length} crash(es) or internal error(s):`);
  for (const c of crashes) console.error(`  ${c}`);
  process.exit(1);
}
console.log("No crash and no internal error.");
