import { ACTIONS, FLOW_TYPE_NAMES, defineRule, describeTypeSource, flowTypeLabel, getAction, stronglyConnected } from "@connect-lint/core";
import type { Action, FlowTypeName } from "@connect-lint/core";
import { describeBlock } from "./utils/describe.js";

export interface MaxFlowComplexityOptions {
  /** Most blocks (entries of `Actions`) in one flow; 0 or null: no limit. */
  readonly maxBlocks: number | null;
  /** Most characters of the flow's content as minified JSON; 0 or null: no limit. */
  readonly maxContentLength: number | null;
  /** Most synchronous Lambda calls one after another with no prompt between them; 0 or null: no limit. */
  readonly maxLambdasInSequence: number | null;
  /** Most blocks a path from the start runs before the first prompt; 0 or null: no limit. */
  readonly maxBlocksBeforePrompt: number | null;
  /** Flow types in which `maxBlocksBeforePrompt` applies (a caller waits for the first prompt). */
  readonly promptFlowTypes: readonly FlowTypeName[];
}

/** The documented cap: "A single Flow may have no more than 250 Actions" (Flow language example). */
const DOCUMENTED_MAX_ACTIONS = 250;
/** `Content` of CreateContactFlow / UpdateContactFlowContent / CloudFormation: 1–256,000 characters. */
const API_MAX_CONTENT_LENGTH = 256000;

// From the catalog: blocks that speak to or message the customer are participant actions with a
// customer-facing parameter (Play prompt, Get customer input, Lex input, Loop prompts). A block of
// such a type speaks even when it plays an audio prompt (PromptId) rather than text.
const SPEAKING_TYPES: ReadonlySet<string> = new Set(
  ACTIONS.filter((a) => a.category === "participant" && Object.values(a.parameters).some((p) => p.customerFacing === true)).map((a) => a.type),
);

// Blocks that wait for, speak to or hand over a participant (catalog category "participant"): a
// sequence of Lambda calls ends at them.
const PARTICIPANT_TYPES: ReadonlySet<string> = new Set(ACTIONS.filter((a) => a.category === "participant").map((a) => a.type));

function involvesParticipant(action: Action): boolean {
  return action.type !== undefined && PARTICIPANT_TYPES.has(action.type);
}

function speaks(action: Action): boolean {
  return action.type !== undefined && SPEAKING_TYPES.has(action.type);
}

/** A block that calls a Lambda function and waits for it (the catalog's `LambdaFunctionARN` parameter). */
function waitsForLambda(action: Action): boolean {
  const spec = action.type === undefined ? undefined : getAction(action.type);
  if (!spec || !Object.prototype.hasOwnProperty.call(spec.parameters, "LambdaFunctionARN")) return false;
  return action.parameters.InvocationType !== "ASYNCHRONOUS";
}

function budget(value: number | null): number | undefined {
  return value === null || value <= 0 ? undefined : value;
}

interface HeaviestPath {
  /** The weight of the heaviest path. */
  readonly weight: number;
  /** The weighted blocks on it, in the order a contact can meet them. */
  readonly blocks: readonly Action[];
}

/**
 * The heaviest path through the graph given by `next`, starting at any of `roots`, where a path
 * counts each block at most once: the longest path in the DAG of strongly connected components,
 * each component weighing the sum of its blocks' weights (a loop can be walked round to visit every
 * block in it, but walking it twice adds nothing). Inside a component on the path, blocks are
 * ordered by their distance from the block where the path enters it. Linear in blocks plus
 * connectors.
 */
