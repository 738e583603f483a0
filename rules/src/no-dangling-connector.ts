import { defineRule, getAction, hasOwn, isObject } from "@connect-lint/core";
import type { Fixer, ReportLocation, Transition } from "@connect-lint/core";
import { describeBlock, describeConnector } from "./utils/describe.js";
import { hasActionList } from "./utils/structure.js";

export interface NoDanglingConnectorOptions {
  /**
   * The Identifier of the block that handles errors in the flows this configuration applies to: an
   * error connector left `$end` or empty is then fixed by connecting it to that block.
   */
  readonly errorHandler?: string;
}

type MessageIds = "startNotSet" | "startMissing" | "notConnected" | "endMarker" | "missingTarget" | "missingNext" | "missingRequiredError";

export const noDanglingConnector = defineRule<NoDanglingConnectorOptions, MessageIds>({
  name: "no-dangling-connector",
  meta: {
    type: "problem",
    description: "Require every connector of every block to be connected to a block that exists in the flow.",
    recommended: "error",
    legacy: true,
    fixable: "code",
    messages: {
      startNotSet: "StartAction is not set: the flow has no entry block.",
      startMissing: "StartAction {{target}} names no block in this flow.",
      notConnected: "The {{connector}} of {{block}} is not connected to any block.",
      endMarker: 'The {{connector}} of {{block}} is "$end": the branch was left unconnected in a saved draft.',
      missingTarget: "The {{connector}} of {{block}} leads to {{target}}, which is not a block in this flow.",
      missingNext: "{{block}} has no default connector (NextAction); every block that does not end the flow needs one.",
      missingRequiredError: 'The "{{errorType}}" error branch of {{block}} is missing; the service requires it.',
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: { errorHandler: { type: "string", minLength: 1, description: "Identifier of the flow's error handler block: $end and empty error connectors are fixed to lead to it." } },
    },
    defaultOptions: {},
  },
  check(context) {
    const { flow, graph } = context;
    const handlerId = context.options.errorHandler;
    const handler = handlerId === undefined ? undefined : flow.actionsById.get(handlerId);
    for (const edge of graph.danglingEdges()) {
      if (!edge.from || !edge.transition) {
        if (edge.status === "missing") {
          // With no list of blocks, StartAction can name none: valid-flow-structure reports the cause.
          if (!hasActionList(flow)) continue;
          context.report({ messageId: "startMissing", at: { pointer: "/StartAction" }, data: { target: JSON.stringify(flow.startAction) } });
        } else {
          context.report({ messageId: "startNotSet", at: { pointer: "/StartAction" } });
        }
        continue;
      }
      const t = edge.transition;
      const data = { connector: describeConnector(t), block: describeBlock(edge.from), target: JSON.stringify(t.target ?? "") };
      const hasNextAction = t.kind === "next" || Object.prototype.hasOwnProperty.call(entryOf(edge.from.raw, t), "NextAction");
      const at = { pointer: hasNextAction ? t.pointer : t.entryPointer, action: edge.from };
      const messageId = edge.status === "missing" ? "missingTarget" : edge.status === "end" ? "endMarker" : "notConnected";
      // Only an error connector that leads nowhere (`$end`, empty, no NextAction) goes to the
      // configured handler, and never from the handler itself; a connector naming a missing block
      // was meant for that block.
      const fixable = handler !== undefined && handlerId !== undefined && t.kind === "error" && messageId !== "missingTarget" && edge.from !== handler && flow.kind !== "legacy";
      const fix = fixable
        ? {
            fix: (fixer: Fixer) => (hasNextAction ? fixer.replaceValue(t.pointer, handlerId) : fixer.insertMember(t.entryPointer, "NextAction", handlerId)),
          }
        : {};
      context.report({ messageId, at, data, ...fix });
    }
    // A legacy export has the branches of the old blocks, not the connectors the Flow language
    // requires (a Transfer to queue had no success branch): only its branches are checked.
    if (flow.kind === "legacy") return;
    for (const action of flow.actions) {
      const spec = action.type === undefined ? undefined : getAction(action.type);
      if (!spec || spec.terminal) continue;
      // Point at the key of the Transitions object (or of its Errors list): a whole object would
      // highlight many lines.
      const transitionsKey = (...path: string[]): ReportLocation => {
        let pointer = `${action.pointer}/Transitions`;
        if (!hasOwn(action.raw, "Transitions")) return { action, property: "Type" };
        const t = action.raw.Transitions;
        for (const p of path) {
          if (!isObject(t) || !hasOwn(t, p)) break;
          pointer += `/${p}`;
        }
        return { pointer, key: true, action };
      };
      if (spec.hasNextAction && !action.transitions.some((t) => t.kind === "next")) {
        context.report({ messageId: "missingNext", at: transitionsKey(), data: { block: describeBlock(action) } });
      }
      for (const errorType of spec.requiredErrors) {
        if (action.transitions.some((t) => t.kind === "error" && t.errorType === errorType)) continue;
        context.report({ messageId: "missingRequiredError", at: transitionsKey("Errors"), data: { block: describeBlock(action), errorType } });
      }
    }
  },
});

function entryOf(raw: Readonly<Record<string, unknown>>, t: Transition): Readonly<Record<string, unknown>> {
  const transitions = raw.Transitions as Record<string, unknown[]>;
  const list = t.kind === "condition" ? transitions.Conditions : transitions.Errors;
  return (list?.[t.index ?? 0] ?? {}) as Readonly<Record<string, unknown>>;
}
