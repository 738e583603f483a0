import { compareStrings, flowKey } from "@connect-lint/core";
import type { Flow, LintMessage, LintResult } from "@connect-lint/core";
import { CSS, SCRIPT } from "./html/assets.js";
import type { HtmlReportData, ReportSuppression } from "./html/data.js";
import { blockKey, blockName, blockTypeLabel, drawFlow } from "./html/diagram.js";
import type { BlockFindings, BlockMark } from "./html/diagram.js";
import { esc } from "./html/escape.js";
import { drawProjectMap, flowTypeName } from "./html/project-map.js";
import { count, describeRule, displayFile, plural } from "./shared.js";
import type { Reporter, ReporterContext } from "./types.js";

/**
 * Above this many blocks over all diagrams, diagrams are kept in inert `<template>`s inside closed
 * sections and drawn when opened: a report of hundreds of flows then opens at once.
 */
export const HTML_INLINE_BLOCKS = 1500;
/** Above this many nodes, the project map is drawn when its section is opened. */
const MAP_INLINE_NODES = 150;

type Severity = "error" | "warning" | "suppressed";

interface Row {
  readonly message: LintMessage;
  readonly severity: Severity;
  readonly block: string | undefined;
  readonly suppression: ReportSuppression | undefined;
}

interface FileEntry {
  readonly key: string;
  readonly result: LintResult;
  readonly file: string;
  readonly flow: Flow | undefined;
  readonly rows: readonly Row[];
}

const ACTION_POINTER = /^\/Actions\/(\d+)(?:\/|$)/;

/** The block a finding is about: its `actionId`, else the action its JSON pointer is inside. */
function blockOf(flow: Flow | undefined, m: LintMessage): string | undefined {
  if (!flow) return undefined;
  if (m.actionId !== undefined) {
    const action = flow.actionsById.get(m.actionId);
    if (action) return blockKey(action);
  }
  const match = m.pointer === undefined ? null : ACTION_POINTER.exec(m.pointer);
  if (match) {
    const index = Number(match[1]);
    const action = flow.actions.find((a) => a.index === index);
    if (action) return blockKey(action);
  }
  return undefined;
}

function findSuppression(entries: readonly ReportSuppression[], result: LintResult, m: LintMessage): ReportSuppression | undefined {
  return entries.find(
    (e) => e.filePath === result.filePath && e.rule === m.ruleId && e.actionId === (m.actionId ?? null) && (e.messageId === undefined || e.messageId === m.messageId),
  );
}

function fileEntries(results: readonly LintResult[], context: ReporterContext, data: HtmlReportData): FileEntry[] {
  const entries: FileEntry[] = [];
  for (const result of results) {
    const flow = data.flows?.get(flowKey(result.filePath, result.resource));
    if (!flow && result.messages.length === 0 && result.suppressedMessages.length === 0) continue;
    const rows: Row[] = [
      ...result.messages.map((message) => ({ message, severity: message.severity === 2 ? ("error" as const) : ("warning" as const), block: blockOf(flow, message), suppression: undefined })),
      ...result.suppressedMessages.map((message) => ({
        message,
        severity: "suppressed" as const,
        block: blockOf(flow, message),
        suppression: findSuppression(data.suppressions ?? [], result, message),
      })),
    ];
    rows.sort(
      (a, b) =>
        a.message.line - b.message.line ||
        a.message.column - b.message.column ||
        compareStrings(a.message.ruleId, b.message.ruleId) ||
        compareStrings(a.message.message, b.message.message) ||
        compareStrings(a.severity, b.severity),
    );
    entries.push({ key: `f${String(entries.length)}`, result, file: displayFile(result.filePath, context.cwd), flow, rows });
  }
  return entries;
}

