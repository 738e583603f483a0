import { ACTIONS, defineRule, describeTypeSource, flowTypeLabel, getAction, isObject } from "@connect-lint/core";
import type { Action, ActionSpec, FlowTypeName, Transition } from "@connect-lint/core";
import { describeBlock, listPhrase } from "./utils/describe.js";
import { findReferences, namespaceInfo } from "./utils/references.js";

export interface NoInfiniteLoopOptions {
  /**
   * Report loops whose only ways out test contact attributes (`$.Attributes.x`) that nothing in the
   * loop changes. Something outside the flow (the UpdateContactAttributes API) could still change
   * them, so these findings are warnings.
   */
  readonly checkContactAttributes: boolean;
}

// ---------------------------------------------------------------------------------------------
// What the rule needs to know about blocks: whether a block waits and whether it hands the contact
// on are catalog effects; the rest is derived from what the catalog says about parameters and
// conditions, in one clearly named place (rules/docs/no-infinite-loop.md, "Catalog facts"). No
// action type is named here.
// ---------------------------------------------------------------------------------------------

/** The parameter that bounds a counting block (Loop), and the condition operands of its two branches. */
const COUNT_PARAMETER = "LoopCount";
const CONTINUE_OPERAND = "ContinueLooping";
const DONE_OPERAND = "DoneLooping";
/** The catch-all error type of the Flow language: the block failed. */
const FAILURE_ERROR = "NoMatchingError";
/** The error type a branching block takes when no condition matched: a normal outcome, not a failure. */
const NO_MATCH_ERROR = "NoMatchingCondition";
/** Namespace of contact attributes, which the UpdateContactAttributes API can change from outside the flow. */
const CONTACT_ATTRIBUTES = "Attributes";
/** At most this many blocks are named in a message. */
const MAX_LISTED = 8;

interface BlockFacts {
  /** Waits for a person (customer input, a view, a bot) or for time (Wait): a turn of the loop is not "forever by machine". */
  readonly waits: boolean;
  /** Counts its runs (Loop): takes its continue branch at most LoopCount times before its done branch, then starts again. */
  readonly counts: boolean;
  /** Hands the contact on when it succeeds, whatever its NextAction says (transfer blocks). */
  readonly handsOff: boolean;
  /** The parameter whose value the block's conditions test (Check contact attributes), if it is such a block. */
  readonly tests: string | undefined;
  /** The object parameter whose keys the block sets in the flow-data namespace of the same name (Set contact attributes). */
  readonly sets: string | undefined;
  /** Speaks or writes to the customer (a prompt, a message). */
  readonly playsToCustomer: boolean;
  /** Changes no flow data the rule does not know about: a test, a counter, an attribute setter, a prompt. */
  readonly knownEffects: boolean;
}

const factsCache = new Map<ActionSpec, BlockFacts>();

function factsOf(spec: ActionSpec): BlockFacts {
  let facts = factsCache.get(spec);
  if (facts) return facts;
  const parameters = Object.entries(spec.parameters);
  const waits = spec.effects.includes("waits-for-customer") || spec.effects.includes("waits-for-time");
  const counts = Object.prototype.hasOwnProperty.call(spec.parameters, COUNT_PARAMETER) && (spec.conditions.allowedOperands ?? []).includes(CONTINUE_OPERAND);
  // A branching block with an open set of operands whose one required parameter is a single
  // JSONPath: its conditions compare that value (Check contact attributes).
  const required = parameters.filter(([, p]) => p.required);
  const only = required.length === 1 ? required[0] : undefined;
  const tests =
    spec.conditions.supported && spec.conditions.allowedOperands === undefined && only?.[1].dynamic === "static-or-single-jsonpath" ? only[0] : undefined;
  // An object parameter named after a namespace of customer data: its keys are set there
  // (Attributes of Set contact attributes, FlowAttributes of Set flow attributes).
  const sets = parameters.find(([name, p]) => p.valueType === "object" && namespaceInfo(name)?.customerData === true)?.[0];
  const playsToCustomer = parameters.some(([, p]) => p.customerFacing === true);
  const speaksOnly = spec.category === "participant" && !spec.conditions.supported;
  facts = {
    waits,
    counts,
    handsOff: spec.effects.includes("hands-off"),
    tests,
    sets,
    playsToCustomer,
    knownEffects: counts || tests !== undefined || sets !== undefined || speaksOnly,
  };
  factsCache.set(spec, facts);
  return facts;
}

/**
 * Flow types that run until something outside ends them (an agent answers, the hold ends): a loop
 * of prompts there is the hold music, by design. The catalog has no field for it; these are the
 * flow types that allow the block that plays until interrupted and has no default branch (Loop
 * prompts: neither terminal nor with a NextAction).
 */
