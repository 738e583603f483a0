import { FLOW_TYPE_NAMES, defineRule, describeTypeSource, flowTypeLabel, getEventHook, idOf, stripQualifier } from "@connect-lint/core";
import type { FlowTypeName, Inventory, InventoryResource, ProjectFlow, ProjectIndex, Reference } from "@connect-lint/core";
import { parseArn } from "./utils/arn.js";
import { blockLabel, describeBlock, listPhrase, quotedBlockName as blockName } from "./utils/describe.js";
import {
  environmentDifference,
  inventoryEntry,
  inventoryNameHint,
  missingCause,
  missingFromInventory,
  isTemplatedArn,
  kindLabel,
  parameterPath,
  withArticle,
} from "./utils/resources.js";

/**
 * Flow types a Transfer to flow block may target (the flow designer's block page: an inbound, a
 * transfer-to-agent or a transfer-to-queue flow). The catalog does not hold this fact yet (no
 * ParameterSpec field for a reference's allowed target types), so it lives here, keyed by the
 * action type and parameter, until it does.
 */
const TARGET_TYPES: ReadonlyMap<string, readonly FlowTypeName[]> = new Map([["TransferToFlow/ContactFlowId", ["CONTACT_FLOW", "AGENT_TRANSFER", "QUEUE_TRANSFER"]]]);

/** Every flow type but FLOW_MODULE: where the docs say only "a flow" (Create task, callbacks). */
const ANY_FLOW: readonly FlowTypeName[] = FLOW_TYPE_NAMES.filter((t) => t !== "FLOW_MODULE");

/** What a reference's target must be, and how messages say it. */
interface Expectation {
  readonly allowed: readonly FlowTypeName[];
  readonly text: string;
}

function typeList(types: readonly FlowTypeName[]): string {
  return listPhrase(types.map((t) => withArticle(flowTypeLabel(t))), "or");
}

function expectationOf(reference: Reference): Expectation | undefined {
  const block = blockLabel(reference.block.type);
  if (reference.kind === "module") return { allowed: ["FLOW_MODULE"], text: `${block} can only run a flow module` };
  if (reference.hook !== undefined) {
    const hook = getEventHook(reference.hook);
    if (!hook) return undefined; // an unknown hook key is valid-action-parameters' finding
    return { allowed: [hook.targetFlowType], text: `the ${hook.key} hook needs ${typeList([hook.targetFlowType])}` };
  }
  const listed = TARGET_TYPES.get(`${reference.block.type ?? ""}/${reference.parameter}`);
  if (listed) return { allowed: listed, text: `${block} can only go to ${typeList(listed)}` };
  return { allowed: ANY_FLOW, text: `${block} needs a flow, not a flow module` };
}

/** `Set customer queue flow "q1"` for a hook (the designer's block for that hook), else describeBlock. */
function describeReferenceBlock(reference: Reference): string {
  const hook = reference.hook === undefined ? undefined : getEventHook(reference.hook);
  return hook ? `${hook.block} ${blockName(reference.action)}` : describeBlock(reference.action);
}

function describeReference(reference: Reference): string {
  return reference.hook !== undefined ? `the ${reference.hook} hook` : parameterPath(reference);
}

function baseName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

/** A possible target of a reference: a project flow or an inventory entry. */
interface Candidate {
  /** `"Sales" (Sales.json)`. */
  readonly target: string;
  /** The project file's base name, for a project flow. */
  readonly file: string | undefined;
  readonly type: FlowTypeName | undefined;
  /** Where the type comes from, for messages; undefined when the way it was found says it. */
  readonly typeSource: string | undefined;
}

function fromProject(flow: ProjectFlow): Candidate {
  return {
    target: flow.nameSource === "file" ? baseName(flow.filePath) : `${JSON.stringify(flow.name)} (${baseName(flow.filePath)})`,
    file: baseName(flow.filePath),
    type: flow.type,
    typeSource: describeTypeSource(flow.typeSource),
  };
}

