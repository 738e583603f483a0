/**
 * The project: every flow and module of a contact center being linted together, the references
 * between them and to other resources, and how each reference resolves.
 */
import { getAction } from "../catalog/index.js";
import { FlowGraph } from "../graph/flow-graph.js";
import { buildFlow, isObject } from "../model/flow.js";
import type { Action, Flow, FlowTypeSource } from "../model/flow.js";
import { JsonDocument, pointerOf } from "../parse/json-document.js";
import type { FlowTypeName, ResourceKind } from "../catalog/types.js";
import { compareStrings } from "../result.js";
import { DEFAULT_VALUES } from "../values.js";
import { idOf, stripQualifier } from "./inventory.js";
import type { Inventory, InventoryResource } from "./inventory.js";

/** One flow or module of the project. */
export interface ProjectFlow {
  /** Absolute path. */
  readonly filePath: string;
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
  /** `Flow.name`. */
  readonly name: string;
  readonly nameSource: Flow["nameSource"];
  /** A flow or a module (legacy exports are not part of a project). */
  readonly kind: "flow" | "module";
  readonly type: FlowTypeName | undefined;
  readonly typeSource: FlowTypeSource;
  /** The first key written in the document, if any. */
  readonly firstKey: string | undefined;
  /** The module's `Settings` (its contract) as written; undefined for a flow or a module without one. */
  readonly settings: unknown;
  /** The values in block parameters that name other resources (flows, queues, prompts, ...), in file order. */
  readonly sites: readonly ReferenceSite[];
  /**
   * The whole flow, its graph and its parsed text. A project can hold thousands of flows, so a flow
   * built with a `reload` function (the CLI's) is not kept: these are loaded again when first asked
   * for, and only the few last asked for are kept (see {@link projectFlow}).
   */
  readonly flow: Flow;
  readonly graph: FlowGraph;
  readonly document: JsonDocument;
}

/** What identifies a block: kept with a project flow when its flow is not. */
export interface ReferenceBlock {
  readonly id: string | undefined;
  readonly type: string | undefined;
  /** Position in `Actions`. */
  readonly index: number;
  /** JSON pointer to the action object. */
  readonly pointer: string;
}

/** A value in a block's parameters that names another resource (before it is resolved). */
export interface ReferenceSite {
  /** The block that holds the reference (loaded again when the project does not keep its flow: use `block` for what it gives). */
  readonly action: Action;
  /** The block's Identifier, type, index and pointer, kept with the project (asking for them loads nothing). */
  readonly block: ReferenceBlock;
  readonly kind: ResourceKind;
  /** The parameter holding it, e.g. `ContactFlowId`, `EventHooks`. */
  readonly parameter: string;
  /** For event hooks: the hook key, e.g. `CustomerQueue`. */
  readonly hook: string | undefined;
  readonly value: string;
  /** JSON pointer of the value. */
  readonly pointer: string;
  /** The target's name as the designer stored it in Metadata.ActionMetadata, if any. */
  readonly designerName: string | undefined;
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

/** A reference of the project, resolved: the site in a block's parameters, and what it leads to. */
export interface Reference extends ReferenceSite {
  readonly from: ProjectFlow;
  readonly form: ReferenceForm;
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
      const key = f.name;
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
    return from.sites.map((site) => {
      const { notInInventory, resolution } = this.#resolve(from, site);
      const { block, kind, parameter, hook, value, pointer, designerName } = site;
      return {
        from,
        // Read from the site when asked: a project flow that is not kept loads its block again.
        get action(): Action {
          return site.action;
        },
        block,
        kind,
        parameter,
        hook,
        value,
        form: referenceForm(value),
        pointer,
        designerName,
        notInInventory,
        resolution,
      };
    });
  }

