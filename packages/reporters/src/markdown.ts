import { count, describeRule, displayFile, plural, severityName } from "./shared.js";
import type { Reporter } from "./types.js";

/** At most this many findings are listed, keeping the text under a pull-request comment's 65,536 characters in usual cases. */
export const MARKDOWN_MAX_ROWS = 200;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Text for a table cell: Markdown punctuation and HTML characters escaped so they show literally,
 * `|` escaped so it does not end the cell, line breaks as `<br>`, other control characters removed.
 */
export function markdownCell(text: string): string {
  return text
    .replace(CONTROL, "")
    .replace(/[\\`*_[\]~|#!]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, "<br>");
}

/** A URL for a Markdown link target: characters that would end or break the target percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>\\]/g, (c) => encodeURIComponent(c));
}

/**
 * A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a heading, a one-line
 * summary (errors and warnings in how many files, or a clean message; suppressed findings counted),
 * then one table (File | Line | Severity | Rule | Message) with rule names linked to their docs. At most
 * {@link MARKDOWN_MAX_ROWS} rows are listed, then a line saying how many more there are.
 */
export const markdown: Reporter = (results, context) => {
  const totals = count(results);
  let out = "## connect-lint\n\n";
  const suppressed = totals.suppressed > 0 ? ` ${plural(totals.suppressed, "finding")} suppressed.` : "";
  if (totals.files === 0) {
    return `${out}No files were linted.\n`;
  }
  if (totals.errors + totals.warnings === 0) {
    return `${out}No problems found in ${plural(totals.files, "file")}.${suppressed}\n`;
  }
  out += `**${plural(totals.errors, "error")}, ${plural(totals.warnings, "warning")}** in ${String(totals.filesWithProblems)} of ${plural(totals.files, "file")}`;
  out += totals.fatal > 0 ? ` (${String(totals.fatal)} could not be parsed).` : ".";
  out += `${suppressed}\n\n`;
  out += "| File | Line | Severity | Rule | Message |\n| --- | ---: | --- | --- | --- |\n";
  let rows = 0;
  const total = totals.errors + totals.warnings;
  for (const result of results) {
    const file = markdownCell(displayFile(result.filePath, context.cwd));
    for (const m of result.messages) {
      if (rows === MARKDOWN_MAX_ROWS) break;
      rows++;
      const { helpUri } = describeRule(m.ruleId, context.rules);
      const rule = helpUri === undefined ? markdownCell(m.ruleId) : `[${markdownCell(m.ruleId)}](${linkTarget(helpUri)})`;
      const severity = severityName(m) + (m.fatal ? " (fatal)" : "");
      out += `| ${file} | ${String(m.line)}:${String(m.column)} | ${severity} | ${rule} | ${markdownCell(m.message)} |\n`;
    }
  }
  if (total > rows) out += `\n… and ${plural(total - rows, "more finding")} not shown.\n`;
  return out;
};
