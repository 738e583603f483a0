/**
 * The project: every flow and module of a contact center being linted together, the references
 * between them and to other resources, and how each reference resolves.
 */
import { getAction } from "../catalog/index.js";
import type { ResourceKind } from "../catalog/types.js";
import { FlowGraph } from "../graph/flow-graph.js";
import { isObject } from "../model/flow.js";
import type { Action, Flow } from "../model/flow.js";
import { pointerOf } from "../parse/json-document.js";
import type { JsonDocument } from "../parse/json-document.js";
import { compareStrings } from "../result.js";
import { DEFAULT_VALUES } from "../values.js";
import { idOf, stripQualifier } from "./inventory.js";
import type { Inventory, InventoryResource } from "./inventory.js";

/** One flow or module of the project. */
export interface ProjectFlow {
  /** Absolute path. */
  readonly filePath: string;
  readonly flow: Flow;
  readonly graph: FlowGraph;
  /** The parsed file, to resolve positions. */
  readonly document: JsonDocument;
  /** The resource that holds the flow, when it is embedded in a container (one file, several flows). */
  readonly resource?: string | undefined;
  /** For an embedded flow: the file that declares it (the template or `.tf` file). */
  readonly declaredIn?: string | undefined;
  /**
   * For an embedded flow: placeholders that name another resource of the same container
   * (`${Other.ContactFlowArn}`, `!GetAtt Other.ContactFlowArn`, `aws_connect_contact_flow.other.arn`
   * passed into a template), by their text in the flow.
   */
  readonly containerReferences?: ReadonlyMap<string, { readonly resource: string; readonly connectKind?: "flow" | "module" }> | undefined;
}

/**
 * The key of one flow's result: its file, and for a flow embedded in a container the resource that
 * holds it (a file can then have several results).
 */
export function flowKey(filePath: string, resource?: string): string {
  return resource === undefined ? filePath : `${filePath}\u0000${resource}`;
}

/** How a reference's value is written. */
export type ReferenceForm = "arn" | "id" | "dynamic" | "template";

export type Resolution =
  /** To a flow or module of the project. */
  | { readonly status: "project"; readonly target: ProjectFlow; readonly via: "arn" | "id" | "name" | "container" }
  /** To a resource listed in the inventory but not among the project's files. */
  | { readonly status: "inventory"; readonly target: InventoryResource; readonly via: "arn" | "id" }
  /** Computed at run time (`$.Attributes.x`) or filled in at deployment (`${…}`, `{{…}}`, `%%…%%`). */
  | { readonly status: "dynamic" }
  | { readonly status: "unresolved"; readonly reason: string };

export interface Reference {
  readonly from: ProjectFlow;
  readonly action: Action;
  readonly kind: ResourceKind;
  /** The parameter holding it, e.g. `ContactFlowId`, `EventHooks`. */
  readonly parameter: string;
  /** For event hooks: the hook key, e.g. `CustomerQueue`. */
  readonly hook: string | undefined;
  readonly value: string;
  readonly form: ReferenceForm;
  /** JSON pointer of the value. */
  readonly pointer: string;
  /** The target's name as the designer stored it in Metadata.ActionMetadata, if any. */
  readonly designerName: string | undefined;
  /** True when an inventory lists this kind of resource and the ARN or id is not in it. */
  readonly notInInventory: boolean;
  readonly resolution: Resolution;
}

export function referenceForm(value: string): ReferenceForm {
  if (DEFAULT_VALUES.isPlaceholder(value)) return "template";
  if (value.includes("$.")) return "dynamic";
  return value.startsWith("arn:") ? "arn" : "id";
}

/** String leaves of a parameter value that are references (see ParameterSpec.references). */
function leaves(value: unknown, pointer: string, all: boolean, key: string | undefined, out: { value: string; pointer: string; key: string | undefined }[]): void {
  if (typeof value === "string") {
    if (all || key === undefined || /(Id|Arn|ARN)$/.test(key)) out.push({ value, pointer, key });
  } else if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => {
      leaves(v, `${pointer}/${String(i)}`, all, key, out);
    });
  } else if (isObject(value)) {
    for (const k of Object.keys(value)) leaves(value[k], `${pointer}${pointerOf(k)}`, all, k, out);
  }
}

/** The designer's name for a reference's target, from Metadata.ActionMetadata. */
function designerName(flow: Flow, action: Action, parameter: string, hook: string | undefined): string | undefined {
  const all = flow.metadata?.ActionMetadata;
  if (!isObject(all) || action.id === undefined || !Object.prototype.hasOwnProperty.call(all, action.id)) return undefined;
  const meta = all[action.id];
  if (!isObject(meta)) return undefined;
  const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
  const params = isObject(meta.parameters) ? meta.parameters : undefined;
  let param = params?.[parameter];
  if (hook !== undefined && isObject(param)) param = param[hook];
  const fromParams = isObject(param) ? text(param.displayName) : undefined;
  if (fromParams) return fromParams;
  for (const key of ["ContactFlow", "contactFlow"]) {
    const entry = meta[key];
    if (isObject(entry) && text(entry.text)) return text(entry.text);
  }
  return text(meta.contactFlowModuleName);
}

/** The project index: flows by name, references and their resolution. Deterministic. */
export class ProjectIndex {
  readonly flows: readonly ProjectFlow[];
  readonly inventory: Inventory | undefined;
  readonly references: readonly Reference[];
  readonly #byName = new Map<string, ProjectFlow[]>();

