import { defineRule, getEventHook, idOf, pointerOf } from "@connect-lint/core";
import type { FlowTypeName, Inventory, ProjectFlow, ProjectIndex, Reference, ReportLocation, ResourceKind } from "@connect-lint/core";

/** The kinds of reference that can lead to a flow or to a module. */
const FLOW_KINDS: readonly ResourceKind[] = ["flow", "module"];

/** Names of the project flows the inventory's entry points designate (by name, id or ARN). */
function entryNames(inventory: Inventory): Set<string> {
  const names = new Set<string>();
  for (const entry of inventory.entryPoints) {
    names.add(entry);
    // A flow exported under its id (<id>.json) is named after it.
    names.add(idOf(entry));
    for (const kind of FLOW_KINDS) {
      const name = inventory.find(kind, entry)?.name;
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

/**
 * The name of the project flow a reference leads to: the one the index resolved it to, or, for a
 * deployment placeholder (`${FlowArn}`, `{{flows.main.arn}}`), the project flow the designer named
 * in the block's metadata, which the placeholder is filled with at deployment.
 */
function targetName(project: ProjectIndex, ref: Reference): string | undefined {
  if (ref.resolution.status === "project") return ref.resolution.target.name;
  if (ref.form === "template" && ref.designerName !== undefined && project.byName(ref.designerName).length > 0) return ref.designerName;
  return undefined;
}

/**
 * True when a reference the index could not tie to a flow might still lead to any flow of the
 * project: a value computed at run time, or an id or ARN that the inventory could not check and
 * that the export does not name. A reference the designer named after no project flow leads outside.
 */
function mightLeadAnywhere(ref: Reference): boolean {
  const r = ref.resolution;
  if (r.status === "dynamic") return ref.form === "dynamic" || ref.designerName === undefined;
  return r.status === "unresolved" && !ref.notInInventory && ref.designerName === undefined;
}

/** References that might lead to any flow of a kind, counted by the flow type they require (event hooks), or `any`. */
class OpenReferences {
  readonly #counts = new Map<string, number>();

  add(ref: Reference): void {
    const type = ref.hook === undefined ? undefined : getEventHook(ref.hook)?.targetFlowType;
    const key = `${ref.kind}:${type ?? "any"}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** How many might lead to this flow: those of its kind that do not require another flow type. */
  toward(flow: ProjectFlow): number {
    const kind: ResourceKind = flow.kind === "module" ? "module" : "flow";
    const type: FlowTypeName | undefined = flow.type;
    let count = 0;
    for (const [key, n] of this.#counts) {
      const [k, t] = key.split(":");
      if (k === kind && (t === "any" || type === undefined || t === type)) count += n;
    }
    return count;
  }
}

/** The top of the flow: its `Metadata.name` value when it has one, else the document's first key. */
function topOf(flow: ProjectFlow): ReportLocation {
  if (flow.nameSource === "metadata") return { pointer: pointerOf("Metadata", "name") };
  const first = flow.firstKey;
  return first === undefined ? { pointer: "" } : { pointer: pointerOf(first), key: true };
}

export const noUnusedFlow = defineRule({
  name: "no-unused-flow",
  meta: {
    type: "suggestion",
    description: "Report flows and modules that are not entry points and that no other flow of the project refers to.",
    recommended: false,
    messages: {
      unusedFlow: "Flow {{name}} is not an entry point and no other flow of the project refers to it.",
      unusedModule: "Module {{name}} is not an entry point and no flow of the project invokes it.",
      unusedUnlessDynamic:
        "{{what}} {{name}} is not an entry point and no other flow of the project refers to it by name, id or ARN. The project has {{count}} computed at run time, which could still lead to it.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  checkProject(context) {
    const { project } = context;
    const inventory = project.inventory;
    // Without a list of entry points every inbound flow would look unused: say nothing.
    if (!inventory || inventory.entryPoints.length === 0) return;
    const entries = entryNames(inventory);

    // Names of the flows some other flow refers to. The index resolves a name shared by several
    // files to the first; every file of that name counts as used.
    const used = new Set<string>();
    const open = new OpenReferences();
    for (const ref of project.references) {
      if (!FLOW_KINDS.includes(ref.kind)) continue;
      const target = targetName(project, ref);
      if (target !== undefined) {
        if (target !== ref.from.name) used.add(target);
      } else if (mightLeadAnywhere(ref)) {
        open.add(ref);
      }
    }

    for (const flow of project.flows) {
      const name = flow.name;
      if (used.has(name) || entries.has(name)) continue;
      const isModule = flow.kind === "module";
      const count = open.toward(flow);
      const at = topOf(flow);
      const quoted = JSON.stringify(name);
      if (count > 0) {
        context.report({
          flow,
          messageId: "unusedUnlessDynamic",
          at,
          data: { what: isModule ? "Module" : "Flow", name: quoted, count: count === 1 ? "1 reference" : `${String(count)} references` },
          severity: "warn",
        });
      } else {
        context.report({ flow, messageId: isModule ? "unusedModule" : "unusedFlow", at, data: { name: quoted } });
      }
    }
  },
});
