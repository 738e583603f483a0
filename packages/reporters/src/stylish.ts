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

/** Every line fits a terminal this wide (file paths aside). */
export const STYLISH_WIDTH = 120;

/** Messages are indented by this much under their finding's first line. */
const INDENT = "    ";

/**
 * A block's Identifier, compactly: the first 8 characters of a UUID (enough to find it in the file),
 * a short name as it is, a long one cut.
 */
export function shortBlockId(id: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.slice(0, 8);
  return id.length <= 24 ? id : `${id.slice(0, 23)}…`;
}

/** Text broken into lines of at most `width` characters, at spaces where it can be, else anywhere. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (candidate.length <= width) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      let rest = word;
      while (rest.length > width) {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Human-readable output grouped by file, in the spirit of ESLint's stylish but readable on a
 * 120-column terminal: for each finding, a short first line (`line:col  severity  rule  block id`)
 * and the message under it, wrapped at {@link STYLISH_WIDTH}; then a summary line. The block's id is
 * shown because in a minified export every finding is on line 1. Prints nothing when there are no
 * findings.
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
    const positions = result.messages.map((m) => `${String(m.line)}:${String(m.column)}`);
    const positionWidth = Math.max(...positions.map((p) => p.length));
    const severityWidth = result.messages.some((m) => m.severity === 1) ? "warning".length : "error".length;
    result.messages.forEach((m, i) => {
      const position = (positions[i] ?? "").padEnd(positionWidth);
      const severity = m.severity === 2 ? c.red("error".padEnd(severityWidth)) : c.yellow("warning".padEnd(severityWidth));
      let head = `  ${c.dim(position)}  ${severity}  ${c.dim(m.ruleId)}`;
      if (m.actionId !== undefined) {
        const block = `block ${shortBlockId(m.actionId)}`;
        if (width(head) + 2 + block.length <= STYLISH_WIDTH) head += `  ${c.dim(block)}`;
      }
      out += `${head}\n`;
      for (const line of wrap(m.message, STYLISH_WIDTH - INDENT.length)) out += `${INDENT}${line}`.trimEnd() + "\n";
    });
  }
  const total = errors + warnings;
  if (total === 0) return "";
  const summary = `\u2716 ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  out += `\n${c.bold(errors > 0 ? c.red(summary) : c.yellow(summary))}\n`;
  return out;
};
