import { displayFile, severityName } from "./shared.js";
import type { Reporter } from "./types.js";

/** A message on one line: each run of whitespace that holds a line break becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/[^\S\r\n]*(?:\r\n|\r|\n|\u2028|\u2029)\s*/g, " ");
}

/**
 * One line per finding, `file:line:col: severity message [rule]`, and nothing else: no summary line,
 * so every line matches one pattern (editors' and CI problem matchers, `grep`, `wc -l`). Prints
 * nothing when there are no findings. Suppressed findings are not shown.
 */
export const compact: Reporter = (results, context) => {
  let out = "";
  for (const result of results) {
    const file = displayFile(result.filePath, context.cwd);
    for (const m of result.messages) {
      out += `${file}:${m.line}:${m.column}: ${severityName(m)} ${oneLine(m.message)} [${m.ruleId}]\n`;
    }
  }
  return out;
};