function blockMarks(rows: readonly Row[]): Map<string, BlockFindings> {
  const marks = new Map<string, { errors: number; warnings: number; suppressed: number }>();
  for (const row of rows) {
    if (row.block === undefined) continue;
    const m = marks.get(row.block) ?? { errors: 0, warnings: 0, suppressed: 0 };
    if (row.severity === "error") m.errors++;
    else if (row.severity === "warning") m.warnings++;
    else m.suppressed++;
    marks.set(row.block, m);
  }
  const out = new Map<string, BlockFindings>();
  for (const [key, m] of marks) {
    const mark: BlockMark = m.errors > 0 ? "error" : m.warnings > 0 ? "warning" : "suppressed";
    out.set(key, { mark, ...m });
  }
  return out;
}

function ruleLink(ruleId: string, context: ReporterContext): string {
  const { helpUri, description } = describeRule(ruleId, context.rules);
  const title = description === undefined ? "" : ` title="${esc(description)}"`;
  return helpUri === undefined ? `<code${title}>${esc(ruleId)}</code>` : `<a href="${esc(helpUri)}"${title}><code>${esc(ruleId)}</code></a>`;
}

function blockCell(entry: FileEntry, row: Row): string {
  const flow = entry.flow;
  const action = row.block === undefined || !flow ? undefined : flow.actions.find((a) => blockKey(a) === row.block);
  if (flow && action) return `<strong>${esc(blockTypeLabel(action))}</strong><br><span class="muted">${esc(blockName(flow, action))}</span>`;
  if (row.message.actionId !== undefined) return `<code>${esc(row.message.actionId)}</code>`;
  return `<span class="muted">\u2014</span>`;
}

function findingRow(entry: FileEntry, row: Row, context: ReporterContext): string {
  const m = row.message;
  const attrs = [`data-sev="${row.severity}"`, `data-rule="${esc(m.ruleId)}"`, row.block === undefined ? "" : `data-block="${row.block}"`, row.severity === "suppressed" ? `class="sup"` : ""]
    .filter((a) => a !== "")
    .join(" ");
  let reason = "";
  if (row.severity === "suppressed") {
    const s = row.suppression;
    reason = s
      ? `<span class="reason">Suppressed: ${esc(s.reason)}${s.expires === undefined ? "" : ` (until ${esc(s.expires)})`}</span>`
      : `<span class="reason">Suppressed.</span>`;
  }
  const label = row.severity === "suppressed" ? "suppressed" : row.severity;
  return (
    `<tr ${attrs}><td><span class="sev ${row.severity}">${label}</span></td><td>${blockCell(entry, row)}</td>` +
    `<td class="num">${String(m.line)}:${String(m.column)}</td><td class="msg">${esc(m.message)}${reason}</td><td>${ruleLink(m.ruleId, context)}</td></tr>`
  );
}

function kindLabel(result: LintResult): string {
  switch (result.kind) {
    case "flow":
      return flowTypeName(result.flowType);
    case "module":
      return "Flow module";
    case "legacy":
      return "Legacy export";
    case "unparsable":
      return "Not valid JSON";
    case "suppressions":
      return "Suppressions file";
    case "other":
      return "Not a flow";
  }
}

function pills(result: LintResult, suppressed: number): string {
  const out: string[] = [];
  if (result.errorCount > 0) out.push(`<span class="pill error">${plural(result.errorCount, "error")}</span>`);
  if (result.warningCount > 0) out.push(`<span class="pill warning">${plural(result.warningCount, "warning")}</span>`);
  if (suppressed > 0) out.push(`<span class="pill">${String(suppressed)} suppressed</span>`);
  if (out.length === 0) out.push(`<span class="pill clean">no findings</span>`);
  return out.join("");
}

