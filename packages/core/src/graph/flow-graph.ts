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

/** The strongly connected components of a flow's blocks as a directed acyclic graph (FlowGraph.condensation). */
export interface Condensation {
  /** The components in topological order, each its blocks in file order. */
  readonly components: readonly (readonly Action[])[];
  /** The component (index in `components`) of each block. */
  readonly componentOf: ReadonlyMap<Action, number>;
  /** For each component, the components its connectors lead to (other than itself), ascending. */
  readonly successors: readonly (readonly number[])[];
}

/** Shortest example paths from a flow's entry (FlowGraph.examplePaths). */
export interface ExamplePaths<State> {
  /**
   * A shortest path from the entry that reaches `action` in `state`, as its connectors (the entry
   * edge first, the one into `action` last); undefined when no allowed path does.
   */
  pathTo(action: Action, state: State): FlowEdge[] | undefined;
  /**
   * On that path, the connector nearest to `action` that `test` accepts (walking back from `action`,
   * so it costs only the steps up to that connector); undefined when none does or there is no path.
   */
  lastOnPath(action: Action, state: State, test: (edge: FlowEdge) => boolean): FlowEdge | undefined;
}

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

/** A connector of a block: its label is made when asked for (graph output), not for every connector of every flow. */
class Connector implements FlowEdge {
  readonly from: Action;
  readonly transition: Transition;
  readonly to: Action | undefined;
  readonly status: EdgeStatus;

  constructor(from: Action, transition: Transition, to: Action | undefined, status: EdgeStatus) {
    this.from = from;
    this.transition = transition;
    this.to = to;
    this.status = status;
  }