const HELD_FLOW_TYPES: ReadonlySet<FlowTypeName> = new Set(ACTIONS.filter((a) => !a.terminal && !a.hasNextAction).flatMap((a) => a.flowTypes));

function operandsOf(t: Transition): readonly unknown[] {
  const operands = t.condition?.operands;
  return Array.isArray(operands) ? operands : [];
}

/** Blocks listed for a message: designer name and Identifier, in file order, capped. */
function listBlocks(actions: readonly Action[]): string {
  const named = actions.slice(0, MAX_LISTED).map(describeBlock);
  const rest = actions.length - named.length;
  if (rest > 0) named.push(`${String(rest)} more`);
  return listPhrase(named);
}

interface Component {
  readonly nodes: readonly Action[];
  /** Continue branches of counting blocks that cannot be taken forever inside `nodes`. */
  readonly cut: ReadonlySet<Transition>;
}

/** The ids of the rule's messages (`meta.messages`). */
export type NoInfiniteLoopMessageId = "noExit" | "unchangedCondition" | "unchangedContactAttribute";

export const noInfiniteLoop = defineRule<NoInfiniteLoopOptions, NoInfiniteLoopMessageId>({
  name: "no-infinite-loop",
  meta: {
    type: "problem",
    description: "Disallow loops that a contact can never leave: no Loop block limits them, nothing in them waits, and no way out can be taken.",
    recommended: "error",
    legacy: true,
    messages: {
      noExit:
        "A loop the contact can never leave runs through {{blocks}}{{typeNote}}. {{bound}}, no block in it waits for the customer or for time, and {{exits}}.",
      unchangedCondition:
        "A loop that a contact, once round, can never leave runs through {{blocks}}{{typeNote}}. Its only ways out are branches of {{checks}}, and nothing in the loop changes what they test, so they give the same answer on every turn. {{bound}}, and no block in it waits for the customer or for time.",
      unchangedContactAttribute:
        "A loop that a contact, once round, can only leave if something outside the flow changes a contact attribute runs through {{blocks}}{{typeNote}}. Its only ways out are branches of {{checks}}, and no block in the loop changes what they test. {{bound}}, and no block in it waits for the customer or for time.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        checkContactAttributes: { type: "boolean" },
      },
    },
    defaultOptions: { checkContactAttributes: true },
  },
  check(context) {
    const { flow, graph, options } = context;
    const reachable = graph.reachableFrom();
    const specOf = (a: Action): ActionSpec | undefined => (a.type === undefined ? undefined : getAction(a.type));

    // Strongly connected components of `nodes`, following every connector except the `cut` ones;
    // only components that hold a cycle.
    const components = (nodes: readonly Action[], cut: ReadonlySet<Transition>): Action[][] =>
      graph.components(nodes, (e) => !(e.transition && cut.has(e.transition)));

    // Continue branches of counting blocks in `nodes` whose done branch leaves `nodes`: inside
    // `nodes` the counter is never reset, so they are taken at most LoopCount times.
    const boundedContinues = (nodes: readonly Action[]): Transition[] => {
      const inside = new Set(nodes);
      const out: Transition[] = [];
      for (const a of nodes) {
        const spec = specOf(a);
        if (!spec || !factsOf(spec).counts) continue;
        const edges = graph.outgoing(a);
        // The done branch is the DoneLooping condition; without one, the default connector.
        const doneEdges = edges.filter((e) => e.transition && operandsOf(e.transition).includes(DONE_OPERAND));
        const done = doneEdges.length > 0 ? doneEdges : edges.filter((e) => e.transition?.kind === "next");
        const doneInside = done.some((e) => e.to !== undefined && inside.has(e.to));
        if (doneInside) continue;
        for (const e of edges) if (e.transition && operandsOf(e.transition).includes(CONTINUE_OPERAND)) out.push(e.transition);
      }
      return out;
    };

    // Start from every reachable cycle less its waiting blocks, then peel off what counting blocks
    // bound, until each component is a loop that can turn forever without waiting.
    const finals: Component[] = [];
    const work: Component[] = [];
    for (const cycle of graph.cycles()) {
      if (!cycle.some((a) => reachable.has(a))) continue;
      // A block the catalog does not know may wait or leave: the rule cannot judge the loop.
      if (cycle.some((a) => !specOf(a))) continue;
      const nodes = cycle.filter((a) => !factsOf(specOf(a) as ActionSpec).waits);
      work.push({ nodes, cut: new Set() });
    }
    while (work.length > 0) {
      const item = work.pop() as Component;
      const fresh = boundedContinues(item.nodes).filter((t) => !item.cut.has(t));
      const cut = fresh.length > 0 ? new Set([...item.cut, ...fresh]) : item.cut;
      const parts = components(item.nodes, cut);
      if (fresh.length === 0 && parts.length === 1 && parts[0]?.length === item.nodes.length) finals.push(item);
      else for (const nodes of parts) work.push({ nodes, cut });
    }
    finals.sort((a, b) => (a.nodes[0]?.index ?? 0) - (b.nodes[0]?.index ?? 0));

    for (const { nodes } of finals) {
      const first = nodes[0];
      if (!first) continue;
      const inside = new Set(nodes);
      const facts = nodes.map((a) => factsOf(specOf(a) as ActionSpec));

      // A loop that plays to the customer is hold music in a flow that something outside ends, and
      // may be one in a flow of unknown type.
      let typeNote = "";
      if (facts.some((f) => f.playsToCustomer)) {
        if (flow.type === undefined || HELD_FLOW_TYPES.has(flow.type)) continue;
        typeNote = ` (its prompts repeat until the customer hangs up: this ${flowTypeLabel(flow.type)}, type from ${describeTypeSource(flow.typeSource)}, is not ended from outside the way a queue or hold flow is)`;
      }

      const allKnown = facts.every((f) => f.knownEffects);
      // Whether a block of the loop may change the value a reference reads.
      const mayChange = (namespace: string, name: string | undefined): boolean => {
        const info = namespaceInfo(namespace);
        // System data (queue metrics, the agent) changes by itself; an unknown namespace may.
        if (!info?.customerData) return true;
        if (!allKnown) return true;
        return nodes.some((a, i) => {
          const param = facts[i]?.sets;
          if (param !== namespace) return false;
          const value = a.parameters[param];
          return !isObject(value) || name === undefined || Object.prototype.hasOwnProperty.call(value, name);
        });
      };

      let open = false;
      const failures: Action[] = [];
      const stuck: { action: Action; value: string; external: boolean }[] = [];
      for (const [i, a] of nodes.entries()) {
        const f = facts[i] as BlockFacts;
        const edges = graph.outgoing(a);
        // A transfer's success hands the contact on; a block whose success has no connector at all
        // leaves the loop (or the draft is unfinished).
        if (f.handsOff) open = true;
        if (!edges.some((e) => e.transition?.kind === "next" || e.transition?.kind === "condition")) open = true;
        let dataExit = false;
        for (const e of edges) {
          const t = e.transition;
          if (!t || (e.to && inside.has(e.to))) continue;
          if (t.kind === "error" && t.errorType === FAILURE_ERROR) {
            if (!failures.includes(a)) failures.push(a);
          } else if (f.tests !== undefined && (t.kind !== "error" || t.errorType === NO_MATCH_ERROR)) {
            dataExit = true;
          } else {
            open = true;
          }
        }
        if (!dataExit || f.tests === undefined) continue;
        const text = a.parameters[f.tests];
        // A test with no value to read is broken (valid-action-parameters reports it): not judged.
        const refs = typeof text === "string" ? findReferences(text) : [];
        if (typeof text !== "string" || refs.some((r) => mayChange(r.namespace, r.segments[1]))) {
          open = true;
          continue;
        }
        const external = refs.some((r) => r.namespace === CONTACT_ATTRIBUTES);
        stuck.push({ action: a, value: refs.length === 0 ? `the fixed value ${JSON.stringify(text)}` : refs.map((r) => r.text).join(", "), external });
      }
      if (open) continue;

      const blocks = listBlocks(nodes);
      // A counting block inside the loop has its done branch inside it too: each time it is done it
      // starts counting again.
      const counters = nodes.filter((_, i) => facts[i]?.counts === true);
      const bound =
        counters.length === 0
          ? "No Loop block limits the turns"
          : counters.length === 1
            ? `${listBlocks(counters)} does not limit the turns (its Complete branch leads back into the loop, which restarts the count)`
            : `${listBlocks(counters)} do not limit the turns (their Complete branches lead back into the loop, which restarts the counts)`;
      if (stuck.length > 0) {
        const external = stuck.some((s) => s.external);
        if (external && !options.checkContactAttributes) continue;
        const checks = stuck.map((s) => `${describeBlock(s.action)} (on ${s.value})`).join(", ");
        context.report({
          messageId: external ? "unchangedContactAttribute" : "unchangedCondition",
          at: { action: first },
          data: { blocks, checks, bound, typeNote },
          ...(external ? { severity: "warn" as const } : {}),
        });
        continue;
      }
      const exits =
        failures.length === 0
          ? "no branch leads out of it"
          : `only the error ${failures.length === 1 ? "branch" : "branches"} of ${listBlocks(failures)} ${failures.length === 1 ? "leads" : "lead"} out of it, so the contact leaves only if a block fails`;
      context.report({ messageId: "noExit", at: { action: first }, data: { blocks, bound, exits, typeNote } });
    }
  },
});