  constructor(flows: readonly ProjectFlow[], inventory?: Inventory) {
    this.flows = [...flows].sort((a, b) => compareStrings(a.filePath, b.filePath));
    this.inventory = inventory;
    for (const f of this.flows) {
      const key = f.flow.name;
      const list = this.#byName.get(key);
      if (list) list.push(f);
      else this.#byName.set(key, [f]);
    }
    this.references = this.flows.flatMap((f) => this.#referencesOf(f));
  }

  /** Flows and modules of the project with this name (exactly; several when names collide). */
  byName(name: string): readonly ProjectFlow[] {
    return this.#byName.get(name) ?? [];
  }

  /** References of one kind, or all. */
  referencesOf(kind?: ResourceKind): Reference[] {
    return kind === undefined ? [...this.references] : this.references.filter((r) => r.kind === kind);
  }

  #referencesOf(from: ProjectFlow): Reference[] {
    const refs: Reference[] = [];
    for (const action of from.flow.actions) {
      const spec = action.type === undefined ? undefined : getAction(action.type);
      if (!spec) continue;
      for (const [parameter, paramSpec] of Object.entries(spec.parameters)) {
        const kind = paramSpec.references;
        if (kind === undefined || !Object.prototype.hasOwnProperty.call(action.parameters, parameter)) continue;
        const found: { value: string; pointer: string; key: string | undefined }[] = [];
        const isHooks = parameter === "EventHooks";
        leaves(action.parameters[parameter], `${action.pointer}/Parameters${pointerOf(parameter)}`, isHooks, undefined, found);
        for (const leaf of found) {
          if (leaf.value.trim() === "") continue; // an empty value is valid-action-parameters' finding
          const hook = isHooks ? leaf.key : undefined;
          const name = kind === "flow" || kind === "module" ? designerName(from.flow, action, parameter, hook) : undefined;
          refs.push(this.#resolve(from, action, kind, parameter, hook, leaf.value, leaf.pointer, name));
        }
      }
    }
    return refs;
  }

  #resolve(from: ProjectFlow, action: Action, kind: ResourceKind, parameter: string, hook: string | undefined, value: string, pointer: string, name: string | undefined): Reference {
    const form = referenceForm(value);
    const base = { from, action, kind, parameter, hook, value, form, pointer, designerName: name };
    const inContainer = form === "template" ? from.containerReferences?.get(value) : undefined;
    if (inContainer?.connectKind !== undefined && (kind === "flow" || kind === "module")) {
      // `${Other.ContactFlowArn}`: the flow of resource Other in the same template.
      const declaredIn = from.declaredIn ?? from.filePath;
      const target = this.flows.find((f) => f.resource === inContainer.resource && (f.declaredIn ?? f.filePath) === declaredIn);
      if (target) return { ...base, notInInventory: false, resolution: { status: "project", target, via: "container" } };
    }
    if (form === "template" && (kind === "flow" || kind === "module") && name !== undefined) {
      // A deployment placeholder (`${QueueFlowArn}`, `%%Whisper%%`) whose target the designer named:
      // the name says which flow of the project it stands for.
      const target = this.byName(name)[0];
      if (target) return { ...base, notInInventory: false, resolution: { status: "project", target, via: "name" } };
    }
    if (form === "dynamic" || form === "template") return { ...base, notInInventory: false, resolution: { status: "dynamic" } };
    const via = form === "arn" ? "arn" : "id";
    let notInInventory = false;
    const inv = this.inventory;
    if (inv?.kinds.has(kind)) {
      const hit = inv.find(kind, value);
      if (hit) {
        const inProject = hit.name === undefined ? [] : this.byName(hit.name);
        const target = inProject[0];
        if (target) return { ...base, notInInventory, resolution: { status: "project", target, via } };
        return { ...base, notInInventory, resolution: { status: "inventory", target: hit, via } };
      }
      notInInventory = true;
    }
    if (kind === "flow" || kind === "module") {
      if (name !== undefined) {
        const target = this.byName(name)[0];
        if (target) return { ...base, notInInventory, resolution: { status: "project", target, via: "name" } };
      }
      // A project flow may be named after the id itself (an export saved as <id>.json).
      const byId = this.byName(idOf(stripQualifier(value)))[0];
      if (byId) return { ...base, notInInventory, resolution: { status: "project", target: byId, via: "id" } };
    }
    const reason = notInInventory
      ? `${via === "arn" ? "the ARN" : "the id"} is not in the inventory`
      : name !== undefined
        ? `no flow in the project is named ${JSON.stringify(name)}`
        : "no inventory is configured and the export does not record the target's name";
    return { ...base, notInInventory, resolution: { status: "unresolved", reason } };
  }
}

/** Builds a ProjectFlow from a flow already built. */
export function projectFlow(
  filePath: string,
  flow: Flow,
  document: JsonDocument,
  resource?: string,
  container?: { readonly declaredIn: string; readonly references: ProjectFlow["containerReferences"] },
): ProjectFlow {
  // The graph is built when a project rule first asks for it: most project rules never do, and over
  // thousands of flows the graphs cost seconds and hundreds of megabytes.
  let graph: FlowGraph | undefined;
  return {
    filePath,
    flow,
    get graph(): FlowGraph {
      graph ??= new FlowGraph(flow);
      return graph;
    },
    document,
    ...(resource === undefined ? {} : { resource }),
    ...(container === undefined ? {} : { declaredIn: container.declaredIn, containerReferences: container.references }),
  };
}