function fromInventory(resource: InventoryResource, project: ProjectIndex): Candidate {
  const file = resource.name === undefined ? undefined : project.byName(resource.name)[0];
  const name = JSON.stringify(resource.name ?? resource.id ?? resource.arn ?? "");
  return {
    target: file ? `${name} (${baseName(file.filePath)})` : name,
    file: file ? baseName(file.filePath) : undefined,
    type: resource.flowType,
    typeSource: resource.kind === "module" ? undefined : "ContactFlowType in the inventory",
  };
}

/** The inventory entry a reference designates: of its own kind, else of the other (a module ARN in a flow parameter). */
function inventoryHit(inventory: Inventory | undefined, reference: Reference): InventoryResource | undefined {
  if (!inventory) return undefined;
  return inventoryEntry(inventory, reference.kind, reference) ?? inventoryEntry(inventory, reference.kind === "flow" ? "module" : "flow", reference);
}

/** What a reference designates: candidates (several when names collide), how they were found, the name used. */
interface Found {
  readonly candidates: readonly Candidate[];
  readonly how: string;
  readonly name: string;
}

/**
 * Resolves a static reference: by ARN or id through the inventory (exactly: the ARN is what runs),
 * else by the name the designer recorded, else by a project file named after the id.
 */
function find(reference: Reference, project: ProjectIndex, hit: InventoryResource | undefined): Found | undefined {
  const form = reference.form === "arn" ? "ARN" : "id";
  const { resolution } = reference;
  if (resolution.status === "project" && resolution.via === "container") {
    const resource = resolution.target.resource ?? resolution.target.name;
    return { candidates: [fromProject(resolution.target)], how: `the resource ${resource} declared in the same file`, name: resolution.target.name };
  }
  if (hit) {
    const inProject = hit.name === undefined ? [] : project.byName(hit.name);
    const listed = fromInventory(hit, project);
    return {
      candidates: listed.type === undefined && inProject.length > 0 ? inProject.map(fromProject) : [listed],
      how: hit.kind === reference.kind ? `found by ${form} in the inventory` : `found by ${form} among the inventory's ${hit.kind === "module" ? "flow modules" : "flows"}`,
      name: hit.name ?? "",
    };
  }
  const named = reference.designerName === undefined ? [] : project.byName(reference.designerName);
  if (reference.designerName !== undefined && named.length > 0) {
    return { candidates: named.map(fromProject), how: `found by the designer's name ${JSON.stringify(reference.designerName)}`, name: reference.designerName };
  }
  const id = idOf(stripQualifier(reference.value));
  const byId = project.byName(id);
  if (byId.length > 0) return { candidates: byId.map(fromProject), how: "found by id (a project file is named after it)", name: id };
  return undefined;
}

/** The ids of the rule's messages (`meta.messages`). */
export type ValidFlowReferenceMessageId = "wrongType" | "ambiguousName" | "notInInventory" | "arnOtherKind" | "otherEnvironment" | "unresolved";

