/**
 * What `--format html` draws besides the findings: the parsed flows, the cross-flow index and the
 * suppressions' justifications, gathered from what the lint run already has.
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_LIMITS, ProjectIndex, flowKey, projectFlow, today } from "@connect-lint/core";
import type { FileConfig, Flow, Inventory, LintResult, LoadedSuppressions } from "@connect-lint/core";
import type { HtmlReportData, ReportSuppression } from "@connect-lint/reporters";
import { rules } from "@connect-lint/rules";
import { loadFileFlows } from "./lint-file.js";
import type { LoadConfig, ParsedFlow } from "./lint-file.js";

export interface ReportDataInput {
  /** The run's results, after the project pass and suppressions. */
  readonly results: readonly LintResult[];
  /** Flows parsed while linting, by `flowKey(path, resource)`. A flow or module result missing here is drawn only if `readMissing` is set. */
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
  /** The rules the run had on (for any file); compliance rules not among them show as not run. */
  readonly enabledRules?: readonly string[];
  /**
   * Reads and parses a flow or module result that `flows` lacks (files linted by a worker thread or
   * taken from the cache): pass {@link readParsedFlow}. Without it such flows are listed without a diagram.
   */
  readonly readMissing?: (result: LintResult) => ParsedFlow | undefined;
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
    if (result.kind !== "flow" && result.kind !== "module" && result.kind !== "legacy") continue;
    const key = flowKey(result.filePath, result.resource);
    const known = input.flows.get(key) ?? input.readMissing?.(result);
    if (!known) continue;
    flows.set(key, known.flow);
    parsed.set(key, known);
  }
  const project =
    input.project ??
    new ProjectIndex(
      [...parsed.values()].filter((p) => p.flow.kind !== "legacy").map((p) => projectFlow(p.filePath, p.flow, p.document, p.resource, { container: p.container })),
      input.inventory,
    );
  const data: { -readonly [K in keyof HtmlReportData]: HtmlReportData[K] } = { flows, project, complianceRules: COMPLIANCE_RULES };
  if (input.suppressions) data.suppressions = suppressionEntries(input.suppressions, input.today ?? today());
  if (input.generatedAt !== undefined) data.generatedAt = input.generatedAt;
  if (input.title !== undefined) data.title = input.title;
  if (input.enabledRules !== undefined) data.enabledRules = [...input.enabledRules].sort();
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
 * Reads and parses a flow the lint pass did not keep (worker threads, the cache) the way the lint pass
 * does: the flow of `resource` in the file (a plain export has none). Undefined when it cannot be read
 * or is not a flow (the results say why). `flowType` is the type the configuration gives the file.
 */
export function readParsedFlow(
  filePath: string,
  options: { readonly flowType?: FileConfig["flowType"]; readonly resource?: string | undefined; readonly config?: LoadConfig } = {},
): ParsedFlow | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath);
  } catch {
    return undefined;
  }
  const config: LoadConfig = options.config ?? { flowType: options.flowType, limits: DEFAULT_LIMITS, placeholders: [] };
  return loadFileFlows(bytes, filePath, config).find((f) => f.resource === options.resource);
}
