import { describe, expect, it } from "vitest";
import { FlowGraph, buildFlow, maySetProblem, mustSetProblem, reversePostorder, solveForward } from "@connect-lint/core";
import type { Action, NameSet } from "@connect-lint/core";

type Spec = [id: string, next: string | null, ...others: string[]];

/** A flow of Wait blocks: each with a default connector and any number of error connectors. */
function graphOf(start: string, specs: Spec[]): FlowGraph {
  const actions = specs.map(([id, next, ...others]) => ({
    Identifier: id,
    Type: "Wait",
    Parameters: {},
    Transitions: {
      ...(next === null ? {} : { NextAction: next }),
      Errors: others.map((target, i) => ({ ErrorType: `E${String(i)}`, NextAction: target })),
    },
  }));
  return new FlowGraph(buildFlow({ Version: "2019-10-30", StartAction: start, Actions: actions }, "flow", { filePath: "t.json" }));
}

/** Every block adds its own Identifier on its default connector only. */
const setsOwnIdOnSuccess = { gen: (a: Action, e: { transition?: { kind: string } | undefined }) => (e.transition?.kind === "next" ? [a.id ?? ""] : []) };

function facts(graph: FlowGraph, solution: ReadonlyMap<Action, NameSet>): Record<string, string[]> {
  return Object.fromEntries(graph.flow.actions.map((a) => [a.id ?? "?", solution.has(a) ? [...(solution.get(a) ?? [])].sort() : ["<unreachable>"]]));
}

describe("solveForward", () => {
  it("a diamond: must keeps what both arms set, may keeps what either sets", () => {
    // a -> b | c (error) -> d
    const g = graphOf("a", [["a", "b", "c"], ["b", "d"], ["c", "d"], ["d", null]]);
    expect(facts(g, solveForward(g, mustSetProblem(setsOwnIdOnSuccess)).before)).toEqual({ a: [], b: ["a"], c: [], d: [] });
    expect(facts(g, solveForward(g, maySetProblem(setsOwnIdOnSuccess)).before)).toEqual({ a: [], b: ["a"], c: [], d: ["a", "b", "c"] });
  });

  it("a loop: what the loop body sets is not a must on entry to the loop head", () => {
    // a -> h; h -> body -> h (back edge); h -(error)-> exit
    const g = graphOf("a", [["a", "h"], ["h", "body", "exit"], ["body", "h"], ["exit", null]]);
    const must = solveForward(g, mustSetProblem(setsOwnIdOnSuccess));
    expect(facts(g, must.before)).toEqual({ a: [], h: ["a"], body: ["a", "h"], exit: ["a"] });
    expect(facts(g, solveForward(g, maySetProblem(setsOwnIdOnSuccess)).before)).toEqual({ a: [], h: ["a", "body", "h"], body: ["a", "body", "h"], exit: ["a", "body", "h"] });
  });

  it("a loop with no exit still reaches a fixed point", () => {
    const g = graphOf("a", [["a", "b"], ["b", "a"]]);
    expect(facts(g, solveForward(g, mustSetProblem(setsOwnIdOnSuccess)).before)).toEqual({ a: [], b: ["a"] });
  });

  it("gives the facts as a read-only map in the order they were first found", () => {
    // a -> b | c (error) -> d; island -> a
    const g = graphOf("a", [["a", "b", "c"], ["b", "d"], ["c", "d"], ["d", null], ["island", "a"]]);
    const before = solveForward(g, maySetProblem(setsOwnIdOnSuccess)).before;
    const [a, b, c, d, island] = g.flow.actions as [Action, Action, Action, Action, Action];
    expect(before.size).toBe(4);
    expect([...before.keys()].map((x) => x.id)).toEqual(["a", "b", "c", "d"]);
    expect([...before.values()].map((v) => [...v].sort())).toEqual([[], ["a"], [], ["a", "b", "c"]]);
    expect([...before].map(([x]) => x.id)).toEqual(["a", "b", "c", "d"]);
    const seen: string[] = [];
    before.forEach((value, key) => seen.push(`${key.id ?? ""}:${String(value.size)}`));
    expect(seen).toEqual(["a:0", "b:1", "c:0", "d:3"]);
    expect([before.has(island), before.get(island)]).toEqual([false, undefined]);
    expect([before.has(a), before.has(b), before.has(c), [...(before.get(d) ?? [])].sort()]).toEqual([true, true, true, ["a", "b", "c"]]);
    // A block of another flow (same index) is not one of this flow's.
    const other = graphOf("a", [["a", null]]).flow.actions[0] as Action;
    expect(before.has(other)).toBe(false);
  });

  it("gives unreachable blocks no fact", () => {
    const g = graphOf("a", [["a", null], ["island", "a"]]);
    expect(facts(g, solveForward(g, maySetProblem(setsOwnIdOnSuccess)).before)).toEqual({ a: [], island: ["<unreachable>"] });
  });

  it("kills on the way", () => {
    const g = graphOf("a", [["a", "b"], ["b", "c"], ["c", null]]);
    const problem = mustSetProblem({ entry: ["x"], gen: () => [], kill: (a) => (a.id === "b" ? ["x"] : []) });
    expect(facts(g, solveForward(g, problem).before)).toEqual({ a: ["x"], b: ["x"], c: [] });
  });

  it("gives nothing when the flow has no entry", () => {
    const g = graphOf("missing", [["a", null]]);
    expect(solveForward(g, maySetProblem(setsOwnIdOnSuccess)).before.size).toBe(0);
    expect(reversePostorder(g)).toEqual([]);
  });

  it("visits each block of a long chain once (linear)", () => {
    const n = 10000;
    const specs: Spec[] = Array.from({ length: n }, (_, i) => [`b${String(i)}`, i + 1 < n ? `b${String(i + 1)}` : null]);
    const g = graphOf("b0", specs);
    const solution = solveForward(g, mustSetProblem({ gen: (a) => (a.id === "b0" ? ["first"] : []) }));
    expect(solution.visits).toBe(n);
    expect([...(solution.before.get(g.flow.actions[n - 1] as Action) ?? [])]).toEqual(["first"]);
  });
});
