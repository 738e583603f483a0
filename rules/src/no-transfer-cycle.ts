import { ACTIONS, compareStrings, defineRule, flowKey, solveForward, stronglyConnected } from "@connect-lint/core";
import type { ActionSpec, ForwardProblem, ProjectFlow, Reference } from "@connect-lint/core";
import { describeBlock, listPhrase } from "./utils/describe.js";

// ---------------------------------------------------------------------------------------------
// Catalog facts. The catalog has no field for "hands the contact to another flow" or "waits for the
// customer"; both are derived here from what it does say, and no action type is named.
// ---------------------------------------------------------------------------------------------

/**
 * Parameters that hand the running contact itself to another flow or module, by action type: a
 * flow-control block whose required parameter names a flow (Transfer to flow), or a block whose
 * required parameter names a module (Invoke module: a module that transfers takes the contact with
 * it). Blocks that merely name a flow for later (event hooks, callbacks, tasks) start nothing now.
 */
const HAND_OVER = new Map<string, string>();
for (const spec of ACTIONS) {
  for (const [name, p] of Object.entries(spec.parameters)) {
    if (!p.required) continue;
    if ((p.references === "flow" && spec.category === "flow-control") || p.references === "module") HAND_OVER.set(spec.type, name);
  }
}

/**
 * A block that waits for a person or for time: a participant block that branches on what the
 * participant did (Get customer input, Lex, Show view, Authenticate customer, Loop prompts), or a
 * block with a required time limit (Wait, Transfer to phone number).
 */
function waits(spec: ActionSpec): boolean {
  return (
    (spec.category === "participant" && spec.conditions.supported) ||
    Object.entries(spec.parameters).some(([name, p]) => p.required && name.endsWith("TimeLimitSeconds"))
  );
}
const WAITING = new Set<string>(ACTIONS.filter(waits).map((a) => a.type));

/** "Reached by some path from the start that passes no waiting block". */
const NO_WAIT: ForwardProblem<boolean> = {
  entry: true,
  join: (a, b) => a || b,
  equals: (a, b) => a === b,
  transfer: (action, input) => input && !(action.type !== undefined && WAITING.has(action.type)),
};

/** At most this many other flows are named in a message. */
const MAX_LISTED = 5;

function names(flows: readonly ProjectFlow[]): string {
  const quoted = flows.slice(0, MAX_LISTED).map((f) => JSON.stringify(f.name));
  const rest = flows.length - quoted.length;
  if (rest > 0) quoted.push(`${String(rest)} more`);
  return listPhrase(quoted);
}

export const noTransferCycle = defineRule({
  name: "no-transfer-cycle",
  meta: {
    type: "problem",
    description: "Disallow flows that transfer the contact to each other in a loop with no block that waits for the customer.",
    recommended: "error",
    messages: {
      cycle:
        "{{block}} starts a loop of flows that pass the contact to each other with no block on the way that waits for the customer: {{path}}. The contact would go round this loop without end.",
      cycleWithOthers:
        "{{block}} starts a loop of flows that pass the contact to each other with no block on the way that waits for the customer: {{path}}. The contact would go round this loop without end; {{others}} can also be drawn into it.",
      selfTransfer:
        "{{block}} sends the contact back to the start of this same flow with no block on the way that waits for the customer. The contact would go round the flow without end.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  checkProject(context) {
    const { project } = context;
    // Per flow, the blocks (by their index in Actions) some path from the start reaches without
    // waiting. By index: the project may load the flow again, with new objects for its blocks.
    const reached = new Map<ProjectFlow, ReadonlySet<number>>();
    const reachedOf = (flow: ProjectFlow): ReadonlySet<number> => {
      let facts = reached.get(flow);
      if (!facts) {
        const before = solveForward(flow.graph, NO_WAIT).before;
        facts = new Set([...before].flatMap(([action, value]) => (value ? [action.index] : [])));
        reached.set(flow, facts);
      }
      return facts;
    };
    /** Counting hand-overs, by source flow then target flow, each list in file order. */
    const edges = new Map<ProjectFlow, Map<ProjectFlow, Reference[]>>();
    for (const ref of project.references) {
      if (ref.resolution.status !== "project" || ref.block.type === undefined) continue;
      if (HAND_OVER.get(ref.block.type) !== ref.parameter) continue;
      if (!reachedOf(ref.from).has(ref.block.index)) continue;
      const target = ref.resolution.target;
      let byTarget = edges.get(ref.from);
      if (!byTarget) edges.set(ref.from, (byTarget = new Map<ProjectFlow, Reference[]>()));
      const list = byTarget.get(target);
      if (list) list.push(ref);
      else byTarget.set(target, [ref]);
    }
    if (edges.size === 0) return;

    // Flows are keyed by file and, for flows embedded in one template, by resource.
    const keyOf = (f: ProjectFlow): string => flowKey(f.filePath, f.resource);
    const byPath = new Map<string, ProjectFlow>(project.flows.map((f) => [keyOf(f), f]));
    const successors = new Map<string, string[]>();
    for (const [from, byTarget] of edges) successors.set(keyOf(from), [...byTarget.keys()].map(keyOf).sort(compareStrings));
    const nodes = [...successors.keys()].sort(compareStrings);
    const components = stronglyConnected(nodes, (n) => successors.get(n) ?? []);

    for (const component of components) {
      const members = [...component].sort(compareStrings);
      const firstPath = members[0];
      if (firstPath === undefined) continue;
      const first = byPath.get(firstPath);
      if (!first) continue;
      const firstEdges = edges.get(first);
      if (members.length === 1) {
        const self = firstEdges?.get(first)?.[0];
        if (self) context.report({ flow: first, messageId: "selfTransfer", at: { pointer: self.pointer, action: self.action }, data: { block: describeBlock(self.action) } });
        continue;
      }
      const cycle = shortestCycle(firstPath, new Set(members), (n) => successors.get(n) ?? []);
      const nextPath = cycle[1];
      const next = nextPath === undefined ? undefined : byPath.get(nextPath);
      const ref = next === undefined ? undefined : firstEdges?.get(next)?.[0];
      if (!ref) continue;
      const path = cycle.map((p) => JSON.stringify(byPath.get(p)?.name ?? p)).join(" -> ");
      const onCycle = new Set(cycle);
      const others = members.filter((m) => !onCycle.has(m)).flatMap((m) => byPath.get(m) ?? []);
      const block = describeBlock(ref.action);
      const at = { pointer: ref.pointer, action: ref.action };
      if (others.length === 0) context.report({ flow: first, messageId: "cycle", at, data: { block, path } });
      else context.report({ flow: first, messageId: "cycleWithOthers", at, data: { block, path, others: names(others) } });
    }
  },
});

/**
 * The shortest cycle through `start` inside `within` (of more than one node), as its nodes from
 * `start` back to `start`; breadth-first with successors in sorted order, so ties go to the earliest
 * file paths. A flow's transfer to itself is left out: the loop through other flows is the one shown.
 */
function shortestCycle(start: string, within: ReadonlySet<string>, successors: (n: string) => readonly string[]): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  // The queue grows while it is walked: an array iterator sees the added nodes.
  for (const node of queue) {
    for (const next of successors(node)) {
      if (!within.has(next) || next === node) continue;
      if (next === start) {
        const back: string[] = [];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = parent.get(at)) back.push(at);
        return [start, ...back.reverse(), start];
      }
      if (parent.has(next)) continue;
      parent.set(next, node);
      queue.push(next);
    }
  }
  return [start, start];
}
