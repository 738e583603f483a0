/**
 * dagre's layout, typed here. @dagrejs/dagre's published declarations import their own files
 * without extensions, which NodeNext resolution cannot follow, so its types come out unresolved; the
 * graph is a @dagrejs/graphlib Graph (the version dagre itself uses), whose declarations resolve.
 */
import dagre from "@dagrejs/dagre";
import { Graph } from "@dagrejs/graphlib";

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

const api = dagre as unknown as { layout(graph: LayoutGraph): void };

/** A new graph for {@link layout}: left to right, with the given spacing. */
export function layoutGraph(options: { multigraph: boolean; nodesep: number; ranksep: number }): LayoutGraph {
  const g: LayoutGraph = new Graph({ multigraph: options.multigraph });
  g.setGraph({ rankdir: "LR", nodesep: options.nodesep, ranksep: options.ranksep, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  return g;
}

/** Positions the nodes (centres) and routes the edges of `graph`, in place. Deterministic. */
export function layout(graph: LayoutGraph): void {
  api.layout(graph);
}