function fileSection(entry: FileEntry, context: ReporterContext, lazy: boolean): string {
  const r = entry.result;
  const name = entry.flow?.name ?? r.flowName ?? entry.file;
  let out = `<section class="file" id="file-${entry.key}" data-flow="${entry.key}">`;
  out += `<h3><span>${esc(name)}</span><span class="pill">${esc(kindLabel(r))}</span>${pills(r, r.suppressedMessages.length)}${name === entry.file ? "" : `<span class="path">${esc(entry.file)}</span>`}</h3>`;
  if (entry.flow) {
    const d = drawFlow(entry.flow, entry.key, blockMarks(entry.rows));
    const facts = [
      plural(d.blocks, "block"),
      d.layout === "designer" ? "designer layout" : d.unpositioned === d.blocks ? "automatic layout (no designer positions)" : `automatic layout (${plural(d.unpositioned, "block")} without a designer position)`,
      d.unreachable > 0 ? `${String(d.unreachable)} unreachable` : "",
      d.dangling > 0 ? plural(d.dangling, "dangling connector") : "",
    ].filter((f) => f !== "");
    out += `<details class="diagram"${lazy ? "" : " open"}><summary>Diagram: ${esc(facts.join(" \u00b7 "))}</summary>`;
    out += `<div class="tools"><button type="button" data-zoom="in" title="Zoom in">+</button><button type="button" data-zoom="out" title="Zoom out">\u2212</button><button type="button" data-zoom="fit">Fit</button><button type="button" data-zoom="1" title="Actual size">100%</button><span>Drag to pan; Ctrl + wheel to zoom; click a block to see its findings.</span></div>`;
    out += `<div class="canvas">${lazy ? `<template>${d.svg}</template>` : d.svg}</div></details>`;
  }
  if (entry.rows.length === 0) out += `<p class="empty">No findings.</p>`;
  else {
    out += `<table class="findings"><thead><tr><th>Severity</th><th>Block</th><th class="num">Line</th><th>Message</th><th>Rule</th></tr></thead><tbody>`;
    out += entry.rows.map((row) => findingRow(entry, row, context)).join("");
    out += `</tbody></table>`;
  }
  return `${out}</section>`;
}

interface Tally {
  errors: number;
  warnings: number;
  suppressed: number;
  files: number;
}

function tally(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) {
    t = { errors: 0, warnings: 0, suppressed: 0, files: 0 };
    map.set(key, t);
  }
  return t;
}

