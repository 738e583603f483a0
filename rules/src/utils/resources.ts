import { isObject, pointerToPath, pointerTokens, stripQualifier } from "@connect-lint/core";
import type { Inventory, InventoryResource, Reference, ResourceKind } from "@connect-lint/core";
import { parseArn } from "./arn.js";
import type { Arn } from "./arn.js";
import { listPhrase } from "./describe.js";

/**
 * Shared by valid-resource-reference and valid-flow-reference (moved here from the first: rules do
 * not import from each other): how messages name a reference, its
 * designer name, and whether an ARN the inventory does not list comes from another environment.
 */

/** How messages name a kind of resource. */
const KIND_LABELS: Readonly<Record<ResourceKind, string>> = {
  flow: "flow",
  module: "flow module",
  queue: "queue",
  prompt: "prompt",
  hours: "hours of operation",
  lambda: "Lambda function",
  "lex-bot": "Amazon Lex bot alias",
  "phone-number": "phone number",
};

export function kindLabel(kind: ResourceKind): string {
  return KIND_LABELS[kind];
}

/** `a queue`, `an hours of operation`. */
export function kindWithArticle(kind: ResourceKind): string {
  return kind === "hours" ? `an ${KIND_LABELS[kind]}` : withArticle(KIND_LABELS[kind]);
}

/** `a queue`, `an hours of operation`. */
export function withArticle(text: string): string {
  return `${/^[aeiouAEIOU]/.test(text) ? "an" : "a"} ${text}`;
}


/** Where the reference is inside its block's parameters, e.g. `QueueId`, `Messages[0].PromptId`. */
export function parameterPath(reference: Reference): string {
  const prefix = `${reference.block.pointer}/Parameters`;
  return reference.pointer.startsWith(prefix) ? pointerToPath(reference.pointer.slice(prefix.length)) : reference.parameter;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * The name the flow designer stored for the reference's target in `Metadata.ActionMetadata`:
 * `parameters.<same path>.displayName`, else the block-level `queue.text`, `Hours.text` or
 * `promptName` the designer writes for single references. Undefined when the export has none.
 */
export function referenceDisplayName(reference: Reference): string | undefined {
  if (reference.designerName !== undefined) return reference.designerName;
  const { action } = reference;
  const meta = action.designer;
  if (meta === undefined) return undefined;
  const prefix = `${action.pointer}/Parameters`;
  if (reference.pointer.startsWith(prefix)) {
    let node: unknown = meta.parameters;
    for (const token of pointerTokens(reference.pointer.slice(prefix.length))) {
      if (Array.isArray(node)) node = (node as unknown[])[Number(token)];
      else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, token)) node = node[token];
      else {
        node = undefined;
        break;
      }
    }
    const fromParameters = isObject(node) ? text(node.displayName) : undefined;
    if (fromParameters !== undefined) return fromParameters;
  }
  // Block-level names only describe the block's single top-level reference.
  if (reference.pointer !== `${prefix}/${reference.parameter}`) return undefined;
  const block = (key: string): string | undefined => {
    const entry = meta[key];
    return isObject(entry) ? text(entry.text) : undefined;
  };
  switch (reference.kind) {
    case "queue":
      return block("queue");
    case "hours":
      return block("Hours");
    case "prompt":
      return text(meta.promptName);
    default:
      return undefined;
  }
}

/** True when an ARN has a placeholder where its Region, account or instance should be (`<REGION>`). */
export function isTemplatedArn(value: string): boolean {
  const arn = parseArn(value);
  if (!arn) return false;
  return [arn.region, arn.account, arn.connect?.instanceId].some((part) => part?.state === "dynamic");
}

type Dimension = "account" | "Region" | "instance";
const DIMENSIONS: readonly Dimension[] = ["account", "Region", "instance"];

function dimensionOf(arn: Arn, dimension: Dimension): string | undefined {
  switch (dimension) {
    case "account":
      return arn.account.state === "literal" && !arn.awsManaged ? arn.account.raw : undefined;
    case "Region":
      return arn.region.state === "literal" ? arn.region.raw : undefined;
    case "instance":
      return arn.connect?.instanceId?.state === "literal" ? arn.connect.instanceId.raw : undefined;
  }
}

/** The accounts, Regions and instances of the inventory's ARNs, computed once per inventory. */
const environments = new WeakMap<Inventory, ReadonlyMap<Dimension, ReadonlySet<string>>>();

