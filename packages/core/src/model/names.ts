/**
 * The names a person knows a block by, used wherever a block is named (rule messages, the audit
 * report, the change review): the designer's name of its type ("Play prompt") and the best human name
 * of the block itself.
 */
import { getAction, variantOf } from "../catalog/index.js";
import { DEFAULT_VALUES, isDynamicValue } from "../values.js";
import type { Action } from "./flow.js";
import { isObject } from "./flow.js";

/** The designer's name for a block type, e.g. "Play prompt"; the raw type when it is not in the catalog. */
export function blockLabel(type: string | undefined): string {
  if (type === undefined) return "Block";
  return getAction(type)?.block ?? type;
}

/**
 * The designer's name for a block, told by its parameters where two blocks share an action type
 * (Set Touchtone Buffer Behavior is a GetParticipantInput).
 */
export function blockLabelOf(action: Action): string {
  const spec = action.type === undefined ? undefined : getAction(action.type);
  if (!spec) return blockLabel(action.type);
  return variantOf(spec, action.parameters)?.block ?? spec.block;
}

/** What the flow designer writes as an Identifier when the user has not named the block. */
const GENERATED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Names in `Metadata.ActionMetadata[id]` that name what the block works on, in order of preference. */
const DESIGNER_NAMES: readonly (readonly string[])[] = [
  ["queue", "text"],
  ["ContactFlow", "text"],
  ["contactFlow", "text"],
  ["promptName"],
  ["lexV2BotName"],
];
const MAX_TEXT = 40;
const MAX_DEPTH = 4;

/** A name worth showing: non-empty, and not a placeholder a deploy tool fills in. */
function usable(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && !isDynamicValue(value) && !DEFAULT_VALUES.isPlaceholder(value);
}

function at(object: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = object;
  for (const key of path) {
    if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** The first `displayName` under `parameters` of a designer entry (depth first, in key order). */
function displayName(value: unknown, depth: number): string | undefined {
  if (!isObject(value) || depth > MAX_DEPTH) return undefined;
  const own = Object.prototype.hasOwnProperty.call(value, "displayName") ? value.displayName : undefined;
  if (usable(own)) return own;
  for (const key of Object.keys(value)) {
    const found = displayName(value[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The designer's name for what the block works on (its queue, flow, prompt, bot, function), if any. */
function designerName(action: Action): string | undefined {
  const entry = action.designer;
  if (!entry) return undefined;
  for (const path of DESIGNER_NAMES) {
    const value = at(entry, path);
    if (usable(value)) return value;
  }
  return displayName(entry.parameters, 0);
}

/** The block's own text (what it says to the customer; Loop prompts: its first message with text), shortened. */
function blockText(action: Action): string | undefined {
  const messages = action.parameters.Messages;
  const first = Array.isArray(messages) ? (messages as unknown[]).find((m) => isObject(m) && usable(m.Text)) : undefined;
  const text = action.parameters.Text ?? (isObject(first) ? first.Text : undefined);
  if (!usable(text)) return undefined;
  // Markup (SSML, a chat message's HTML) is not part of what the block says.
  const flat = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim() || text.trim();
  if (flat.length <= MAX_TEXT) return flat;
  // Cut at a word boundary when there is one in the second half.
  const cut = flat.lastIndexOf(" ", MAX_TEXT - 1);
  return `${flat.slice(0, cut > MAX_TEXT / 2 ? cut : MAX_TEXT - 1).trimEnd()}…`;
}

/**
 * The best human name of a block (rule messages quote it as JSON, so that any character stays visible): the
 * Identifier when a person chose it (the designer's block name, or a readable id written by hand);
 * for a generated (UUID) Identifier, the designer's name for what the block works on (a queue, a
 * flow, a prompt, a Lambda function), else the block's text, else the Identifier itself.
 */
export function blockName(action: Action): string {
  const id = action.id;
  if (id === undefined) return `#${String(action.index + 1)} (no Identifier)`;
  if (!GENERATED_ID.test(id)) return id;
  return designerName(action) ?? blockText(action) ?? id;
}

