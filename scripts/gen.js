#!/usr/bin/env node
// Regenerates the parts of the docs that come from code and fixtures: the examples section of every
// rule doc (from its fixtures and their real output) and the rules table in README.md.
// `--check` changes nothing and exits 1 when a generated part is stale (CI runs it).
// Needs a build first (pnpm build).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { rules, ruleDocsPath } = await import(path.join(root, "rules/dist/index.js"));
const { loadFixtureCases, runFixtureCase } = await import(path.join(root, "rules/dist/testing/fixtures.js"));

const check = process.argv.includes("--check");
const MAX_EXAMPLE_LINES = 80;

function replaceBlock(text, name, body, file) {
  const begin = `<!-- begin generated: ${name} (pnpm gen) -->`;
  const end = `<!-- end generated: ${name} -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file}: markers for the generated ${name} block are missing`);
  return text.slice(0, i + begin.length) + "\n" + body + text.slice(j);
}

function fence(lang, text) {
  return "```" + lang + "\n" + text.replace(/\r\n/g, "\n").replace(/\n?$/, "\n") + "```\n";
}

function stylishLines(messages) {
  return messages
    .map((m) => `${m.line}:${m.column}  ${m.severity === 2 ? "error" : "warning"}  ${m.message}  ${m.ruleId}`)
    .join("\n");
}

function examples(rule) {
  const cases = loadFixtureCases(path.join(root, "fixtures/rules"), rule.name);
  const short = (c) => c.text.split("\n").length <= MAX_EXAMPLE_LINES;
  const invalid = cases.filter((c) => c.kind === "invalid" && short(c)).slice(0, 2);
  const valid = cases.filter((c) => c.kind === "valid" && short(c)).slice(0, 1);
  let out = "";
  for (const c of invalid) {
    const rel = path.relative(root, c.file).split(path.sep).join("/");
    out += `\n### Incorrect: \`${c.name}\`\n\n`;
    if (c.config.options !== undefined) out += `With options \`${JSON.stringify(c.config.options)}\`.\n\n`;
    if (c.config.flowType !== undefined) out += `Linted as flow type \`${c.config.flowType}\`.\n\n`;
    out += `[${rel}](../../${rel}):\n\n` + fence("json", c.text) + "\nOutput:\n\n" + fence("text", stylishLines(runFixtureCase(rule, c)));
  }
  for (const c of valid) {
    const rel = path.relative(root, c.file).split(path.sep).join("/");
    out += `\n### Correct: \`${c.name}\`\n\n`;
    if (c.config.options !== undefined) out += `With options \`${JSON.stringify(c.config.options)}\`.\n\n`;
    out += `[${rel}](../../${rel}):\n\n` + fence("json", c.text);
  }
  return out + "\n";
}

function rulesTable() {
  let out = "\n| Rule | What it checks | Recommended | Type |\n| --- | --- | --- | --- |\n";
  for (const rule of rules) {
    const rec = rule.meta.recommended === false ? "off" : rule.meta.recommended;
    out += `| [\`${rule.name}\`](${ruleDocsPath(rule.name)}) | ${rule.meta.description} | ${rec} | ${rule.meta.type} |\n`;
  }
  return out + "\n";
}

const targets = [];
for (const rule of rules) {
  const file = path.join(root, "rules/docs", `${rule.name}.md`);
  if (!fs.existsSync(file)) continue; // the contract test reports missing docs
  targets.push([file, (text) => replaceBlock(text, "examples", examples(rule), file)]);
}
targets.push([path.join(root, "README.md"), (text, file) => replaceBlock(text, "rules", rulesTable(), file)]);

const stale = [];
for (const [file, update] of targets) {
  const before = fs.readFileSync(file, "utf8");
  const after = update(before, file);
  if (after === before) continue;
  stale.push(path.relative(root, file));
  if (!check) fs.writeFileSync(file, after);
}
if (check && stale.length > 0) {
  console.error(`Generated sections are out of date in: ${stale.join(", ")}.\nRun "pnpm gen" and commit the result.`);
  process.exit(1);
}
if (!check) console.log(stale.length > 0 ? `Updated ${stale.join(", ")}.` : "Everything was up to date.");
