import { defineRule, getAction, getFlowType, solveForward } from "@connect-lint/core";
import type { Action, ActionSpec, Channel, FlowEdge, ForwardProblem } from "@connect-lint/core";
import { describeBlock, listPhrase } from "./utils/describe.js";
import { parseReference } from "./utils/references.js";

export interface NoUnsupportedChannelOptions {
  /** Channels every flow is assumed to receive, besides those the flow itself shows. */
  readonly channels: readonly Channel[];
}

const ALL: readonly Channel[] = ["voice", "chat", "task", "email"];
/** The channels the rule reports on: a block that fails for voice contacts fails in every test call. */
const REPORTED: readonly Channel[] = ["chat", "task", "email"];
/** The value `$.Channel` holds for each channel. */
const CHANNEL_VALUES = new Map<string, Channel>([
  ["VOICE", "voice"],
  ["CHAT", "chat"],
  ["TASK", "task"],
  ["EMAIL", "email"],
]);
const COMPARED = "ComparisonValue";
/**
 * The view parameter of Show view (found by name). Show view is chat only because Amazon Connect
 * delivers step-by-step guides to the agent workspace as a chat contact of their own: a flow that
 * shows views says nothing about the channel of the customer's contact, so it is no evidence.
 */
const VIEW_PARAMETER = "ViewResource";

type Channels = ReadonlySet<Channel>;

function specOf(action: Action): ActionSpec | undefined {
  return action.type === undefined ? undefined : getAction(action.type);
}

/** For a Check contact attributes block on `$.Channel`: the channel each condition connector selects (undefined: not an Equals test of a channel). */
function channelTests(action: Action, spec: ActionSpec): (Channel | undefined)[] | undefined {
  const compared = spec.parameters[COMPARED] ? action.parameters[COMPARED] : undefined;
  if (typeof compared !== "string") return undefined;
  const ref = parseReference(compared);
  if (ref?.segments.length !== 1 || ref.namespace !== "Channel") return undefined;
  const tests: (Channel | undefined)[] = [];
  for (const t of action.transitions) {
    if (t.kind !== "condition" || t.index === undefined) continue;
    const operands = t.condition?.operands;
    const operand = Array.isArray(operands) && operands.length === 1 && typeof operands[0] === "string" ? operands[0].trim().toUpperCase() : undefined;
    tests[t.index] = t.condition?.operator === "Equals" && operand !== undefined ? CHANNEL_VALUES.get(operand) : undefined;
  }
  return tests;
}

/**
 * The channels a contact may be on when it reaches each block (a may-analysis): a Check contact
 * attributes block on `$.Channel` narrows them on its condition connectors (`Equals CHAT`: chat
 * only) and on its "No match" connector (every channel no condition tests for).
 */
function channelProblem(entry: Channels, tests: ReadonlyMap<Action, readonly (Channel | undefined)[]>): ForwardProblem<Channels> {
  return {
    entry,
    join(a, b) {
      if (a === b) return a;
      const out = new Set(a);
      for (const c of b) out.add(c);
      return out.size === a.size ? a : out;
    },
    equals: (a, b) => a.size === b.size && [...a].every((c) => b.has(c)),
    transfer(action: Action, input: Channels, edge: FlowEdge): Channels {
      const test = tests.get(action);
      const t = edge.transition;
      if (!test || !t) return input;
      if (t.kind === "condition" && t.index !== undefined) {
        const channel = test[t.index];
        return channel === undefined ? input : new Set([...input].filter((c) => c === channel));
      }
      // The default connector and "No match" both carry the channels no condition selected.
      if (t.kind === "error" || t.kind === "next") {
        const tested = new Set(test.filter((c): c is Channel => c !== undefined));
        return tested.size === 0 ? input : new Set([...input].filter((c) => !tested.has(c)));
      }
      return input;
    },
  };
}

const CHANNEL_WORDS: Readonly<Record<Channel, string>> = { voice: "voice", chat: "chat", task: "task", email: "email" };

export const noUnsupportedChannel = defineRule<NoUnsupportedChannelOptions>({
  name: "no-unsupported-channel",
  meta: {
    type: "problem",
    description:
      "Disallow blocks that take their Error branch for chat, task or email contacts on a path that such contacts can take.",
    recommended: "warn",
    messages: {
      unsupportedChannel:
        "{{block}} does not work for {{channels}} contacts: they take its Error branch. This flow receives them ({{evidence}}) and no Check contact attributes on the channel keeps them away from this block on every path. Check $.Channel before it and send only the channels it supports here.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        channels: { type: "array", uniqueItems: true, items: { enum: [...ALL] } },
      },
    },
    defaultOptions: { channels: [] },
  },
  check(context) {
    const { flow, graph, options } = context;
    const possible = new Set<Channel>(flow.type === undefined ? ALL : getFlowType(flow.type).channels);
    // Evidence that the flow receives each channel, the first found in file order.
    const evidence = new Map<Channel, string>();
    const note = (c: Channel, why: string): void => {
      if (possible.has(c) && !evidence.has(c)) evidence.set(c, why);
    };
    for (const c of options.channels) note(c, "option channels");
    const tests = new Map<Action, readonly (Channel | undefined)[]>();
    for (const action of flow.actions) {
      const spec = specOf(action);
      if (!spec) continue;
      const test = channelTests(action, spec);
      if (test) {
        tests.set(action, test);
        for (const c of test) if (c !== undefined) note(c, `${describeBlock(action)} checks the channel for ${c.toUpperCase()}`);
      }
      // A block that works for one channel only, and not for voice, shows the flow receives that
      // channel (a block that works for chat or task, such as Wait, does not say which). Blocks
      // known from third-party material only (confidence "low") are no evidence.
      const works = REPORTED.filter((c) => spec.channels[c]);
      const only = works[0];
      if (!spec.channels.voice && works.length === 1 && only !== undefined && spec.confidence !== "low" && !spec.parameters[VIEW_PARAMETER]) note(only, `${describeBlock(action)} works only for ${CHANNEL_WORDS[only]} contacts`);
    }
    if (!REPORTED.some((c) => evidence.has(c))) return;
    const entry = new Set<Channel>(ALL.filter((c) => possible.has(c) && (c === "voice" || evidence.has(c))));
    const { before } = solveForward(graph, channelProblem(entry, tests));
    for (const action of flow.actions) {
      const spec = specOf(action);
      const reaching = before.get(action);
      if (!spec || !reaching) continue;
      const failing = REPORTED.filter((c) => reaching.has(c) && !spec.channels[c]);
      const first = failing[0];
      if (first === undefined) continue;
      context.report({
        messageId: "unsupportedChannel",
        at: { action, property: "Type" },
        data: {
          block: describeBlock(action),
          channels: listPhrase(failing.map((c) => CHANNEL_WORDS[c]), "and"),
          evidence: evidence.get(first) ?? "",
        },
      });
    }
  },
});
