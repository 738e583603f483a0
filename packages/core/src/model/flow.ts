import type { FlowTypeName } from "../catalog/types.js";
import { flowTypeFromExportType } from "../catalog/index.js";

/** What a JSON file is. */
export type DocumentKind =
  /** A flow in the current Flow language (`Version`, `StartAction`, `Actions`). */
  | "flow"
  /** A flow module: the same grammar plus a top-level `Settings`. */
  | "module"
  /** A pre-2022 designer export (`modules`, `start`, `version`): not Flow language. */
  | "legacy"
  /** Anything else. */
  | "other";

/** Where a flow's type came from. */
export type FlowTypeSource =
  | { readonly kind: "cli" }
  | { readonly kind: "config"; readonly detail: string }
  | { readonly kind: "container"; readonly detail: string }
  /** `Metadata.type`, or `key` when read from another member (a legacy export's `metadata.type` or `type`). */
  | { readonly kind: "metadata"; readonly detail: string; readonly key?: string }
  | { readonly kind: "module" }
  | { readonly kind: "unknown" };

export type TransitionKind = "next" | "condition" | "error";

export interface Condition {
  readonly operator: unknown;
  readonly operands: unknown;
}

/** One outgoing connector of a block. */
export interface Transition {
  readonly kind: TransitionKind;
  /** The Identifier of the block it leads to, as written (`undefined` when missing or not a string). */
  readonly target: string | undefined;
  /** For `condition`: its index in `Conditions`; for `error`: its index in `Errors`. */
  readonly index: number | undefined;
  /** For `error`: the `ErrorType`. */
  readonly errorType: string | undefined;
  /** For `condition`: the `Condition` object as written. */
  readonly condition: Condition | undefined;
  /** JSON pointer to the `NextAction` value (or to the entry that lacks it). */
  readonly pointer: string;
  /** JSON pointer to the `Conditions[i]` / `Errors[i]` entry, or to `NextAction` for `next`. */
  readonly entryPointer: string;
}

/** A block of the flow: one entry of `Actions`. */
export interface Action {
  /** The Identifier, or `undefined` when missing or not a string. */
  readonly id: string | undefined;
  /** The `Type`, or `undefined` when missing or not a string. */
  readonly type: string | undefined;
  /** Position in `Actions` (in `modules` for a legacy export). */
  readonly index: number;
  /** JSON pointer to the action object (the module, in a legacy export). */
  readonly pointer: string;
  /** `Parameters` when it is an object, else an empty object. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Outgoing connectors in file order: `NextAction`, then `Conditions`, then `Errors`. */
  readonly transitions: readonly Transition[];
  /**
   * The action object as written; for a legacy export, the action the module stands for in the
   * Flow language (`Identifier`, `Type`, `Parameters`, `Transitions`), built from it.
   */
  readonly raw: Readonly<Record<string, unknown>>;
  /**
   * The block's entry in `Metadata.ActionMetadata` (the flow designer's layout and the names it
   * shows: `queue.text`, `parameters.LambdaFunctionARN.displayName`, `promptName`, ...), when an object.
   */
  readonly designer: Readonly<Record<string, unknown>> | undefined;
}

