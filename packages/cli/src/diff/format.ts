/** The three shapes of `connect-lint diff` output: stylish (a terminal), json (tools) and markdown (a pull-request comment). */
import { blockLabel } from "@connect-lint/core";
import type { BlockRef, FlowDiff, LintMessage, ValueChange } from "@connect-lint/core";
import type { FileDiff } from "./command.js";

export type DiffFormat = "stylish" | "json" | "markdown";

/** GitHub refuses comments over 65,536 characters; the markdown stays under this. */
export const MARKDOWN_LIMIT = 60_000;

/** The designer's name of a block type (`Play prompt` for `MessageParticipant`), else the type as written. */
function typeName(ref: BlockRef): string {
  return blockLabel(ref.type ?? undefined);
}

function block(ref: BlockRef | null): string {
  if (!ref) return "(unconnected)";
  if (ref.name === ref.id) return `${typeName(ref)} "${ref.id}"`;
  const name = ref.name.startsWith("“") ? ref.name : `"${ref.name}"`;
  return `${typeName(ref)} ${name} (${ref.id})`;
}

function value(v: string | null, max = 60): string {
  if (v === null) return "(absent)";
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

function change(c: ValueChange): string {
  return `${c.path}: ${value(c.before)} → ${value(c.after)}`;
}

function finding(m: LintMessage): string {
  return `${m.severity === 2 ? "error" : "warning"}  ${m.ruleId}  ${m.message}`;
}

function counts(f: FileDiff): string {
  return `${String(f.findings.introduced.length)} introduced, ${String(f.findings.fixed.length)} fixed`;
}

function stylishDiff(d: FlowDiff, out: string[]): void {
  for (const c of d.flow) out.push(`  ~ flow ${change(c)}`);
  if (d.start) out.push(`  ~ start: ${block(d.start.before)} → ${block(d.start.after)}`);
  for (const b of d.blocks.added) out.push(`  + ${block(b)}`);
  for (const b of d.blocks.removed) out.push(`  - ${block(b)}`);
  for (const b of d.blocks.changed) {
    out.push(`  ~ ${block(b)}`);
    for (const c of b.changes) out.push(`      ${change(c)}`);
  }
  for (const c of d.connectors) out.push(`  ↪ ${block(c.from)} [${c.connector}]: ${block(c.before)} → ${block(c.after)}`);
  if (d.moved > 0) out.push(`  ⋯ ${String(d.moved)} block${d.moved === 1 ? "" : "s"} moved on the canvas (layout only)`);
}

function stylish(files: readonly FileDiff[]): string {
  if (files.length === 0) return "No flow changed.\n";
  const out: string[] = [];
  for (const f of files) {
    out.push("", `${f.path}${f.resource === undefined ? "" : ` [${f.resource}]`} (${f.status}${f.flowName === f.path ? "" : `: ${f.flowName}`})`);
    if (f.problem !== undefined) out.push(`  ! ${f.problem}`);
    const header = out.length;
    if (f.diff) stylishDiff(f.diff, out);
    if (f.diff && out.length === header) out.push("  (no change to the flow's content)");
    out.push(`  findings: ${counts(f)}`);
    for (const m of f.findings.introduced) out.push(`    + ${finding(m)}`);
    for (const m of f.findings.fixed) out.push(`    - ${finding(m)}`);
  }
  const introduced = files.reduce((n, f) => n + f.findings.introduced.length, 0);
  const fixed = files.reduce((n, f) => n + f.findings.fixed.length, 0);
  out.push("", `${String(files.length)} flow file${files.length === 1 ? "" : "s"} changed; findings: ${String(introduced)} introduced, ${String(fixed)} fixed`);
  return `${out.join("\n")}\n`;
}

function jsonFinding(m: LintMessage): object {
  return { ruleId: m.ruleId, messageId: m.messageId, severity: m.severity, message: m.message, line: m.line, column: m.column, actionId: m.actionId ?? null };
}

function json(files: readonly FileDiff[]): string {
  const out = files.map((f) => ({
    path: f.path,
    ...(f.resource === undefined ? {} : { resource: f.resource }),
    flowName: f.flowName,
    status: f.status,
    ...(f.problem === undefined ? {} : { problem: f.problem }),
    blocks: f.diff ? f.diff.blocks : { added: [], removed: [], changed: [] },
    connectors: f.diff ? f.diff.connectors : [],
    start: f.diff?.start ?? null,
    moved: f.diff?.moved ?? 0,
    flow: f.diff?.flow ?? [],
    findings: { introduced: f.findings.introduced.map(jsonFinding), fixed: f.findings.fixed.map(jsonFinding) },
  }));
  return `${JSON.stringify({ version: 1, files: out }, null, 2)}\n`;
}

function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, "\\$1");
}

