/**
 * The inventory: what exists in an Amazon Connect instance, as the AWS CLI lists it. A user produces
 * it with one `aws connect list-*` command per resource type and points `inventory` in the
 * configuration at the files; each file is the command's JSON output as it is (several outputs may
 * also be merged into one object). Recognised keys:
 *
 * | key | from | gives |
 * | --- | --- | --- |
 * | `ContactFlowSummaryList` | `list-contact-flows` | flows: Id, Arn, Name, ContactFlowType |
 * | `ContactFlowModulesSummaryList` | `list-contact-flow-modules` | modules: Id, Arn, Name |
 * | `QueueSummaryList` | `list-queues` | queues: Id, Arn, Name |
 * | `PromptSummaryList` | `list-prompts` | prompts: Id, Arn, Name |
 * | `HoursOfOperationSummaryList` | `list-hours-of-operations` | hours: Id, Arn, Name |
 * | `LambdaFunctions` | `list-lambda-functions` | Lambda function ARNs |
 * | `LexBots` | `list-bots --lex-version V2` | Lex V2 bot alias ARNs (`LexV2Bot.AliasArn`) |
 * | `ListPhoneNumbersSummaryList` | `list-phone-numbers-v2` | phone numbers: PhoneNumberId, PhoneNumberArn, PhoneNumber (as the name) |
 * | `EntryPoints` | written by hand | ids, ARNs or names of flows that start contacts (phone numbers, chat widgets) |
 */
import { ConfigError } from "../config/rules.js";
import { isFlowTypeName } from "../catalog/index.js";
import type { FlowTypeName, ResourceKind } from "../catalog/types.js";
import { isObject } from "../model/flow.js";

export interface InventoryResource {
  readonly kind: ResourceKind;
  readonly id: string | undefined;
  readonly arn: string | undefined;
  readonly name: string | undefined;
  /** For flows: the API flow type. Modules have FLOW_MODULE. */
  readonly flowType: FlowTypeName | undefined;
}

export interface Inventory {
  readonly resources: readonly InventoryResource[];
  /** Ids, ARNs or names given as entry points. */
  readonly entryPoints: readonly string[];
  /** Which resource kinds the inventory lists: a reference to a kind not listed is not checked. */
  readonly kinds: ReadonlySet<ResourceKind>;
  /** Looks a resource of this kind up by its exact ARN, or by id (qualifiers such as `:$LATEST` ignored). */
  find(kind: ResourceKind, reference: string): InventoryResource | undefined;
}

const LISTS: readonly { readonly key: string; readonly kind: ResourceKind }[] = [
  { key: "ContactFlowSummaryList", kind: "flow" },
  { key: "ContactFlowModulesSummaryList", kind: "module" },
  { key: "QueueSummaryList", kind: "queue" },
  { key: "PromptSummaryList", kind: "prompt" },
  { key: "HoursOfOperationSummaryList", kind: "hours" },
];

/** An ARN or id without a version or alias qualifier: `…/flow-module/abc:$LATEST` -> `…/flow-module/abc`. */
export function stripQualifier(reference: string): string {
  if (reference.startsWith("arn:")) {
    const parts = reference.split(":");
    // arn:partition:service:region:account:resource[:qualifier]; Lambda: …:function:name[:qualifier]
    const size = parts[5] === "function" ? 7 : 6;
    return parts.length > size ? parts.slice(0, size).join(":") : reference;
  }
  const colon = reference.indexOf(":");
  return colon > 0 ? reference.slice(0, colon) : reference;
}

/** The resource id at the end of an ARN (`…/contact-flow/<id>` -> `<id>`), or the reference itself. */
export function idOf(reference: string): string {
  const plain = stripQualifier(reference);
  if (!plain.startsWith("arn:")) return plain;
  const slash = plain.lastIndexOf("/");
  return slash >= 0 ? plain.slice(slash + 1) : plain.slice(plain.lastIndexOf(":") + 1);
}

