import { displayFile, plural } from "./shared.js";
import type { Reporter } from "./types.js";

const ansi = (code: string, close: string) => (enabled: boolean) => (text: string) =>
  enabled ? `\u001b[${code}m${text}\u001b[${close}m` : text;
const styles = {
  bold: ansi("1", "22"),
  dim: ansi("2", "22"),
  red: ansi("31", "39"),
  yellow: ansi("33", "39"),
  underline: ansi("4", "24"),
};

/** Width of text as shown in a terminal, ignoring ANSI escapes. */
function width(text: string): number {
  // eslint-disable-next-line no-control-regex -- strips the escapes this file writes
  return text.replace(/\u001b\[[0-9;]*m/g, "").length;
}

/**
 * Human-readable output grouped by file, like ESLint's stylish: `line:col  severity  message  rule`,
 * then a summary line. Prints nothing when there are no findings.
 */
export const stylish: Reporter = (results, context) => {
  const c = {
    bold: styles.bold(context.color),
    dim: styles.dim(context.color),
    red: styles.red(context.color),
    yellow: styles.yellow(context.color),
    underline: styles.underline(context.color),
  };
  let out = "";
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    // A flow embedded in a container is named by the resource that holds it (one file, several flows).
    const resource = result.resource === undefined ? "" : ` ${c.dim(`(${result.resource})`)}`;
    out += `\n${c.underline(displayFile(result.filePath, context.cwd))}${resource}\n`;
    const rows = result.messages.map((m) => [
      "",
      c.dim(`${String(m.line)}:${String(m.column)}`),
      m.severity === 2 ? c.red("error") : c.yellow("warning"),
      m.message,
      c.dim(m.ruleId),
    ]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => width(r[i] ?? ""))));
    for (const row of rows) {
      out += row
        .map((cell, i) => (i < row.length - 1 ? cell + " ".repeat((widths[i] ?? 0) - width(cell)) : cell))
        .join("  ")
        .trimEnd();
      out += "\n";
    }
  }
  const total = errors + warnings;
  if (total === 0) return "";
  const summary = `\u2716 ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  out += `\n${c.bold(errors > 0 ? c.red(summary) : c.yellow(summary))}\n`;
  return out;
};
