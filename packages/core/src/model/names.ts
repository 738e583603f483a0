/**
 * The name a person knows a block by. The designer shows a block by its type and what it acts on (the
 * queue, the Lambda function, the prompt, the text it speaks) and keeps those names in
 * `Metadata.ActionMetadata[id]`; an Identifier is a UUID unless the builder gave a friendly one.
 */
import type { Action, Flow } from "./flow.js";
import { isObject } from "./flow.js";

/** `ActionMetadata` paths that name what a block acts on, in order of preference. */
const METADATA_NAMES: readonly (readonly string[])[] = [
  ["queue", "text"],
  ["contactFlow", "text"],
  ["ContactFlow", "text"],
  ["Hours", "text"],
  ["promptName"],
  ["lexV2BotName"],
  ["parameters", "QueueId", "displayName"],
  ["parameters", "LambdaFunctionARN", "displayName"],
  ["parameters", "ContactFlowId", "displayName"],
  ["parameters", "FlowModuleId", "displayName"],
  ["parameters", "PromptId", "displayName"],
  ["parameters", "HoursOfOperationId", "displayName"],
  ["parameters", "AgentId", "displayName"],
  ["parameters", "ViewResource", "Id", "displayName"],
];

/** Parameters whose text names a block well (what it says or asks). */
const TEXT_PARAMETERS = ["Text", "SSML"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function at(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function short(text: string, max = 40): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * The best human name of a block: its Identifier when the builder gave a friendly one, else what the
 * designer's metadata says it acts on, else the start of the text it speaks, else its Identifier.
 */
export function blockName(flow: Flow, action: Action): string {
  const id = action.id ?? `#${String(action.index)}`;
  if (!UUID.test(id)) return id;
  const am = flow.metadata?.ActionMetadata;
  const meta = isObject(am) && Object.prototype.hasOwnProperty.call(am, id) ? am[id] : undefined;
  for (const path of METADATA_NAMES) {
    const value = at(meta, path);
    if (typeof value === "string" && value.trim() !== "" && !value.startsWith("arn:")) return short(value);
  }
  for (const p of TEXT_PARAMETERS) {
    const value = action.parameters[p];
    if (typeof value === "string" && value.trim() !== "") return `“${short(value.replace(/<[^>]*>/g, " "))}”`;
  }
  return id;
}
