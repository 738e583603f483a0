import { FlowGraph } from "./graph/flow-graph.js";
import type { Action, Flow } from "./model/flow.js";
import { legacyPointer } from "./model/legacy.js";
import { escapePointerToken, pointerOf } from "./parse/json-document.js";
import type { HostText, JsonDocument, SourceRange } from "./parse/json-document.js";
import { formatMessage } from "./rule.js";
import type { AnyRule, ProjectReportDescriptor, ProjectRuleContext, ReportDescriptor, RuleContext } from "./rule.js";
import { flowKey, forgetReloadedFlows } from "./project/project.js";
import type { ProjectIndex } from "./project/project.js";
import { makeResult } from "./result.js";
import { fileTooLargeMessage } from "./limits.js";
import type { Limits } from "./limits.js";
import type { LintMessage, LintResult } from "./result.js";
import type { FlowTypeName } from "./catalog/types.js";
import type { EnabledRule } from "./config/rules.js";
import { BUILTIN_DIAGNOSTICS } from "./diagnostics.js";
import type { BuiltinDiagnosticId } from "./diagnostics.js";
import { loadFlow } from "./load.js";
import { createFixer, normaliseEdits } from "./fix/fixer.js";
import type { FixResult, Fixer } from "./fix/fixer.js";
import { FIXABLE_ONLY_IN_EXPORT, fixInFile } from "./fix/apply.js";
import type { Fix } from "./fix/apply.js";
import type { GivenFlowType, LoadOutcome } from "./load.js";

export interface LintTextOptions {
  readonly filePath: string;
  /** The rules to run, or a function giving them for the flow's type (overrides by flow type). */
  readonly rules: readonly EnabledRule[] | ((flowType: FlowTypeName | undefined) => readonly EnabledRule[]);
  /** A flow type from the user (CLI or config) or a container, which wins over `Metadata.type`. */
  readonly flowType?: GivenFlowType | undefined;
  /** A name from the container, which wins over `Metadata.name`. */
  readonly flowName?: string | undefined;
  /** The resource that holds the flow in its host file (embedded flows only). */
  readonly resource?: string | undefined;
  /** Where the text sits in its host file (embedded flows only). */
  readonly host?: HostText | undefined;
  /**
   * True when the user named the file: a JSON file that is not a flow is then reported. When false
   * (found by directory discovery) such a file gives `null`.
   */
  readonly explicit?: boolean;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Input limits (`limits` in the configuration); missing ones are the defaults. */
  readonly limits?: Partial<Limits> | undefined;
}

/** The notice on a pre-2022 designer export (`legacy-format`). */
export const LEGACY_FORMAT_MESSAGE = "Pre-2022 designer export: only the rules that apply to it ran; export it again from the current designer";

/** The result for a file over `limits.maxFileSize` (`size` unknown when reading stopped at the limit). */
export function fileTooLargeResult(filePath: string, size: number | undefined, maxFileSize: number): LintResult {
  return fileResult(filePath, "file-too-large", fileTooLargeMessage(size, maxFileSize));
}

/**
 * A result with one built-in diagnostic at the start of a file: a file that could not be read or
 * decoded, or that is ignored. Diagnostics that are errors mean the file was not linted (`fatal`).
 */
export function fileResult(filePath: string, id: BuiltinDiagnosticId, message: string): LintResult {
  const start: SourceRange = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const m = builtin(id, message, start);
  const fatal = m.severity === 2;
  return makeResult(filePath, [fatal ? { ...m, fatal: true } : m], { kind: fatal ? "unparsable" : "other" });
}

/**
 * Lints one file's text. Never throws for any input: invalid JSON, a file that is not a flow and a
 * rule that throws all become messages in the result. Returns `null` only for a file that is not a
 * flow and was not named explicitly.
 */
export function lintText(text: string, options: LintTextOptions): LintResult | null {
  const loaded = loadFlow(
    text,
    { filePath: options.filePath, flowType: options.flowType, flowName: options.flowName, resource: options.resource, host: options.host },
    { limits: options.limits },
  );
  return lintLoaded(loaded, options);
}

/** Lints what `loadFlow` gave (so a caller that keeps the flow for the project pass loads it once). */
export function lintLoaded(loaded: LoadOutcome, options: LintTextOptions): LintResult | null {
  const { filePath } = options;
  const where = options.resource === undefined ? {} : { resource: options.resource };
  switch (loaded.status) {
    case "failed":
      return makeResult(filePath, [{ ...builtin(loaded.reason, loaded.message, loaded.range), fatal: true }], { kind: "unparsable", ...where });
    case "legacy": {
      // A notice, not an error: the file is a valid flow of the old designer, and the rules that
      // apply to it (meta.legacy) run on its model; only the Flow language's own checks cannot.
      const { flow, document } = loaded;
      const range = document.locate(pointerOf("modules"), { key: true });
      const message = LEGACY_FORMAT_MESSAGE;
      const all = options.rules;
      const rules = (type: FlowTypeName | undefined): readonly EnabledRule[] =>
        (typeof all === "function" ? all(type) : all).filter((r) => r.rule.meta.legacy === true);
      const messages = runRules(document, flow, { ...options, rules });
      messages.push(...duplicateKeyMessages(document, flow));
      return makeResult(filePath, [builtin("legacy-format", message, range), ...messages], { kind: "legacy", flowName: flow.name, flowType: flow.type ?? null, ...where });
    }
    case "other": {
      if (!options.explicit) return null;
      const message = "Not an Amazon Connect flow: expected a JSON object with Version, StartAction and Actions";
      return makeResult(filePath, [builtin("not-a-flow", message, loaded.document.locate(""))], { kind: "other", ...where });
    }
    case "flow": {
      const { flow, document } = loaded;
      const messages = runRules(document, flow, options);
      messages.push(...duplicateKeyMessages(document, flow));
      return makeResult(filePath, messages, { kind: flow.kind, flowName: flow.name, flowType: flow.type ?? null, ...where });
    }
  }
}

