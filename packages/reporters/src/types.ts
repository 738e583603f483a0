import type { LintResult } from "@connect-lint/core";

export interface ReporterContext {
  /** Working directory: paths are shown relative to it. */
  readonly cwd: string;
  /** Use ANSI colours (only when writing to a terminal and NO_COLOR is not set). */
  readonly color: boolean;
}

/** A pure function from results to text. */
export type Reporter = (results: readonly LintResult[], context: ReporterContext) => string;
