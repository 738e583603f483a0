/**
 * What `--format html` draws besides the findings: the parsed flows, the cross-flow index and the
 * suppressions' justifications, gathered from what the lint run already has.
 */
import fs from "node:fs";
import path from "node:path";
import { ProjectIndex, lintText, projectFlow, today } from "@connect-lint/core";
import type { Flow, FlowTypeName, FlowTypeSource, Inventory, LintResult, LoadedSuppressions } from "@connect-lint/core";
import type { HtmlReportData, ReportSuppression } from "@connect-lint/reporters";
import { rules } from "@connect-lint/rules";
import type { ParsedFlow } from "./project.js";

export interface ReportDataInput {
  /** The run's results, after the project pass and suppressions. */
  readonly results: readonly LintResult[];
  /** Flows parsed while linting, by path. A flow or module result missing here is drawn only if `readMissing` is set. */
  readonly flows: ReadonlyMap<string, ParsedFlow>;
  /** The project index of the run; when absent, one is built from the flows (and `inventory`, if given). */
  readonly project?: ProjectIndex | undefined;
  /** The inventory, to resolve references when the index is built here. */
  readonly inventory?: Inventory | undefined;
  /** The suppressions file of the run, to show each suppressed finding's justification. */
  readonly suppressions?: LoadedSuppressions | undefined;
  /** `YYYY-MM-DD`: entries that expired before it suppressed nothing and are left out. Default: today (UTC). */
  readonly today?: string;
  /** Printed in the report's header; nothing by default, so the report is reproducible. */
  readonly generatedAt?: string;
  readonly title?: string;
  /**
   * Reads and parses a flow or module result that `flows` lacks (files linted by a worker thread or
   * taken from the cache): pass {@link readParsedFlow}. Without it such flows are listed without a diagram.
   */
  readonly readMissing?: (filePath: string, result: LintResult) => ParsedFlow | undefined;
}

/** Ids of the compliance rules (`meta.compliance`), sorted. */
export const COMPLIANCE_RULES: readonly string[] = rules
  .filter((r) => r.meta.compliance === true)
  .map((r) => r.name)
  .sort();

/**
 * Builds `ReporterContext.report` for the `html` reporter. Deterministic: the same input gives the
 * same data (the index orders flows by path).
 */
export function htmlReportData(input: ReportDataInput): HtmlReportData {
  const flows = new Map<string, Flow>();
  const parsed = new Map<string, ParsedFlow>();
  for (const result of input.results) {
    if (result.kind !== "flow" && result.kind !== "module") continue;
    const known = input.flows.get(result.filePath) ?? input.readMissing?.(result.filePath, result);
    if (!known) continue;
    flows.set(result.filePath, known.flow);
    parsed.set(result.filePath, known);
  }
  const project =
    input.project ?? new ProjectIndex([...parsed].map(([file, p]) => projectFlow(file, p.flow, p.document)), input.inventory);
  const data: { -readonly [K in keyof HtmlReportData]: HtmlReportData[K] } = { flows, project, complianceRules: COMPLIANCE_RULES };
  if (input.suppressions) data.suppressions = suppressionEntries(input.suppressions, input.today ?? today());
  if (input.generatedAt !== undefined) data.generatedAt = input.generatedAt;
  if (input.title !== undefined) data.title = input.title;
  return data;
}

/** The entries in force on `day`, with their files made absolute (they are relative to the suppressions file). */
export function suppressionEntries(loaded: LoadedSuppressions, day: string): ReportSuppression[] {
  const dir = path.dirname(loaded.path);
  return loaded.file.suppressions
    .filter((e) => e.expires === undefined || e.expires >= day)
    .map((e) => ({
      filePath: path.resolve(dir, e.file),
      rule: e.rule,
      actionId: e.actionId,
      reason: e.reason,
      ...(e.messageId === undefined ? {} : { messageId: e.messageId }),
      ...(e.expires === undefined ? {} : { expires: e.expires }),
    }));
}

/**
 * Reads and parses a flow file for the report the way the lint pass does (through `lintText`, with no
 * rules); undefined when it cannot be read or is not a flow (the lint results say why). `flowType` is
 * the type the configuration gives the file.
 */
export function readParsedFlow(filePath: string, flowType?: { readonly type: FlowTypeName; readonly source: FlowTypeSource }): ParsedFlow | undefined {
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch {
    return undefined;
  }
  let found: ParsedFlow | undefined;
  lintText(text, {
    filePath,
    rules: [],
    flowType,
    onFlow: (flow, document) => {
      found = { flow, document };
    },
  });
  return found;
}
