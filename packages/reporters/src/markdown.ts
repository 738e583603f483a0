import { count, describeRule, displayFile, plural, severityName } from "./shared.js";
import type { Reporter } from "./types.js";

/** At most this many findings are listed: a comment is a summary, not the whole report. */
export const MARKDOWN_MAX_ROWS = 200;

/** GitHub refuses a pull-request comment (and a job summary) of more than 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The text stays within this many characters, whatever the findings: the limit, with room to spare for a wrapper. */
export const MARKDOWN_MAX_CHARS = 60_000;

/** A cell longer than this is cut (with "…"): one huge message must not take the whole comment. */
const MAX_CELL = 400;

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

/** A cell's text, cut to {@link MAX_CELL} characters before escaping (never inside a surrogate pair). */
function shortCell(text: string): string {
  if (text.length <= MAX_CELL) return markdownCell(text);
  let cut = MAX_CELL - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return markdownCell(`${text.slice(0, cut)}…`);
}

/** A URL for a Markdown link target: characters that would end or break the target percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>\\]/g, (c) => encodeURIComponent(c));
}

/**
 * A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a heading, a one-line
 * summary (errors and warnings in how many files, or a clean message; suppressed findings counted),
 * then one table (File | Line | Severity | Rule | Message) with rule names linked to their docs.
 * The text always fits in a comment: at most {@link MARKDOWN_MAX_ROWS} rows and
 * {@link MARKDOWN_MAX_CHARS} characters (long cells are cut). When findings are left out, a table of
 * the findings per rule comes first and a last line says how many were left out and where the full
 * report is.
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
  const total = totals.errors + totals.warnings;
  const rows: string[] = [];
  let size = 0;
  // Room kept for the per-rule table and the last line when rows must be left out.
  const reserve = 8_000;
  for (const result of results) {
    const file = shortCell(displayFile(result.filePath, context.cwd));
    for (const m of result.messages) {
      if (rows.length === MARKDOWN_MAX_ROWS) break;
      const { helpUri } = describeRule(m.ruleId, context.rules);
      const rule = helpUri === undefined ? markdownCell(m.ruleId) : `[${markdownCell(m.ruleId)}](${linkTarget(helpUri)})`;
      const severity = severityName(m) + (m.fatal ? " (fatal)" : "");
      const row = `| ${file} | ${String(m.line)}:${String(m.column)} | ${severity} | ${rule} | ${shortCell(m.message)} |\n`;
      if (out.length + size + row.length > MARKDOWN_MAX_CHARS - reserve) break;
      rows.push(row);
      size += row.length;
    }
  }
  if (rows.length < total) out += byRule(results);
  out += "| File | Line | Severity | Rule | Message |\n| --- | ---: | --- | --- | --- |\n";
  out += rows.join("");
  if (total > rows.length) {
    out += `\n… and ${plural(total - rows.length, "more finding")} not shown (a comment holds ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")} characters at most). `;
    out += "The full report is in the job log, or run connect-lint with --format stylish or --format sarif.\n";
  }
  return out;
};

/** Findings per rule, most first: what a comment that cannot list every finding can still say. */
function byRule(results: Parameters<Reporter>[0]): string {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const result of results) {
    for (const m of result.messages) {
      const entry = counts.get(m.ruleId) ?? { errors: 0, warnings: 0 };
      if (m.severity === 2) entry.errors++;
      else entry.warnings++;
      counts.set(m.ruleId, entry);
    }
  }
  const sorted = [...counts.entries()].sort(([a, x], [b, y]) => y.errors + y.warnings - (x.errors + x.warnings) || (a < b ? -1 : a > b ? 1 : 0));
  let out = "| Rule | Errors | Warnings |\n| --- | ---: | ---: |\n";
  for (const [rule, c] of sorted.slice(0, 50)) out += `| ${shortCell(rule)} | ${String(c.errors)} | ${String(c.warnings)} |\n`;
  if (sorted.length > 50) out += `| … ${plural(sorted.length - 50, "more rule")} | | |\n`;
  return `${out}\n`;
}
