import { Graph } from "@dagrejs/graphlib";
import type { Action, Flow, Transition } from "../model/flow.js";

/** Where a connector leads. */
export type EdgeStatus =
  /** Connected to an existing block. */
  | "ok"
  /** `NextAction` is missing, not a string, or `""`: the connector is not connected. */
  | "empty"
  /** `NextAction` is `"$end"`, which saved drafts write for an unconnected branch. */
  | "end"
  /** `NextAction` names a block that is not in the flow. */
  | "missing";

export interface FlowEdge {
  /** The block the connector leaves, or `undefined` for the flow's entry (`StartAction`). */
  readonly from: Action | undefined;
  /** The transition as written; `undefined` for the entry edge. */
  readonly transition: Transition | undefined;
  readonly to: Action | undefined;
  readonly status: EdgeStatus;
  /** Edge label used in graph output: `start`, `next`, `condition[i]`, `error[Type]`. */
  readonly label: string;
}

export const START_NODE = "start";

/** Node name of an action. Identifiers are never used as node names: any string is a legal Identifier. */
function nodeName(action: Action): string {
  return `a${action.index}`;
}

/** Classifies a `NextAction` value. */
export function edgeStatus(target: string | undefined, flow: Flow): EdgeStatus {
  if (target === undefined || target === "") return "empty";
  if (target === "$end") return "end";
  return flow.actionsById.has(target) ? "ok" : "missing";
}

function edgeLabel(t: Transition): string {
  switch (t.kind) {
    case "next":
      return "next";
    case "condition":
      return `condition[${String(t.index)}]`;
    case "error":
      return `error[${t.errorType ?? String(t.index)}]`;
  }
}

/**
 * The control-flow graph of a flow: one node per action plus a start node, one edge per connector,
 * labelled with its kind. Connectors that lead nowhere are recorded in `edges` with their status but
 * not added to the graph.
 *
 * The graph is a `@dagrejs/graphlib` multigraph. Traversals are iterative and written here: graphlib's
 * own `preorder` and `tarjan` recurse once per node and overflow the call stack on long flows
 * (a generated flow of 10,000 blocks in a chain is enough).
 */
export class FlowGraph {
  readonly flow: Flow;
  readonly graph: Graph;
  readonly edges: readonly FlowEdge[];
  readonly #byNode = new Map<string, Action>();
  readonly #outgoing = new Map<Action, FlowEdge[]>();
  readonly #successors = new Map<string, string[]>();
  #reachable: ReadonlySet<Action> | undefined;

  constructor(flow: Flow) {
    this.flow = flow;
    this.graph = new Graph({ directed: true, multigraph: true });
    this.graph.setNode(START_NODE, { label: "start" });
    this.#successors.set(START_NODE, []);
    for (const action of flow.actions) {
      const name = nodeName(action);
      this.#byNode.set(name, action);
      this.#successors.set(name, []);
      this.graph.setNode(name, { action });
    }
    const edges: FlowEdge[] = [];
    const start = flow.startAction;
    const startStatus = edgeStatus(start, flow);
    const startTarget = startStatus === "ok" && start !== undefined ? flow.actionsById.get(start) : undefined;
    edges.push({ from: undefined, transition: undefined, to: startTarget, status: startStatus, label: "start" });
    if (startTarget) this.#link(START_NODE, nodeName(startTarget), "start");
    for (const action of flow.actions) {
      for (const transition of action.transitions) {
        const status = edgeStatus(transition.target, flow);
        const to = status === "ok" && transition.target !== undefined ? flow.actionsById.get(transition.target) : undefined;
        const label = edgeLabel(transition);
        const edge: FlowEdge = { from: action, transition, to, status, label };
        edges.push(edge);
        const list = this.#outgoing.get(action);
        if (list) list.push(edge);
        else this.#outgoing.set(action, [edge]);
        if (to) this.#link(nodeName(action), nodeName(to), label);
      }
    }
    this.edges = edges;
  }

