/**
 * `--fix` and `--fix-dry-run`: ESLint's multipass fixing. A file is linted, the fixes of its findings
 * that do not overlap are applied to its text, and the text is linted again, until nothing is left to
 * fix or ten passes have run. Fixes are text edits (see @connect-lint/core's fixer): every byte they do
 * not change stays. A file is written atomically, and only when it still has the bytes that were read.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as Diff from "diff";
import { FIXABLE_ONLY_IN_EXPORT, applyFixes, decodeText, flowKey } from "@connect-lint/core";
import type { FileConfig, Fix, LintMessage, LintResult, ProjectFlow } from "@connect-lint/core";
import { keptFlow, lintBytes } from "./lint-file.js";
import type { FileOutcome, ParsedFlow } from "./lint-file.js";
import { writeFileAtomic } from "./write.js";

const require = createRequire(import.meta.url);

/** Passes at most, as ESLint. */
export const MAX_FIX_PASSES = 10;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The fix a finding gets: its own, or with `unreachable` the removal no-unreachable-block offers. */
export function fixOf(m: LintMessage, unreachable: boolean): Fix | undefined {
  if (m.fix) return m.fix;
  if (unreachable && m.ruleId === "no-unreachable-block") return m.suggestions?.[0]?.fix;
  return undefined;
}

export interface FixFileOptions {
  readonly unreachable: boolean;
  /** Keep the parsed flows in the outcome (the project pass and the HTML report use them). */
  readonly keep: boolean;
  /** The findings of a result that are to be fixed (suppressed ones are not). Default: all. */
  readonly visible?: (result: LintResult) => readonly LintMessage[];
}

export interface FixedText {
  /** The text after the fixes (the text itself when nothing was fixed). */
  readonly output: string;
  /** Findings fixed over all passes. */
  readonly fixed: number;
  /** Linting the output. */
  readonly outcome: FileOutcome;
}

/** Fixes one file's text (decoded, without byte-order mark), re-linting it after each pass. */
export function fixText(text: string, filePath: string, config: FileConfig, options: FixFileOptions): FixedText {
  const lint = (t: string): FileOutcome => lintBytes(Buffer.from(t, "utf8"), filePath, true, config, options.keep);
  let output = text;
  let fixed = 0;
  let outcome = lint(output);
  for (let pass = 0; pass < MAX_FIX_PASSES && "results" in outcome; pass++) {
    const fixable = outcome.results
      .filter((r) => r.filePath === filePath)
      .flatMap((r) => options.visible?.(r) ?? r.messages)
      .flatMap((m) => {
        const fix = fixOf(m, options.unreachable);
        return fix ? [{ fix }] : [];
      });
    if (fixable.length === 0) break;
    const { output: next, applied } = applyFixes(output, fixable);
    if (applied.length === 0 || next === output) break;
    output = next;
    fixed += applied.length;
    outcome = lint(output);
  }
  return { output, fixed, outcome };
}

export type FileFixStatus = "unchanged" | "written" | "dry-run" | "changed-on-disk" | "unreadable";

export interface FileFix {
  readonly filePath: string;
  readonly status: FileFixStatus;
  readonly fixed: number;
  /** The text before and after (for the dry run's diff); undefined when the file could not be read. */
  readonly before?: string;
  readonly after?: string;
  /** Linting the fixed text (or, when it was not written, nothing: the first lint stands). */
  readonly outcome?: FileOutcome;
  /** Why the file could not be read or written. */
  readonly problem?: string;
}

export interface FixFileHooks {
  /** Called after the fixes are computed, just before the file on disk is compared and written (tests). */
  readonly beforeWrite?: () => void;
}

/**
 * Reads a file, fixes it and (unless `dryRun`) writes it atomically, provided it still has the
 * bytes that were read: a file changed meanwhile (by an editor, a formatter) is not touched.
 */