export interface Flow {
  /**
   * `legacy`: a pre-2022 designer export, read into the same model (model/legacy.ts); pointers are
   * into the legacy file, and only rules with `meta.legacy` run on it.
   */
  readonly kind: "flow" | "module" | "legacy";
  /** Flow name: `Metadata.name` when present, else the file name without extension. */
  readonly name: string;
  readonly nameSource: "container" | "metadata" | "file";
  readonly type: FlowTypeName | undefined;
  readonly typeSource: FlowTypeSource;
  /** `StartAction` when a string. */
  readonly startAction: string | undefined;
  /** Actions that are objects, in file order. */
  readonly actions: readonly Action[];
  /** First action with each Identifier. Identifiers are data, never object keys. */
  readonly actionsById: ReadonlyMap<string, Action>;
  /** `Metadata` when an object. */
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
  /** The whole document. */
  readonly raw: Readonly<Record<string, unknown>>;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `object` has `key` as an own property (not inherited: `constructor`, `__proto__` are not keys of a flow's JSON). */
export function hasOwn(object: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function own(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return hasOwn(object, key) ? object[key] : undefined;
}

/** Recognises what a parsed JSON value is. */
export function classifyDocument(value: unknown): DocumentKind {
  if (!isObject(value)) return "other";
  const has = (key: string): boolean => hasOwn(value, key);
  if (has("Actions") || (has("StartAction") && has("Version"))) return has("Settings") ? "module" : "flow";
  if (has("modules") && (has("start") || has("version"))) return "legacy";
  return "other";
}

export interface BuildFlowOptions {
  /** File path, used for the name when `Metadata.name` is absent. */
  readonly filePath: string;
  /** A type given by the user or a container, which wins over `Metadata.type`. */
  readonly flowType?: { readonly type: FlowTypeName; readonly source: FlowTypeSource } | undefined;
  /** A name given by a container (CloudFormation `Name`, Terraform `name`), which wins over `Metadata.name`. */
  readonly flowName?: string | undefined;
  /** The name when neither the container nor `Metadata.name` gives one (default: the file name). */
  readonly defaultName?: string | undefined;
}

/** Builds the typed view of a flow or module. The value must be classified `flow` or `module`. */
export function buildFlow(value: Readonly<Record<string, unknown>>, kind: "flow" | "module", options: BuildFlowOptions): Flow {
  const metadataValue = own(value, "Metadata");
  const metadata = isObject(metadataValue) ? metadataValue : undefined;
  const metaName = metadata ? own(metadata, "name") : undefined;
  const name = options.flowName ?? (typeof metaName === "string" ? metaName : (options.defaultName ?? baseName(options.filePath)));

  let type: FlowTypeName | undefined;
  let typeSource: FlowTypeSource = { kind: "unknown" };
  const metaType = metadata ? own(metadata, "type") : undefined;
  if (kind === "module") {
    type = "FLOW_MODULE";
    typeSource = { kind: "module" };
  } else if (options.flowType) {
    type = options.flowType.type;
    typeSource = options.flowType.source;
  } else if (typeof metaType === "string") {
    const resolved = flowTypeFromExportType(metaType);
    if (resolved) {
      type = resolved;
      typeSource = { kind: "metadata", detail: metaType };
    }
  }

  const actionsValue = own(value, "Actions");
  const actions: Action[] = [];
  const actionsById = new Map<string, Action>();
  const designerValue = metadata ? own(metadata, "ActionMetadata") : undefined;
  const designer = isObject(designerValue) ? designerValue : undefined;
  if (Array.isArray(actionsValue)) {
    actionsValue.forEach((entry: unknown, index) => {
      if (!isObject(entry)) return;
      const action = buildAction(entry, index, designer);
      actions.push(action);
      if (action.id !== undefined && !actionsById.has(action.id)) actionsById.set(action.id, action);
    });
  }
  const start = own(value, "StartAction");
  return {
    kind,
    name,
    nameSource: options.flowName !== undefined ? "container" : typeof metaName === "string" ? "metadata" : options.defaultName !== undefined ? "container" : "file",
    type,
    typeSource,
    startAction: typeof start === "string" ? start : undefined,
    actions,
    actionsById,
    metadata,
    raw: value,
  };
}

/**
 * A transition whose JSON pointers are built when asked for: a flow has several transitions per
 * block and rules need their pointers only to report, so building two strings for each up front was
 * a good part of the time (and memory) of building a large flow.
 */
class TransitionView implements Transition {
  readonly kind: TransitionKind;
  readonly target: string | undefined;
  readonly index: number | undefined;
  readonly errorType: string | undefined;
  readonly condition: Condition | undefined;
  /** The pointer of the action's `Transitions`. */
  readonly #base: string;

  constructor(kind: TransitionKind, target: unknown, index: number | undefined, errorType: string | undefined, condition: Condition | undefined, base: string) {
    this.kind = kind;
    this.target = typeof target === "string" ? target : undefined;
    this.index = index;
    this.errorType = errorType;
    this.condition = condition;
    this.#base = base;
  }

  get entryPointer(): string {
    if (this.kind === "next") return `${this.#base}/NextAction`;
    return `${this.#base}/${this.kind === "condition" ? "Conditions" : "Errors"}/${String(this.index)}`;
  }

  get pointer(): string {
    return this.kind === "next" ? this.entryPointer : `${this.entryPointer}/NextAction`;
  }
}

function buildAction(raw: Readonly<Record<string, unknown>>, index: number, designer: Readonly<Record<string, unknown>> | undefined): Action {
  const pointer = `/Actions/${String(index)}`; // pointerOf("Actions", index), without its escaping work
  const id = own(raw, "Identifier");
  const type = own(raw, "Type");
  const parameters = own(raw, "Parameters");
  const transitions: Transition[] = [];
  const t = own(raw, "Transitions");
  if (isObject(t)) {
    const base = `${pointer}/Transitions`;
    if (Object.prototype.hasOwnProperty.call(t, "NextAction")) {
      transitions.push(new TransitionView("next", t.NextAction, undefined, undefined, undefined, base));
    }
    const conditions = own(t, "Conditions");
    if (Array.isArray(conditions)) {
      for (let i = 0; i < conditions.length; i++) {
        const entry: unknown = conditions[i];
        if (!isObject(entry)) continue;
        const condition = own(entry, "Condition");
        const view = isObject(condition) ? { operator: own(condition, "Operator"), operands: own(condition, "Operands") } : undefined;
        transitions.push(new TransitionView("condition", own(entry, "NextAction"), i, undefined, view, base));
      }
    }
    const errors = own(t, "Errors");
    if (Array.isArray(errors)) {
      for (let i = 0; i < errors.length; i++) {
        const entry: unknown = errors[i];
        if (!isObject(entry)) continue;
        const errorType = own(entry, "ErrorType");
        transitions.push(new TransitionView("error", own(entry, "NextAction"), i, typeof errorType === "string" ? errorType : undefined, undefined, base));
      }
    }
  }
  return {
    id: typeof id === "string" ? id : undefined,
    type: typeof type === "string" ? type : undefined,
    index,
    pointer,
    parameters: isObject(parameters) ? parameters : {},
    transitions,
    raw,
    designer: designerEntry(designer, id),
  };
}

function designerEntry(designer: Readonly<Record<string, unknown>> | undefined, id: unknown): Readonly<Record<string, unknown>> | undefined {
  if (!designer || typeof id !== "string") return undefined;
  const entry = own(designer, id);
  return isObject(entry) ? entry : undefined;
}

/** A file path's last segment without its extension. */
export function baseName(filePath: string): string {
  const last = filePath.split(/[\\/]/).pop() ?? filePath;
  const dot = last.lastIndexOf(".");
  return dot > 0 ? last.slice(0, dot) : last;
}

/** Human description of where a flow type came from, for messages. */
export function describeTypeSource(source: FlowTypeSource): string {
  switch (source.kind) {
    case "cli":
      return "--flow-type";
    case "config":
      return `config (${source.detail})`;
    case "container":
      return source.detail;
    case "metadata":
      return `${source.key ?? "Metadata.type"} "${source.detail}"`;
    case "module":
      return "the file is a flow module";
    case "unknown":
      return "unknown";
  }
}