  #link(from: string, to: string, label: string): void {
    // Two connectors of one block to the same target are two edges, told apart by their label.
    this.graph.setEdge(from, to, { label }, label);
    const list = this.#successors.get(from);
    if (list && !list.includes(to)) list.push(to);
  }

  /** The action entered first (`StartAction` resolved), if any. */
  get entry(): Action | undefined {
    return this.edges[0]?.to;
  }

  /** Connectors that are not connected to an existing block (`empty`, `end` or `missing`). */
  danglingEdges(): FlowEdge[] {
    return this.edges.filter((e) => e.status !== "ok");
  }

  /** The connectors leaving `action`, in file order, including those that lead nowhere. */
  outgoing(action: Action): readonly FlowEdge[] {
    return this.#outgoing.get(action) ?? [];
  }

  /** Blocks directly after `action`, each once, in connector order. */
  successors(action: Action): Action[] {
    return (this.#successors.get(nodeName(action)) ?? []).map((n) => this.#action(n));
  }

  /** Blocks with a connector to `action`, each once, in file order (the start node is not included). */
  predecessors(action: Action): Action[] {
    const names = this.graph.predecessors(nodeName(action)) ?? [];
    return names
      .filter((n) => n !== START_NODE)
      .map((n) => this.#action(n))
      .sort((a, b) => a.index - b.index);
  }

  /** Every block reachable from `from` (the start when omitted), following every connector. */
  reachableFrom(from?: Action | readonly Action[]): ReadonlySet<Action> {
    if (from === undefined) {
      this.#reachable ??= this.#walk([START_NODE]);
      return this.#reachable;
    }
    const roots = Array.isArray(from) ? from : [from as Action];
    return this.#walk(roots.map(nodeName));
  }

  #walk(roots: readonly string[]): Set<Action> {
    const seen = new Set<string>();
    const out = new Set<Action>();
    const stack = [...roots];
    while (stack.length > 0) {
      const node = must(stack.pop());
      if (seen.has(node)) continue;
      seen.add(node);
      const action = this.#byNode.get(node);
      if (action) out.add(action);
      for (const next of this.#successors.get(node) ?? []) if (!seen.has(next)) stack.push(next);
    }
    return out;
  }

  /**
   * Strongly connected components that contain a cycle (more than one block, or a block connected to
   * itself), each as its blocks in file order; components ordered by their first block.
   */
  cycles(): Action[][] {
    const components = stronglyConnected([...this.#byNode.keys()], (n) => this.#successors.get(n) ?? []);
    const result: Action[][] = [];
    for (const component of components) {
      const first = component[0];
      if (first === undefined) continue;
      if (component.length === 1 && !(this.#successors.get(first) ?? []).includes(first)) continue;
      result.push(component.map((n) => this.#action(n)).sort((a, b) => a.index - b.index));
    }
    return result.sort((a, b) => (a[0]?.index ?? 0) - (b[0]?.index ?? 0));
  }

  #action(node: string): Action {
    const action = this.#byNode.get(node);
    if (!action) throw new Error(`no action for graph node ${node}`);
    return action;
  }

  /** The graph in Graphviz DOT, for debugging (`--print-graph`). Deterministic. */
  toDot(): string {
    const quote = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
    const lines = [`digraph ${quote(this.flow.name)} {`, "  rankdir=LR;", `  ${START_NODE} [shape=circle, label="start"];`];
    for (const action of this.flow.actions) {
      lines.push(`  ${nodeName(action)} [shape=box, label=${quote(`${action.type ?? "?"}\n${action.id ?? "?"}`)}];`);
    }
    let missing = 0;
    for (const edge of this.edges) {
      const from = edge.from ? nodeName(edge.from) : START_NODE;
      const style = edge.transition?.kind === "error" ? ", style=dashed" : "";
      if (edge.to) {
        lines.push(`  ${from} -> ${nodeName(edge.to)} [label=${quote(edge.label)}${style}];`);
      } else {
        const sink = `dangling${String(missing++)}`;
        const text = edge.status === "missing" ? `missing: ${edge.transition?.target ?? this.flow.startAction ?? ""}` : edge.status;
        lines.push(`  ${sink} [shape=plaintext, fontcolor=red, label=${quote(text)}];`);
        lines.push(`  ${from} -> ${sink} [label=${quote(edge.label)}, color=red${style}];`);
      }
    }
    lines.push("}");
    return lines.join("\n") + "\n";
  }
}

/** Tarjan's algorithm, iterative. Components come out in reverse topological order. */
export function stronglyConnected(nodes: readonly string[], successors: (n: string) => readonly string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = must(work[work.length - 1]);
      const succ = successors(frame.node);
      if (frame.next < succ.length) {
        const w = must(succ[frame.next++]);
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(must(low.get(frame.node)), must(index.get(w))));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(must(low.get(parent.node)), must(low.get(frame.node))));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = must(stack.pop());
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** The value, which the algorithm guarantees is there. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("graph invariant broken");
  return value;
}
