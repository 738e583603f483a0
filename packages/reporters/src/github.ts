import { displayFile } from "./shared.js";
import type { Reporter } from "./types.js";

/** Escapes the data (message) of a workflow command, as `@actions/core` does: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value of a workflow command: as data, and also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE` (`::warning` for warnings),
 * which the runner turns into annotations on the pull request. `col` and `endColumn` are given only
 * for a finding on a single line, since GitHub supports columns only there. Prints nothing when there
 * are no findings. Suppressed findings are not shown.
 */
export const github: Reporter = (results, context) => {
  let out = "";
  for (const result of results) {
    const file = displayFile(result.filePath, context.cwd);
    for (const m of result.messages) {
      const properties: [string, string | number][] = [
        ["file", file],
        ["line", m.line],
      ];
      if (m.endLine === m.line) properties.push(["col", m.column]);
      properties.push(["endLine", m.endLine]);
      if (m.endLine === m.line) properties.push(["endColumn", m.endColumn]);
      properties.push(["title", m.ruleId]);
      const command = m.severity === 2 ? "error" : "warning";
      const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
      out += `::${command} ${list}::${escapeData(m.message)}\n`;
    }
  }
  return out;
};
