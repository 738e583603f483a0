/**
 * Golden tests: each fixtures/graph/<name>.json has <name>.edges with the graph's edges, reachable
 * blocks and cycles. Set UPDATE_GOLDEN=1 to rewrite the golden files (then review the diff).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FlowGraph, buildFlow, parseJson, stronglyConnected } from "@connect-lint/core";
import type { Flow } from "@connect-lint/core";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../fixtures/graph");

function load(file: string): Flow {
  const parsed = parseJson(fs.readFileSync(file, "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  return buildFlow(parsed.document.value as Record<string, unknown>, "flow", { filePath: file });
}

function describeGraph(graph: FlowGraph): string {
  const name = (a: { id: string | undefined } | undefined): string => (a ? JSON.stringify(a.id) : "?");
  const lines = ["edges:"];
  for (const e of graph.edges) {
    const target = e.to ? name(e.to) : JSON.stringify(e.transition?.target ?? graph.flow.startAction ?? null);
    lines.push(`  ${e.from ? name(e.from) : "start"} -> ${target} ${e.label} ${e.status}`);
  }
  lines.push(`reachable: ${graph.flow.actions.filter((a) => graph.reachableFrom().has(a)).map(name).join(", ")}`);
  lines.push(`dangling: ${String(graph.danglingEdges().length)}`);
  lines.push("cycles:");
  for (const cycle of graph.cycles()) lines.push(`  ${cycle.map(name).join(", ")}`);
  return lines.join("\n") + "\n";
}

const cases = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

describe("graph golden files", () => {
  it.each(cases)("%s", (file) => {
    const graph = new FlowGraph(load(path.join(dir, file)));
    const actual = describeGraph(graph);
    const golden = path.join(dir, file.replace(/\.json$/, ".edges"));
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, actual);
    expect(actual).toBe(fs.readFileSync(golden, "utf8"));
  });
});

describe("FlowGraph", () => {
  it("names nodes by position, so any Identifier is safe", () => {
    const graph = new FlowGraph(load(path.join(dir, "loop.json")));
    expect(graph.graphlib.nodes()).toEqual(["start", "a0", "a1", "a2"]);
    expect(graph.graphlib.edgeCount()).toBe(6);
  });

  it("keeps two connectors to the same block as two labelled edges", () => {
    const graph = new FlowGraph(load(path.join(dir, "diamond-with-defects.json")));
    expect(graph.graphlib.outEdges("a0")?.map((e) => e.name)).toEqual(["next", "condition[0]", "condition[1]", "error[NoMatchingCondition]"]);
    expect(graph.successors(graph.flow.actions[0] as never).map((a) => a.id)).toEqual(["standard", "gold"]);
  });

  it("prints deterministic DOT", () => {
    const graph = new FlowGraph(load(path.join(dir, "no-start.json")));
    expect(graph.toDot()).toBe(
      [
        'digraph "no-start" {',
        "  rankdir=LR;",
        '  start [shape=circle, label="start"];',
        '  a0 [shape=box, label="Wait\\na"];',
        '  a1 [shape=box, label="Wait\\nb"];',
        '  dangling0 [shape=plaintext, fontcolor=red, label="missing: missing"];',
        '  start -> dangling0 [label="start", color=red];',
        '  a0 -> a1 [label="next"];',
        '  a1 -> a0 [label="next"];',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("walks a chain of 20,000 blocks without overflowing the stack", () => {
    const n = 20000;
    const actions = Array.from({ length: n }, (_, i) => ({
      Identifier: `b${String(i)}`,
      Type: "Wait",
      Parameters: {},
      Transitions: { NextAction: `b${String((i + 1) % n)}` },
    }));
    const flow = buildFlow({ Version: "2019-10-30", StartAction: "b0", Actions: actions }, "flow", { filePath: "chain.json" });
    const graph = new FlowGraph(flow);
    expect(graph.reachableFrom().size).toBe(n);
    const cycles = graph.cycles();
    expect(cycles.length).toBe(1);
    expect(cycles[0]?.length).toBe(n);
  });
});

describe("stronglyConnected", () => {
  it("finds components in reverse topological order", () => {
    const edges: Record<string, string[]> = { a: ["b"], b: ["c", "a"], c: ["d"], d: ["c"], e: [] };
    expect(stronglyConnected(["a", "b", "c", "d", "e"], (n) => edges[n] ?? [])).toEqual([["d", "c"], ["b", "a"], ["e"]]);
  });
});
