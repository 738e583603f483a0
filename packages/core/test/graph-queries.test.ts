/** The FlowGraph queries the big rules share: components skipping edges, condensation, example paths. */
import { describe, expect, it } from "vitest";
import { FlowGraph, buildFlow, stronglyConnected } from "@connect-lint/core";
import type { Action, FlowEdge } from "@connect-lint/core";

/** A flow from `id: [NextAction, ...condition targets]`; every block a Check contact attributes block. */
function graphOf(start: string, blocks: Record<string, readonly string[]>): FlowGraph {
  const actions = Object.entries(blocks).map(([id, [next, ...conditions]]) => ({
    Identifier: id,
    Type: "Compare",
    Parameters: { ComparisonValue: "$.Attributes.x" },
    Transitions: {
      ...(next === undefined ? {} : { NextAction: next }),
      Conditions: conditions.map((target, i) => ({ NextAction: target, Condition: { Operator: "Equals", Operands: [String(i)] } })),
    },
  }));
  return new FlowGraph(buildFlow({ Version: "2019-10-30", StartAction: start, Actions: actions }, "flow", { filePath: "t.json" }));
}

const ids = (actions: readonly Action[]): (string | undefined)[] => actions.map((a) => a.id);
const pathIds = (path: readonly FlowEdge[] | undefined): string[] | undefined => path?.map((e) => `${e.from?.id ?? "start"}>${e.to?.id ?? "?"}`);

describe("FlowGraph.components", () => {
  const graph = graphOf("a", { a: ["b"], b: ["c", "a"], c: ["d"], d: ["c", "e"], e: ["e"] });
  const block = (id: string): Action => graph.flow.actionsById.get(id) as Action;

  it("gives the cyclic components of a set of blocks, in reverse topological order, blocks in file order", () => {
    expect(graph.components(graph.flow.actions).map(ids)).toEqual([["e"], ["c", "d"], ["a", "b"]]);
  });

  it("follows only the connectors it is told to", () => {
    // Without the condition back to `a`, a and b are no cycle; without the self-loop, e is none.
    const skip = (e: FlowEdge): boolean => !(e.from?.id === "b" && e.to?.id === "a") && !(e.from?.id === "e");
    expect(graph.components(graph.flow.actions, skip).map(ids)).toEqual([["c", "d"]]);
  });

  it("looks only at the blocks given", () => {
    expect(graph.components([block("d"), block("c"), block("a")]).map(ids)).toEqual([["c", "d"]]);
  });
});

describe("FlowGraph.condensation", () => {
  it("orders every component topologically and links them", () => {
    const graph = graphOf("a", { a: ["b"], b: ["c", "a"], c: ["d"], d: ["c", "e"], e: [] });
    const { components, componentOf, successors } = graph.condensation();
    expect(components.map(ids)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(successors).toEqual([[1], [2], []]);
    expect(componentOf.get(graph.flow.actionsById.get("d") as Action)).toBe(1);
  });

  it("splits a cycle when its back edge is not followed", () => {
    const graph = graphOf("a", { a: ["b"], b: ["a"] });
    const { components, successors } = graph.condensation((e) => e.from?.id !== "b");
    expect(components.map(ids)).toEqual([["a"], ["b"]]);
    expect(successors).toEqual([[1], []]);
  });
});

describe("FlowGraph.examplePaths", () => {
  //  a -> b -> d, a -> c -> d (c first by condition), d -> e
  const graph = graphOf("a", { a: ["b", "c"], b: ["d"], c: ["d"], d: ["e"], e: [] });
  const block = (id: string): Action => graph.flow.actionsById.get(id) as Action;

  it("finds a shortest path, connectors in file order, starting with the entry edge", () => {
    expect(pathIds(graph.shortestPathAvoiding(block("e"), () => false))).toEqual(["start>a", "a>b", "b>d", "d>e"]);
  });

  it("avoids the connectors it is told to avoid, and says when no path is left", () => {
    expect(pathIds(graph.shortestPathAvoiding(block("e"), (e) => e.from?.id === "b"))).toEqual(["start>a", "a>c", "c>d", "d>e"]);
    expect(graph.shortestPathAvoiding(block("e"), (e) => e.to?.id === "d")).toBeUndefined();
  });

  it("tracks a state along the path", () => {
    // State 1 once the path has passed c.
    const paths = graph.examplePaths(0, (e, s) => (e.from?.id === "c" ? 1 : s));
    expect(pathIds(paths.pathTo(block("e"), 1))).toEqual(["start>a", "a>c", "c>d", "d>e"]);
    expect(pathIds(paths.pathTo(block("e"), 0))).toEqual(["start>a", "a>b", "b>d", "d>e"]);
    expect(paths.pathTo(block("b"), 1)).toBeUndefined();
  });

  it("finds the connector nearest to a block on the path, walking back", () => {
    const paths = graph.examplePaths(0, () => 0);
    const seen: string[] = [];
    const found = paths.lastOnPath(block("e"), 0, (e) => {
      seen.push(e.from?.id ?? "start");
      return e.from?.id === "b";
    });
    expect(pathIds(found ? [found] : undefined)).toEqual(["b>d"]);
    // d>e, then b>d: it stops there, without walking to the entry.
    expect(seen).toEqual(["d", "b"]);
    expect(paths.lastOnPath(block("e"), 0, (e) => e.from?.id === "c")).toBeUndefined();
    expect(paths.lastOnPath(block("e"), 1, () => true)).toBeUndefined();
  });
});

describe("stronglyConnected over any node type", () => {
  it("discovers nodes that are not roots, and tries roots in the order given", () => {
    const edges: Record<string, string[]> = { x: ["y"], y: ["z", "x"], z: [] };
    expect(stronglyConnected(["x"], (n) => edges[n] ?? [])).toEqual([["z"], ["y", "x"]]);
    expect(stronglyConnected(["z", "x"], (n) => edges[n] ?? [])).toEqual([["z"], ["y", "x"]]);
    const objects: readonly { readonly n: number }[] = [{ n: 1 }, { n: 2 }];
    expect(stronglyConnected([objects[0]], (o) => (o === objects[0] ? [objects[1]] : [objects[0]]))).toEqual([[objects[1], objects[0]]]);
  });
});