function heaviestPath(roots: readonly Action[], next: (a: Action) => readonly Action[], weight: (a: Action) => number, isStart: (a: Action) => boolean): HeaviestPath {
  // Blocks are the graph's nodes themselves (keyed by identity; no names to build and parse).
  // Tarjan gives components in reverse topological order: walk them backwards.
  const components = stronglyConnected(roots, next);
  const componentOf = new Map<Action, number>();
  components.forEach((members, c) => {
    for (const m of members) componentOf.set(m, c);
  });
  const into = new Array<number>(components.length).fill(0);
  const from = new Array<number>(components.length).fill(-1);
  const enteredAt = new Array<Action | undefined>(components.length).fill(undefined);
  let best = -1;
  let bestWeight = 0;
  for (let c = components.length - 1; c >= 0; c--) {
    const members = components[c] as Action[];
    let own = 0;
    for (const m of members) own += weight(m);
    const out = (into[c] as number) + own;
    if (best < 0 || out > bestWeight) {
      best = c;
      bestWeight = out;
    }
    for (const m of members) {
      for (const s of next(m)) {
        const d = componentOf.get(s) as number;
        if (d !== c && out > (into[d] as number)) {
          into[d] = out;
          from[d] = c;
          enteredAt[d] = s;
        }
      }
    }
  }
  const chain: number[] = [];
  for (let c = best; c >= 0; c = from[c] as number) chain.push(c);
  const blocks: Action[] = [];
  for (const c of chain.reverse()) {
    const members = components[c] as Action[];
    if (members.length === 1) {
      const only = members[0] as Action;
      if (weight(only) > 0) blocks.push(only);
      continue;
    }
    // A loop: order its blocks by a breadth-first walk from where the path enters it (for the
    // first component, the block a path can start at, else its first block in file order).
    const inComponent = new Set(members);
    const sorted = [...members].sort((x, y) => x.index - y.index);
    const start = enteredAt[c] ?? sorted.find(isStart) ?? sorted[0];
    if (start === undefined) continue; // a loop has two blocks at least
    const order = [start];
    const seen = new Set(order);
    // The queue grows while it is walked: for-of over an array visits the entries pushed meanwhile.
    for (const n of order) {
      for (const s of next(n)) {
        if (inComponent.has(s) && !seen.has(s)) {
          seen.add(s);
          order.push(s);
        }
      }
    }
    for (const m of order) if (weight(m) > 0) blocks.push(m);
  }
  return { weight: bestWeight, blocks };
}

/**
 * The speaking block reached after the most blocks on a path from the start, and that count (blocks
 * before it, each counted once per path); undefined when no path reaches a speaking block.
 */
function latestFirstPrompt(entry: Action, successors: (a: Action) => readonly Action[]): { prompt: Action; before: number } | undefined {
  if (speaks(entry)) return { prompt: entry, before: 0 };
  // Paths stop at the first speaking block: it has no successors here.
  const next = (a: Action): readonly Action[] => (speaks(a) ? [] : successors(a));
  const components = stronglyConnected([entry], next);
  const componentOf = new Map<Action, number>();
  components.forEach((members, c) => {
    for (const m of members) componentOf.set(m, c);
  });
  const into = new Array<number>(components.length).fill(0);
  let found: { prompt: Action; before: number } | undefined;
  for (let c = components.length - 1; c >= 0; c--) {
    const members = components[c] as Action[];
    const first = members[0] as Action;
    if (members.length === 1 && speaks(first)) {
      const before = into[c] as number;
      if (!found || before > found.before || (before === found.before && first.index < found.prompt.index)) found = { prompt: first, before };
      continue;
    }
    const out = (into[c] as number) + members.length;
    for (const m of members) {
      for (const s of next(m)) {
        const d = componentOf.get(s) as number;
        if (d !== c && out > (into[d] as number)) into[d] = out;
      }
    }
  }
  return found;
}

