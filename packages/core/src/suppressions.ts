/**
 * Suppressions: findings a team has decided to live with, kept in a JSON file beside the flows.
 * Exported flows are strict JSON, so there are no inline disable comments; an entry names the file,
 * the rule and the block's Identifier (stable across designer re-layouts, unlike line numbers), with
 * a required reason and an optional expiry date.
 */
import { ConfigError } from "./config/rules.js";
import { BUILTIN_DIAGNOSTICS } from "./diagnostics.js";
import { parseJson, pointerOf } from "./parse/json-document.js";
import { validateSuppressions as validator } from "./schema/generated/suppressions.js";
import type { JsonDocument } from "./parse/json-document.js";
import { compareStrings, makeResult } from "./result.js";
import type { LintMessage, LintResult } from "./result.js";

export const DEFAULT_SUPPRESSIONS_FILE = "connect-lint-suppressions.json";

export interface SuppressionEntry {
  /** The flow file, relative to the suppressions file's folder, with forward slashes. */
  readonly file: string;
  /**
   * For a flow embedded in a container (a template holding several flows): the resource that holds
   * it (CloudFormation logical ID, Terraform address). Absent for a plain export.
   */
  readonly resource?: string;
  readonly rule: string;
  /** The block's Identifier, or null for findings not tied to a block. */
  readonly actionId: string | null;
  /** Narrows the entry to one message id of the rule. */
  readonly messageId?: string;
  /** Why the finding is accepted. Required. */
  readonly reason: string;
  /** `YYYY-MM-DD`: from the day after, the entry no longer suppresses. */
  readonly expires?: string;
}

export interface SuppressionsFile {
  readonly version: 1;
  readonly suppressions: readonly SuppressionEntry[];
}

export const SUPPRESSIONS_SCHEMA = {
  title: "connect-lint suppressions",
  type: "object",
  required: ["version", "suppressions"],
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    version: { const: 1 },
    suppressions: {
      type: "array",
      items: {
        type: "object",
        required: ["file", "rule", "actionId", "reason"],
        additionalProperties: false,
        properties: {
          file: { type: "string", minLength: 1 },
          resource: { type: "string", minLength: 1 },
          rule: { type: "string", minLength: 1 },
          actionId: { type: ["string", "null"] },
          messageId: { type: "string", minLength: 1 },
          reason: { type: "string", minLength: 1, pattern: "\\S" },
          expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        },
      },
    },
  },
} as const;

/** Findings that can never be suppressed: the file could not be linted at all, or connect-lint failed. */
function unsuppressible(ruleId: string): boolean {
  return BUILTIN_DIAGNOSTICS.get(ruleId)?.suppressible === false;
}

export interface LoadedSuppressions {
  readonly file: SuppressionsFile;
  /** Absolute path. */
  readonly path: string;
  /** The parsed text, to point at entries; undefined when the file does not exist yet. */
  readonly document: JsonDocument | undefined;
}

/** Parses and validates a suppressions file's text; a ConfigError names the file, position and problem. */
export function parseSuppressions(text: string, filePath: string): LoadedSuppressions {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new ConfigError(`Invalid suppressions file ${filePath}:${String(parsed.range.start.line)}:${String(parsed.range.start.column)}: ${parsed.message}`);
  }
  // Generated from SUPPRESSIONS_SCHEMA at build time (`pnpm gen`).
  if (!validator(parsed.document.value)) {
    const error = validator.errors?.[0];
    const at = error?.instancePath ?? "";
    const range = parsed.document.locate(at);
    const where = at === "" ? "" : ` at ${at.slice(1).replace(/\//g, ".")}`;
    let what = error?.message ?? "is invalid";
    if (error?.keyword === "additionalProperties") what = `unknown key "${String(error.params.additionalProperty)}"`;
    if (error?.keyword === "pattern" && at.endsWith("/expires")) what = "must be a date written YYYY-MM-DD";
    if (error?.keyword === "pattern" && at.endsWith("/reason")) what = "must say why the finding is accepted";
    throw new ConfigError(`Invalid suppressions file ${filePath}:${String(range.start.line)}:${String(range.start.column)}${where}: ${what}`);
  }
  return { file: parsed.document.value as SuppressionsFile, path: filePath, document: parsed.document };
}

export function emptySuppressions(filePath: string): LoadedSuppressions {
  return { file: { version: 1, suppressions: [] }, path: filePath, document: undefined };
}

function entryKey(e: SuppressionEntry): string {
  return JSON.stringify([e.file, e.resource ?? null, e.rule, e.actionId, e.messageId ?? null]);
}

export function compareEntries(a: SuppressionEntry, b: SuppressionEntry): number {
  return (
    compareStrings(a.file, b.file) ||
    compareStrings(a.resource ?? "", b.resource ?? "") ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.actionId ?? "", b.actionId ?? "") ||
    compareStrings(a.messageId ?? "", b.messageId ?? "")
  );
}

function matches(entry: SuppressionEntry, file: string, resource: string | undefined, m: LintMessage): boolean {
  return (
    entry.file === file &&
    entry.resource === resource &&
    entry.rule === m.ruleId &&
    entry.actionId === (m.actionId ?? null) &&
    (entry.messageId === undefined || entry.messageId === m.messageId)
  );
}

/** Today's date as `YYYY-MM-DD` (UTC). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Applies suppressions to results, remembering which entries were used. */
export class SuppressionSet {
  readonly loaded: LoadedSuppressions;
  readonly #today: string;
  readonly #used = new Set<number>();
  readonly #linted = new Set<string>();

