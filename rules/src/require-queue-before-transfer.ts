import { FLOW_TYPE_NAMES, defineRule, describeTypeSource, flowTypeLabel, hasEffect, hasOwn, isObject, mustSetProblem, solveForward } from "@connect-lint/core";
import type { Action, ExamplePaths, FlowEdge, FlowTypeName } from "@connect-lint/core";
import { blockLabel, describeBlock, describeConnector } from "./utils/describe.js";
import { findReferences } from "./utils/references.js";

export interface RequireQueueBeforeTransferOptions {
  /** Flow types the rule checks. */
  readonly flowTypes: readonly FlowTypeName[];
}

/** The one fact of the analyses: the working queue has been set. */
const QUEUE = "queue";

/**
 * Whether leaving `action` along `edge` means a working queue is set. `strict`: a Set working queue
 * block sets it on its Success connector only; otherwise on every connector (a path that passes the
 * block at all).
 */
function setsQueue(action: Action, edge: FlowEdge, strict: boolean): boolean {
  if (hasEffect(action.type, "sets-working-queue")) return !strict || edge.transition?.kind === "next";
  // A flow module may set the working queue itself: trusted on every connector.
  return hasEffect(action.type, "runs-module");
}

/**
 * A Transfer to queue block carrying a queue of its own (`QueueId` / `AgentId`) is not what the
 * service accepts (valid-action-parameters reports it), but its author plainly chose a queue: the
 * rule does not pile a second finding on it.
 */
function namesOwnQueue(action: Action): boolean {
  return ["QueueId", "AgentId"].some((p) => Object.prototype.hasOwnProperty.call(action.parameters, p));
}

/** The ids of the rule's messages (`meta.messages`). */
export type RequireQueueBeforeTransferMessageId = "noWorkingQueue" | "noAgentQueue" | "queueMaybeInherited" | "queueSetFailed";