function summary(entries: readonly FileEntry[], results: readonly LintResult[], context: ReporterContext, data: HtmlReportData): string {
  const c = count(results);
  const flows = results.filter((r) => r.kind === "flow").length;
  const modules = results.filter((r) => r.kind === "module").length;
  const card = (n: number, label: string, cls = ""): string => `<div class="card${cls === "" ? "" : ` ${cls}`}"><div class="n">${String(n)}</div><div class="l">${esc(label)}</div></div>`;
  let out = `<section class="panel" id="summary"><h2>Summary</h2><div class="cards">`;
  out += card(flows, "Flows linted") + card(modules, "Modules linted") + card(results.length - flows - modules, "Other files");
  out += card(c.errors, "Errors", "error") + card(c.warnings, "Warnings", "warning") + card(c.suppressed, "Suppressed", "suppressed") + `</div>`;

  const byRule = new Map<string, Tally>();
  const byType = new Map<string, Tally>();
  for (const e of entries) {
    for (const row of e.rows) {
      const t = tally(byRule, row.message.ruleId);
      if (row.severity === "error") t.errors++;
      else if (row.severity === "warning") t.warnings++;
      else t.suppressed++;
    }
  }
  for (const r of results) {
    if (r.kind !== "flow" && r.kind !== "module") continue;
    const t = tally(byType, r.kind === "module" ? "Flow module" : flowTypeName(r.flowType));
    t.files++;
    t.errors += r.errorCount;
    t.warnings += r.warningCount;
    t.suppressed += r.suppressedMessages.length;
  }
  const numCells = (t: Tally): string => `<td class="num">${String(t.errors)}</td><td class="num">${String(t.warnings)}</td><td class="num">${String(t.suppressed)}</td>`;
  out += `<div class="grid"><div><h3>Findings by rule</h3>`;
  if (byRule.size === 0) out += `<p class="empty">No findings.</p>`;
  else {
    out += `<table><thead><tr><th>Rule</th><th class="num">Errors</th><th class="num">Warnings</th><th class="num">Suppressed</th></tr></thead><tbody>`;
    for (const [rule, t] of [...byRule].sort((a, b) => compareStrings(a[0], b[0]))) out += `<tr><td>${ruleLink(rule, context)}</td>${numCells(t)}</tr>`;
    out += `</tbody></table>`;
  }
  out += `</div><div><h3>Findings by flow type</h3>`;
  if (byType.size === 0) out += `<p class="empty">No flows.</p>`;
  else {
    out += `<table><thead><tr><th>Flow type</th><th class="num">Files</th><th class="num">Errors</th><th class="num">Warnings</th><th class="num">Suppressed</th></tr></thead><tbody>`;
    for (const [type, t] of [...byType].sort((a, b) => compareStrings(a[0], b[0]))) out += `<tr><td>${esc(type)}</td><td class="num">${String(t.files)}</td>${numCells(t)}</tr>`;
    out += `</tbody></table>`;
  }
  out += `</div></div>`;

  if (data.complianceRules !== undefined && data.complianceRules.length > 0) {
    out += `<h3 id="compliance">Compliance rules</h3><table><thead><tr><th>Rule</th><th>What it checks</th><th>Result</th></tr></thead><tbody>`;
    for (const rule of [...data.complianceRules].sort(compareStrings)) {
      const t = byRule.get(rule);
      const { description } = describeRule(rule, context.rules);
      const active = (t?.errors ?? 0) + (t?.warnings ?? 0);
      const parts = [t && t.errors > 0 ? plural(t.errors, "error") : "", t && t.warnings > 0 ? plural(t.warnings, "warning") : "", t && t.suppressed > 0 ? `${String(t.suppressed)} suppressed` : ""].filter((p) => p !== "");
      const ran = data.enabledRules === undefined || data.enabledRules.includes(rule);
      const result = !ran
        ? `<span class="muted">Not run: off in the configuration</span>`
        : active === 0
          ? `<span class="pass">Passed</span>${parts.length > 0 ? ` <span class="muted">(${parts.join(", ")})</span>` : ""}`
          : `<span class="fail">Failed</span>: ${parts.join(", ")}`;
      out += `<tr><td>${ruleLink(rule, context)}</td><td>${esc(description ?? "")}</td><td>${result}</td></tr>`;
    }
    out += `</tbody></table><p class="muted">A rule off in the configuration did not run and proves nothing; audit runs should extend the <code>compliance</code> preset.</p>`;
  }

  out += `<h3 id="suppressions">Suppressions</h3>`;
  const suppressed = entries.flatMap((e) => e.rows.filter((r) => r.severity === "suppressed").map((row) => ({ e, row })));
  if (suppressed.length === 0) out += `<p class="empty">No finding was suppressed.</p>`;
  else {
    out += `<table><thead><tr><th>File</th><th>Block</th><th>Rule</th><th>Finding</th><th>Justification</th><th>Expires</th></tr></thead><tbody>`;
    for (const { e, row } of suppressed) {
      const s = row.suppression;
      out += `<tr><td><a href="#file-${e.key}">${esc(e.file)}</a></td><td>${blockCell(e, row)}</td><td>${ruleLink(row.message.ruleId, context)}</td><td>${esc(row.message.message)}</td>`;
      out += `<td>${s ? esc(s.reason) : `<span class="muted">not recorded</span>`}</td><td>${s?.expires === undefined ? "\u2014" : esc(s.expires)}</td></tr>`;
    }
    out += `</tbody></table>`;
  }
  return `${out}</section>`;
}

