/**
 * dagre's layout, typed here. @dagrejs/dagre's published declarations import their own files
 * without extensions, which NodeNext resolution cannot follow, so its types come out unresolved; the
 * graph is a @dagrejs/graphlib Graph (the version dagre itself uses), whose declarations resolve.
 */
import { createRequire } from "node:module";
import type * as Graphlib from "@dagrejs/graphlib";
import type { Graph } from "@dagrejs/graphlib";

// Both are loaded by the HTML reports that draw a diagram, not by every run of the CLI.
const require = createRequire(import.meta.url);

export interface LayoutNode {
  width: number;
  height: number;
  /** Centre, set by the layout. */
  x?: number;
  y?: number;
}

export interface LayoutEdge {
  /** The edge's route, set by the layout. */
  points?: { x: number; y: number }[];
}

export interface LayoutGraphLabel {
  rankdir: "LR" | "TB";
  nodesep: number;
  ranksep: number;
  marginx: number;
  marginy: number;
}

export type LayoutGraph = Graph<LayoutGraphLabel, LayoutNode, LayoutEdge>;

function dagre(): { layout(graph: LayoutGraph): void } {
  return require("@dagrejs/dagre") as { layout(graph: LayoutGraph): void };
}

/** A new graph for {@link layout}: left to right, with the given spacing. */
export function layoutGraph(options: { multigraph: boolean; nodesep: number; ranksep: number }): LayoutGraph {
  const { Graph: GraphClass } = require("@dagrejs/graphlib") as typeof Graphlib;
  const g: LayoutGraph = new GraphClass({ multigraph: options.multigraph });
  g.setGraph({ rankdir: "LR", nodesep: options.nodesep, ranksep: options.ranksep, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  return g;
}

/**
 * Above this many nodes dagre is not used: it takes seconds at 1,000 nodes and overflows the call
 * stack at a few thousand. Such graphs (hand-written or generated flows without designer positions)
 * get {@link layeredLayout} instead.
 */
export const DAGRE_MAX_NODES = 400;

/**
 * Positions the nodes (centres) and routes the edges of `graph`, in place: dagre's layout when the
 * graph is small enough, else a simple layered one. Deterministic; never throws.
 */
export function layout(graph: LayoutGraph): void {
  if (graph.nodeCount() <= DAGRE_MAX_NODES) {
    try {
      dagre().layout(graph);
      return;
    } catch {
      // fall through to the layered layout
    }
  }
  layeredLayout(graph);
}

/**
 * A linear-time layered layout: a node's column is its breadth-first distance from the first node
 * (in insertion order) that reaches it, nodes stack in their column in the order they are reached,
 * and edges are left unrouted (drawn as curves between their ends).
 */
export function layeredLayout(graph: LayoutGraph): void {
  const { nodesep, ranksep } = graph.graph();
  const rank = new Map<string, number>();
  const order: string[] = [];
  for (const root of graph.nodes()) {
    if (rank.has(root)) continue;
    rank.set(root, 0);
    order.push(root);
    for (let i = order.length - 1; i < order.length; i++) {
      const v = order[i] as string;
      for (const w of graph.successors(v) ?? []) {
        if (rank.has(w)) continue;
        rank.set(w, (rank.get(v) ?? 0) + 1);
        order.push(w);
      }
    }
  }
  const widths: number[] = [];
  const heights: number[] = [];
  for (const v of order) {
    const r = rank.get(v) ?? 0;
    const n = graph.node(v);
    widths[r] = Math.max(widths[r] ?? 0, n.width);
  }
  const left: number[] = [];
  let x = 0;
  for (let r = 0; r < widths.length; r++) {
    left[r] = x;
    x += (widths[r] ?? 0) + ranksep;
  }
  for (const v of order) {
    const r = rank.get(v) ?? 0;
    const n = graph.node(v);
    const top = heights[r] ?? 0;
    n.x = (left[r] ?? 0) + n.width / 2;
    n.y = top + n.height / 2;
    heights[r] = top + n.height + nodesep;
  }
  for (const e of graph.edges()) graph.edge(e).points = [];
}
