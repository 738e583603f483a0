/**
 * The project map: the flows and modules of the run as nodes, and the references between them
 * (transfers, module invocations, event hooks) as edges, laid out with dagre. A reference that does
 * not resolve ends at a red "broken" node named after what the export says it points to.
 */
import { getFlowType, isFlowTypeName } from "@connect-lint/core";
import type { ProjectIndex, Reference } from "@connect-lint/core";
import { esc, num, truncate } from "./escape.js";
import { layout, layoutGraph } from "./layout.js";

const NODE_WIDTH = 230;
const GAP = 18;
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

  // Flows linked to others are laid out with dagre, left to right; the flows that nothing links
  // (often most of an instance) follow in a grid below, so that the map stays compact.
  const ordered = [...nodes.entries()];
  const edgeList = [...edges.values()];
  const linked = new Set<string>();
  for (const e of edgeList) {
    linked.add(e.from);
    linked.add(e.to);
  }
  const g = layoutGraph({ multigraph: true, nodesep: 18, ranksep: 90 });
  for (const [key, n] of ordered) if (linked.has(key)) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  edgeList.forEach((e, i) => {
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    if (from && to && from !== to) g.setEdge(from.id, to.id, {}, `e${String(i)}`);
  });
  layout(g);

  const at = new Map<string, { x: number; y: number }>();
  let maxX = 0;
  let maxY = 0;
  for (const [key, n] of ordered) {
    if (!linked.has(key)) continue;
    const p = g.node(n.id);
    const x = p.x ?? 0;
    const y = p.y ?? 0;
    at.set(n.id, { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 });
    maxX = Math.max(maxX, x + NODE_WIDTH / 2);
    maxY = Math.max(maxY, y + NODE_HEIGHT / 2);
  }
  const alone = ordered.filter(([key]) => !linked.has(key));
  const columns = Math.max(1, Math.min(8, Math.max(Math.floor((maxX + GAP) / (NODE_WIDTH + GAP)), Math.ceil(Math.sqrt(alone.length / 2)))));
  const top = linked.size === 0 ? 0 : maxY + 40;
  alone.forEach(([, n], i) => {
    const x = (i % columns) * (NODE_WIDTH + GAP);
    const y = top + Math.floor(i / columns) * (NODE_HEIGHT + GAP);
    at.set(n.id, { x, y });
    maxX = Math.max(maxX, x + NODE_WIDTH);
    maxY = Math.max(maxY, y + NODE_HEIGHT);
  });

  const paths: string[] = [];
  edgeList.forEach((e, i) => {
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    if (!from || !to) return;
    const a = at.get(from.id) ?? { x: 0, y: 0 };
    const b = at.get(to.id) ?? { x: 0, y: 0 };
    let d: string;
    if (from === to) {
      d = `M${num(a.x + NODE_WIDTH - 30)} ${num(a.y)}c0 -30 40 -30 30 8`;
    } else {
      // From the right side of the source to the left side of the target, through dagre's bends.
      const bends = (g.edge({ v: from.id, w: to.id, name: `e${String(i)}` }).points ?? []).slice(1, -1);
      const points = [{ x: a.x + NODE_WIDTH, y: a.y + NODE_HEIGHT / 2 }, ...bends, { x: b.x, y: b.y + NODE_HEIGHT / 2 }];
      d = `M${num(points[0]?.x ?? 0)} ${num(points[0]?.y ?? 0)}`;
      for (let j = 1; j < points.length; j++) {
        const p0 = points[j - 1] ?? { x: 0, y: 0 };
        const p1 = points[j] ?? { x: 0, y: 0 };
        const dx = Math.max(20, Math.abs(p1.x - p0.x) / 2);
        d += `C${num(p0.x + dx)} ${num(p0.y)} ${num(p1.x - dx)} ${num(p1.y)} ${num(p1.x)} ${num(p1.y)}`;
      }
    }
    const cls = ["link", e.kind, e.broken ? "broken" : ""].filter((c) => c !== "").join(" ");
    paths.push(`<path class="${cls}" d="${d}"><title>${esc(`${from.label} \u2192 ${to.label}: ${e.labels.join(", ")}${e.broken ? " (broken reference)" : ""}`)}</title></path>`);
  });
  const boxes = ordered.map(([, n]) => {
    const p = at.get(n.id) ?? { x: 0, y: 0 };
    const body =
      `<rect x="${num(p.x)}" y="${num(p.y)}" width="${String(NODE_WIDTH)}" height="${String(NODE_HEIGHT)}" rx="${n.kind === "module" ? "14" : "5"}"/>` +
      `<text class="name" x="${num(p.x + 10)}" y="${num(p.y + 19)}">${esc(truncate(n.label, 28))}</text>` +
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
