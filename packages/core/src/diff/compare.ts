/**
 * What a change to a flow means: blocks added, removed and changed, connectors rewired, layout-only
 * moves, and (with `lintDelta`) the findings it introduced and fixed. Blocks are matched by Identifier,
 * which the designer keeps across edits and re-layouts; connectors by what they mean (the default
 * branch, a condition's operator and operands, an error type), not by their place in the file.
 */
import type { Action, Flow, Transition } from "../model/flow.js";
import { isObject } from "../model/flow.js";
import { blockName } from "../model/names.js";
import { compareStrings } from "../result.js";
import type { LintMessage } from "../result.js";

/** A block as a reviewer reads it. */
export interface BlockRef {
  readonly id: string;
  /** The designer's name for it (see `blockName`). */
  readonly name: string;
  readonly type: string | null;
}

export interface ValueChange {
  /** Where in the block, as a JSON pointer relative to the action (e.g. `/Parameters/Text`). */
  readonly path: string;
  /** The value before and after, as JSON; `null` when absent on that side. */
  readonly before: string | null;
  readonly after: string | null;
}

export interface BlockChange extends BlockRef {
  readonly changes: readonly ValueChange[];
}

export interface ConnectorChange {
  readonly from: BlockRef;
  /** The connector, as the designer labels it: `Default`, `Equals "1"`, `Error NoMatchingError`. */
  readonly connector: string;
  /** The target before and after; `null` when the connector did not exist or was unconnected. */
  readonly before: BlockRef | null;
  readonly after: BlockRef | null;
}

export interface FlowDiff {
  readonly blocks: { readonly added: readonly BlockRef[]; readonly removed: readonly BlockRef[]; readonly changed: readonly BlockChange[] };
  readonly connectors: readonly ConnectorChange[];
  /** `StartAction` before and after, when it changed. */
  readonly start: { readonly before: BlockRef | null; readonly after: BlockRef | null } | null;
  /** Blocks whose only change is their place on the canvas. */
  readonly moved: number;
  /** Changes outside the blocks (name, type, description, settings), as paths. */
  readonly flow: readonly ValueChange[];
}

/** Keys of a flow and of an action that are compared as a whole elsewhere (blocks, transitions, layout). */
const FLOW_KEYS_DONE = new Set(["Actions", "StartAction", "Metadata"]);

