import { checkstyle } from "./checkstyle.js";
import { compact } from "./compact.js";
import { github } from "./github.js";
import { gitlab } from "./gitlab.js";
import { html } from "./html.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { markdown } from "./markdown.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Reporter } from "./types.js";

export type { Reporter, ReporterContext, RuleInfo } from "./types.js";
export type { HtmlReportData, ReportSuppression } from "./html/data.js";
export { checkstyle, compact, github, gitlab, html, json, junit, markdown, sarif, stylish };
export { displayFile } from "./shared.js";

/** Reporters by the name given to `--format`. */
export const reporters: Readonly<Record<string, Reporter>> = {
  stylish,
  compact,
  json,
  sarif,
  junit,
  checkstyle,
  github,
  gitlab,
  markdown,
  html,
};
