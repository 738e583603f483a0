import type { Flow, ProjectIndex } from "@connect-lint/core";

/** A suppression entry as the HTML report shows it: the file is the absolute path of the result it covers. */
export interface ReportSuppression {
  /** Absolute path, as in `LintResult.filePath`. */
  readonly filePath: string;
  readonly rule: string;
  /** The block's Identifier, or null for findings not tied to a block. */
  readonly actionId: string | null;
  readonly messageId?: string;
  /** Why the finding is accepted. */
  readonly reason: string;
  /** `YYYY-MM-DD`. */
  readonly expires?: string;
}

/**
 * What the HTML report draws besides the findings. Every field is optional: without `flows` the
 * report lists findings without diagrams; without `project` it has no project map.
 */
export interface HtmlReportData {
  /** The parsed flows and modules, by the `filePath` of their result. */
  readonly flows?: ReadonlyMap<string, Flow>;
  /** The cross-flow index of the run (transfers, module invocations, event hooks). */
  readonly project?: ProjectIndex;
  /** The suppression entries in force, to show why each suppressed finding was waived. */
  readonly suppressions?: readonly ReportSuppression[];
  /** Ids of the compliance rules (rules with `meta.compliance`), for the compliance summary. */
  readonly complianceRules?: readonly string[];
  /**
   * The rules the run had on (for any file). A compliance rule not among them is shown as not run, not
   * as passed. When absent, every compliance rule is taken to have run.
   */
  readonly enabledRules?: readonly string[];
  /** A title for the report; "connect-lint audit report" when absent. */
  readonly title?: string;
  /** A time stamp to print (e.g. an ISO date); nothing is printed when absent, keeping the output reproducible. */
  readonly generatedAt?: string;
}
