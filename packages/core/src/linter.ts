import { Ajv } from "ajv";
import type { ErrorObject } from "ajv";
import { FlowGraph } from "./graph/flow-graph.js";
import { buildFlow, classifyDocument } from "./model/flow.js";
import type { Action, Flow, FlowTypeSource } from "./model/flow.js";
import { parseJson, pointerOf } from "./parse/json-document.js";
import type { JsonDocument, SourceRange } from "./parse/json-document.js";
import { formatMessage } from "./rule.js";
import type { AnyRule, ProjectReportDescriptor, ProjectRuleContext, ReportDescriptor, RuleContext, SeverityName } from "./rule.js";
import type { ProjectIndex } from "./project/project.js";
import { makeResult } from "./result.js";
import { fileTooLargeMessage, resolveLimits } from "./limits.js";
import type { Limits } from "./limits.js";
import type { LintMessage, LintResult } from "./result.js";
import type { FlowTypeName } from "./catalog/types.js";

/** How one rule is configured: a severity, or a severity and options. */
export type RuleSetting = SeverityName | 0 | 1 | 2 | readonly [SeverityName | 0 | 1 | 2, unknown?];

export interface EnabledRule {
  readonly rule: AnyRule;
  readonly severity: 1 | 2;
  readonly options: object;
}

/** A configuration mistake: reported to the user, exit code 2. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const SEVERITIES: Readonly<Record<string, 0 | 1 | 2>> = { off: 0, warn: 1, error: 2, 0: 0, 1: 1, 2: 2 };

let ajvInstance: Ajv | undefined;
function ajv(): Ajv {
  ajvInstance ??= new Ajv({ allErrors: true, strict: false, useDefaults: false });
  return ajvInstance;
}

/** Human text for ajv errors: `/path: message`. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => {
      const where = e.instancePath === "" ? "options" : e.instancePath;
      if (e.keyword === "additionalProperties") return `${where}: unknown property "${String(e.params.additionalProperty)}"`;
      if (e.keyword === "enum") return `${where}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
      return `${where}: ${e.message ?? "is invalid"}`;
    })
    .join("; ");
}

/**
 * Resolves rule settings against the registry: unknown rule names, bad severities and options that
 * do not match a rule's schema are ConfigErrors. Returns the enabled rules in registry order.
 */
export function resolveRules(registry: readonly AnyRule[], settings: Readonly<Record<string, RuleSetting>>): EnabledRule[] {
  const byName = new Map(registry.map((r) => [r.name, r]));
  for (const name of Object.keys(settings)) {
    if (!byName.has(name)) {
      throw new ConfigError(`Unknown rule "${name}".${suggest(name, [...byName.keys()])}`);
    }
  }
  const enabled: EnabledRule[] = [];
  for (const rule of registry) {
    if (!Object.prototype.hasOwnProperty.call(settings, rule.name)) continue;
    const setting: RuleSetting | undefined = settings[rule.name];
    let rawSeverity: unknown = setting;
    let userOptions: unknown = undefined;
    if (Array.isArray(setting)) {
      const tuple: readonly unknown[] = setting;
      rawSeverity = tuple[0];
      userOptions = tuple[1];
    }
    const severity = SEVERITIES[String(rawSeverity)];
    if (severity === undefined) {
      throw new ConfigError(`Rule "${rule.name}": severity must be "off", "warn" or "error" (or 0, 1, 2), got ${JSON.stringify(rawSeverity)}.`);
    }
    if (severity === 0) continue;
    const defaults: object = rule.meta.defaultOptions as object;
    let options: object = defaults;
    if (userOptions !== undefined) {
      const validate = ajv().compile(rule.meta.schema);
      if (!validate(userOptions)) {
        throw new ConfigError(`Rule "${rule.name}": invalid options: ${describeAjvErrors(validate.errors)}.`);
      }
      options = { ...defaults, ...(userOptions as object) };
      const problem = rule.meta.validateOptions?.(options);
      if (problem !== undefined) throw new ConfigError(`Rule "${rule.name}": invalid options: ${problem}.`);
    }
    enabled.push({ rule, severity, options });
  }
  return enabled;
}

