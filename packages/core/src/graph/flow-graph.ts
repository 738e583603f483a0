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

const NONE: readonly number[] = [];

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

const labels = new Map<string, string>();

function edgeLabel(t: Transition): string {
  if (t.kind === "next") return "next";
  // Labels repeat across blocks and flows: share the strings instead of building one per edge.
  const key = t.kind === "condition" ? `c${String(t.index)}` : t.errorType !== undefined ? `e${t.errorType}` : `i${String(t.index)}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = t.kind === "condition" ? `condition[${String(t.index)}]` : `error[${t.errorType ?? String(t.index)}]`;
    if (labels.size < 10000) labels.set(key, label);
  }
  return label;
}

/**
 * The control-flow graph of a flow: one node per action plus a start node, one edge per connector,
 * labelled with its kind. Connectors that lead nowhere are recorded in `edges` with their status but
 * not added to the graph.
 *
 * The queries run on adjacency lists of block positions built once in the constructor (linear in the
 * size of the flow); `graph`, the same graph as a `@dagrejs/graphlib` multigraph, is built only when
 * asked for (it costs more than all the queries together on a large flow). Traversals are iterative:
 * a chain of 100,000 blocks must not overflow the call stack.
 */
export class FlowGraph {
  readonly flow: Flow;
  readonly edges: readonly FlowEdge[];
  #graph: Graph | undefined;
  /**
   * Nodes are numbered by `Action.index` (the position in `Actions`; entries that are not objects
   * leave holes), so finding a block's node needs no lookup; the start node is `#size`.
   */
  readonly #size: number;
  readonly #byIndex: (Action | undefined)[];
  /** Connectors leaving each node, in file order (undefined: none). */
  readonly #outgoing: (FlowEdge[] | undefined)[];
  /** Distinct successors of each node, in connector order (undefined: none). */
  readonly #successors: (number[] | undefined)[];
  /** Distinct predecessors of each block (not the start node), in file order (undefined: none). */
  readonly #predecessors: (number[] | undefined)[];
  #reachable: ReadonlySet<Action> | undefined;

  constructor(flow: Flow) {
    this.flow = flow;
    const actions = flow.actions;
    const size = actions.length === 0 ? 0 : (actions[actions.length - 1] as Action).index + 1;
    this.#size = size;
    this.#byIndex = new Array<Action | undefined>(size).fill(undefined);
    for (const action of actions) this.#byIndex[action.index] = action;
    this.#outgoing = new Array<FlowEdge[] | undefined>(size).fill(undefined);
    this.#successors = new Array<number[] | undefined>(size + 1).fill(undefined);
    this.#predecessors = new Array<number[] | undefined>(size).fill(undefined);
    const { actionsById } = flow;
    const edges: FlowEdge[] = [];
    const start = flow.startAction;
    const startStatus = edgeStatus(start, flow);
    const startTarget = startStatus === "ok" && start !== undefined ? actionsById.get(start) : undefined;
    edges.push({ from: undefined, transition: undefined, to: startTarget, status: startStatus, label: "start" });
    if (startTarget) this.#link(size, startTarget.index);
    for (const action of actions) {
      const from = action.index;
      let list: FlowEdge[] | undefined;
      for (const transition of action.transitions) {
        // edgeStatus, with one lookup for both the status and the target.
        const target = transition.target;
        let to: Action | undefined;
        let status: EdgeStatus;
        if (target === undefined || target === "") status = "empty";
        else if (target === "$end") status = "end";
        else {
          to = actionsById.get(target);
          status = to ? "ok" : "missing";
        }
        const edge: FlowEdge = { from: action, transition, to, status, label: edgeLabel(transition) };
        edges.push(edge);
        if (list) list.push(edge);
        else list = this.#outgoing[from] = [edge];
        if (to) this.#link(from, to.index);
      }
    }
    this.edges = edges;
  }

  #link(from: number, to: number): void {
    const successors = this.#successors[from];
    if (!successors) this.#successors[from] = [to];
    else if (!successors.includes(to)) successors.push(to);
    // Sources are linked in file order (the start node first), so a repeat is the last one added.
    if (from === this.#size) return;
    const predecessors = this.#predecessors[to];
    if (!predecessors) this.#predecessors[to] = [from];
    else if (predecessors[predecessors.length - 1] !== from) predecessors.push(from);
  }

  /** The graph as a `@dagrejs/graphlib` multigraph (nodes `start`, `a<index>`; edges named by label). Built on first use. */
  get graph(): Graph {
    if (!this.#graph) {
      const graph = new Graph({ directed: true, multigraph: true });
      graph.setNode(START_NODE, { label: "start" });
      for (const action of this.flow.actions) graph.setNode(nodeName(action), { action });
      for (const edge of this.edges) {
        // Two connectors of one block to the same target are two edges, told apart by their label.
        if (edge.to) graph.setEdge(edge.from ? nodeName(edge.from) : START_NODE, nodeName(edge.to), { label: edge.label }, edge.label);
      }
      this.#graph = graph;
    }
    return this.#graph;
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
    return (this.#byIndex[action.index] === action ? this.#outgoing[action.index] : undefined) ?? [];
  }

  /** Blocks directly after `action`, each once, in connector order. */
  successors(action: Action): Action[] {
    const position = this.positionOf(action);
    return position === undefined ? [] : this.successorPositions(position).map((n) => this.#action(n));
  }

  /** Blocks with a connector to `action`, each once, in file order (the start node is not included). */
  predecessors(action: Action): Action[] {
    const position = this.positionOf(action);
    return position === undefined ? [] : (this.#predecessors[position] ?? []).map((n) => this.#action(n));
  }

  /**
   * The node number of `action` (its `index`), or undefined for a block of another flow. With
   * `successorPositions`, a view for algorithms that index arrays by node instead of hashing actions
   * (data flow over large flows). Node numbers are below `nodeCount`; the start node is `nodeCount - 1`.
   */
  positionOf(action: Action): number | undefined {
    return this.#byIndex[action.index] === action ? action.index : undefined;
  }

  /** The block whose node number is `position` (undefined for the start node and for holes). */
  actionAt(position: number): Action | undefined {
    return this.#byIndex[position];
  }

  /** The number of node numbers, the start node (the last) included. */
  get nodeCount(): number {
    return this.#size + 1;
  }

  /** Distinct successors of the node `position`, in connector order, as node numbers. Do not modify. */
  successorPositions(position: number): readonly number[] {
    return this.#successors[position] ?? NONE;
  }

  /** Every block reachable from `from` (the start when omitted), following every connector. */
  reachableFrom(from?: Action | readonly Action[]): ReadonlySet<Action> {
    if (from === undefined) {
      this.#reachable ??= this.#walk([this.#size]);
      return this.#reachable;
    }
    const roots: readonly Action[] = Array.isArray(from) ? (from as readonly Action[]) : [from as Action];
    return this.#walk(
      roots.flatMap((a) => {
        const position = this.positionOf(a);
        return position === undefined ? [] : [position];
      }),
    );
  }

  #walk(roots: readonly number[]): Set<Action> {
    const size = this.#size;
    const seen = new Uint8Array(size + 1);
    const out = new Set<Action>();
    const stack = [...roots];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      if (seen[node] === 1) continue;
      seen[node] = 1;
      if (node < size) out.add(this.#action(node));
      for (const next of this.successorPositions(node)) if (seen[next] === 0) stack.push(next);
    }
    return out;
  }

  /**
   * Strongly connected components that contain a cycle (more than one block, or a block connected to
   * itself), each as its blocks in file order; components ordered by their first block.
   */
  cycles(): Action[][] {
    const components = stronglyConnectedIndices(this.#size, (n) => this.successorPositions(n));
    const result: Action[][] = [];
    for (const component of components) {
      const first = component[0];
      if (first === undefined || this.#byIndex[first] === undefined) continue;
      if (component.length === 1 && !this.successorPositions(first).includes(first)) continue;
      result.push(component.map((n) => this.#action(n)).sort((a, b) => a.index - b.index));
    }
    return result.sort((a, b) => (a[0]?.index ?? 0) - (b[0]?.index ?? 0));
  }

  #action(position: number): Action {
    const action = this.#byIndex[position];
    if (!action) throw new Error(`no action at node ${String(position)}`);
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

/** Tarjan's algorithm over nodes `0 .. count-1`, iterative, with typed arrays (for large flows). */
export function stronglyConnectedIndices(count: number, successors: (n: number) => readonly number[]): number[][] {
  let counter = 0;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  const workNode: number[] = [];
  const workNext: number[] = [];
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    workNode.push(root);
    workNext.push(0);
    while (workNode.length > 0) {
      const top = workNode.length - 1;
      const node = workNode[top] as number;
      const succ = successors(node);
      const next = workNext[top] as number;
      if (next < succ.length) {
        workNext[top] = next + 1;
        const w = succ[next] as number;
        if (w >= count) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          workNode.push(w);
          workNext.push(0);
        } else if (onStack[w] === 1) {
          low[node] = Math.min(low[node] as number, index[w] as number);
        }
        continue;
      }
      workNode.pop();
      workNext.pop();
      const parent = workNode[workNode.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[node] as number);
      if (low[node] === index[node]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== node);
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
