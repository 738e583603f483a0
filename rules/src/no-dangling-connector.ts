import { defineRule, getAction, hasOwn, isObject } from "@connect-lint/core";
import type { ReportLocation, Transition } from "@connect-lint/core";
import { describeBlock, describeConnector } from "./utils/describe.js";
import { hasActionList } from "./utils/structure.js";

export const noDanglingConnector = defineRule({
  name: "no-dangling-connector",
  meta: {
    type: "problem",
    description: "Require every connector of every block to be connected to a block that exists in the flow.",
    recommended: "error",
    legacy: true,
    messages: {
      startNotSet: "StartAction is not set: the flow has no entry block.",
      startMissing: "StartAction {{target}} names no block in this flow.",
      notConnected: "The {{connector}} of {{block}} is not connected to any block.",
      endMarker: 'The {{connector}} of {{block}} is "$end": the branch was left unconnected in a saved draft.',
      missingTarget: "The {{connector}} of {{block}} leads to {{target}}, which is not a block in this flow.",
      missingNext: "{{block}} has no default connector (NextAction); every block that does not end the flow needs one.",
      missingRequiredError: 'The "{{errorType}}" error branch of {{block}} is missing; the service requires it.',
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(context) {
    const { flow, graph } = context;
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
      context.report({ messageId, at, data });
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
