import { createHash } from "node:crypto";
import path from "node:path";
import { BUILTIN_DIAGNOSTICS, compareMessages } from "@connect-lint/core";
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
  /** The resource that holds the flow, for a flow embedded in a container. */
  readonly resource: string | undefined;
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
      // Plain exports keep the fingerprints they had; an embedded flow's include its resource.
      const where = result.resource === undefined ? [file] : [file, result.resource];
      const key = JSON.stringify([...where, message.ruleId, message.actionId ?? null, message.messageId]);
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      out.push({ file, resource: result.resource, message, suppressed, fingerprint: sha256(occurrence === 0 ? key : `${key}#${String(occurrence)}`) });
    }
  }
  return out;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** What a reporter knows about a rule id: the registry's entry, a built-in diagnostic, or nothing. */
export function describeRule(ruleId: string, rules: readonly RuleInfo[]): { description?: string; helpUri?: string } {
  const rule = rules.find((r) => r.id === ruleId);
  if (rule) return { description: rule.description, helpUri: rule.helpUri };
  const builtin = BUILTIN_DIAGNOSTICS.get(ruleId);
  return builtin ? { description: builtin.description } : {};
}