  get label(): string {
    return edgeLabel(this.transition);
  }
}

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
 * The queries run on adjacency lists of node numbers built once in the constructor (linear in the
 * size of the flow); `graphlib`, the same graph as a `@dagrejs/graphlib` multigraph, is built only when
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
        const edge: FlowEdge = new Connector(action, transition, to, status);
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
  get graphlib(): Graph {
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
    const node = this.nodeOf(action);
    return node === undefined ? [] : this.successorNodes(node).map((n) => this.#action(n));
  }

  /** Blocks with a connector to `action`, each once, in file order (the start node is not included). */
  predecessors(action: Action): Action[] {
    const node = this.nodeOf(action);
    return node === undefined ? [] : this.predecessorNodes(node).map((n) => this.#action(n));
  }

  /**
   * The node number of `action` (its `index`, the position in `Actions`), or undefined for a block of
   * another flow. With `successorNodes`, a view for algorithms that index arrays by node instead of
   * hashing actions (data flow over large flows). Node numbers are below `nodeCount`; the start node
   * is `nodeCount - 1`. (Not to be confused with a position in the file: line and column.)
   */
  nodeOf(action: Action): number | undefined {
    return this.#byIndex[action.index] === action ? action.index : undefined;
  }

  /** The block whose node number is `node` (undefined for the start node and for holes). */
  actionAtNode(node: number): Action | undefined {
    return this.#byIndex[node];
  }

  /** The number of node numbers, the start node (the last) included. */
  get nodeCount(): number {
    return this.#size + 1;
  }

  /** The node number of the start node (`StartAction`). */
  get startNode(): number {
    return this.#size;
  }

  /** Distinct successors of the node `node`, in connector order, as node numbers. Do not modify. */
  successorNodes(node: number): readonly number[] {
    return this.#successors[node] ?? NONE;
  }

  /** Distinct predecessors of the node `node`, in file order, as node numbers (never the start node). Do not modify. */
  predecessorNodes(node: number): readonly number[] {
    return (node < this.#size ? this.#predecessors[node] : undefined) ?? NONE;
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
        const node = this.nodeOf(a);
        return node === undefined ? [] : [node];
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
      for (const next of this.successorNodes(node)) if (seen[next] === 0) stack.push(next);
    }
    return out;
  }

  /**
   * Strongly connected components that contain a cycle (more than one block, or a block connected to
   * itself), each as its blocks in file order; components ordered by their first block.
   */
  cycles(): Action[][] {
    const components = stronglyConnectedIndices(this.#size, (n) => this.successorNodes(n));
    const result: Action[][] = [];
    for (const component of components) {
      const first = component[0];
      if (first === undefined || this.#byIndex[first] === undefined) continue;
      if (component.length === 1 && !this.successorNodes(first).includes(first)) continue;
      result.push(component.map((n) => this.#action(n)).sort((a, b) => a.index - b.index));
    }
    return result.sort((a, b) => (a[0]?.index ?? 0) - (b[0]?.index ?? 0));
  }

  /**
   * Strongly connected components of the blocks `nodes`, following only connectors between them that
   * `follow` accepts (every one when omitted): only the components that contain a cycle (more than one
   * block, or a block with a followed connector to itself), each as its blocks in file order. The
   * components come in reverse topological order of the subgraph, the blocks of `nodes` tried as
   * roots in the order given.
   */
  components(nodes: readonly Action[], follow?: (edge: FlowEdge) => boolean): Action[][] {
    const local = new Map<Action, number>();
    for (const a of nodes) if (!local.has(a)) local.set(a, local.size);
    const members = [...local.keys()];
    const next = this.#localSuccessors(members, local, follow);
    const result: Action[][] = [];
    for (const component of stronglyConnectedIndices(members.length, (n) => next[n] ?? NONE)) {
      const first = component[0] as number;
      if (component.length === 1 && !(next[first] ?? NONE).includes(first)) continue;
      result.push(component.map((n) => members[n] as Action).sort((a, b) => a.index - b.index));
    }
    return result;
  }

  /**
   * For each of `members`, the distinct successors among them (by their numbers in `local`) along the
   * connectors `follow` accepts (every one when omitted), in connector order.
   */
  #localSuccessors(members: readonly Action[], local: ReadonlyMap<Action, number>, follow: ((edge: FlowEdge) => boolean) | undefined): number[][] {
    return members.map((a) => {
      const out: number[] = [];
      for (const edge of this.outgoing(a)) {
        const n = edge.to === undefined ? undefined : local.get(edge.to);
        if (n !== undefined && !out.includes(n) && (!follow || follow(edge))) out.push(n);
      }
      return out;
    });
  }

  /**
   * The condensation of the graph of blocks (the start node left out): every strongly connected
   * component (cycles and single blocks alike) as one node of a directed acyclic graph, following
   * only the connectors `follow` accepts (every one when omitted). Components are in topological
   * order (a component before every component it leads to), each with its blocks in file order.
   */
  condensation(follow?: (edge: FlowEdge) => boolean): Condensation {
    const actions = this.flow.actions;
    const componentOf = new Map<Action, number>();
    const local = new Map<Action, number>(actions.map((a, i) => [a, i]));
    const next = this.#localSuccessors(actions, local, follow);
    // Tarjan's algorithm gives reverse topological order.
    const order = stronglyConnectedIndices(actions.length, (n) => next[n] ?? NONE).reverse();
    const components = order.map((c) => c.map((n) => actions[n] as Action).sort((a, b) => a.index - b.index));
    components.forEach((c, i) => {
      for (const a of c) componentOf.set(a, i);
    });
    const successors = components.map((c, i) => {
      const out = new Set<number>();
      for (const a of c) for (const n of next[local.get(a) as number] ?? NONE) {
        const target = componentOf.get(actions[n] as Action) as number;
        if (target !== i) out.add(target);
      }
      return [...out].sort((a, b) => a - b);
    });
    return { components, componentOf, successors };
  }

  /**
   * Shortest example paths from the entry (breadth first, connectors in file order), over the graph
   * of (block, state) pairs: `step` gives the state after taking `edge` in state `state`, or undefined
   * when a path may not take it (to avoid blocks or connectors). With a single state this is "a
   * shortest path that avoids X"; with more, "a shortest path on which Y happened and Z did not".
   * One walk, shared by every question asked of the result.
   */
  examplePaths<State>(initial: State, step: (edge: FlowEdge, state: State) => State | undefined): ExamplePaths<State> {
    const parents = new Map<State, Map<number, { readonly edge: FlowEdge; readonly state: State }>>();
    const parentsIn = (state: State): Map<number, { readonly edge: FlowEdge; readonly state: State }> => {
      let map = parents.get(state);
      if (!map) {
        map = new Map();
        parents.set(state, map);
      }
      return map;
    };
    const entry = this.entry;
    const entryEdge = this.edges[0];
    if (entry && entryEdge) {
      parentsIn(initial).set(entry.index, { edge: entryEdge, state: initial });
      const queue: [Action, State][] = [[entry, initial]];
      // The queue grows while it is walked: a breadth-first walk.
      for (const [from, state] of queue) {
        for (const edge of this.outgoing(from)) {
          const to = edge.to;
          if (!to) continue;
          const after = step(edge, state);
          if (after === undefined) continue;
          const seen = parentsIn(after);
          if (seen.has(to.index)) continue;
          seen.set(to.index, { edge, state });
          queue.push([to, after]);
        }
      }
    }
    const limit = this.edges.length;
    // The path's connectors from `action` back to the entry edge, nearest first; stops early when the
    // caller stops iterating. Yields nothing when no allowed path reaches `action` in `state`.
    function* back(action: Action, state: State): Generator<FlowEdge, boolean> {
      let at: Action | undefined = action;
      let now = state;
      for (let steps = 0; at; steps++) {
        const parent: { readonly edge: FlowEdge; readonly state: State } | undefined = parents.get(now)?.get(at.index);
        if (!parent || steps > limit) return false;
        yield parent.edge;
        at = parent.edge.from;
        now = parent.state;
      }
      return true;
    }
    return {
      pathTo: (action: Action, state: State): FlowEdge[] | undefined => {
        const path: FlowEdge[] = [];
        const walk = back(action, state);
        for (let step = walk.next(); ; step = walk.next()) {
          if (step.done === true) return step.value ? path.reverse() : undefined;
          path.push(step.value);
        }
      },
      lastOnPath: (action: Action, state: State, test: (edge: FlowEdge) => boolean): FlowEdge | undefined => {
        for (const edge of back(action, state)) if (test(edge)) return edge;
        return undefined;
      },
    };
  }

  /**
   * One shortest path from the entry to `action` that takes no connector `avoid` accepts, as its
   * connectors from the entry edge on; undefined when every path takes one. For several questions
   * about one flow, `examplePaths` walks once.
   */
  shortestPathAvoiding(action: Action, avoid: (edge: FlowEdge) => boolean): FlowEdge[] | undefined {
    return this.examplePaths(0, (edge) => (avoid(edge) ? undefined : 0)).pathTo(action, 0);
  }

  #action(node: number): Action {
    const action = this.#byIndex[node];
    if (!action) throw new Error(`no action at node ${String(node)}`);
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

/**
 * Strongly connected components of the graph reachable from `roots` (Tarjan's algorithm), for nodes
 * of any kind (flow names, blocks, ...): the nodes are numbered in the order they are found and
 * handed to `stronglyConnectedIndices`, so there is one implementation. Components come out in
 * reverse topological order (a component before those that lead to it); `successors` is asked once
 * per node.
 */
export function stronglyConnected<Node>(roots: readonly Node[], successors: (node: Node) => readonly Node[]): Node[][] {
  const numberOf = new Map<Node, number>();
  const nodes: Node[] = [];
  const number = (node: Node): number => {
    let n = numberOf.get(node);
    if (n === undefined) {
      n = nodes.length;
      numberOf.set(node, n);
      nodes.push(node);
    }
    return n;
  };
  for (const root of roots) number(root);
  // Number every node the roots reach (breadth first: the numbering does not change the result, only
  // the order in which roots are tried does, and that is the order of `roots`). `nodes` grows while
  // it is walked.
  const next: number[][] = [];
  for (const node of nodes) next.push(successors(node).map(number));
  const components = stronglyConnectedIndices(nodes.length, (n) => next[n] ?? NONE);
  return components.map((component) => component.map((n) => nodes[n] as Node));
}

/**
 * Tarjan's algorithm over nodes `0 .. count-1` (each tried as a root in that order), iterative, with
 * typed arrays (for large flows). Components come out in reverse topological order.
 */
export function stronglyConnectedIndices(count: number, successors: (n: number) => readonly number[]): number[][] {
  let counter = 0;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  // The three stacks hold each node at most once at a time: typed arrays of the node count, so they
  // never grow (on a flow of 100,000 blocks, growing arrays was a good part of the garbage).
  const stack = new Int32Array(count);
  let stackSize = 0;
  const workNode = new Int32Array(count);
  const workNext = new Int32Array(count);
  let depth: number;
  const components: number[][] = [];
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    workNode[0] = root;
    workNext[0] = 0;
    depth = 1;
    while (depth > 0) {
      const top = depth - 1;
      const node = workNode[top] as number;
      const succ = successors(node);
      const next = workNext[top] as number;
      if (next < succ.length) {
        workNext[top] = next + 1;
        const w = succ[next] as number;
        if (w >= count) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[stackSize++] = w;
          onStack[w] = 1;
          workNode[depth] = w;
          workNext[depth] = 0;
          depth++;
        } else if (onStack[w] === 1) {
          low[node] = Math.min(low[node] as number, index[w] as number);
        }
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = workNode[depth - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[node] as number);
      }
      if (low[node] === index[node]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack[--stackSize] as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== node);
        components.push(component);
      }
    }
  }
  return components;
}