function suggest(name: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(name, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` Did you mean "${best}"?` : "";
}

/** Edit distance; small inputs only (names). */
export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

export interface LintTextOptions {
  readonly filePath: string;
  /** The rules to run, or a function giving them for the flow's type (overrides by flow type). */
  readonly rules: readonly EnabledRule[] | ((flowType: FlowTypeName | undefined) => readonly EnabledRule[]);
  /** A flow type from the user (CLI or config), which wins over `Metadata.type`. */
  readonly flowType?: { readonly type: FlowTypeName; readonly source: FlowTypeSource } | undefined;
  /**
   * True when the user named the file: a JSON file that is not a flow is then reported. When false
   * (found by directory discovery) such a file gives `null`.
   */
  readonly explicit?: boolean;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Input limits (`limits` in the configuration); missing ones are the defaults. */
  readonly limits?: Partial<Limits> | undefined;
  /**
   * Called with the flow and its parsed document once the file is known to be a flow or module, so a
   * caller that needs them afterwards (the project pass of the CLI) does not read and parse it again.
   */
  readonly onFlow?: ((flow: Flow, document: JsonDocument) => void) | undefined;
}

/** Built-in diagnostics that are not rules. */
export const BUILTIN_DIAGNOSTICS = ["parse-error", "legacy-format", "not-a-flow", "internal-error", "file-too-large", "too-deeply-nested"] as const;

/** The result for a file over `limits.maxFileSize` (`size` unknown when reading stopped at the limit). */
export function fileTooLargeResult(filePath: string, size: number | undefined, maxFileSize: number): LintResult {
  const message = builtin("file-too-large", 2, fileTooLargeMessage(size, maxFileSize), { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
  return makeResult(filePath, [{ ...message, fatal: true }], { kind: "unparsable" });
}

/**
 * Lints one file's text. Never throws for any input: invalid JSON, a file that is not a flow and a
 * rule that throws all become messages in the result. Returns `null` only for a file that is not a
 * flow and was not named explicitly.
 */
export function lintText(text: string, options: LintTextOptions): LintResult | null {
  const { filePath } = options;
  const limits = resolveLimits(options.limits);
  // Counting UTF-8 bytes costs a pass over the text; a text this short cannot be over the limit.
  if (text.length * 3 > limits.maxFileSize) {
    const size = Buffer.byteLength(text, "utf8");
    if (size > limits.maxFileSize) return fileTooLargeResult(filePath, size, limits.maxFileSize);
  }
  const parsed = parseJson(text, { maxNestingDepth: limits.maxNestingDepth });
  if (!parsed.ok) {
    const message = builtin(parsed.reason ?? "parse-error", 2, parsed.message, parsed.range);
    return makeResult(filePath, [{ ...message, fatal: true }], { kind: "unparsable" });
  }
  const doc = parsed.document;
  const kind = classifyDocument(doc.value);
  if (kind === "legacy") {
    const range = doc.locate(pointerOf("modules"), { key: true });
    const message =
      "This is a legacy export from the pre-2022 flow designer, not the Flow language. Import it into the current flow designer and export it again to lint it";
    return makeResult(filePath, [builtin("legacy-format", 2, message, range)], { kind });
  }
  if (kind === "other") {
    if (!options.explicit) return null;
    const message = "Not an Amazon Connect flow: expected a JSON object with Version, StartAction and Actions";
    return makeResult(filePath, [builtin("not-a-flow", 2, message, doc.locate(""))], { kind });
  }
  const flow = buildFlow(doc.value as Record<string, unknown>, kind, { filePath, flowType: options.flowType });
  options.onFlow?.(flow, doc);
  const messages = runRules(doc, flow, options);
  return makeResult(filePath, messages, { kind, flowName: flow.name, flowType: flow.type ?? null });
}

function builtin(ruleId: string, severity: 1 | 2, message: string, range: SourceRange): LintMessage {
  return {
    ruleId,
    messageId: ruleId,
    severity,
    message,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

function runRules(doc: JsonDocument, flow: Flow, options: LintTextOptions): LintMessage[] {
  const graph = new FlowGraph(flow);
  const messages: LintMessage[] = [];
  const settings = options.settings ?? {};
  const enabled = typeof options.rules === "function" ? options.rules(flow.type) : options.rules;
  for (const { rule, severity, options: ruleOptions } of enabled) {
    const found: LintMessage[] = [];
    const context: RuleContext<object> = {
      flow,
      graph,
      options: ruleOptions,
      filePath: options.filePath,
      sourceLength: doc.text.length,
      settings,
      report(descriptor: ReportDescriptor): void {
        found.push(toMessage(doc, flow, rule, severity, descriptor));
      },
    };
    try {
      rule.check?.(context);
      messages.push(...found);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      messages.push(
        builtin(
          "internal-error",
          2,
          `Rule "${rule.name}" failed on this file: ${detail}. This is a bug in connect-lint; the other rules ran`,
          doc.locate(""),
        ),
      );
    }
  }
  return messages;
}

export interface LintProjectOptions {
  /** The enabled rules; only those with `checkProject` run. */
  readonly rules: readonly EnabledRule[];
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Files whose findings are wanted (the files being linted); others of the project are context. */
  readonly include: (filePath: string) => boolean;
  /**
   * The severity a rule has for one file after overrides (0 drops the finding), when it differs
   * from the severity the rule was enabled with.
   */
  readonly severityFor?: (filePath: string, ruleName: string, flowType: FlowTypeName | undefined) => 0 | 1 | 2;
}

/**
 * Runs the project rules once over the whole project. Findings are attributed to the file and
 * position where they are written; only files `include` accepts get them. A rule that throws gives
 * one internal-error on the first included file; the other rules still run.
 */
export function lintProject(project: ProjectIndex, options: LintProjectOptions): Map<string, LintMessage[]> {
  const out = new Map<string, LintMessage[]>();
  const add = (file: string, m: LintMessage): void => {
    const list = out.get(file);
    if (list) list.push(m);
    else out.set(file, [m]);
  };
  const first = project.flows.find((f) => options.include(f.filePath));
  for (const { rule, severity, options: ruleOptions } of options.rules) {
    if (!rule.checkProject) continue;
    const found: { file: string; message: LintMessage }[] = [];
    const context: ProjectRuleContext<object> = {
      project,
      options: ruleOptions,
      settings: options.settings ?? {},
      strictReferences: options.settings?.strictReferences === true,
      report(d: ProjectReportDescriptor): void {
        const file = d.flow.filePath;
        if (!options.include(file)) return;
        const level = options.severityFor ? options.severityFor(file, rule.name, d.flow.flow.type) : severity;
        if (level === 0) return;
        found.push({ file, message: toMessage(d.flow.document, d.flow.flow, rule, level, d) });
      },
    };
    try {
      rule.checkProject(context);
      for (const f of found) add(f.file, f.message);
    } catch (error) {
      if (!first) continue;
      const detail = error instanceof Error ? error.message : String(error);
      add(
        first.filePath,
        builtin("internal-error", 2, `Project rule "${rule.name}" failed: ${detail}. This is a bug in connect-lint; the other rules ran`, first.document.locate("")),
      );
    }
  }
  return out;
}

function toMessage(doc: JsonDocument, flow: Flow, rule: AnyRule, severity: 1 | 2, d: ReportDescriptor): LintMessage {
  const template = rule.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`rule ${rule.name} reported unknown messageId "${d.messageId}"`);
  let pointer: string;
  let key = false;
  let action: Action | undefined;
  if ("pointer" in d.at) {
    pointer = d.at.pointer;
    key = d.at.key ?? false;
    action = d.at.action ?? actionOfPointer(flow, pointer);
  } else {
    const at = d.at;
    action = typeof at.action === "string" ? flow.actionsById.get(at.action) : at.action;
    if (!action) throw new Error(`rule ${rule.name} reported on unknown block ${JSON.stringify(at.action)}`);
    const property = at.property ?? "Identifier";
    pointer = Object.prototype.hasOwnProperty.call(action.raw, property) ? `${action.pointer}/${property}` : action.pointer;
  }
  const range = doc.locate(pointer, { key });
  const message: LintMessage = {
    ruleId: rule.name,
    messageId: d.messageId,
    severity: d.severity === "warn" ? 1 : severity,
    message: formatMessage(template, d.data),
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    pointer,
    ...(action?.id !== undefined ? { actionId: action.id } : {}),
  };
  return message;
}

/** Actions by their position in `Actions`, per flow (non-object entries have no action). */
const actionsByIndex = new WeakMap<Flow, ReadonlyMap<number, Action>>();

function actionOfPointer(flow: Flow, pointer: string): Action | undefined {
  const match = /^\/Actions\/(\d+)(?:\/|$)/.exec(pointer);
  if (!match) return undefined;
  let byIndex = actionsByIndex.get(flow);
  if (!byIndex) {
    byIndex = new Map(flow.actions.map((a) => [a.index, a]));
    actionsByIndex.set(flow, byIndex);
  }
  return byIndex.get(Number(match[1]));
}
