#!/usr/bin/env node
// Writes the HTML audit report of the sample flows (fixtures/flows) and the sample contact center
// (fixtures/projects/contact-center, with its inventory), with one suppression to show how waivers
// appear: `node scripts/html-report.js [out.html]` (default: report.html). Run `pnpm build` first.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { html } from "@connect-lint/reporters";
import { jsonFiles, lintForReport } from "./lib/html-report-input.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The sample report's input: every fixture flow, one suppression with its justification. */
export function sampleReport() {
  const center = path.join(root, "fixtures/projects/contact-center");
  return lintForReport({
    cwd: root,
    groups: [
      { files: jsonFiles(path.join(root, "fixtures/flows")) },
      { files: jsonFiles(path.join(center, "flows")), inventoryFiles: jsonFiles(path.join(center, "inventory")) },
    ],
    suppressions: [
      {
        file: "fixtures/flows/transfer-to-agent-leaks-data.json",
        rule: "no-sensitive-content-in-transfer-flow",
        actionId: "07c546ce-f4e6-49f5-8eab-cc8b299638b3",
        reason: "The balance is read back to the authenticated caller only; approved by the data-protection officer (ticket SEC-142).",
        expires: "2027-06-30",
      },
    ],
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? "report.html");
  const { results, context } = sampleReport();
  fs.writeFileSync(out, html(results, context));
  process.stdout.write(`wrote ${out}\n`);
}
