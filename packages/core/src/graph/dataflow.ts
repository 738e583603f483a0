/**
 * A small forward data-flow framework over a FlowGraph: facts that hold on every path (must) or on
 * some path (may) into each block, computed to a fixed point. Rules describe the problem (what a
 * block does to the fact, edge by edge, and how facts from two paths combine); the solver does the
 * rest, for loops and unreachable blocks alike.
 *
 * The solver visits blocks in reverse postorder with a worklist, so on flows without loops every
 * block is visited once and on flows with loops each loop is re-walked only while facts still change
 * (a bounded number of times for facts of finite height, such as sets of names). Blocks no path from
 * the start reaches get no fact at all: a rule must not reason about them.
 */
import type { Action } from "../model/flow.js";
import type { FlowEdge, FlowGraph } from "./flow-graph.js";

export interface ForwardProblem<Fact> {
  /** The fact on entry to the flow (into the start block). */
  readonly entry: Fact;
  /** Combines the facts of two paths meeting at a block: intersection for must, union for may. */
  join(a: Fact, b: Fact): Fact;
  equals(a: Fact, b: Fact): boolean;
  /**
   * The fact leaving `action` along `edge`, given the fact on entry to `action`. The edge matters:
   * what a Lambda returns is set on its success connector, not on its error connectors.
   */
  transfer(action: Action, input: Fact, edge: FlowEdge): Fact;
}

export interface ForwardSolution<Fact> {
  /** The fact on entry to each reachable block. */
  readonly before: ReadonlyMap<Action, Fact>;
  /** How many times a block was evaluated in all (for measuring; at least the reachable count). */
  readonly visits: number;
}

/** Blocks reachable from the start, in reverse postorder (a block comes before its successors, loops aside). */
export function reversePostorder(graph: FlowGraph): Action[] {
  return reversePostorderNodes(graph).map((p) => graph.actionAtNode(p) as Action);
}

/** Reverse postorders found so far, per graph: every analysis of a flow starts from the same one. */
const postorders = new WeakMap<FlowGraph, readonly number[]>();

/** `reversePostorder` as node numbers (`FlowGraph.nodeOf`). */
function reversePostorderNodes(graph: FlowGraph): readonly number[] {
  let order = postorders.get(graph);
  if (!order) {
    order = computeReversePostorder(graph);
    postorders.set(graph, order);
  }
  return order;
}

function computeReversePostorder(graph: FlowGraph): number[] {
  const entry = graph.entry;
  if (!entry) return [];
  const root = graph.nodeOf(entry) as number;
  const order: number[] = [];
  const seen = new Uint8Array(graph.nodeCount);
  seen[root] = 1;
  // Iterative DFS: a frame is a block and the index of its next successor to visit.
  const nodes = [root];
  const nexts = [0];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top] as number;
    const successors = graph.successorNodes(node);
    const i = nexts[top] as number;
    const next = successors[i];
    if (next === undefined) {
      nodes.pop();
      nexts.pop();
      order.push(node);
    } else {
      nexts[top] = i + 1;
      if (seen[next] === 0) {
        seen[next] = 1;
        nodes.push(next);
        nexts.push(0);
      }
    }
  }
  return order.reverse();
}

/** Solves a forward problem to its fixed point. */
export function solveForward<Fact>(graph: FlowGraph, problem: ForwardProblem<Fact>): ForwardSolution<Fact> {
  const order = reversePostorderNodes(graph);
  if (order.length === 0) return { before: new Map<Action, Fact>(), visits: 0 };
  // Facts and ranks in arrays indexed by rank and node number: a Map lookup per edge costs more than
  // the transfer functions on large flows.
  const rankOf = new Int32Array(graph.nodeCount).fill(-1);
  const actions = order.map((p) => graph.actionAtNode(p) as Action);
  order.forEach((p, r) => (rankOf[p] = r));
  const facts: (Fact | undefined)[] = new Array<Fact | undefined>(order.length).fill(undefined);
  const firstSet: number[] = [0];
  facts[0] = problem.entry;

  // Worklist ordered by reverse-postorder rank, walked in passes: take the lowest pending rank at or
  // after the cursor; ranks below it (back edges of loops) wait for the next pass. Two heaps make
  // each step logarithmic (a scan for the next pending rank would be quadratic on long flows).
  let current = new RankHeap();
  let later = new RankHeap();
  const queued = new Uint8Array(order.length);
  current.push(0);
  queued[0] = 1;
  let visits = 0;
  const maxVisits = Math.max(1000, order.length * 200);
  for (;;) {
    if (current.size === 0) {
      if (later.size === 0) break;
      [current, later] = [later, current];
    }
    const cursor = current.pop();
    queued[cursor] = 0;
    const action = actions[cursor] as Action;
    const input = facts[cursor] as Fact;
    if (++visits > maxVisits) throw new Error(`data-flow analysis did not converge after ${String(visits)} visits (the problem's join is not monotone)`);
    for (const edge of graph.outgoing(action)) {
      const target = edge.to;
      if (!target) continue;
      const out = problem.transfer(action, input, edge);
      const r = rankOf[graph.nodeOf(target) as number] as number;
      const old = facts[r];
      const merged = old === undefined ? out : problem.join(old, out);
      if (old !== undefined && problem.equals(old, merged)) continue;
      if (old === undefined) firstSet.push(r);
      facts[r] = merged;
      if (queued[r] === 1) continue;
      queued[r] = 1;
      (r >= cursor ? current : later).push(r);
    }
  }
  // In the order facts were first found, as the solver always gave them; a view of the arrays rather
  // than a Map filled with every block (a large flow runs several analyses).
  return { before: new FactsBefore(graph, rankOf, actions, facts, firstSet), visits };
}

