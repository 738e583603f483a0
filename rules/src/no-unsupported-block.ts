import { FLOW_TYPE_NAMES, allowedFlowTypes, defineRule, describeTypeSource, flowTypeLabel, getAction, getEventHook, isObject, pointerOf } from "@connect-lint/core";
import type { Action, FlowTypeName, FlowTypeSource, ReportLocation } from "@connect-lint/core";
import { describeBlock, listPhrase, quotedBlockName as blockName } from "./utils/describe.js";

/**
 * Something whose presence restricts the flow type: a block (its action type's `flowTypes`) or one
 * hook key of a Set event flow block (the hook's `hostFlowTypes`).
 */
interface Item {
  readonly action: Action;
  /** How messages name it: `Loop prompts "loop"`, `Set customer queue flow "set-queue"`. */
  readonly label: string;
  /** The hook key, for hook items. */
  readonly hook: string | undefined;
  readonly allowed: ReadonlySet<FlowTypeName>;
  readonly at: ReportLocation;
}

export const noUnsupportedBlock = defineRule({
  name: "no-unsupported-block",
  meta: {
    type: "problem",
    description: "Disallow blocks and event hooks that the flow's type does not support.",
    recommended: "error",
    legacy: true,
    messages: {
      notAllowed: "{{block}} is not allowed in {{flowType}} ({{source}}); it is allowed only in: {{allowed}}.",
      hookNotAllowed:
        'The "{{hook}}" hook of {{block}} cannot be set in {{flowType}} ({{source}}); it can be set only in: {{allowed}}.',
      notAModule: "{{block}} is allowed only in a flow module, but this file is not one: it has no top-level Settings.",
      conflict:
        "No flow type allows {{others}} and {{block}} in the same flow (the flow's type is unknown): {{block}} is allowed only in: {{allowed}}; the rest of the flow fits only: {{rest}}.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(context) {
    const { flow } = context;
    const items = collectItems(flow.actions);
    const type = flow.type;

    if (type !== undefined) {
      for (const item of items) {
        if (item.allowed.has(type)) continue;
        const data = {
          block: item.label,
          flowType: withArticle(flowTypeLabel(type)),
          source: sourcePhrase(flow.typeSource),
          allowed: labels(item.allowed),
        };
        if (item.hook === undefined) context.report({ messageId: "notAllowed", at: item.at, data });
        else context.report({ messageId: "hookNotAllowed", at: item.at, data: { ...data, hook: item.hook } });
      }
      return;
    }

    // Unknown type: the flow is wrong only if no flow type it could have allows every item. A file
    // without top-level Settings is not a flow module, so FLOW_MODULE is not a candidate; CAMPAIGN
    // is (campaign flows have no Metadata.type, so an untyped file may be one).
    const candidates = FLOW_TYPE_NAMES.filter((t) => flow.kind === "module" || t !== "FLOW_MODULE");
    const fitting: Item[] = [];
    for (const item of items) {
      if (candidates.some((t) => item.allowed.has(t))) {
        fitting.push(item);
      } else {
        context.report({ messageId: "notAModule", at: item.at, data: { block: item.label } });
      }
    }
    if (candidates.some((t) => fitting.every((item) => item.allowed.has(t)))) return;

    // No candidate fits every item. Pick the type that the most items allow: the items it does not
    // allow are the fewest that must go for the rest to fit one type. On a tie between types that
    // reject different items, pick the one whose rejected items start latest in the file, so that
    // a report names an earlier block as the one it conflicts with.
    let best: { misfits: Item[]; first: number } | undefined;
    for (const t of candidates) {
      const misfits = fitting.filter((item) => !item.allowed.has(t));
      const first = misfits[0] ? fitting.indexOf(misfits[0]) : -1;
      if (!best || misfits.length < best.misfits.length || (misfits.length === best.misfits.length && first > best.first)) {
        best = { misfits, first };
      }
    }
    if (!best) return;
    const misfits = new Set(best.misfits);
    const kept = fitting.filter((item) => !misfits.has(item));
    const rest = new Set(candidates.filter((t) => kept.every((item) => item.allowed.has(t))));
    for (const item of best.misfits) {
      const others = conflictingWith(item, kept, candidates).map((k) => k.label);
      context.report({
        messageId: "conflict",
        at: item.at,
        data: { block: item.label, others: listPhrase(others), allowed: labels(item.allowed), rest: labels(rest) },
      });
    }
  },
});

/**
 * Few items of `kept`, in file order, that no candidate type allows together with `item`: the first
 * one that allows none of the types `item` allows when there is one (the usual pair), else items
 * taken greedily, each ruling out the most of the types still open.
 */
function conflictingWith(item: Item, kept: readonly Item[], candidates: readonly FlowTypeName[]): Item[] {
  let open = candidates.filter((t) => item.allowed.has(t));
  const chosen: Item[] = [];
  while (open.length > 0) {
    let pick: { item: Item; left: FlowTypeName[] } | undefined;
    for (const k of kept) {
      const left = open.filter((t) => k.allowed.has(t));
      if (!pick || left.length < pick.left.length) pick = { item: k, left };
    }
    // Cannot happen when `kept` fit a type that `item` does not allow; guards the loop.
    if (!pick || pick.left.length === open.length) break;
    chosen.push(pick.item);
    open = pick.left;
  }
  return chosen.sort((a, b) => kept.indexOf(a) - kept.indexOf(b));
}

/** The flow types a list allows, as a set: one per list of the catalog, shared by every block. */
const allowedSets = new WeakMap<readonly FlowTypeName[], ReadonlySet<FlowTypeName>>();
function allowedSet(types: readonly FlowTypeName[]): ReadonlySet<FlowTypeName> {
  let set = allowedSets.get(types);
  if (!set) {
    set = new Set(types);
    allowedSets.set(types, set);
  }
  return set;
}

/**
 * A block as an item. A class, not an object literal with a getter: one per block of every flow, and
 * its label and location are made only for a block that is reported (most never are).
 */
class BlockItem implements Item {
  readonly action: Action;
  readonly allowed: ReadonlySet<FlowTypeName>;
  readonly hook = undefined;

  constructor(action: Action, allowed: ReadonlySet<FlowTypeName>) {
    this.action = action;
    this.allowed = allowed;
  }

  get label(): string {
    return describeBlock(this.action);
  }

  get at(): ReportLocation {
    return { action: this.action, property: "Type" };
  }
}

/** The blocks of known action types and the known hook keys of Set event flow blocks, in file order. */
function collectItems(actions: readonly Action[]): Item[] {
  const items: Item[] = [];
  for (const action of actions) {
    const spec = action.type === undefined ? undefined : getAction(action.type);
    // Unknown action types are valid-action-type's.
    if (!spec) continue;
    items.push(new BlockItem(action, allowedSet(allowedFlowTypes(spec, action.parameters))));
    const hooks = action.parameters.EventHooks;
    if (!isObject(hooks)) continue;
    for (const key of Object.keys(hooks)) {
      // Unknown hook keys are valid-action-parameters'.
      const hook = getEventHook(key);
      if (!hook) continue;
      items.push({
        action,
        label: `${hook.block} ${blockName(action)}`,
        hook: key,
        allowed: allowedSet(hook.hostFlowTypes),
        at: { pointer: `${action.pointer}/Parameters/EventHooks${pointerOf(key)}`, key: true, action },
      });
    }
  }
  return items;
}

/** Console names of the flow types, in catalog order. */
function labels(types: ReadonlySet<FlowTypeName>): string {
  return FLOW_TYPE_NAMES.filter((t) => types.has(t))
    .map(flowTypeLabel)
    .join(", ");
}

/** "an Inbound flow", "a Customer queue flow". */
function withArticle(label: string): string {
  return `${/^[AEIOU]/i.test(label) ? "an" : "a"} ${label}`;
}

/** Where the flow type came from, for a parenthesis: `type from Metadata.type "contactFlow"`. */
function sourcePhrase(source: FlowTypeSource): string {
  const described = describeTypeSource(source);
  return source.kind === "module" ? described : `type from ${described}`;
}