  #resolve(from: ProjectFlow, site: ReferenceSite): { notInInventory: boolean; resolution: Resolution } {
    const { kind, value, designerName: name } = site;
    const form = referenceForm(value);
    const inContainer = form === "template" ? from.containerReferences?.get(value) : undefined;
    if (inContainer?.connectKind !== undefined && (kind === "flow" || kind === "module")) {
      // `${Other.ContactFlowArn}`: the flow of resource Other in the same template.
      const declaredIn = from.declaredIn ?? from.filePath;
      const target = this.flows.find((f) => f.resource === inContainer.resource && (f.declaredIn ?? f.filePath) === declaredIn);
      if (target) return { notInInventory: false, resolution: { status: "project", target, via: "container" } };
    }
    if (form === "template" && (kind === "flow" || kind === "module") && name !== undefined) {
      // A deployment placeholder (`${QueueFlowArn}`, `%%Whisper%%`) whose target the designer named:
      // the name says which flow of the project it stands for.
      const target = this.byName(name)[0];
      if (target) return { notInInventory: false, resolution: { status: "project", target, via: "name" } };
    }
    if (form === "dynamic" || form === "template") return { notInInventory: false, resolution: { status: "dynamic" } };
    const via = form === "arn" ? "arn" : "id";
    let notInInventory = false;
    const inv = this.inventory;
    if (inv?.kinds.has(kind)) {
      const hit = inv.find(kind, value);
      if (hit) {
        const inProject = hit.name === undefined ? [] : this.byName(hit.name);
        const target = inProject[0];
        if (target) return { notInInventory, resolution: { status: "project", target, via } };
        return { notInInventory, resolution: { status: "inventory", target: hit, via } };
      }
      notInInventory = true;
    }
    if (kind === "flow" || kind === "module") {
      if (name !== undefined) {
        const target = this.byName(name)[0];
        if (target) return { notInInventory, resolution: { status: "project", target, via: "name" } };
      }
      // A project flow may be named after the id itself (an export saved as <id>.json).
      const byId = this.byName(idOf(stripQualifier(value)))[0];
      if (byId) return { notInInventory, resolution: { status: "project", target: byId, via: "id" } };
    }
    const reason = notInInventory
      ? `${via === "arn" ? "the ARN" : "the id"} is not in the inventory`
      : name !== undefined
        ? `no flow in the project is named ${JSON.stringify(name)}`
        : "no inventory is configured and the export does not record the target's name";
    return { notInInventory, resolution: { status: "unresolved", reason } };
  }
}

/** The references a flow's blocks make to other resources (see ParameterSpec.references), in file order. */
function referenceSites(flow: Flow): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const action of flow.actions) {
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
        const designer = kind === "flow" || kind === "module" ? designerName(flow, action, parameter, hook) : undefined;
        const block = { id: action.id, type: action.type, index: action.index, pointer: action.pointer };
        sites.push({ action, block, kind, parameter, hook, value: leaf.value, pointer: leaf.pointer, designerName: designer });
      }
    }
  }
  return sites;
}

/** A flow and its parsed text, loaded again (see {@link projectFlow}). */
export interface LoadedProjectFlow {
  readonly flow: Flow;
  readonly document: JsonDocument;
}

/**
 * The flows loaded again lately, most recent last: a project rule asks for the same flow several
 * times in a row (a finding's position, then its next finding's), and keeping a few costs little.
 */
const reloaded = new Map<object, { loaded: LoadedProjectFlow; graph?: FlowGraph }>();
const RELOADED_KEPT = 8;

/**
 * Drops the flows loaded again and kept for a while (`lintProject` calls it when the project's rules
 * are done): a long-lived process (an editor, a server) does not keep them until its next project.
 * Only a cache: a flow asked for again is loaded again.
 */
export function forgetReloadedFlows(): void {
  reloaded.clear();
}

export interface ProjectFlowOptions {
  /** The file that declares an embedded flow, and the placeholders that name other resources of it. */
  readonly container?: { readonly declaredIn: string; readonly references: ProjectFlow["containerReferences"] } | undefined;
  /**
   * Loads the flow again from where it came from (the CLI reads its file again). When given, the
   * flow and its text are not kept: the project keeps what its rules need of each flow (name, type,
   * references), and `flow`, `graph` and `document` are loaded again when first asked for. It gives
   * undefined when the flow is gone (the file was deleted meanwhile): positions then fall back to the
   * start of the file.
   */
  readonly reload?: (() => LoadedProjectFlow | undefined) | undefined;
}

