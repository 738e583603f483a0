/**
 * A run that lints nothing is an error (exit 2), as in ESLint: a typo in a CI path must not pass
 * unnoticed. `--no-error-on-unmatched-pattern` allows it.
 */
import type { LintResult } from "@connect-lint/core";
import { UsageError } from "./discover.js";
import type { DiscoveredFile } from "./discover.js";

/**
 * Throws when folders or globs were searched and no file among those found is a flow or holds one
 * (all were JSON, YAML or Terraform of another kind, or ignored). Files named explicitly always give a result or were skipped on
 * purpose (`--skip-non-flows`), so a run with one is never refused here.
 */
export function checkSomethingLinted(patterns: readonly string[], files: readonly DiscoveredFile[], results: readonly LintResult[], unreadable: boolean): void {
  if (unreadable || results.length > 0 || files.length === 0 || files.some((f) => f.explicit)) return;
  const where = patterns.map((p) => `"${p}"`).join(", ");
  const found = files.length === 1 ? "1 file was found" : `${String(files.length)} files were found`;
  throw new UsageError(
    `No flows found in ${where}: ${found}, none of them a flow or a template holding one (or all are ignored by the configuration). Use --no-error-on-unmatched-pattern to allow this.`,
  );
}
