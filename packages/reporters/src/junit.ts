import { count, displayFile, severityName } from "./shared.js";
import type { Reporter } from "./types.js";
import { XML_DECLARATION, xmlAttrs, xmlText } from "./xml.js";

/**
 * JUnit XML: a `<testsuite>` per file (named by its path) in one `<testsuites>`. Each finding is a
 * failing `<testcase name="<rule> <line>:<col>">` whose `<failure type>` is its severity; a file with
 * no findings has one passing `<testcase name="connect-lint">`. Suppressed findings are `<testcase>`s
 * with `<skipped>`, counted in the suite's `skipped`. `errors` is always 0: a file that cannot be
 * parsed is a failure like any other finding.
 */
export const junit: Reporter = (results, context) => {
  const totals = count(results);
  const tests = results.reduce((n, r) => n + Math.max(r.messages.length, 1) + r.suppressedMessages.length, 0);
  let out = XML_DECLARATION;
  out += `<testsuites${xmlAttrs([
    ["name", "connect-lint"],
    ["tests", tests],
    ["failures", totals.errors + totals.warnings],
    ["errors", 0],
    ["skipped", totals.suppressed],
  ])}>\n`;
  for (const result of results) {
    const file = displayFile(result.filePath, context.cwd);
    out += `  <testsuite${xmlAttrs([
      ["name", file],
      ["tests", Math.max(result.messages.length, 1) + result.suppressedMessages.length],
      ["failures", result.messages.length],
      ["errors", 0],
      ["skipped", result.suppressedMessages.length],
    ])}>\n`;
    if (result.messages.length === 0) {
      out += `    <testcase${xmlAttrs([
        ["classname", file],
        ["name", "connect-lint"],
      ])}/>\n`;
    }
    for (const m of result.messages) {
      const severity = severityName(m);
      const body = `${file}:${m.line}:${m.column}: ${severity} ${m.message} [${m.ruleId}]`;
      out += `    <testcase${xmlAttrs([
        ["classname", file],
        ["name", `${m.ruleId} ${m.line}:${m.column}`],
      ])}>\n`;
      out += `      <failure${xmlAttrs([
        ["message", m.message],
        ["type", severity],
      ])}>${xmlText(body)}</failure>\n`;
      out += "    </testcase>\n";
    }
    for (const m of result.suppressedMessages) {
      out += `    <testcase${xmlAttrs([
        ["classname", file],
        ["name", `${m.ruleId} ${m.line}:${m.column}`],
      ])}>\n`;
      out += `      <skipped${xmlAttrs([["message", `Suppressed: ${m.message}`]])}/>\n`;
      out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
};