/**
 * A `duplicate-key` error at each key written again in an object: JSON.parse (and so everything that
 * reads the flow) keeps the last value and silently drops the first, which hides a defect such as a
 * connector set twice. The message names the key and where it was first written.
 */
export function duplicateKeyMessages(document: JsonDocument, flow: Flow | undefined): LintMessage[] {
  return document.duplicateKeys.map((d) => {
    const range = document.rangeOf({ start: d.start, end: d.end });
    const first = document.rangeOf({ start: d.first, end: d.first });
    const where = first.start.line === range.start.line ? `column ${String(first.start.column)}` : `line ${String(first.start.line)}`;
    const message = `Key ${JSON.stringify(d.key)} is written twice in this object (first at ${where}); only the last value is read, the other is silently ignored`;
    const container = document.containerPointerAt(d.start);
    const pointer = `${container}/${escapePointerToken(d.key)}`;
    const action = flow ? actionOfPointer(flow, pointer) : undefined;
    return { ...builtin("duplicate-key", message, range), pointer, ...(action?.id !== undefined ? { actionId: action.id } : {}) };
  });
}

/** A built-in diagnostic, at its registered severity. */
function builtin(ruleId: BuiltinDiagnosticId, message: string, range: SourceRange): LintMessage {
  return {
    ruleId,
    messageId: ruleId,
    severity: BUILTIN_DIAGNOSTICS.get(ruleId)?.level === "warning" ? 1 : 2,
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
 * one internal-error on the first included file; the other rules still run. The map's keys are
 * `flowKey(filePath, resource)`: the file path for a plain export.
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
        const key = flowKey(file, d.flow.resource);
        const level = options.severityFor ? options.severityFor(file, rule.name, d.flow.flow.type) : severity;
        if (level === 0) return;
        found.push({ file: key, message: toMessage(d.flow.document, d.flow.flow, rule, level, d) });
      },
    };
    try {
      rule.checkProject(context);
      for (const f of found) add(f.file, f.message);
    } catch (error) {
      if (!first) continue;
      const detail = error instanceof Error ? error.message : String(error);
      add(
        flowKey(first.filePath, first.resource),
        builtin("internal-error", `Project rule "${rule.name}" failed: ${detail}. This is a bug in connect-lint; the other rules ran`, first.document.locate("")),
      );
    }
  }
  forgetReloadedFlows();
  return out;
}

export function toMessage(doc: JsonDocument, flow: Flow, rule: AnyRule, severity: 1 | 2, d: ReportDescriptor): LintMessage {
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
  if (flow.kind === "legacy") pointer = legacyPointer(flow, pointer);
  const range = doc.locate(pointer, { key });
  // Fixes are edits of the Flow-language text; a legacy export is read into the model, not edited.
  const fix = d.fix && flow.kind !== "legacy" ? fileFix(doc, d.fix) : undefined;
  const suggestions =
    d.suggest && flow.kind !== "legacy"
      ? d.suggest.flatMap((s) => {
          const f = fileFix(doc, s.fix);
          return f === undefined || f === "container" ? [] : [{ desc: s.desc, fix: f }];
        })
      : [];
  const text = formatMessage(template, d.data);
  const message: LintMessage = {
    ruleId: rule.name,
    messageId: d.messageId,
    severity: d.severity === "warn" ? 1 : severity,
    message: fix === "container" ? `${text} ${FIXABLE_ONLY_IN_EXPORT}` : text,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    pointer,
    ...(action?.id !== undefined ? { actionId: action.id } : {}),
    ...(fix !== undefined && fix !== "container" ? { fix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
  return message;
}

/** The fixers of documents, one per document. */
const fixers = new WeakMap<JsonDocument, Fixer>();

/** A rule's fix as one edit of the file's text; `"container"` when it cannot be made in the container. */
function fileFix(doc: JsonDocument, build: (fixer: Fixer) => FixResult): Fix | "container" | undefined {
  let fixer = fixers.get(doc);
  if (!fixer) {
    fixer = createFixer(doc);
    fixers.set(doc, fixer);
  }
  const edits = normaliseEdits(build(fixer));
  return edits ? fixInFile(doc, edits) : undefined;
}

/** Actions by their position in `Actions`, per flow (non-object entries have no action). */
const actionsByIndex = new WeakMap<Flow, ReadonlyMap<number, Action>>();

function actionOfPointer(flow: Flow, pointer: string): Action | undefined {
  const match = (flow.kind === "legacy" ? /^\/modules\/(\d+)(?:\/|$)/ : /^\/Actions\/(\d+)(?:\/|$)/).exec(pointer);
  if (!match) return undefined;
  let byIndex = actionsByIndex.get(flow);
  if (!byIndex) {
    byIndex = new Map(flow.actions.map((a) => [a.index, a]));
    actionsByIndex.set(flow, byIndex);
  }
  return byIndex.get(Number(match[1]));
}