/**
 * Builds a ProjectFlow from a flow already built: what the project's rules need of it, and the whole
 * flow either kept or, with `options.reload`, loaded again on demand.
 */
export function projectFlow(filePath: string, flow: Flow, document: JsonDocument, resource?: string, options: ProjectFlowOptions = {}): ProjectFlow {
  if (flow.kind === "legacy") throw new Error(`projectFlow: ${filePath} is a legacy export, which is not part of a project`);
  const { container, reload } = options;
  const kind = flow.kind;
  const settings = kind === "module" && Object.prototype.hasOwnProperty.call(flow.raw, "Settings") ? flow.raw.Settings : undefined;
  const summary: ProjectFlowSummary = {
    filePath,
    name: flow.name,
    nameSource: flow.nameSource,
    kind,
    type: flow.type,
    typeSource: flow.typeSource,
    firstKey: Object.keys(flow.raw)[0],
    settings,
    sites: referenceSites(flow),
    ...(resource === undefined ? {} : { resource }),
    ...(container === undefined ? {} : { declaredIn: container.declaredIn, containerReferences: container.references }),
  };
  return reload ? reloading(summary, reload) : whole(summary, flow, document);
}

type ProjectFlowSummary = Omit<ProjectFlow, "flow" | "graph" | "document">;

/** A project flow that keeps its flow and text. */
function whole(summary: ProjectFlowSummary, flow: Flow, document: JsonDocument): ProjectFlow {
  // The graph is built when a project rule first asks for it: most project rules never do.
  let graph: FlowGraph | undefined;
  return {
    ...summary,
    flow,
    document,
    get graph(): FlowGraph {
      graph ??= new FlowGraph(flow);
      return graph;
    },
  };
}

/**
 * A project flow that loads its flow and text again when asked. A function of its own: the getters'
 * closures would otherwise share a scope with the flow and keep it alive.
 */
function reloading(summary: ProjectFlowSummary, reload: () => LoadedProjectFlow | undefined): ProjectFlow {
  const key = {};
  // The closures below must not hold `summary`: its sites hold the flow's blocks.
  const { filePath, kind } = summary;
  const entry = (): { loaded: LoadedProjectFlow; graph?: FlowGraph } => {
    let found = reloaded.get(key);
    if (found) {
      reloaded.delete(key);
    } else {
      found = { loaded: reload() ?? gone(filePath, kind) };
      if (reloaded.size >= RELOADED_KEPT) reloaded.delete(reloaded.keys().next().value as object);
    }
    reloaded.set(key, found);
    return found;
  };
  const actionAt = (index: number): Action | undefined => {
    const actions = entry().loaded.flow.actions;
    // Blocks are in file order: the one at `index` is there unless a non-object entry came before it.
    const at = actions[index];
    return at?.index === index ? at : actions.find((a) => a.index === index);
  };
  const sites = summary.sites.map((site) => lazySite(site, actionAt));
  return {
    ...summary,
    sites,
    get flow(): Flow {
      return entry().loaded.flow;
    },
    get document(): JsonDocument {
      return entry().loaded.document;
    },
    get graph(): FlowGraph {
      const e = entry();
      e.graph ??= new FlowGraph(e.loaded.flow);
      return e.graph;
    },
  };
}

/**
 * A site whose block is loaded again when first asked for (then kept: a rule compares blocks by
 * identity). A function of its own, so that its closure holds the block's identity, not the block.
 */
function lazySite(site: ReferenceSite, actionAt: (index: number) => Action | undefined): ReferenceSite {
  const { block, kind, parameter, hook, value, pointer, designerName } = site;
  let action: Action | undefined;
  return {
    get action(): Action {
      // A block gone from the file (changed during the run): one with what is known of it.
      action ??= actionAt(block.index) ?? { ...block, parameters: {}, transitions: [], raw: {}, designer: undefined };
      return action;
    },
    block,
    kind,
    parameter,
    hook,
    value,
    pointer,
    designerName,
  };
}

/** An empty flow in an empty text: the flow's file was deleted or changed during the run. */
function gone(filePath: string, kind: "flow" | "module"): LoadedProjectFlow {
  return { flow: buildFlow({}, kind, { filePath }), document: new JsonDocument("", {}) };
}
