#!/usr/bin/env node
// Writes the expected output (.out) of invalid rule fixtures from what the rule reports now.
// Only cases without a .out file are written unless --force is given; review every line it writes:
// a .out file is a statement of what the rule must report, not a snapshot to accept blindly.
// Usage: node scripts/update-fixtures.js [--force] [rule ...]   (needs pnpm build first)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { rules } = await import(path.join(root, "rules/dist/index.js"));
const { loadFixtureCases, runCaseLines } = await import(path.join(root, "rules/dist/testing/fixtures.js"));

const args = process.argv.slice(2);
const force = args.includes("--force");
const only = args.filter((a) => !a.startsWith("--"));
for (const rule of rules) {
  if (only.length > 0 && !only.includes(rule.name)) continue;
  for (const c of loadFixtureCases(path.join(root, "fixtures/rules"), rule.name)) {
    if (c.kind !== "invalid" || (c.expected && !force)) continue;
    const lines = runCaseLines(rule, c);
    fs.writeFileSync(c.outFile, lines.join("\n") + "\n");
    console.log(`${path.relative(root, c.outFile)}: ${lines.length} line(s)`);
  }
}