function projectSection(entries: readonly FileEntry[], data: HtmlReportData): string {
  const project = data.project;
  if (!project || project.flows.length === 0) return "";
  const anchors = new Map(entries.map((e) => [e.result.filePath, `file-${e.key}`] as const));
  const map = drawProjectMap(project, anchors);
  const lazy = map.nodes > MAP_INLINE_NODES;
  let out = `<section class="panel" id="project"><h2>Project map</h2>`;
  out += `<p class="muted">${plural(project.flows.length, "flow")} and modules; ${plural(map.edges, "link")}${map.broken > 0 ? `, <strong class="fail">${plural(map.broken, "broken reference")}</strong>` : ""}${map.dynamic > 0 ? `; ${plural(map.dynamic, "reference")} computed at run time or filled in at deployment, not drawn` : ""}. Click a flow to go to its diagram.</p>`;
  out += `<div class="legend"><span><i></i>transfer</span><span><i class="module"></i>module invocation</span><span><i class="hook"></i>event hook</span><span><i class="broken"></i>broken reference</span></div>`;
  out += `<details class="diagram"${lazy ? "" : " open"}><summary>Map: ${plural(map.nodes, "node")}</summary>`;
  out += `<div class="tools"><button type="button" data-zoom="in" title="Zoom in">+</button><button type="button" data-zoom="out" title="Zoom out">\u2212</button><button type="button" data-zoom="fit">Fit</button><button type="button" data-zoom="1" title="Actual size">100%</button><span>Drag to pan; Ctrl + wheel to zoom.</span></div>`;
  out += `<div class="canvas">${lazy ? `<template>${map.svg}</template>` : map.svg}</div></details></section>`;
  return out;
}

/**
 * A self-contained HTML audit report: summary, project map, a diagram per flow with its findings
 * marked, every finding with its rule's documentation, filterable. No network access, no time stamp
 * unless `context.report.generatedAt` is given: the same input gives the same bytes.
 */
export const html: Reporter = (results, context) => {
  const data: HtmlReportData = context.report ?? {};
  const entries = fileEntries(results, context, data);
  const totalBlocks = entries.reduce((n, e) => n + (e.flow?.actions.length ?? 0), 0);
  const lazy = totalBlocks > HTML_INLINE_BLOCKS;
  const title = data.title ?? "connect-lint audit report";
  const c = count(results);
  const rules = [...new Set(entries.flatMap((e) => e.rows.map((r) => r.message.ruleId)))].sort(compareStrings);
  const meta = [`connect-lint ${context.version}`, plural(results.length, "file"), `${plural(c.errors, "error")}, ${plural(c.warnings, "warning")}, ${String(c.suppressed)} suppressed`];
  if (data.generatedAt !== undefined) meta.push(`generated ${data.generatedAt}`);

  let out = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`;
  out += `<meta name="generator" content="connect-lint ${esc(context.version)}"><title>${esc(title)}</title><style>${CSS}</style></head><body>`;
  out += `<header class="top"><h1>${esc(title)}</h1><p>${esc(meta.join(" \u00b7 "))}</p></header>`;
  out += `<nav class="toc"><a href="#summary">Summary</a>${data.complianceRules?.length ? `<a href="#compliance">Compliance</a>` : ""}<a href="#suppressions">Suppressions</a>${data.project && data.project.flows.length > 0 ? `<a href="#project">Project map</a>` : ""}<a href="#findings">Flows and findings</a></nav><main>`;
  out += summary(entries, results, context, data);
  out += projectSection(entries, data);
  out += `<section class="panel" id="findings"><h2>Flows and findings</h2>`;
  out += `<div class="filters"><strong>Show</strong>`;
  for (const [value, label] of [["error", "Errors"], ["warning", "Warnings"], ["suppressed", "Suppressed"]] as const) {
    out += `<label><input type="checkbox" data-filter-sev value="${value}" checked> ${label}</label>`;
  }
  out += `<label>Rule <select id="filter-rule"><option value="">All rules</option>${rules.map((r) => `<option value="${esc(r)}">${esc(r)}</option>`).join("")}</select></label>`;
  const total = entries.reduce((n, e) => n + e.rows.length, 0);
  out += `<span class="shown" id="filter-shown">Showing ${String(total)} of ${String(total)} findings</span></div>`;
  if (lazy) out += `<p class="muted">${plural(totalBlocks, "block")} in all: open a flow's diagram to draw it.</p>`;
  if (entries.length === 0) out += `<p class="empty">No files.</p>`;
  out += entries.map((e) => fileSection(e, context, lazy)).join("");
  out += `</section></main><footer>Generated by connect-lint ${esc(context.version)}. This report is self-contained: it loads nothing from the network.</footer>`;
  out += `<script>${SCRIPT}</script></body></html>\n`;
  return out;
};
