import { ACTIONS } from "./actions.js";
import { EVENT_HOOKS } from "./event-hooks.js";
import { FLOW_TYPES } from "./flow-types.js";
import { INVALID_TYPE_HINTS } from "./invalid-types.js";
import { FLOW_TYPE_NAMES } from "./types.js";
import type { ActionEffect, ActionSpec, ActionVariant, EventHookSpec, FlowTypeInfo, FlowTypeName, InvalidTypeHint } from "./types.js";

export * from "./types.js";
export { ACTIONS, EVENT_HOOKS, FLOW_TYPES, INVALID_TYPE_HINTS };

const actionsByType = new Map<string, ActionSpec>(ACTIONS.map((a) => [a.type, a]));
const misspellings = new Map<string, ActionSpec>();
for (const action of ACTIONS) for (const m of action.misspellings ?? []) misspellings.set(m, action);
const hints = new Map<string, InvalidTypeHint>(INVALID_TYPE_HINTS.map((h) => [h.name, h]));
const flowTypes = new Map<FlowTypeName, FlowTypeInfo>(FLOW_TYPES.map((f) => [f.name, f]));
const byExportType = new Map<string, FlowTypeName>();
for (const f of FLOW_TYPES) if (f.exportType) byExportType.set(f.exportType, f.name);
const hooks = new Map<string, EventHookSpec>(EVENT_HOOKS.map((h) => [h.key, h]));

/** The action type's spec, or undefined when the type is not a flow-language action type. */
export function getAction(type: string): ActionSpec | undefined {
  return actionsByType.get(type);
}

/** True when the action type is in the catalog and its spec lists `effect` (false for unknown types). */
export function hasEffect(type: string | undefined, effect: ActionEffect): boolean {
  return type !== undefined && (actionsByType.get(type)?.effects.includes(effect) ?? false);
}

/** The specs of every action type that has `effect`, in catalog order. */
export function actionsWithEffect(effect: ActionEffect): readonly ActionSpec[] {
  return ACTIONS.filter((a) => a.effects.includes(effect));
}

/**
 * The variant of `spec` a block with these `parameters` is (Set Touchtone Buffer Behavior for a
 * GetParticipantInput that sets only EnableDTMFBuffer), or undefined for the main block.
 */
export function variantOf(spec: ActionSpec, parameters: Readonly<Record<string, unknown>>): ActionVariant | undefined {
  const names = Object.keys(parameters);
  if (names.length === 0) return undefined;
  return spec.variants?.find((v) => names.every((n) => v.parameters.includes(n)));
}

/** The flow types a block of `spec` with these `parameters` may appear in (its variant's, if it is one). */
export function allowedFlowTypes(spec: ActionSpec, parameters: Readonly<Record<string, unknown>>): readonly FlowTypeName[] {
  return variantOf(spec, parameters)?.flowTypes ?? spec.flowTypes;
}

/** For a known misspelling (e.g. a doc-page spelling the service rejects), the correct spec. */
export function getMisspelledAction(type: string): ActionSpec | undefined {
  return misspellings.get(type);
}

/** For a legacy or invented type name, the hint of what to use instead. */
export function getInvalidTypeHint(type: string): InvalidTypeHint | undefined {
  return hints.get(type);
}

export function getFlowType(name: FlowTypeName): FlowTypeInfo {
  const info = flowTypes.get(name);
  if (!info) throw new Error(`catalog has no flow type ${name}`);
  return info;
}

export function isFlowTypeName(name: string): name is FlowTypeName {
  return (FLOW_TYPE_NAMES as readonly string[]).includes(name);
}

/** Maps `Metadata.type` (`customerQueue`) or an API name (`CUSTOMER_QUEUE`) to the API name. */
export function flowTypeFromExportType(value: string): FlowTypeName | undefined {
  if (isFlowTypeName(value)) return value;
  return byExportType.get(value);
}

/** Accepts an API name in any case, an export name, or a console name; for CLI and config input. */
export function parseFlowTypeName(value: string): FlowTypeName | undefined {
  const trimmed = value.trim();
  const upper = trimmed.toUpperCase().replace(/[-\s]+/g, "_");
  if (isFlowTypeName(upper)) return upper;
  if (upper === "MODULE") return "FLOW_MODULE";
  if (upper === "INBOUND") return "CONTACT_FLOW";
  const exact = byExportType.get(trimmed);
  if (exact) return exact;
  const lower = trimmed.toLowerCase();
  for (const f of FLOW_TYPES) {
    if (f.exportType?.toLowerCase() === lower || f.consoleName.toLowerCase() === lower) return f.name;
  }
  return undefined;
}

export function getEventHook(key: string): EventHookSpec | undefined {
  return hooks.get(key);
}

/** The console name of a flow type, e.g. "Customer queue flow". */
export function flowTypeLabel(name: FlowTypeName): string {
  return getFlowType(name).consoleName;
}