/** A Mermaid id for a block id. */
function nodeId(id: string): string {
  return `b_${id.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

function mermaidLabel(ref: BlockRef): string {
  return `${typeName(ref)}: ${ref.name}`.replace(/"/g, "'").slice(0, 60);
}

/** A Mermaid graph of the changed part of the flow: changed, added and removed blocks and rewired connectors. */
function mermaid(d: FlowDiff): string | undefined {
  const nodes = new Map<string, { ref: BlockRef; cls: string }>();
  const put = (ref: BlockRef | null, cls: string): void => {
    if (ref && (!nodes.has(ref.id) || cls !== "plain")) nodes.set(ref.id, { ref, cls });
  };
  for (const b of d.blocks.added) put(b, "added");
  for (const b of d.blocks.removed) put(b, "removed");
  for (const b of d.blocks.changed) put(b, "changed");
  const edges: string[] = [];
  for (const c of d.connectors) {
    put(c.from, nodes.get(c.from.id)?.cls ?? "plain");
    put(c.before, nodes.get(c.before?.id ?? "")?.cls ?? "plain");
    put(c.after, nodes.get(c.after?.id ?? "")?.cls ?? "plain");
    const label = c.connector.replace(/"/g, "'");
    if (c.before) edges.push(`  ${nodeId(c.from.id)} -. "${label} (before)" .-> ${nodeId(c.before.id)}`);
    if (c.after) edges.push(`  ${nodeId(c.from.id)} -- "${label}" --> ${nodeId(c.after.id)}`);
  }
  if (nodes.size === 0) return undefined;
  const lines = ["```mermaid", "flowchart LR"];
  for (const [id, { ref, cls }] of [...nodes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`  ${nodeId(id)}["${mermaidLabel(ref)}"]${cls === "plain" ? "" : `:::${cls}`}`);
  }
  lines.push(...edges);
  lines.push("  classDef added fill:#d4f8d4,stroke:#2a7a2a", "  classDef removed fill:#f8d4d4,stroke:#a32,stroke-dasharray: 4", "  classDef changed fill:#fff3c4,stroke:#a80");
  lines.push("```");
  return lines.join("\n");
}

function markdownFile(f: FileDiff): string {
  const out: string[] = [`### \`${f.path}\`${f.resource === undefined ? "" : ` [${md(f.resource)}]`} — ${f.status}${f.flowName === f.path ? "" : ` (${md(f.flowName)})`}`, ""];
  if (f.problem !== undefined) out.push(`> ${md(f.problem)}`, "");
  const d = f.diff;
  if (d) {
    const rows: string[] = [];
    for (const c of d.flow) rows.push(`| ~ | flow | ${md(change(c))} |`);
    if (d.start) rows.push(`| ~ | start | ${md(block(d.start.before))} → ${md(block(d.start.after))} |`);
    for (const b of d.blocks.added) rows.push(`| + | ${md(block(b))} | added |`);
    for (const b of d.blocks.removed) rows.push(`| − | ${md(block(b))} | removed |`);
    for (const b of d.blocks.changed) rows.push(`| ~ | ${md(block(b))} | ${b.changes.map((c) => md(change(c))).join("<br>")} |`);
    for (const c of d.connectors) rows.push(`| ↪ | ${md(block(c.from))} \\[${md(c.connector)}\\] | ${md(block(c.before))} → ${md(block(c.after))} |`);
    if (rows.length > 0) out.push("| | block | change |", "| --- | --- | --- |", ...rows, "");
    if (d.moved > 0) out.push(`${String(d.moved)} block${d.moved === 1 ? "" : "s"} moved on the canvas (layout only).`, "");
    const graph = mermaid(d);
    if (graph) out.push(graph, "");
  }
  out.push(`**Findings:** ${counts(f)}`, "");
  for (const m of f.findings.introduced) out.push(`- 🆕 **${m.severity === 2 ? "error" : "warning"}** \`${m.ruleId}\` ${md(m.message)}`);
  for (const m of f.findings.fixed) out.push(`- ✅ fixed \`${m.ruleId}\` ${md(m.message)}`);
  return `${out.join("\n")}\n`;
}

function markdown(files: readonly FileDiff[]): string {
  const introduced = files.reduce((n, f) => n + f.findings.introduced.length, 0);
  const errors = files.reduce((n, f) => n + f.findings.introduced.filter((m) => m.severity === 2).length, 0);
  const fixed = files.reduce((n, f) => n + f.findings.fixed.length, 0);
  const head = `## connect-lint: flow changes\n\n${String(files.length)} flow file${files.length === 1 ? "" : "s"} changed; findings ${String(introduced)} introduced (${String(errors)} error${errors === 1 ? "" : "s"}), ${String(fixed)} fixed.\n\n`;
  let body = "";
  let shown = 0;
  for (const f of files) {
    const part = markdownFile(f);
    if (head.length + body.length + part.length > MARKDOWN_LIMIT) break;
    body += part + "\n";
    shown++;
  }
  const rest = files.length - shown;
  const tail = rest > 0 ? `\n_${String(rest)} more changed flow file${rest === 1 ? "" : "s"} not shown (GitHub's comment size limit); run \`connect-lint diff\` locally for the full report._\n` : "";
  return head + body + tail;
}

export function formatDiff(files: readonly FileDiff[], format: DiffFormat): string {
  if (format === "json") return json(files);
  if (format === "markdown") return markdown(files);
  return stylish(files);
}
