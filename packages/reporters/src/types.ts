import type { LintResult } from "@connect-lint/core";
import type { HtmlReportData } from "./html/data.js";

/** What a reporter may say about a rule (SARIF rule descriptors, help links). */
export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  readonly type: "problem" | "suggestion";
  /** Severity in the recommended preset, or "off". */
  readonly recommended: "error" | "warn" | "off";
  /** Absolute URL of the rule's documentation. */
  readonly helpUri: string;
}

export interface ReporterContext {
  /** Working directory: paths are shown relative to it. */
  readonly cwd: string;
  /** Use ANSI colours (only when writing to a terminal and NO_COLOR is not set). */
  readonly color: boolean;
  /** Every rule of the run's registry, sorted by id. */
  readonly rules: readonly RuleInfo[];
  /** connect-lint's version. */
  readonly version: string;
  /** What the `html` report draws besides the findings (flows, the project index, suppression reasons); the other reporters ignore it. */
  readonly report?: HtmlReportData;
}

/** A pure function from results to text: same input, same bytes. */
export type Reporter = (results: readonly LintResult[], context: ReporterContext) => string;
