import { displayFile, severityName } from "./shared.js";
import type { Reporter } from "./types.js";
import { XML_DECLARATION, xmlAttrs } from "./xml.js";

/**
 * Checkstyle XML (`<checkstyle version="4.3">`), as ESLint's checkstyle formatter writes it: a `<file>`
 * element for every linted file, clean ones included, with an `<error>` per finding whose `source` is
 * `connect-lint.<rule>`. Suppressed findings are left out (Checkstyle has no place for them).
 */
export const checkstyle: Reporter = (results, context) => {
  let out = `${XML_DECLARATION}<checkstyle version="4.3">\n`;
  for (const result of results) {
    const name = displayFile(result.filePath, context.cwd);
    if (result.messages.length === 0) {
      out += `  <file${xmlAttrs([["name", name]])}/>\n`;
      continue;
    }
    out += `  <file${xmlAttrs([["name", name]])}>\n`;
    for (const m of result.messages) {
      const attributes = xmlAttrs([
        ["line", m.line],
        ["column", m.column],
        ["severity", severityName(m)],
        ["message", m.message],
        ["source", `connect-lint.${m.ruleId}`],
      ]);
      out += `    <error${attributes}/>\n`;
    }
    out += "  </file>\n";
  }
  out += "</checkstyle>\n";
  return out;
};
