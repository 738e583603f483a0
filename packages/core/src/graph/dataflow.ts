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
  const entry = graph.entry;
  if (!entry) return [];
  const order: Action[] = [];
  const seen = new Set<Action>([entry]);
  // Iterative DFS: a frame is a block and the index of its next successor to visit.
  const stack: { action: Action; next: number; successors: Action[] }[] = [{ action: entry, next: 0, successors: graph.successors(entry) }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    const next = frame.successors[frame.next++];
    if (next === undefined) {
      stack.pop();
      order.push(frame.action);
    } else if (!seen.has(next)) {
      seen.add(next);
      stack.push({ action: next, next: 0, successors: graph.successors(next) });
    }
  }
  return order.reverse();
}

/** Solves a forward problem to its fixed point. */
export function solveForward<Fact>(graph: FlowGraph, problem: ForwardProblem<Fact>): ForwardSolution<Fact> {
  const order = reversePostorder(graph);
  const rank = new Map<Action, number>(order.map((a, i) => [a, i]));
  const before = new Map<Action, Fact>();
  const entry = graph.entry;
  if (!entry) return { before, visits: 0 };
  before.set(entry, problem.entry);

  // Worklist ordered by reverse-postorder rank: a sorted set of ranks pending.
  const pending = new Set<number>([0]);
  let cursor = 0;
  let visits = 0;
  const maxVisits = Math.max(1000, order.length * 200);
  while (pending.size > 0) {
    // Take the lowest pending rank at or after the cursor, wrapping round once a pass is done.
    while (!pending.has(cursor)) cursor = cursor + 1 >= order.length ? 0 : cursor + 1;
    pending.delete(cursor);
    const action = order[cursor] as Action;
    const input = before.get(action) as Fact;
    if (++visits > maxVisits) throw new Error(`data-flow analysis did not converge after ${String(visits)} visits (the problem's join is not monotone)`);
    for (const edge of graph.outgoing(action)) {
      const target = edge.to;
      if (!target) continue;
      const out = problem.transfer(action, input, edge);
      const old = before.get(target);
      const merged = old === undefined ? out : problem.join(old, out);
      if (old !== undefined && problem.equals(old, merged)) continue;
      before.set(target, merged);
      pending.add(rank.get(target) as number);
    }
  }
  return { before, visits };
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
    const out = new Set<string>();
    for (const x of a) if (b.has(x)) out.add(x);
    return out;
  });
}

/**
 * A may-analysis over sets of names: a name is in the fact before a block when some path from the
 * start to the block passes a block that adds it (with no block removing it after, on that path).
 */
export function maySetProblem(options: SetProblemOptions): ForwardProblem<NameSet> {
  return setProblem(options, (a, b) => {
    if (a === b) return a;
    const out = new Set<string>(a);
    for (const x of b) out.add(x);
    return out;
  });
}

function setProblem(options: SetProblemOptions, join: (a: NameSet, b: NameSet) => NameSet): ForwardProblem<NameSet> {
  return {
    entry: new Set(options.entry ?? []),
    join,
    equals(a, b) {
      if (a === b) return true;
      if (a.size !== b.size) return false;
      for (const x of a) if (!b.has(x)) return false;
      return true;
    },
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