function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${String(n)}${suffix}`;
}

/** The ids of the rule's messages (`meta.messages`). */
export type MaxFlowComplexityMessageId = "tooManyBlocks" | "contentTooLong" | "lambdaSequence" | "silenceBeforePrompt";

export const maxFlowComplexity = defineRule<MaxFlowComplexityOptions, MaxFlowComplexityMessageId>({
  name: "max-flow-complexity",
  meta: {
    type: "suggestion",
    description: "Enforce budgets on a flow's size, its content length, Lambda calls in a row and the blocks a caller waits through before the first prompt.",
    recommended: "warn",
    messages: {
      tooManyBlocks:
        "The flow has {{count}} blocks, more than the budget of {{max}}{{note}}; split self-contained parts into flow modules or separate flows joined with Transfer to flow.",
      contentTooLong:
        "The flow is {{length}} characters long as minified JSON, more than the budget of {{max}}{{note}}; split it into flow modules or smaller flows.",
      lambdaSequence:
        "{{block}} is the {{position}} Lambda call in a row with no prompt in between on one path from the start ({{count}} on the longest such path, budget {{max}}): Amazon Connect stops a sequence of Lambda functions that runs longer than 20 seconds in total, and the caller hears silence meanwhile; play a prompt between the calls or combine them.",
      silenceBeforePrompt:
        "{{block}} is the first block the caller hears, and one path from the start runs {{count}} blocks before it (budget {{max}}) in this {{flowType}} (type from {{typeSource}}): until then the caller hears silence; greet the caller earlier or move set-up work after the first prompt.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        maxBlocks: { type: ["integer", "null"], minimum: 0 },
        maxContentLength: { type: ["integer", "null"], minimum: 0 },
        maxLambdasInSequence: { type: ["integer", "null"], minimum: 0 },
        maxBlocksBeforePrompt: { type: ["integer", "null"], minimum: 0 },
        promptFlowTypes: { type: "array", items: { enum: [...FLOW_TYPE_NAMES] }, uniqueItems: true },
      },
    },
    defaultOptions: {
      maxBlocks: DOCUMENTED_MAX_ACTIONS,
      maxContentLength: API_MAX_CONTENT_LENGTH,
      maxLambdasInSequence: 3,
      maxBlocksBeforePrompt: 15,
      promptFlowTypes: ["CONTACT_FLOW"],
    },
  },
  check(context) {
    const { flow, graph, options } = context;
    const actionsValue = Object.prototype.hasOwnProperty.call(flow.raw, "Actions") ? flow.raw.Actions : undefined;

    const maxBlocks = budget(options.maxBlocks);
    if (maxBlocks !== undefined && Array.isArray(actionsValue) && actionsValue.length > maxBlocks) {
      const count = actionsValue.length;
      const note = count > DOCUMENTED_MAX_ACTIONS ? ` (the Flow language reference allows at most ${String(DOCUMENTED_MAX_ACTIONS)})` : "";
      context.report({ messageId: "tooManyBlocks", at: { pointer: "/Actions", key: true }, data: { count, max: maxBlocks, note } });
    }

    const maxContentLength = budget(options.maxContentLength);
    // The minified form is never longer than the text it was parsed from (exotic number spellings
    // such as 1e2 aside), so most files are cleared without serialising them.
    if (maxContentLength !== undefined && actionsValue !== undefined && context.sourceLength > maxContentLength) {
      // The rule sees the parsed flow, not the file's text: the minified length is what the API
      // counts when a deployment serialises the flow (SDK, CDK, jsonencode). A file sent as written
      // (Terraform `filename`) also counts its white space, so it can be longer still.
      const length = JSON.stringify(flow.raw).length;
      if (length > maxContentLength) {
        const note =
          length > API_MAX_CONTENT_LENGTH
            ? ": the Amazon Connect API rejects flow content over 256,000 characters, so the flow cannot be deployed as it is"
            : " (the Amazon Connect API accepts at most 256,000)";
        context.report({ messageId: "contentTooLong", at: { pointer: "/Actions", key: true }, data: { length, max: maxContentLength, note } });
      }
    }

    const entry = graph.entry;
    if (!entry) return;
    const maxLambdas = budget(options.maxLambdasInSequence);
    const maxBeforePrompt = budget(options.maxBlocksBeforePrompt);
    const promptApplies = maxBeforePrompt !== undefined && flow.type !== undefined && options.promptFlowTypes.includes(flow.type);
    if (maxLambdas === undefined && !promptApplies) return;

    // Successor lists, once per flow: FlowGraph.successors() builds a new array on every call.
    const successorLists = new Map<Action, Action[]>();
    const successors = (a: Action): readonly Action[] => {
      let list = successorLists.get(a);
      if (list === undefined) {
        list = graph.successors(a);
        successorLists.set(a, list);
      }
      return list;
    };

    if (maxLambdas !== undefined) {
      // A participant block (a prompt, input, a view) ends a sequence: its connectors are cut, and
      // every reachable block may start one.
      const reachable = [...graph.reachableFrom()].sort((a, b) => a.index - b.index);
      const path = heaviestPath(
        reachable,
        (a) => (involvesParticipant(a) ? [] : successors(a)),
        (a) => (waitsForLambda(a) ? 1 : 0),
        (a) => a === entry || graph.predecessors(a).some(involvesParticipant),
      );
      const over = path.blocks[maxLambdas];
      if (path.weight > maxLambdas && over) {
        context.report({
          messageId: "lambdaSequence",
          at: { action: over, property: "Type" },
          data: { block: describeBlock(over), position: ordinal(maxLambdas + 1), count: path.weight, max: maxLambdas },
        });
      }
    }

    if (promptApplies) {
      const latest = latestFirstPrompt(entry, successors);
      if (latest && latest.before > maxBeforePrompt) {
        context.report({
          messageId: "silenceBeforePrompt",
          at: { action: latest.prompt, property: "Type" },
          data: {
            block: describeBlock(latest.prompt),
            count: latest.before,
            max: maxBeforePrompt,
            flowType: flowTypeLabel(flow.type),
            typeSource: describeTypeSource(flow.typeSource),
          },
        });
      }
    }
  },
});