function refOf(action: Action | undefined, id: string | undefined): BlockRef | null {
  if (id === undefined || id === "") return null;
  if (!action) return { id, name: id, type: null };
  return { id, name: blockName(action), type: action.type ?? null };
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Leaf differences between two JSON values, as pointer paths under `base`. */
function valueChanges(before: unknown, after: unknown, base: string, out: ValueChange[]): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareStrings);
    for (const key of keys) {
      valueChanges(before[key], after[key], `${base}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((b, i) => {
      valueChanges(b, after[i], `${base}/${String(i)}`, out);
    });
    return;
  }
  const b = json(before);
  const a = json(after);
  if (b !== a) out.push({ path: base === "" ? "/" : base, before: b, after: a });
}

/** The designer's label of a connector: what it means, independent of its place in the file. */
export function connectorLabel(t: Transition): string {
  if (t.kind === "next") return "Default";
  if (t.kind === "error") return `Error ${t.errorType ?? "?"}`;
  const operator = typeof t.condition?.operator === "string" ? t.condition.operator : "?";
  const operands = Array.isArray(t.condition?.operands) ? t.condition.operands.map((o) => JSON.stringify(o)).join(", ") : "?";
  return `${operator} ${operands}`;
}

function position(flow: Flow, id: string): string | null {
  const am = flow.metadata?.ActionMetadata;
  if (!isObject(am) || !Object.prototype.hasOwnProperty.call(am, id)) return null;
  const entry = am[id];
  return isObject(entry) ? json(entry.position) : null;
}

/** Compares two versions of a flow. */
export function compareFlows(before: Flow, after: Flow): FlowDiff {
  const added: BlockRef[] = [];
  const removed: BlockRef[] = [];
  const changed: BlockChange[] = [];
  const connectors: ConnectorChange[] = [];
  let moved = 0;
  const target = (flow: Flow, id: string | undefined): BlockRef | null => refOf(id === undefined ? undefined : flow.actionsById.get(id), id);

  for (const [id, a] of after.actionsById) {
    const b = before.actionsById.get(id);
    const ref = refOf(a, id);
    if (!ref) continue;
    if (!b) {
      added.push(ref);
      continue;
    }
    const changes: ValueChange[] = [];
    for (const key of [...new Set([...Object.keys(b.raw), ...Object.keys(a.raw)])].sort(compareStrings)) {
      if (key === "Transitions" || key === "Identifier") continue;
      valueChanges(b.raw[key], a.raw[key], `/${key}`, changes);
    }
    if (changes.length > 0) changed.push({ ...ref, changes });
    // Connectors, matched by label; the first of duplicate labels wins on both sides.
    const beforeTargets = new Map<string, string | undefined>();
    for (const t of b.transitions) if (!beforeTargets.has(connectorLabel(t))) beforeTargets.set(connectorLabel(t), t.target);
    const afterTargets = new Map<string, string | undefined>();
    for (const t of a.transitions) if (!afterTargets.has(connectorLabel(t))) afterTargets.set(connectorLabel(t), t.target);
    for (const label of [...new Set([...beforeTargets.keys(), ...afterTargets.keys()])]) {
      const was = beforeTargets.get(label);
      const now = afterTargets.get(label);
      if ((was ?? "") === (now ?? "")) continue;
      connectors.push({ from: ref, connector: label, before: target(before, was), after: target(after, now) });
    }
    if (changes.length === 0 && position(before, id) !== position(after, id)) moved++;
  }
  for (const [id, b] of before.actionsById) {
    if (after.actionsById.has(id)) continue;
    const ref = refOf(b, id);
    if (ref) removed.push(ref);
  }
  const start =
    (before.startAction ?? "") === (after.startAction ?? "") ? null : { before: target(before, before.startAction), after: target(after, after.startAction) };
  const flowChanges: ValueChange[] = [];
  if (before.name !== after.name) flowChanges.push({ path: "name", before: json(before.name), after: json(after.name) });
  if (before.type !== after.type) flowChanges.push({ path: "type", before: json(before.type ?? null), after: json(after.type ?? null) });
  const rawBefore = before.raw;
  const rawAfter = after.raw;
  for (const key of [...new Set([...Object.keys(rawBefore), ...Object.keys(rawAfter)])].sort(compareStrings)) {
    if (!FLOW_KEYS_DONE.has(key)) valueChanges(rawBefore[key], rawAfter[key], `/${key}`, flowChanges);
  }
  const byId = (x: BlockRef, y: BlockRef): number => compareStrings(x.name, y.name) || compareStrings(x.id, y.id);
  return {
    blocks: { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) },
    connectors: connectors.sort((x, y) => byId(x.from, y.from) || compareStrings(x.connector, y.connector)),
    start,
    moved,
    flow: flowChanges,
  };
}

/** True when nothing but the layout changed. */
export function isLayoutOnly(diff: FlowDiff): boolean {
  return (
    diff.blocks.added.length === 0 &&
    diff.blocks.removed.length === 0 &&
    diff.blocks.changed.length === 0 &&
    diff.connectors.length === 0 &&
    diff.start === null &&
    diff.flow.length === 0
  );
}

export interface FindingDelta {
  readonly introduced: readonly LintMessage[];
  readonly fixed: readonly LintMessage[];
}

/**
 * Findings the change introduced and fixed, matched by rule, message id and block (not by line, which
 * moves with every edit): a finding of the new version with no counterpart in the old one is
 * introduced, and the reverse is fixed.
 */
export function lintDelta(before: readonly LintMessage[], after: readonly LintMessage[]): FindingDelta {
  const key = (m: LintMessage): string => JSON.stringify([m.ruleId, m.messageId, m.actionId ?? null, m.actionId === undefined ? m.message : null]);
  const count = (list: readonly LintMessage[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const m of list) counts.set(key(m), (counts.get(key(m)) ?? 0) + 1);
    return counts;
  };
  const take = (list: readonly LintMessage[], other: Map<string, number>): LintMessage[] => {
    const out: LintMessage[] = [];
    for (const m of list) {
      const left = other.get(key(m)) ?? 0;
      if (left > 0) other.set(key(m), left - 1);
      else out.push(m);
    }
    return out;
  };
  return { introduced: take(after, count(before)), fixed: take(before, count(after)) };
}