export const validFlowReference = defineRule<Record<string, never>, ValidFlowReferenceMessageId>({
  name: "valid-flow-reference",
  meta: {
    type: "problem",
    description: "Require every flow and module reference to resolve to a flow or module of the right type.",
    recommended: "error",
    messages: {
      wrongType: "{{block}}: {{reference}} refers to {{target}}, {{how}}, which is {{type}}; {{expected}}.",
      ambiguousName:
        "{{block}}: {{reference}} refers to {{name}}, but {{count}} flows of the project have that name with different types ({{candidates}}), so its type cannot be checked; give each flow a unique name.",
      notInInventory:
        "{{block}}: {{reference}} refers to {{what}} by {{form}} that the inventory does not list: a typo, or {{cause}}{{hint}}.",
      arnOtherKind: "{{block}}: {{reference}} is the ARN of {{found}} (…/{{resourceType}}/…); {{expected}}.",
      otherEnvironment:
        "{{block}}: {{reference}} refers to {{what}} by an ARN in {{found}}, but the inventory's resources are in {{expected}}: the ARN probably comes from another environment{{hint}}.",
      unresolved: "{{block}}: {{reference}} {{value}}matches no flow or module of the project: {{reason}}.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  checkProject(context) {
    const { project } = context;
    const { inventory } = project;
    const strict = context.strictReferences;
    for (const reference of project.references) {
      if (reference.kind !== "flow" && reference.kind !== "module") continue;
      const { resolution } = reference;
      // A placeholder naming another flow of the same template (`${Other.ContactFlowArn}`) resolved to it.
      const viaContainer = resolution.status === "project" && resolution.via === "container";
      if (resolution.status === "dynamic" || (isTemplatedArn(reference.value) && !viaContainer)) continue;
      const report = (messageId: ValidFlowReferenceMessageId, data: Readonly<Record<string, string>>, severity?: "warn"): void => {
        // The block is named only for a finding: naming it loads a flow the project does not keep.
        const at = { pointer: reference.pointer, action: reference.action };
        const named = { block: describeReferenceBlock(reference), reference: describeReference(reference) };
        context.report({ flow: reference.from, messageId, at, data: { ...named, ...data }, ...(severity ? { severity } : {}) });
      };

      const hit = inventoryHit(inventory, reference);
      if (!hit) {
        // The ARN itself may name the other kind of resource: that decides, whatever the designer's name says.
        const resourceType = parseArn(reference.value)?.connect?.resourceType;
        const expectation = expectationOf(reference);
        if (resourceType === (reference.kind === "flow" ? "flow-module" : "contact-flow") && expectation) {
          report("arnOtherKind", { found: reference.kind === "flow" ? "a flow module" : "a flow", resourceType, expected: expectation.text });
          continue;
        }
      }
      const found = find(reference, project, hit);

      // Not in the inventory although the inventory lists this kind (a module ARN in a flow
      // parameter is a wrong type, reported below).
      if (inventory && !(hit && hit.kind !== reference.kind) && missingFromInventory(inventory, reference)) {
        const what = reference.designerName === undefined ? withArticle(kindLabel(reference.kind)) : `the ${kindLabel(reference.kind)} ${JSON.stringify(reference.designerName)}`;
        const hint = inventoryNameHint(inventory, reference.kind, reference.designerName);
        const difference = environmentDifference(reference.value, inventory);
        if (difference) report("otherEnvironment", { what, hint, ...difference });
        else report("notInInventory", { what, hint, form: reference.form === "arn" ? "an ARN" : "an id", cause: missingCause(reference.kind) });
      } else if (!found && strict) {
        const reason =
          reference.designerName !== undefined
            ? `no flow or module of the project is named ${JSON.stringify(reference.designerName)}`
            : `${inventory ? `the inventory lists no ${kindLabel(reference.kind)}s` : "no inventory is configured"} and the export does not record the target's name`;
        report("unresolved", { value: reference.form === "id" ? `${JSON.stringify(reference.value)} ` : "", reason });
      }

      if (!found) continue;
      const { candidates, how, name } = found;
      const expectation = expectationOf(reference);
      if (!expectation) continue;
      const types = new Set(candidates.map((c) => c.type));
      if (types.size > 1) {
        report(
          "ambiguousName",
          {
            name: JSON.stringify(name),
            count: String(candidates.length),
            candidates: candidates.map((c) => `${c.file ?? c.target}: ${c.type === undefined ? "type unknown" : flowTypeLabel(c.type)}`).join(", "),
          },
          "warn",
        );
        continue;
      }
      const candidate = candidates[0];
      const type = candidate?.type;
      if (!candidate || type === undefined || expectation.allowed.includes(type)) continue;
      report("wrongType", {
        target: candidate.target,
        how,
        type: `${withArticle(flowTypeLabel(type))}${candidate.typeSource === undefined ? "" : ` (${candidate.typeSource})`}`,
        expected: expectation.text,
      });
    }
  },
});