export const requireQueueBeforeTransfer = defineRule<RequireQueueBeforeTransferOptions, RequireQueueBeforeTransferMessageId>({
  name: "require-queue-before-transfer",
  meta: {
    type: "problem",
    description: "Require a Set working queue block on every path to a Transfer to queue block in inbound and transfer-to-agent flows.",
    recommended: "error",
    messages: {
      noWorkingQueue:
        "{{block}} can be reached without passing any Set working queue block: {{transfer}} puts the contact in the working queue, and nothing in this {{flowType}} (type from {{typeSource}}) sets one on that path. Add a Set working queue block before it on every path.",
      noAgentQueue:
        "{{block}} can be reached without passing any Set working queue block: in a {{flowType}} (type from {{typeSource}}) the quick connect only names the agent, and {{transfer}} uses the working queue, which is not that agent's queue until a Set working queue block sets it By agent (Agent namespace, User name).",
      queueMaybeInherited:
        "{{block}} can be reached without passing any Set working queue block, but {{evidence}} uses the working queue on such a path too: the contact seems to arrive with a queue already set (this {{flowType}}, type from {{typeSource}}, is probably reached by Transfer to flow or is a disconnect flow). If it can also be entered directly, set a working queue before {{transfer}}.",
      queueSetFailed:
        "{{block}} is reached through the {{connector}} of {{setter}} with no working queue set: when setting the queue fails, the contact goes on to {{transfer}} anyway, and nothing else in this {{flowType}} (type from {{typeSource}}) has given it a queue to use. Lead that connector to error handling, or to another Set working queue block.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        flowTypes: { type: "array", items: { enum: [...FLOW_TYPE_NAMES] }, uniqueItems: true },
      },
    },
    defaultOptions: { flowTypes: ["CONTACT_FLOW", "AGENT_TRANSFER"] },
  },
  check(context) {
    const { flow, graph, options } = context;
    // Unknown flow type: a Transfer to queue may be in a queue transfer flow, whose quick connect
    // sets the working queue, so the rule says nothing.
    if (flow.type === undefined || !options.flowTypes.includes(flow.type)) return;
    const transfers = flow.actions.filter((a) => hasEffect(a.type, "uses-working-queue") && !namesOwnQueue(a));
    if (transfers.length === 0) return;

    // Two must-analyses, each solved once: a path may pass no Set working queue block at all
    // (lenient), or pass one only through its Error branch (strict).
    const lenient = solveForward(graph, mustSetProblem({ gen: (a, e) => (setsQueue(a, e, false) ? [QUEUE] : []) })).before;
    const strict = solveForward(graph, mustSetProblem({ gen: (a, e) => (setsQueue(a, e, true) ? [QUEUE] : []) })).before;
    const common = {
      flowType: flowTypeLabel(flow.type),
      typeSource: describeTypeSource(flow.typeSource),
    };
    let paths: ExamplePaths<number> | undefined;
    let evidence: Action | null | undefined;
    for (const action of transfers) {
      const passedSetter = lenient.get(action);
      // Unreachable blocks have no fact: no-unreachable-block reports them.
      if (passedSetter === undefined || strict.get(action)?.has(QUEUE) !== false) continue;
      const block = describeBlock(action);
      const at = { action, property: "Type" };
      const transfer = blockLabel(action.type);
      if (!passedSetter.has(QUEUE)) {
        if (flow.type === "AGENT_TRANSFER") {
          context.report({ messageId: "noAgentQueue", at, data: { ...common, block, transfer } });
          continue;
        }
        // A flow that already works on the working queue without setting one relies on a queue set
        // before it (a flow that transferred here, the contact a disconnect flow runs for): the
        // missing queue is then not provable, only possible.
        evidence ??= reliesOnInheritedQueue(flow.actions, lenient) ?? null;
        if (evidence) {
          const data = { ...common, block, transfer, evidence: describeBlock(evidence) };
          context.report({ messageId: "queueMaybeInherited", at, severity: "warn", data });
        } else {
          context.report({ messageId: "noWorkingQueue", at, data: { ...common, block, transfer } });
        }
        continue;
      }
      // Every path without a queue passes a Set working queue block, so it leaves one through an
      // error connector: name the last such connector on one such path.
      paths ??= graph.examplePaths(0, (e) => (e.from && setsQueue(e.from, e, true) ? undefined : 0));
      const failed = paths.lastOnPath(action, 0, (edge) => hasEffect(edge.from?.type, "sets-working-queue"));
      if (!failed?.from || !failed.transition) continue;
      context.report({
        messageId: "queueSetFailed",
        at,
        severity: "warn",
        data: { ...common, block, transfer, connector: describeConnector(failed.transition), setter: describeBlock(failed.from) },
      });
    }
  },
});

/** Parameters with which a block names its own queue, agent or hours instead of the working queue's. */
const OWN_QUEUE_PARAMETERS = ["QueueId", "AgentId", "HoursOfOperationId"];

/**
 * The first block (in file order) that works on the working queue, or reads `$.Queue`, on a path
 * with no Set working queue block before it: a sign that the flow expects a queue set before it
 * runs. Undefined when there is none.
 */
function reliesOnInheritedQueue(actions: readonly Action[], facts: ReadonlyMap<Action, ReadonlySet<string>>): Action | undefined {
  return actions.find((a) => {
    const fact = facts.get(a);
    if (fact === undefined || fact.has(QUEUE) || hasEffect(a.type, "uses-working-queue")) return false;
    if (hasEffect(a.type, "defaults-to-working-queue") && !OWN_QUEUE_PARAMETERS.some((p) => hasOwn(a.parameters, p))) return true;
    return readsQueue(a.parameters, 0);
  });
}

/** True when a string in `value` reads the current queue (`$.Queue.Name`, `$.Queue.OutboundCallerId.Address`). */
function readsQueue(value: unknown, depth: number): boolean {
  if (typeof value === "string") return value.includes("$.Queue") && findReferences(value).some((r) => r.namespace === "Queue");
  if (depth >= 16) return false;
  if (Array.isArray(value)) return value.some((v: unknown) => readsQueue(v, depth + 1));
  return isObject(value) && Object.values(value).some((v) => readsQueue(v, depth + 1));
}
