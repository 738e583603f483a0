/**
 * The project map: the flows and modules of the run as nodes, and the references between them
 * (transfers, module invocations, event hooks) as edges, laid out with dagre. A reference that does
 * not resolve ends at a red "broken" node named after what the export says it points to.
 */
import { compareStrings, getFlowType, isFlowTypeName } from "@connect-lint/core";
import type { ProjectIndex, Reference } from "@connect-lint/core";
import { esc, num, truncate } from "./escape.js";
import { layout, layoutGraph } from "./layout.js";

const NODE_WIDTH = 190;
const NODE_HEIGHT = 46;
const MARGIN = 20;

export type MapEdgeKind = "transfer" | "module" | "hook";

interface MapNode {
  readonly id: string;
  readonly label: string;
  readonly sub: string;
  readonly kind: "flow" | "module" | "instance" | "broken";
  /** The anchor of the flow's section in the report, when it has one. */
  readonly href: string | undefined;
  readonly title: string;
}

interface MapEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: MapEdgeKind;
  readonly broken: boolean;
  readonly labels: string[];
}

export interface ProjectMap {
  readonly svg: string;
  readonly nodes: number;
  readonly edges: number;
  readonly broken: number;
  /** References computed at run time or filled in at deployment, which the map cannot draw. */
  readonly dynamic: number;
}

function edgeKind(r: Reference): MapEdgeKind {
  if (r.parameter === "EventHooks") return "hook";
  return r.kind === "module" ? "module" : "transfer";
}

/** The console's name of a flow type, e.g. "Inbound flow"; the type itself when unknown. */
export function flowTypeName(type: string | null | undefined): string {
  if (type === null || type === undefined) return "Unknown type";
  return isFlowTypeName(type) ? getFlowType(type).consoleName : type;
}

/** Draws the project's flows and the references between them. `anchors` maps a flow's file path to its section's id. */
export function drawProjectMap(project: ProjectIndex, anchors: ReadonlyMap<string, string>): ProjectMap {
  const nodes = new Map<string, MapNode>();
  project.flows.forEach((f, i) => {
    nodes.set(f.filePath, {
      id: `p${String(i)}`,
      label: f.flow.name,
      sub: flowTypeName(f.flow.type),
      kind: f.flow.kind === "module" ? "module" : "flow",
      href: anchors.get(f.filePath),
      title: `${f.flow.name} (${flowTypeName(f.flow.type)})`,
    });
  });
  const edges = new Map<string, MapEdge>();
  let dynamic = 0;
  let broken = 0;
  const extra = (key: string, node: Omit<MapNode, "id">): string => {
    const existing = nodes.get(key);
    if (existing) return key;
    nodes.set(key, { ...node, id: `p${String(nodes.size)}` });
    return key;
  };
  for (const r of project.references) {
    if (r.kind !== "flow" && r.kind !== "module") continue;
    const kind = edgeKind(r);
    const res = r.resolution;
    let to: string;
    if (res.status === "project") to = res.target.filePath;
    else if (res.status === "inventory") {
      const name = res.target.name ?? r.designerName ?? r.value;
      to = extra(`instance:${res.target.arn ?? r.value}`, { label: name, sub: "In the instance, not linted", kind: "instance", href: undefined, title: `${name}: listed in the inventory, not among the linted files` });
    } else if (res.status === "dynamic") {
      dynamic++;
      continue;
    } else {
      const name = r.designerName ?? r.value;
      to = extra(`broken:${r.kind}:${name}`, { label: name, sub: r.kind === "module" ? "Missing module" : "Missing flow", kind: "broken", href: undefined, title: `${name}: ${res.reason}` });
    }
    const broke = res.status === "unresolved";
    if (broke) broken++;
    const key = JSON.stringify([r.from.filePath, to, kind]);
    const label = kind === "hook" ? (r.hook ?? "hook") : kind === "module" ? "invokes" : "transfer";
    const edge = edges.get(key);
    if (edge) {
      if (!edge.labels.includes(label)) edge.labels.push(label);
    } else edges.set(key, { from: r.from.filePath, to, kind, broken: broke, labels: [label] });
  }

  const g = layoutGraph({ multigraph: true, nodesep: 18, ranksep: 90 });
  const ordered = [...nodes.entries()].sort((a, b) => compareStrings(a[1].id.padStart(8, "0"), b[1].id.padStart(8, "0")));
  for (const [, n] of ordered) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const edgeList = [...edges.values()];
  edgeList.forEach((e, i) => {
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    if (from && to && from !== to) g.setEdge(from.id, to.id, {}, `e${String(i)}`);
  });
  layout(g);

  const at = new Map<string, { x: number; y: number }>();
  let maxX = 0;
  let maxY = 0;
  for (const [, n] of ordered) {
    const p = g.node(n.id);
    const x = p.x ?? 0;
    const y = p.y ?? 0;
    at.set(n.id, { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 });
    maxX = Math.max(maxX, x + NODE_WIDTH / 2);
    maxY = Math.max(maxY, y + NODE_HEIGHT / 2);
  }
  const paths: string[] = [];
  edgeList.forEach((e, i) => {
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    if (!from || !to) return;
    let d: string;
    if (from === to) {
      const p = at.get(from.id) ?? { x: 0, y: 0 };
      d = `M${num(p.x + NODE_WIDTH - 30)} ${num(p.y)}c0 -30 40 -30 30 8`;
    } else {
      const points = g.edge({ v: from.id, w: to.id, name: `e${String(i)}` }).points ?? [];
      d = points.map((pt, j) => `${j === 0 ? "M" : "L"}${num(pt.x)} ${num(pt.y)}`).join("");
    }
    const cls = ["link", e.kind, e.broken ? "broken" : ""].filter((c) => c !== "").join(" ");
    paths.push(`<path class="${cls}" d="${d}"><title>${esc(`${from.label} \u2192 ${to.label}: ${e.labels.join(", ")}${e.broken ? " (broken reference)" : ""}`)}</title></path>`);
  });
  const boxes = ordered.map(([, n]) => {
    const p = at.get(n.id) ?? { x: 0, y: 0 };
    const body =
      `<rect x="${num(p.x)}" y="${num(p.y)}" width="${String(NODE_WIDTH)}" height="${String(NODE_HEIGHT)}" rx="${n.kind === "module" ? "14" : "5"}"/>` +
      `<text class="name" x="${num(p.x + 10)}" y="${num(p.y + 19)}">${esc(truncate(n.label, 27))}</text>` +
      `<text class="sub" x="${num(p.x + 10)}" y="${num(p.y + 35)}">${esc(truncate(n.sub, 30))}</text>`;
    const inner = `<title>${esc(n.title)}</title>${body}`;
    return n.href === undefined
      ? `<g class="node ${n.kind}">${inner}</g>`
      : `<a href="#${esc(n.href)}" class="node ${n.kind}">${inner}</a>`;
  });
  const w = maxX + 2 * MARGIN;
  const h = maxY + 2 * MARGIN;
  const svg =
    `<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="${num(-MARGIN)} ${num(-MARGIN)} ${num(w)} ${num(h)}" data-w="${num(w)}" data-h="${num(h)}" style="max-width:${num(w)}px" role="img" aria-label="Project map">` +
    `<defs><marker id="map-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z"/></marker></defs>` +
    `<g class="links" style="marker-end:url(#map-arrow)">${paths.join("")}</g>${boxes.join("")}</svg>`;
  return { svg, nodes: nodes.size, edges: edgeList.length, broken, dynamic };
}
