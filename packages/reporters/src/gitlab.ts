import { findings } from "./shared.js";
import type { Reporter } from "./types.js";

/** One issue of a GitLab Code Quality report (the subset of the Code Climate spec GitLab reads). */
export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: "info" | "minor" | "major" | "critical" | "blocker";
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

/**
 * GitLab Code Quality JSON (`artifacts:reports:codequality`): an array of issues with `description`,
 * `check_name` (the rule), a stable `fingerprint` (SHA-256 of file, rule, block and message id; unique
 * within the report), `severity` (fatal → `blocker`, error → `major`, warning → `minor`) and
 * `location.path` / `location.lines`. `[]` when there are no findings. Suppressed findings are left
 * out: GitLab has no notion of them.
 */
export const gitlab: Reporter = (results, context) => {
  const issues: CodeQualityIssue[] = findings(results, context.cwd, { suppressed: false }).map(({ file, message: m, fingerprint }) => ({
    description: m.message,
    check_name: m.ruleId,
    fingerprint,
    severity: m.fatal ? "blocker" : m.severity === 2 ? "major" : "minor",
    location: { path: file, lines: { begin: m.line, end: m.endLine } },
  }));
  return JSON.stringify(issues, null, 2) + "\n";
};