function environmentOf(inventory: Inventory): ReadonlyMap<Dimension, ReadonlySet<string>> {
  let env = environments.get(inventory);
  if (env) return env;
  const sets = new Map<Dimension, Set<string>>(DIMENSIONS.map((d) => [d, new Set<string>()]));
  for (const resource of inventory.resources) {
    const arn = resource.arn === undefined ? undefined : parseArn(resource.arn);
    if (!arn) continue;
    for (const d of DIMENSIONS) {
      const value = dimensionOf(arn, d);
      if (value !== undefined) sets.get(d)?.add(value);
    }
  }
  env = sets;
  environments.set(inventory, env);
  return env;
}

export interface EnvironmentDifference {
  /** `account 999999999999 and Region eu-west-2`. */
  readonly found: string;
  /** `account 111122223333 and Region us-east-1`. */
  readonly expected: string;
}

/**
 * When the reference is an ARN whose account, Region or instance is none of those of the inventory's
 * resources: the dimensions that differ, as the ARN has them and as the inventory has them.
 */
export function environmentDifference(value: string, inventory: Inventory): EnvironmentDifference | undefined {
  const arn = parseArn(value);
  if (!arn) return undefined;
  const env = environmentOf(inventory);
  const found: string[] = [];
  const expected: string[] = [];
  for (const d of DIMENSIONS) {
    const own = dimensionOf(arn, d);
    const known = env.get(d);
    if (own === undefined || !known || known.size === 0 || known.has(own)) continue;
    found.push(`${d} ${own}`);
    expected.push(`${d} ${listPhrase([...known].sort(), "or")}`);
  }
  return found.length === 0 ? undefined : { found: listPhrase(found), expected: listPhrase(expected) };
}

/**
 * The inventory entry of this kind that the reference designates. An ARN must be the entry's ARN
 * (qualifiers such as `:$LATEST` aside): the inventory's own lookup also matches on the last part
 * alone, which would take a Lambda function of the same name in another account or Region, or a
 * resource id under another instance, for the listed one.
 */
export function inventoryEntry(inventory: Inventory, kind: ResourceKind, reference: Reference): InventoryResource | undefined {
  if (!inventory.kinds.has(kind)) return undefined;
  const hit = inventory.find(kind, reference.value);
  if (!hit) return undefined;
  if (reference.form === "arn" && hit.arn !== undefined && stripQualifier(hit.arn) !== stripQualifier(reference.value)) return undefined;
  return hit;
}

/** True when the inventory lists the reference's kind of resource but not the reference. */
export function missingFromInventory(inventory: Inventory, reference: Reference): boolean {
  if (!inventory.kinds.has(reference.kind) || reference.form === "dynamic" || reference.form === "template") return false;
  return reference.notInInventory || !inventoryEntry(inventory, reference.kind, reference);
}

/** Why a resource may be missing from the inventory, besides a typo. */
export function missingCause(kind: ResourceKind): string {
  switch (kind) {
    case "lambda":
      return "a function not added to the instance (the inventory lists the functions the instance may invoke)";
    case "lex-bot":
      return "a bot alias not added to the instance";
    default:
      return `${kindWithArticle(kind)} deleted or never created in this instance`;
  }
}

/** The inventory's resources by kind and name, computed once per inventory. */
const byName = new WeakMap<Inventory, ReadonlyMap<string, readonly InventoryResource[]>>();

/** The inventory's resources of a kind with this name. */
export function inventoryByName(inventory: Inventory, kind: ResourceKind, name: string): readonly InventoryResource[] {
  let index = byName.get(inventory);
  if (!index) {
    const built = new Map<string, InventoryResource[]>();
    for (const r of inventory.resources) {
      if (r.name === undefined) continue;
      const key = `${r.kind}\u0000${r.name}`;
      const list = built.get(key);
      if (list) list.push(r);
      else built.set(key, [r]);
    }
    index = built;
    byName.set(inventory, index);
  }
  return index.get(`${kind}\u0000${name}`) ?? [];
}

/** `; the inventory lists a queue named "Sales" (id …)`, or "" when the designer name matches nothing. */
export function inventoryNameHint(inventory: Inventory, kind: ResourceKind, name: string | undefined): string {
  if (name === undefined) return "";
  const hit = inventoryByName(inventory, kind, name)[0];
  if (!hit) return "";
  const ref = hit.id === undefined ? (hit.arn === undefined ? "" : ` (${hit.arn})`) : ` (id ${hit.id})`;
  return `; the inventory lists ${kindWithArticle(kind)} named ${JSON.stringify(name)}${ref}`;
}