/** The facts before each reached block, as a read-only map over the solver's arrays. */
class FactsBefore<Fact> implements ReadonlyMap<Action, Fact> {
  readonly #graph: FlowGraph;
  readonly #rankOf: Int32Array;
  readonly #actions: readonly Action[];
  readonly #facts: readonly (Fact | undefined)[];
  /** Ranks in the order their facts were first found. */
  readonly #order: readonly number[];
  readonly #found: Uint8Array;

  constructor(graph: FlowGraph, rankOf: Int32Array, actions: readonly Action[], facts: readonly (Fact | undefined)[], order: readonly number[]) {
    this.#graph = graph;
    this.#rankOf = rankOf;
    this.#actions = actions;
    this.#facts = facts;
    this.#order = order;
    this.#found = new Uint8Array(actions.length);
    for (const r of order) this.#found[r] = 1;
  }

  get size(): number {
    return this.#order.length;
  }

  #rank(action: Action): number {
    const node = this.#graph.nodeOf(action);
    const rank = node === undefined ? -1 : (this.#rankOf[node] ?? -1);
    return rank >= 0 && this.#found[rank] === 1 ? rank : -1;
  }

  get(action: Action): Fact | undefined {
    const rank = this.#rank(action);
    return rank < 0 ? undefined : this.#facts[rank];
  }

  has(action: Action): boolean {
    return this.#rank(action) >= 0;
  }

  forEach(callback: (value: Fact, key: Action, map: ReadonlyMap<Action, Fact>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  *entries(): MapIterator<[Action, Fact]> {
    for (const r of this.#order) yield [this.#actions[r] as Action, this.#facts[r] as Fact];
  }

  *keys(): MapIterator<Action> {
    for (const r of this.#order) yield this.#actions[r] as Action;
  }

  *values(): MapIterator<Fact> {
    for (const r of this.#order) yield this.#facts[r] as Fact;
  }

  [Symbol.iterator](): MapIterator<[Action, Fact]> {
    return this.entries();
  }
}

/** A fact that is a set of names (attributes set, blocks passed, …). */
export type NameSet = ReadonlySet<string>;

/** What a set analysis needs: the names on entry, and what each block adds or removes per edge. */
export interface SetProblemOptions {
  readonly entry?: Iterable<string>;
  readonly gen: (action: Action, edge: FlowEdge) => Iterable<string>;
  readonly kill?: (action: Action, edge: FlowEdge) => Iterable<string>;
}

/**
 * A must-analysis over sets of names: a name is in the fact before a block when every path from the
 * start to the block passes a block that adds it (and none that removes it after).
 */
export function mustSetProblem(options: SetProblemOptions): ForwardProblem<NameSet> {
  return setProblem(options, (a, b) => {
    if (a === b) return a;
    // `a` itself when every name of it is in `b`: most joins change nothing, and a new set per join
    // is most of the garbage on a large flow.
    let out: Set<string> | undefined;
    let i = 0;
    for (const x of a) {
      // At the first name missing from `b`, the names before it were all kept.
      if (!b.has(x)) out ??= new Set([...a].slice(0, i));
      else out?.add(x);
      i++;
    }
    return out ?? a;
  });
}

/**
 * A may-analysis over sets of names: a name is in the fact before a block when some path from the
 * start to the block passes a block that adds it (with no block removing it after, on that path).
 */
export function maySetProblem(options: SetProblemOptions): ForwardProblem<NameSet> {
  return setProblem(options, unionNames);
}

/** True when two name sets hold the same names. */
export function sameNames(a: NameSet, b: NameSet): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The names in either set (`a` itself when `b` adds nothing to it: no new set). */
export function unionNames(a: NameSet, b: NameSet): NameSet {
  if (a === b) return a;
  let out: Set<string> | undefined;
  for (const x of b) if (!a.has(x)) (out ??= new Set(a)).add(x);
  return out ?? a;
}

function setProblem(options: SetProblemOptions, join: (a: NameSet, b: NameSet) => NameSet): ForwardProblem<NameSet> {
  return {
    entry: new Set(options.entry ?? []),
    join,
    equals: sameNames,
    transfer(action, input, edge) {
      const kill = options.kill ? [...options.kill(action, edge)] : [];
      const gen = [...options.gen(action, edge)];
      if (kill.length === 0 && gen.every((g) => input.has(g))) return input;
      const out = new Set(input);
      for (const k of kill) out.delete(k);
      for (const g of gen) out.add(g);
      return out;
    },
  };
}

/** A min-heap of ranks. */
class RankHeap {
  readonly #items: number[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(value: number): void {
    const items = this.#items;
    let i = items.length;
    items.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as number;
      if (p <= value) break;
      items[i] = p;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.#items;
    const top = items[0] as number;
    const last = items.pop() as number;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && (items[right] as number) < (items[left] as number) ? right : left;
        if ((items[child] as number) >= last) break;
        items[i] = items[child] as number;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