export async function fixFile(filePath: string, config: FileConfig, dryRun: boolean, options: FixFileOptions, hooks: FixFileHooks = {}): Promise<FileFix> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(filePath);
  } catch (error) {
    return { filePath, status: "unreadable", fixed: 0, problem: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { filePath, status: "unchanged", fixed: 0 };
  const before = decoded.text;
  const { output, fixed, outcome } = fixText(before, filePath, config, options);
  if (output === before) return { filePath, status: "unchanged", fixed: 0, before, after: output, outcome };
  if (dryRun) return { filePath, status: "dry-run", fixed, before, after: output, outcome };
  hooks.beforeWrite?.();
  let current: Buffer;
  try {
    current = await fs.promises.readFile(filePath);
  } catch (error) {
    return { filePath, status: "changed-on-disk", fixed: 0, problem: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  if (!current.equals(bytes)) return { filePath, status: "changed-on-disk", fixed: 0, problem: "it changed after it was read" };
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM) ? "\uFEFF" : "";
  try {
    await writeFileAtomic(filePath, bom + output);
  } catch (error) {
    return { filePath, status: "changed-on-disk", fixed: 0, problem: `cannot write it: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  return { filePath, status: "written", fixed, before, after: output, outcome };
}

/** A unified diff of one file's fix, with `a/` and `b/` paths as git writes them. */
export function fixDiff(displayName: string, before: string, after: string): string {
  const name = displayName.split("\\").join("/");
  // `diff` is loaded here, for --fix-dry-run only, not by every run.
  return (require("diff") as typeof Diff).createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3, headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } });
}

/** The files among `results` with something to fix, in order, each once. */
export function filesToFix(results: readonly LintResult[], unreachable: boolean): string[] {
  const files = new Set<string>();
  for (const r of results) if (r.messages.some((m) => fixOf(m, unreachable) !== undefined)) files.add(r.filePath);
  return [...files];
}

/** Replaces the results and flows of fixed files by those of their fixed text, keeping the order of files. */
export function mergeFixed(
  results: readonly LintResult[],
  flows: ReadonlyMap<string, ParsedFlow>,
  kept: ReadonlyMap<string, ProjectFlow>,
  fixes: readonly FileFix[],
): { results: LintResult[]; flows: Map<string, ParsedFlow>; kept: Map<string, ProjectFlow> } {
  const replaced = new Map<string, FileOutcome>();
  for (const f of fixes) if (f.outcome && "results" in f.outcome && f.status !== "changed-on-disk" && f.status !== "unchanged") replaced.set(f.filePath, f.outcome);
  const out: LintResult[] = [];
  const done = new Set<string>();
  for (const r of results) {
    const outcome = replaced.get(r.filePath);
    if (!outcome || !("results" in outcome)) {
      out.push(r);
      continue;
    }
    if (done.has(r.filePath)) continue;
    done.add(r.filePath);
    out.push(...outcome.results);
  }
  const newFlows = new Map(flows);
  const newKept = new Map(kept);
  for (const [file, outcome] of replaced) {
    if (!("results" in outcome)) continue;
    for (const key of [...newFlows.keys()]) if (newFlows.get(key)?.filePath === file) newFlows.delete(key);
    for (const key of [...newKept.keys()]) if (newKept.get(key)?.filePath === file) newKept.delete(key);
    for (const f of outcome.flows ?? []) {
      newFlows.set(flowKey(f.filePath, f.resource), f);
      // The fixed text, which a dry run does not write: kept whole, not read again from the file.
      const k = keptFlow(f);
      if (k) newKept.set(flowKey(f.filePath, f.resource), k);
    }
  }
  return { results: out, flows: newFlows, kept: newKept };
}

/** `N problems fixed in M files` (or what a dry run would fix), and the findings fixable only in the exported flow. */
export function fixSummary(fixes: readonly FileFix[], results: readonly LintResult[], dryRun: boolean): string {
  const changed = fixes.filter((f) => f.status === "written" || f.status === "dry-run");
  const problems = changed.reduce((n, f) => n + f.fixed, 0);
  const plural = (n: number, word: string): string => `${String(n)} ${word}${n === 1 ? "" : "s"}`;
  const lines = [
    dryRun
      ? `${plural(problems, "problem")} would be fixed in ${plural(changed.length, "file")} (dry run: no file written)`
      : `${plural(problems, "problem")} fixed in ${plural(changed.length, "file")}`,
  ];
  const exportOnly = results.reduce((n, r) => n + r.messages.filter((m) => m.message.endsWith(FIXABLE_ONLY_IN_EXPORT)).length, 0);
  if (exportOnly > 0) {
    lines.push(`${plural(exportOnly, "problem")} fixable only in the exported flow: the flow's text is escaped in its container, so the fix is not made there`);
  }
  return lines.map((l) => `connect-lint: ${l}\n`).join("");
}