  constructor(loaded: LoadedSuppressions, todayIso: string = today()) {
    this.loaded = loaded;
    this.#today = todayIso;
  }

  #active(entry: SuppressionEntry): boolean {
    return entry.expires === undefined || entry.expires >= this.#today;
  }

  /** Moves the findings that an active entry covers to `suppressedMessages`. `file` is relative. */
  apply(result: LintResult, file: string): LintResult {
    this.#linted.add(file);
    const entries = this.loaded.file.suppressions;
    const kept: LintMessage[] = [];
    const suppressed: LintMessage[] = [...result.suppressedMessages];
    for (const m of result.messages) {
      let hit = -1;
      if (!unsuppressible(m.ruleId)) {
        hit = entries.findIndex((e) => this.#active(e) && matches(e, file, result.resource, m));
      }
      if (hit >= 0) {
        this.#used.add(hit);
        suppressed.push(m);
      } else {
        kept.push(m);
      }
    }
    if (suppressed.length === result.suppressedMessages.length) return result;
    const next = makeResult(result.filePath, kept, {
      kind: result.kind,
      flowName: result.flowName,
      flowType: result.flowType,
      ...(result.resource === undefined ? {} : { resource: result.resource }),
    });
    return { ...next, suppressedMessages: suppressed };
  }

  /** Entries for files linted in this run that matched nothing (expired ones are reported apart). */
  unused(): { index: number; entry: SuppressionEntry }[] {
    return this.loaded.file.suppressions
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry, index }) => this.#linted.has(entry.file) && !this.#used.has(index) && this.#active(entry));
  }

  /** Expired entries for files linted in this run. */
  expired(): { index: number; entry: SuppressionEntry }[] {
    return this.loaded.file.suppressions
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => this.#linted.has(entry.file) && !this.#active(entry));
  }

  /**
   * A result for the suppressions file itself, with a finding at each unused entry (a warning, or an
   * error when `strict`) and each expired entry (a warning). Null when there is nothing to say.
   */
  report(strict: boolean): LintResult | null {
    const messages: LintMessage[] = [];
    const at = (index: number): Pick<LintMessage, "line" | "column" | "endLine" | "endColumn"> => {
      const range = this.loaded.document?.locate(pointerOf("suppressions", index)) ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
      return { line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
    };
    const name = (e: SuppressionEntry): string => `${e.rule} in ${e.file}${e.resource === undefined ? "" : ` (${e.resource})`}${e.actionId === null ? "" : ` on block ${JSON.stringify(e.actionId)}`}`;
    for (const { index, entry } of this.unused()) {
      messages.push({
        ruleId: "unused-suppression",
        messageId: "unused-suppression",
        severity: strict ? 2 : 1,
        message: `Suppression of ${name(entry)} matches no finding; remove it (--prune-suppressions does).`,
        ...at(index),
        pointer: pointerOf("suppressions", index),
      });
    }
    for (const { index, entry } of this.expired()) {
      messages.push({
        ruleId: "expired-suppression",
        messageId: "expired-suppression",
        severity: 1,
        message: `Suppression of ${name(entry)} expired on ${String(entry.expires)}; the findings it covered are reported again.`,
        ...at(index),
        pointer: pointerOf("suppressions", index),
      });
    }
    if (messages.length === 0) return null;
    return makeResult(this.loaded.path, messages, { kind: "suppressions" });
  }
}

/**
 * Adds an entry for every current finding (of `rule` only, when given) that no entry covers yet.
 * Existing entries are kept as they are. `fileOf` maps a result to its path relative to the
 * suppressions file.
 */
export function recordSuppressions(
  existing: SuppressionsFile,
  results: readonly LintResult[],
  fileOf: (result: LintResult) => string,
  options: { readonly rule?: string | undefined; readonly reason: string },
): SuppressionsFile {
  const entries = [...existing.suppressions];
  const keys = new Set(entries.map(entryKey));
  for (const result of results) {
    const file = fileOf(result);
    for (const m of result.messages) {
      if (unsuppressible(m.ruleId) || (options.rule !== undefined && m.ruleId !== options.rule)) continue;
      const entry: SuppressionEntry = {
        file,
        ...(result.resource === undefined ? {} : { resource: result.resource }),
        rule: m.ruleId,
        actionId: m.actionId ?? null,
        reason: options.reason,
      };
      const key = entryKey(entry);
      if (keys.has(key)) continue;
      keys.add(key);
      entries.push(entry);
    }
  }
  return { version: 1, suppressions: entries.sort(compareEntries) };
}

/** Drops the entries at the given indexes. */
export function pruneSuppressions(existing: SuppressionsFile, drop: ReadonlySet<number>): SuppressionsFile {
  return { version: 1, suppressions: existing.suppressions.filter((_, i) => !drop.has(i)) };
}

/** The file's text: stable key order, two-space indentation, final newline. */
export function serializeSuppressions(file: SuppressionsFile): string {
  const suppressions = file.suppressions.map((e) => ({
    file: e.file,
    ...(e.resource === undefined ? {} : { resource: e.resource }),
    rule: e.rule,
    actionId: e.actionId,
    ...(e.messageId === undefined ? {} : { messageId: e.messageId }),
    reason: e.reason,
    ...(e.expires === undefined ? {} : { expires: e.expires }),
  }));
  return JSON.stringify({ version: 1, suppressions }, null, 2) + "\n";
}
