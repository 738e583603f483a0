/**
 * One rule on one loaded flow, for hosts that run rules one at a time (the ESLint plugin runs each
 * connect-lint rule as an ESLint rule). The rule code, the message formatting and the position
 * resolution are those of `lintLoaded` (`toMessage`); only the loop over rules is the host's.
 */
import { FlowGraph } from "./graph/flow-graph.js";
import type { Flow } from "./model/flow.js";
import type { JsonDocument, SourceRange } from "./parse/json-document.js";
import type { EnabledRule } from "./config/rules.js";
import type { LintMessage } from "./result.js";
import type { ReportDescriptor, RuleContext } from "./rule.js";
import { toMessage } from "./linter.js";

/** A finding of the rule: the message as the CLI reports it, and the data its template was filled with. */
export interface RuleFinding {
  readonly message: LintMessage;
  readonly data: Readonly<Record<string, string | number>>;
}

export type RuleRunOutcome =
  | { readonly ok: true; readonly findings: readonly RuleFinding[] }
  /** The rule threw: what the CLI reports as `internal-error`, at the start of the document. */
  | { readonly ok: false; readonly message: string; readonly range: SourceRange };

export interface RuleRunOptions {
  readonly filePath: string;
  readonly settings?: Readonly<Record<string, unknown>> | undefined;
  /** The flow's graph, when the host keeps one per flow for several rules. */
  readonly graph?: FlowGraph | undefined;
}

/** The flow's graph, built once per flow and shared by every rule run on it. */
const graphs = new WeakMap<Flow, FlowGraph>();

/** Runs `enabled.rule.check` on one flow. Never throws: a rule that throws is an outcome, not an exception. */
export function runFlowRule(document: JsonDocument, flow: Flow, enabled: EnabledRule, options: RuleRunOptions): RuleRunOutcome {
  const { rule, severity } = enabled;
  let graph = options.graph ?? graphs.get(flow);
  if (!graph) {
    graph = new FlowGraph(flow);
    graphs.set(flow, graph);
  }
  const findings: RuleFinding[] = [];
  const context: RuleContext<object> = {
    flow,
    graph,
    options: enabled.options,
    filePath: options.filePath,
    sourceLength: document.text.length,
    settings: options.settings ?? {},
    report(descriptor: ReportDescriptor): void {
      findings.push({ message: toMessage(document, flow, rule, severity, descriptor), data: descriptor.data ?? {} });
    },
  };
  try {
    rule.check?.(context);
    return { ok: true, findings };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `Rule "${rule.name}" failed on this file: ${detail}. This is a bug in connect-lint; the other rules ran`,
      range: document.locate(""),
    };
  }
}
