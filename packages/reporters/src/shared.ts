import { createHash } from "node:crypto";
import path from "node:path";
import { compareMessages } from "@connect-lint/core";
import type { LintMessage, LintResult } from "@connect-lint/core";
import type { RuleInfo } from "./types.js";

/**
 * The path a reporter shows for a result: relative to `cwd` (it may start with `../`), with forward
 * slashes on every platform. A path that is not absolute (such as `<text>`) is kept as it is.
 */
export function displayFile(filePath: string, cwd: string): string {
  const shown = path.isAbsolute(filePath) ? path.relative(cwd, filePath) || filePath : filePath;
  return shown.split(path.sep).join("/");
}

export function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
}

export function severityName(m: LintMessage): "error" | "warning" {
  return m.severity === 2 ? "error" : "warning";
}

/** Errors, warnings and suppressed findings over all results, counted from the messages. */
export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly fatal: number;
  readonly suppressed: number;
  /** Files with at least one (unsuppressed) finding. */
  readonly filesWithProblems: number;
  readonly files: number;
}

export function count(results: readonly LintResult[]): Counts {
  let errors = 0;
  let warnings = 0;
  let fatal = 0;
  let suppressed = 0;
  let filesWithProblems = 0;
  for (const result of results) {
    for (const m of result.messages) {
      if (m.severity === 2) errors++;
      else warnings++;
      if (m.fatal) fatal++;
    }
    suppressed += result.suppressedMessages.length;
    if (result.messages.length > 0) filesWithProblems++;
  }
  return { errors, warnings, fatal, suppressed, filesWithProblems, files: results.length };
}

/** A finding together with the file it is in, as shown. */
export interface Finding {
  readonly file: string;
  readonly message: LintMessage;
  readonly suppressed: boolean;
  /** Stable identity of the finding: see {@link fingerprints}. */
  readonly fingerprint: string;
}

/**
 * Every finding in report order (by file, then position), active and suppressed alike, each with a
 * stable fingerprint: the SHA-256 (hex) of the file as shown, the rule, the block's identifier and
 * the message id. Line numbers are left out, so a finding keeps its fingerprint when lines move. When
 * several findings of one file share those fields, the second and later ones also hash their
 * occurrence number, so fingerprints are unique within a report.
 */
export function findings(results: readonly LintResult[], cwd: string, options: { suppressed: boolean }): Finding[] {
  const out: Finding[] = [];
  for (const result of results) {
    const file = displayFile(result.filePath, cwd);
    const messages = result.messages.map((message) => ({ message, suppressed: false }));
    if (options.suppressed) {
      messages.push(...result.suppressedMessages.map((message) => ({ message, suppressed: true })));
      messages.sort((a, b) => compareMessages(a.message, b.message) || Number(a.suppressed) - Number(b.suppressed));
    }
    const seen = new Map<string, number>();
    for (const { message, suppressed } of messages) {
      const key = JSON.stringify([file, message.ruleId, message.actionId ?? null, message.messageId]);
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      out.push({ file, message, suppressed, fingerprint: sha256(occurrence === 0 ? key : `${key}#${String(occurrence)}`) });
    }
  }
  return out;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Descriptions of the diagnostics that connect-lint itself reports; they are not rules and have no page. */
interface Builtin {
  readonly description: string;
  readonly level: "error" | "warning";
}

export const BUILTIN_DIAGNOSTICS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["parse-error", { description: "The file is not valid JSON and could not be linted.", level: "error" }],
  ["legacy-format", { description: "The file is a pre-2022 flow designer export, not the Flow language.", level: "error" }],
  ["not-a-flow", { description: "The file is not an Amazon Connect flow.", level: "error" }],
  ["internal-error", { description: "A rule failed on the file; this is a bug in connect-lint.", level: "error" }],
  ["file-too-large", { description: "The file is larger than limits.maxFileSize and was not linted.", level: "error" }],
  ["too-deeply-nested", { description: "The file's JSON nests deeper than limits.maxNestingDepth and was not linted.", level: "error" }],
  ["unused-suppression", { description: "A suppression entry matches no finding.", level: "warning" }],
  ["expired-suppression", { description: "A suppression entry has expired.", level: "warning" }],
  ["ignored-file", { description: "A file named on the command line is ignored by configuration.", level: "warning" }],
]);

/** What a reporter knows about a rule id: the registry's entry, a built-in diagnostic, or nothing. */
export function describeRule(ruleId: string, rules: readonly RuleInfo[]): { description?: string; helpUri?: string } {
  const rule = rules.find((r) => r.id === ruleId);
  if (rule) return { description: rule.description, helpUri: rule.helpUri };
  const builtin = BUILTIN_DIAGNOSTICS.get(ruleId);
  return builtin ? { description: builtin.description } : {};
}
