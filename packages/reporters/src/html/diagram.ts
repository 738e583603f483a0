/**
 * A flow drawn as SVG: the designer's canvas when the export records block positions
 * (`Metadata.ActionMetadata[id].position`, `Metadata.entryPointPosition`), else an automatic layout
 * with dagre. Blocks are laid out like the designer's: a title (the block type's designer name), the
 * block's human name, and one output port per branch (conditions, the default branch, errors).
 */
import { FlowGraph, blockLabelOf, blockName as coreBlockName, isObject } from "@connect-lint/core";
import type { Action, EdgeStatus, Flow, FlowEdge, Transition } from "@connect-lint/core";
import { esc, num, truncate } from "./escape.js";
import { layout, layoutGraph } from "./layout.js";

export const BLOCK_WIDTH = 200;
const HEADER = 44;
const PORT = 18;
const ENTRY_WIDTH = 110;
const ENTRY_HEIGHT = 36;
const MARGIN = 24;
/** The stub drawn for a connector that leads nowhere. */
const STUB = 44;

/** The severity mark of a block: the worst of its findings. */
export type BlockMark = "error" | "warning" | "suppressed";

export interface BlockFindings {
  readonly mark: BlockMark;
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

interface Port {
  readonly label: string;
  readonly status: EdgeStatus;
  readonly target: Action | undefined;
  readonly value: string | undefined;
}

interface Box {
  readonly action: Action;
  x: number;
  y: number;
  readonly h: number;
  readonly ports: readonly Port[];
}

/** The key of a block in the report's markup: its position in `Actions`. */
export function blockKey(action: Action): string {
  return `b${String(action.index)}`;
}

/** The designer's name for a block type, e.g. "Play prompt" (told by parameters where two blocks share a type). */
export function blockTypeLabel(action: Action): string {
  return blockLabelOf(action);
}

/** `Metadata.ActionMetadata[id]` when it is an object. */
function actionMetadata(flow: Flow, action: Action): Readonly<Record<string, unknown>> | undefined {
  const all = flow.metadata?.ActionMetadata;
  if (!isObject(all) || action.id === undefined || !Object.prototype.hasOwnProperty.call(all, action.id)) return undefined;
  const meta = all[action.id];
  return isObject(meta) ? meta : undefined;
}

/** The best human name of a block, as rule messages name it (core's `blockName`). */
export function blockName(_flow: Flow, action: Action): string {
  return coreBlockName(action);
}

/** The label of an output port as the designer writes it. */
function portLabel(t: Transition, hasConditions: boolean): string {
  if (t.kind === "next") return hasConditions ? "Default" : "Success";
  if (t.kind === "error") return t.errorType ?? "Error";
  const operands = t.condition?.operands;
  const operator = t.condition?.operator;
  const values = Array.isArray(operands) ? operands.filter((o): o is string | number | boolean => ["string", "number", "boolean"].includes(typeof o)).map(String) : [];
  const op = typeof operator === "string" ? operator : "";
  const symbol = op === "Equals" ? "=" : op === "NumberLessThan" ? "<" : op === "NumberGreaterThan" ? ">" : op === "NumberLessOrEqualTo" ? "\u2264" : op === "NumberGreaterOrEqualTo" ? "\u2265" : op;
  return values.length > 0 ? `${symbol} ${values.join(", ")}`.trim() : `Condition ${String((t.index ?? 0) + 1)}`;
}

function position(value: unknown): { x: number; y: number } | undefined {
  if (!isObject(value)) return undefined;
  const { x, y } = value;
  return typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : undefined;
}

export interface Diagram {
  /** The `<svg>` element. */
  readonly svg: string;
  readonly blocks: number;
  /** "designer" when every block has a recorded position, else "automatic". */
  readonly layout: "designer" | "automatic";
  /** Blocks without a recorded position (the reason for an automatic layout). */
  readonly unpositioned: number;
  readonly unreachable: number;
  readonly dangling: number;
}

/**
 * Draws a flow. `findings` gives the mark of each block (by {@link blockKey}); `flowKey` prefixes the
 * ids of the markup so that several diagrams can share a page.
 */
export function drawFlow(flow: Flow, flowKey: string, findings: ReadonlyMap<string, BlockFindings>): Diagram {
  const graph = new FlowGraph(flow);
  const outgoing = new Map<Transition, FlowEdge>();
  for (const edge of graph.edges) if (edge.transition) outgoing.set(edge.transition, edge);
  const boxes: Box[] = flow.actions.map((action) => {
    const hasConditions = action.transitions.some((t) => t.kind === "condition");
    // The designer lists conditions first, then the default branch, then errors.
    const ordered = [
      ...action.transitions.filter((t) => t.kind === "condition"),
      ...action.transitions.filter((t) => t.kind === "next"),
      ...action.transitions.filter((t) => t.kind === "error"),
    ];
    const ports = ordered.map((t) => {
      const edge = outgoing.get(t);
      return { label: portLabel(t, hasConditions), status: edge?.status ?? "empty", target: edge?.to, value: t.target };
    });
    return { action, x: 0, y: 0, h: HEADER + Math.max(ports.length, 0) * PORT + (ports.length > 0 ? 6 : 0), ports };
  });
  const byAction = new Map<Action, Box>(boxes.map((b) => [b.action, b]));

  const positions = boxes.map((b) => position(actionMetadata(flow, b.action)?.position));
  const unpositioned = positions.filter((p) => p === undefined).length;
  const entryAt = position(flow.metadata?.entryPointPosition);
  const designer = boxes.length > 0 && unpositioned === 0;
  let entry: { x: number; y: number };
  const start = graph.entry;
  if (designer) {
    boxes.forEach((b, i) => {
      const p = positions[i];
      if (p) {
        b.x = p.x;
        b.y = p.y;
      }
    });
    if (entryAt) entry = entryAt;
    else {
      const first = start ? byAction.get(start) : boxes[0];
      entry = { x: (first?.x ?? 0) - ENTRY_WIDTH - 60, y: first?.y ?? 0 };
    }
  } else {
    const g = layoutGraph({ multigraph: false, nodesep: 24, ranksep: 70 });
    g.setNode("entry", { width: ENTRY_WIDTH, height: ENTRY_HEIGHT });
    for (const b of boxes) g.setNode(blockKey(b.action), { width: BLOCK_WIDTH, height: b.h });
    if (start) g.setEdge("entry", blockKey(start));
    for (const b of boxes) {
      for (const p of b.ports) if (p.target && p.target !== b.action) g.setEdge(blockKey(b.action), blockKey(p.target));
    }
    layout(g);
    for (const b of boxes) {
      const n = g.node(blockKey(b.action));
      b.x = (n.x ?? 0) - BLOCK_WIDTH / 2;
      b.y = (n.y ?? 0) - b.h / 2;
    }
    const n = g.node("entry");
    entry = { x: (n.x ?? 0) - ENTRY_WIDTH / 2, y: (n.y ?? 0) - ENTRY_HEIGHT / 2 };
  }

  const reachable = graph.reachableFrom();
  const hasEntry = start !== undefined;
  let minX = entry.x;
  let minY = entry.y;
  let maxX = entry.x + ENTRY_WIDTH;
  let maxY = entry.y + ENTRY_HEIGHT;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y - 10);
    maxX = Math.max(maxX, b.x + BLOCK_WIDTH + (b.ports.some((p) => p.status !== "ok") ? STUB + 90 : 16));
    maxY = Math.max(maxY, b.y + b.h);
  }
  minX -= MARGIN;
  minY -= MARGIN;
  maxX += MARGIN;
  maxY += MARGIN;
  const width = maxX - minX;
  const height = maxY - minY;

  const edges: string[] = [];
  const stubs: string[] = [];
  const nodes: string[] = [];
  let unreachable = 0;
  let dangling = 0;
  const portY = (b: Box, i: number): number => b.y + HEADER + i * PORT + PORT / 2;
  const curve = (x1: number, y1: number, x2: number, y2: number): string => {
    const dx = Math.max(40, Math.min(160, Math.abs(x2 - x1) / 2));
    return `M${num(x1)} ${num(y1)}C${num(x1 + dx)} ${num(y1)} ${num(x2 - dx)} ${num(y2)} ${num(x2)} ${num(y2)}`;
  };
  if (start) {
    const to = byAction.get(start);
    if (to) edges.push(`<path class="edge" d="${curve(entry.x + ENTRY_WIDTH, entry.y + ENTRY_HEIGHT / 2, to.x, to.y + 20)}"/>`);
  }
  for (const b of boxes) {
    b.ports.forEach((p, i) => {
      const x1 = b.x + BLOCK_WIDTH;
      const y1 = portY(b, i);
      const to = p.target ? byAction.get(p.target) : undefined;
      if (p.status === "ok" && to) {
        edges.push(`<path class="edge${p.label === "Success" || p.label === "Default" ? "" : " branch"}" d="${curve(x1, y1, to.x, to.y + 20)}"/>`);
        return;
      }
      dangling++;
      const why = p.status === "missing" ? `leads to ${JSON.stringify(p.value ?? "")}, which is not a block of the flow` : p.status === "end" ? "is not connected ($end)" : "is not connected";
      stubs.push(
        `<g class="dangling"><title>${esc(`${p.label} ${why}`)}</title><path d="M${num(x1)} ${num(y1)}h${String(STUB)}"/>` +
          `<circle cx="${num(x1 + STUB + 6)}" cy="${num(y1)}" r="6"/><path class="x" d="M${num(x1 + STUB + 3)} ${num(y1 - 3)}l6 6m0 -6l-6 6"/>` +
          `<text x="${num(x1 + STUB + 16)}" y="${num(y1 + 4)}">${esc(p.status === "missing" ? "missing block" : "not connected")}</text></g>`,
      );
    });
  }
  for (const b of boxes) {
    const key = blockKey(b.action);
    const mark = findings.get(key);
    const isUnreachable = hasEntry && !reachable.has(b.action);
    if (isUnreachable) unreachable++;
    const classes = ["block", mark ? `mark-${mark.mark}` : "", isUnreachable ? "unreachable" : ""].filter((c) => c !== "").join(" ");
    const title = blockTypeLabel(b.action);
    const name = blockName(flow, b.action);
    const tooltip = [`${title}: ${name}`, b.action.id === undefined ? "no Identifier" : `Identifier ${b.action.id}`, isUnreachable ? "unreachable from the entry" : ""]
      .filter((t) => t !== "")
      .join("\n");
    let out = `<g class="${classes}" data-block="${key}" id="${flowKey}-${key}" tabindex="0"><title>${esc(tooltip)}</title>`;
    out += `<rect class="body" x="${num(b.x)}" y="${num(b.y)}" width="${String(BLOCK_WIDTH)}" height="${num(b.h)}" rx="6"/>`;
    out += `<rect class="head" x="${num(b.x)}" y="${num(b.y)}" width="${String(BLOCK_WIDTH)}" height="4" rx="2"/>`;
    out += `<text class="type" x="${num(b.x + 10)}" y="${num(b.y + 19)}">${esc(truncate(title, 26))}</text>`;
    out += `<text class="name" x="${num(b.x + 10)}" y="${num(b.y + 35)}">${esc(truncate(name, 30))}</text>`;
    b.ports.forEach((p, i) => {
      const y = portY(b, i);
      out += `<text class="port${p.status === "ok" ? "" : " open"}" x="${num(b.x + BLOCK_WIDTH - 10)}" y="${num(y + 4)}">${esc(truncate(p.label, 28))}</text>`;
      out += `<circle class="port-dot" cx="${num(b.x + BLOCK_WIDTH)}" cy="${num(y)}" r="3.5"/>`;
    });
    if (isUnreachable) out += `<text class="tag" x="${num(b.x)}" y="${num(b.y - 4)}">Unreachable</text>`;
    if (mark) {
      const n = mark.errors + mark.warnings || mark.suppressed;
      out += `<g class="badge"><circle cx="${num(b.x + BLOCK_WIDTH - 2)}" cy="${num(b.y + 2)}" r="10"/><text x="${num(b.x + BLOCK_WIDTH - 2)}" y="${num(b.y + 6)}">${String(n)}</text></g>`;
    }
    out += "</g>";
    nodes.push(out);
  }
  const entryBox =
    `<g class="entry"><rect x="${num(entry.x)}" y="${num(entry.y)}" width="${String(ENTRY_WIDTH)}" height="${String(ENTRY_HEIGHT)}" rx="18"/>` +
    `<text x="${num(entry.x + ENTRY_WIDTH / 2)}" y="${num(entry.y + ENTRY_HEIGHT / 2 + 4)}">Entry</text></g>`;
  const svg =
    `<svg class="flow" xmlns="http://www.w3.org/2000/svg" viewBox="${num(minX)} ${num(minY)} ${num(width)} ${num(height)}" data-w="${num(width)}" data-h="${num(height)}" style="max-width:${num(width)}px" role="img" aria-label="${esc(`Diagram of ${flow.name}`)}">` +
    `<defs><marker id="${flowKey}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z"/></marker></defs>` +
    `<g class="edges" style="marker-end:url(#${flowKey}-arrow)">${edges.join("")}</g>${stubs.join("")}${entryBox}${nodes.join("")}</svg>`;
  return { svg, blocks: boxes.length, layout: designer ? "designer" : "automatic", unpositioned, unreachable, dangling };
}