/** Builds an inventory from the parsed files (each `{ source, value }`). ConfigErrors name the file. */
export function buildInventory(files: readonly { readonly source: string; readonly value: unknown }[]): Inventory {
  const resources: InventoryResource[] = [];
  const entryPoints: string[] = [];
  const kinds = new Set<ResourceKind>();
  for (const { source, value } of files) {
    if (!isObject(value)) throw new ConfigError(`Invalid inventory ${source}: expected a JSON object (the output of an "aws connect list-*" command).`);
    let recognised = false;
    for (const { key, kind } of LISTS) {
      const list = value[key];
      if (list === undefined) continue;
      recognised = true;
      if (!Array.isArray(list)) throw new ConfigError(`Invalid inventory ${source}: ${key} must be an array.`);
      kinds.add(kind);
      list.forEach((entry: unknown, i) => {
        if (!isObject(entry)) throw new ConfigError(`Invalid inventory ${source}: ${key}[${String(i)}] must be an object.`);
        const str = (k: string): string | undefined => (typeof entry[k] === "string" ? entry[k] : undefined);
        const type = str("ContactFlowType");
        resources.push({
          kind,
          id: str("Id"),
          arn: str("Arn"),
          name: str("Name"),
          flowType: kind === "module" ? "FLOW_MODULE" : type !== undefined && isFlowTypeName(type) ? type : undefined,
        });
      });
    }
    const lambdas = value.LambdaFunctions;
    if (lambdas !== undefined) {
      recognised = true;
      if (!Array.isArray(lambdas) || !lambdas.every((l) => typeof l === "string")) {
        throw new ConfigError(`Invalid inventory ${source}: LambdaFunctions must be an array of ARNs.`);
      }
      kinds.add("lambda");
      for (const arn of lambdas) resources.push({ kind: "lambda", id: undefined, arn, name: arn.split(":").pop(), flowType: undefined });
    }
    const bots = value.LexBots;
    if (bots !== undefined) {
      recognised = true;
      if (!Array.isArray(bots)) throw new ConfigError(`Invalid inventory ${source}: LexBots must be an array.`);
      kinds.add("lex-bot");
      for (const bot of bots as unknown[]) {
        const v2 = isObject(bot) && isObject(bot.LexV2Bot) ? bot.LexV2Bot : undefined;
        const arn = v2 && typeof v2.AliasArn === "string" ? v2.AliasArn : undefined;
        if (arn) resources.push({ kind: "lex-bot", id: undefined, arn, name: undefined, flowType: undefined });
      }
    }
    const phones = value.ListPhoneNumbersSummaryList;
    if (phones !== undefined) {
      recognised = true;
      if (!Array.isArray(phones)) throw new ConfigError(`Invalid inventory ${source}: ListPhoneNumbersSummaryList must be an array.`);
      kinds.add("phone-number");
      phones.forEach((entry: unknown, i) => {
        if (!isObject(entry)) throw new ConfigError(`Invalid inventory ${source}: ListPhoneNumbersSummaryList[${String(i)}] must be an object.`);
        const str = (k: string): string | undefined => (typeof entry[k] === "string" ? entry[k] : undefined);
        resources.push({ kind: "phone-number", id: str("PhoneNumberId"), arn: str("PhoneNumberArn"), name: str("PhoneNumber"), flowType: undefined });
      });
    }
    const entries = value.EntryPoints;
    if (entries !== undefined) {
      recognised = true;
      if (!Array.isArray(entries) || !entries.every((e) => typeof e === "string")) {
        throw new ConfigError(`Invalid inventory ${source}: EntryPoints must be an array of flow ids, ARNs or names.`);
      }
      entryPoints.push(...(entries));
    }
    if (!recognised) {
      throw new ConfigError(
        `Invalid inventory ${source}: no known list in it (expected the output of "aws connect list-contact-flows", "list-contact-flow-modules", "list-queues", "list-prompts", "list-hours-of-operations", "list-phone-numbers-v2", "list-lambda-functions" or "list-bots", or EntryPoints).`,
      );
    }
  }
  const index = new Map<string, InventoryResource>();
  for (const r of resources) {
    for (const key of [r.arn, r.id, r.arn === undefined ? undefined : idOf(r.arn)]) {
      if (key !== undefined && !index.has(`${r.kind}\u0000${key}`)) index.set(`${r.kind}\u0000${key}`, r);
    }
  }
  return {
    resources,
    entryPoints,
    kinds,
    find(kind, reference) {
      // An ARN must match exactly (an id alone would accept the same resource of another account,
      // Region or instance); a bare id matches a listed id or the id at the end of a listed ARN.
      const plain = stripQualifier(reference);
      return index.get(`${kind}\u0000${plain}`) ?? (plain.startsWith("arn:") ? undefined : index.get(`${kind}\u0000${idOf(plain)}`));
    },
  };
}
