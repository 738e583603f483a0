/**
 * Legacy exports of the pre-2022 flow designer (`modules`, `start`, `version`) read into the same
 * typed model as a flow in the Flow language, so that the rules that make sense on them (graph,
 * block type, naming, sensitive content) run unchanged.
 *
 * Each module becomes an Action of the catalog type the new designer converts it to (the catalog's
 * INVALID_TYPE_HINTS already name it), with the parameters whose mapping is known and one
 * Transition per branch. Positions stay in the legacy file: Action and Transition pointers are
 * legacy pointers (`/modules/3`, `/modules/3/branches/0/transition`), and the pointers a rule builds
 * from the current-language shape (`/modules/3/Type`, `/modules/3/Parameters/Text`, `/StartAction`)
 * are translated back by `legacyPointer` before the engine resolves them.
 */
import { flowTypeFromExportType, getAction, getInvalidTypeHint } from "../catalog/index.js";
import type { FlowTypeName } from "../catalog/types.js";
import { baseName, isObject } from "./flow.js";
import type { Action, BuildFlowOptions, Condition, Flow, FlowTypeSource, Transition, TransitionKind } from "./flow.js";

function own(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Per action index, the current-language suffixes (`Type`, `Parameters/Text`) and the legacy pointers they stand for. */
const pointerMaps = new WeakMap<Flow, ReadonlyMap<number, ReadonlyMap<string, string>>>();

/**
 * A pointer a rule reports on a legacy flow, as a pointer into the legacy file: pointers already in
 * the legacy file pass unchanged; current-language ones (`/StartAction`, `/Metadata/name`,
 * `/modules/3/Parameters/Text`, `/Actions/3/Type`) become the legacy member they were built from,
 * or the module when the member has no legacy counterpart.
 */
export function legacyPointer(flow: Flow, pointer: string): string {
  if (pointer === "/StartAction" || pointer.startsWith("/StartAction/")) return "/start";
  if (pointer === "/Metadata" || pointer.startsWith("/Metadata/")) return `/metadata${pointer.slice("/Metadata".length)}`;
  const match = /^\/(?:Actions|modules)\/(\d+)(\/.*)?$/.exec(pointer);
  if (!match) return pointer;
  const index = Number(match[1]);
  const module = `/modules/${String(index)}`;
  const rest = match[2];
  if (rest === undefined) return module;
  // Lower-case members are the legacy file's own (`/modules/3/branches/0/transition`).
  if (!/^\/[A-Z]/.test(rest)) return `${module}${rest}`;
  const map = pointerMaps.get(flow)?.get(index);
  let suffix = rest.slice(1);
  while (suffix !== "") {
    const found = map?.get(suffix);
    if (found !== undefined) return found;
    const slash = suffix.lastIndexOf("/");
    suffix = slash < 0 ? "" : suffix.slice(0, slash);
  }
  return module;
}

/** A legacy module's parameter entry (`{name, value, namespace, key, resourceName}`) and its pointer. */
interface LegacyParameter {
  readonly name: string;
  readonly value: unknown;
  readonly namespace: unknown;
  readonly key: unknown;
  /** The pointer of the `value` member, or of the entry when it has none. */
  readonly pointer: string;
}

/** Names the old designer wrote for System attributes, and their JSONPath in the Flow language. */
const SYSTEM_NAMES: ReadonlyMap<string, string> = new Map([
  ["Customer Number", "CustomerEndpoint.Address"],
  ["Dialed Number", "SystemEndpoint.Address"],
  ["Stored customer input", "StoredCustomerInput"],
  ["Customer callback number", "CustomerCallbackNumber"],
  ["Contact id", "ContactId"],
  ["Initial contact id", "InitialContactId"],
  ["Previous contact id", "PreviousContactId"],
]);

/** The namespaces of the old designer's dynamic values, as JSONPath namespaces. */
const NAMESPACES: ReadonlyMap<string, string> = new Map([
  ["User Defined", "Attributes"],
  ["External", "External"],
  ["Lex.Slots", "Lex.Slots"],
  ["Lex.Attributes", "Lex.SessionAttributes"],
]);

/**
 * A parameter's value as the Flow language writes it: a literal as is (scalars as strings, as the
 * designer writes them), and a dynamic value (one with a `namespace`) as its JSONPath reference.
 */
function valueOf(p: LegacyParameter): unknown {
  if (typeof p.namespace === "string" && p.namespace !== "" && typeof p.value === "string") {
    if (p.namespace === "System") return `$.${SYSTEM_NAMES.get(p.value) ?? p.value}`;
    return `$.${NAMESPACES.get(p.namespace) ?? p.namespace}.${p.value}`;
  }
  return typeof p.value === "number" || typeof p.value === "boolean" ? String(p.value) : p.value;
}

/** Builds the current-language `Parameters` of one module, recording where each came from. */
class ParameterBuilder {
  readonly parameters: Record<string, unknown> = {};
  readonly #params: readonly LegacyParameter[];
  readonly #pointers: Map<string, string>;

  constructor(params: readonly LegacyParameter[], pointers: Map<string, string>) {
    this.#params = params;
    this.#pointers = pointers;
  }

  #find(name: string): LegacyParameter | undefined {
    return this.#params.find((p) => p.name === name);
  }

  /** Sets `to` from the legacy parameter `from`, converting its value with `convert`. */
  copy(from: string, to: string, convert: (value: unknown) => unknown = (v) => v): void {
    const p = this.#find(from);
    if (p?.value === null || p?.value === undefined || p.value === "") return;
    this.set(to, convert(valueOf(p)), p.pointer);
  }

  set(to: string, value: unknown, pointer: string): void {
    this.parameters[to] = value;
    if (!this.#pointers.has(`Parameters/${to}`)) this.#pointers.set(`Parameters/${to}`, pointer);
  }

  /** An object parameter from the entries named `from`, each `{key, value}` (attributes, Lambda inputs, hooks). */
  keyed(from: string, to: string, keyOf: (p: LegacyParameter) => unknown = (p) => p.key): void {
    const object: Record<string, unknown> = {};
    let first: string | undefined;
    for (const p of this.#params) {
      const key = p.name === from ? keyOf(p) : undefined;
      if (typeof key !== "string" || Object.prototype.hasOwnProperty.call(object, key)) continue;
      object[key] = valueOf(p);
      first ??= p.pointer;
      this.#pointers.set(`Parameters/${to}/${escapeToken(key)}`, p.pointer);
    }
    if (first !== undefined) this.set(to, object, first);
  }

  /** The prompt: `Text`, or `SSML` when `TextToSpeechType` says so; `AudioPrompt` as `PromptId`. */
  prompt(): void {
    const type = this.#find("TextToSpeechType")?.value;
    this.copy("Text", typeof type === "string" && type.toLowerCase() === "ssml" ? "SSML" : "Text");
    this.copy("AudioPrompt", "PromptId");
  }

  raw(name: string): unknown {
    return this.#find(name)?.value;
  }
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `Enable`/`Disable` (and `true`/`false`) as the Flow language's `Enabled`/`Disabled`. */
function enabled(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const v = value.trim().toLowerCase();
  return v === "enable" || v === "true" ? "Enabled" : v === "disable" || v === "false" ? "Disabled" : value;
}

/** What a legacy branch becomes: the default connector, a condition, or an error branch. */
type BranchMapping =
  | { readonly kind: "next" }
  | { readonly kind: "condition"; readonly operand: string }
  | { readonly kind: "error"; readonly errorType: string };

/** Legacy comparison names (`conditionType`) as Flow-language operators. */
const OPERATORS: ReadonlyMap<string, string> = new Map([
  ["Equals", "Equals"],
  ["GreaterThan", "NumberGreaterThan"],
  ["GreaterThanOrEqualTo", "NumberGreaterOrEqualTo"],
  ["LessThan", "NumberLessThan"],
  ["LessThanOrEqualTo", "NumberLessOrEqualTo"],
  ["StartsWith", "TextStartsWith"],
  ["EndsWith", "TextEndsWith"],
  ["Contains", "TextContains"],
]);

/**
 * The Flow-language connector of a legacy branch, by the action type the module became. `Success`
 * is the default connector and `Error` the NoMatchingError branch everywhere; the rest depend on
 * the block. A branch name not listed becomes a condition on that name, so that it still leads
 * somewhere in the graph.
 */
function mapBranch(type: string, condition: string): BranchMapping {
  switch (condition) {
    case "Success":
      return { kind: "next" };
    case "Error":
      return { kind: "error", errorType: "NoMatchingError" };
    case "NoMatch":
      return { kind: "error", errorType: "NoMatchingCondition" };
    case "AtCapacity":
      return { kind: "error", errorType: "QueueAtCapacity" };
    case "CallFailure":
      return { kind: "error", errorType: "CallFailed" };
    case "InvalidPhoneNumber":
      return { kind: "error", errorType: "InvalidCallbackNumber" };
    case "NonDialableNumber":
      return { kind: "error", errorType: "CallbackNumberNotDialable" };
    case "Looping":
      return { kind: "condition", operand: "ContinueLooping" };
    case "Complete":
      return { kind: "condition", operand: "DoneLooping" };
    case "CustomerReturn":
      return { kind: "condition", operand: "CustomerReturned" };
    case "Timeout":
      if (type === "Wait") return { kind: "condition", operand: "WaitCompleted" };
      if (type === "MessageParticipantIteratively") return { kind: "condition", operand: "MessagesInterrupted" };
      if (type === "TransferParticipantToThirdParty") return { kind: "error", errorType: "ConnectionTimeLimitExceeded" };
      return { kind: "error", errorType: "InputTimeLimitExceeded" };
    default:
      return { kind: "condition", operand: condition };
  }
}

/**
 * The action type a module becomes. The catalog's hint for the legacy name gives it; the blocks
 * the old designer had one name for and the new one splits are told apart by the module's `target`
 * (Transfer: Queue, Flow or PhoneNumber; Get customer input: Digits or Lex) and the flow's type (a
 * transfer to queue in a customer queue flow is DequeueContactAndTransferToQueue). A name the
 * catalog knows neither way stays as written (rules skip types they do not know).
 */
function mapType(legacyType: string, target: unknown, flowType: FlowTypeName | undefined): string {
  if (legacyType === "Transfer") {
    if (target === "Flow") return "TransferToFlow";
    if (target === "PhoneNumber") return "TransferParticipantToThirdParty";
    return flowType === "CUSTOMER_QUEUE" ? "DequeueContactAndTransferToQueue" : "TransferContactToQueue";
  }
  if (legacyType === "GetUserInput" && target === "Lex") return "ConnectParticipantWithLexBot";
  // Whisper and hold flows end with EndFlowExecution, not a disconnect (the hint's own advice).
  if (legacyType === "Disconnect" && flowType !== undefined && !getAction("DisconnectParticipant")?.flowTypes.includes(flowType)) {
    return "EndFlowExecution";
  }
  if (getAction(legacyType)) return legacyType;
  return getInvalidTypeHint(legacyType)?.suggestion ?? legacyType;
}

/** The parameters of the action a module became, where the legacy parameter's meaning is known. */
function mapParameters(type: string, legacyType: string, b: ParameterBuilder, pointer: string): void {
  switch (legacyType) {
    case "PlayPrompt":
    case "GetUserInput":
      b.prompt();
      b.copy("Timeout", type === "ConnectParticipantWithLexBot" ? "LexTimeoutSeconds" : "InputTimeLimitSeconds");
      return;
    case "StoreUserInput": {
      b.prompt();
      b.copy("Timeout", "InputTimeLimitSeconds");
      // Store customer input always stores: its mode is the block itself, not a parameter.
      b.set("StoreInput", "True", `${pointer}/type`);
      const encrypt = b.raw("EncryptEntry");
      if (encrypt === true || (typeof encrypt === "string" && encrypt.trim().toLowerCase() === "true")) {
        b.copy("EncryptEntry", "InputEncryption", () => ({ Encrypted: "True" }));
      }
      return;
    }
    case "LoopPrompts":
      b.copy("Text", "Messages", (v) => [{ Text: v }]);
      b.copy("AudioPrompt", "Messages", (v) => [{ PromptId: v }]);
      b.copy("InterruptSeconds", "InterruptFrequencySeconds");
      return;
    case "SetAttributes":
      b.keyed("Attribute", "Attributes");
      if (Object.prototype.hasOwnProperty.call(b.parameters, "Attributes")) b.parameters.TargetContact = "Current";
      return;
    case "InvokeExternalResource":
      b.copy("FunctionArn", "LambdaFunctionARN");
      b.copy("TimeLimit", "InvocationTimeLimitSeconds");
      b.keyed("Parameter", "LambdaInvocationAttributes");
      return;
    case "CheckAttribute": {
      const namespace = b.raw("Namespace");
      b.copy("Attribute", "ComparisonValue", (v) => {
        if (typeof v !== "string" || typeof namespace !== "string") return v;
        if (namespace === "System") return `$.${SYSTEM_NAMES.get(v) ?? v}`;
        return `$.${NAMESPACES.get(namespace) ?? namespace}.${v}`;
      });
      return;
    }
    case "SetQueue":
    case "Transfer":
    case "CheckStaffing":
    case "CheckQueueStatus":
    case "GetMetricData":
    case "CreateCallback":
      b.copy("Queue", "QueueId");
      b.copy("Agent", "AgentId");
      b.copy("ContactFlowId", "ContactFlowId");
      b.copy("PhoneNumber", "ThirdPartyPhoneNumber");
      b.copy("TimeLimit", "ThirdPartyConnectionTimeLimitSeconds");
      return;
    case "SetLoggingBehavior":
      b.copy("LoggingBehavior", "FlowLoggingBehavior", enabled);
      return;
    case "SetRecordingBehavior":
      b.copy("RecordingBehaviorOption", "RecordingBehavior", (v) => {
        const participants = enabled(v) === "Enabled" ? recordedParticipants(b.raw("RecordingParticipantOption")) : [];
        return { RecordedParticipants: participants };
      });
      return;
    case "StartMediaStreaming":
    case "StopMediaStreaming":
      b.copy("MediaStreamTypes", "MediaStreamingState", () => (legacyType === "StartMediaStreaming" ? "Enabled" : "Disabled"));
      return;
    case "SetVoice":
      b.copy("GlobalVoice", "TextToSpeechVoice");
      b.copy("GlobalEngine", "TextToSpeechEngine");
      return;
    case "SetEventHook":
    case "SetContactFlow":
      // One hook per block: `Type` names it, `ContactFlowId` is the flow it runs.
      b.keyed("ContactFlowId", "EventHooks", () => b.raw("Type"));
      return;
    case "SetCallBackNumber":
      b.copy("CallBackNumber", "CallbackNumber");
      return;
    case "Loop":
      b.copy("LoopCount", "LoopCount");
      return;
    case "Wait":
      b.copy("TimeoutSeconds", "TimeLimitSeconds");
      return;
    default:
      return;
  }
}

function recordedParticipants(option: unknown): string[] {
  if (option === "Agent") return ["Agent"];
  if (option === "Customer") return ["Customer"];
  return ["Agent", "Customer"];
}

/** The flow type of a legacy export: `metadata.type`, else its top-level `type` (both camelCase export names). */
function legacyType(value: Readonly<Record<string, unknown>>, metadata: Readonly<Record<string, unknown>> | undefined): { type: FlowTypeName; source: FlowTypeSource } | undefined {
  const candidates: [string, unknown][] = [
    ["metadata.type", metadata ? own(metadata, "type") : undefined],
    ["type", own(value, "type")],
  ];
  for (const [key, candidate] of candidates) {
    if (typeof candidate !== "string") continue;
    const type = flowTypeFromExportType(candidate);
    if (type) return { type, source: { kind: "metadata", detail: candidate, key } };
  }
  return undefined;
}

/** Builds the typed view of a legacy export. The value must be classified `legacy`. */
export function buildLegacyFlow(value: Readonly<Record<string, unknown>>, options: BuildFlowOptions): Flow {
  const metadataValue = own(value, "metadata");
  const metadata = isObject(metadataValue) ? metadataValue : undefined;
  const metaName = metadata ? own(metadata, "name") : undefined;
  const name = options.flowName ?? (typeof metaName === "string" ? metaName : baseName(options.filePath));

  let type: FlowTypeName | undefined;
  let typeSource: FlowTypeSource = { kind: "unknown" };
  const fromFile = legacyType(value, metadata);
  if (options.flowType) {
    type = options.flowType.type;
    typeSource = options.flowType.source;
  } else if (fromFile) {
    type = fromFile.type;
    typeSource = fromFile.source;
  }

  const modules = own(value, "modules");
  const actions: Action[] = [];
  const actionsById = new Map<string, Action>();
  const maps = new Map<number, ReadonlyMap<string, string>>();
  if (Array.isArray(modules)) {
    modules.forEach((entry: unknown, index) => {
      if (!isObject(entry)) return;
      const pointers = new Map<string, string>();
      const action = buildModule(entry, index, type, pointers);
      maps.set(index, pointers);
      actions.push(action);
      if (action.id !== undefined && !actionsById.has(action.id)) actionsById.set(action.id, action);
    });
  }
  const start = own(value, "start");
  const flow: Flow = {
    kind: "legacy",
    name,
    nameSource: options.flowName !== undefined ? "container" : typeof metaName === "string" ? "metadata" : "file",
    type,
    typeSource,
    startAction: typeof start === "string" ? start : undefined,
    actions,
    actionsById,
    metadata,
    raw: value,
  };
  pointerMaps.set(flow, maps);
  return flow;
}

function buildModule(raw: Readonly<Record<string, unknown>>, index: number, flowType: FlowTypeName | undefined, pointers: Map<string, string>): Action {
  const pointer = `/modules/${String(index)}`;
  const id = own(raw, "id");
  const legacy = own(raw, "type");
  const type = typeof legacy === "string" ? mapType(legacy, own(raw, "target"), flowType) : undefined;
  if (Object.prototype.hasOwnProperty.call(raw, "id")) pointers.set("Identifier", `${pointer}/id`);
  if (Object.prototype.hasOwnProperty.call(raw, "type")) pointers.set("Type", `${pointer}/type`);
  if (Object.prototype.hasOwnProperty.call(raw, "parameters")) pointers.set("Parameters", `${pointer}/parameters`);
  if (Object.prototype.hasOwnProperty.call(raw, "branches")) pointers.set("Transitions", `${pointer}/branches`);

  const params: LegacyParameter[] = [];
  const paramsValue = own(raw, "parameters");
  if (Array.isArray(paramsValue)) {
    paramsValue.forEach((p: unknown, i) => {
      if (!isObject(p)) return;
      const name = own(p, "name");
      if (typeof name !== "string") return;
      const at = `${pointer}/parameters/${String(i)}`;
      const hasValue = Object.prototype.hasOwnProperty.call(p, "value");
      params.push({ name, value: own(p, "value"), namespace: own(p, "namespace"), key: own(p, "key"), pointer: hasValue ? `${at}/value` : at });
    });
  }
  const builder = new ParameterBuilder(params, pointers);
  if (typeof legacy === "string" && type !== undefined) mapParameters(type, legacy, builder, pointer);

  // Transitions in the order the Flow language lists them (default, conditions, errors), each
  // with the pointer of its legacy branch; and the same connectors in the current shape as `raw`.
  const next: Transition[] = [];
  const conditions: Transition[] = [];
  const errors: Transition[] = [];
  const shape: { NextAction?: unknown; Conditions: unknown[]; Errors: unknown[] } = { Conditions: [], Errors: [] };
  const branches = own(raw, "branches");
  if (Array.isArray(branches)) {
    branches.forEach((branch: unknown, i) => {
      if (!isObject(branch)) return;
      const condition = own(branch, "condition");
      let mapping = mapBranch(type ?? "", typeof condition === "string" ? condition : "");
      // The Flow language has one default connector: a second Success branch is kept as a
      // condition on its name, so that the block it leads to is still reached.
      if (mapping.kind === "next" && next.length > 0) mapping = { kind: "condition", operand: "Success" };
      const entryPointer = `${pointer}/branches/${String(i)}`;
      const hasTransition = Object.prototype.hasOwnProperty.call(branch, "transition");
      const target = own(branch, "transition");
      const at = hasTransition ? `${entryPointer}/transition` : entryPointer;
      if (mapping.kind === "next") {
        next.push(transition("next", target, undefined, undefined, undefined, at, at));
        if (hasTransition) shape.NextAction = target;
        pointers.set("Transitions/NextAction", at);
      } else if (mapping.kind === "condition") {
        const legacyOperator = own(branch, "conditionType");
        const operand = own(branch, "conditionValue");
        const operator = condition === "Evaluate" ? (typeof legacyOperator === "string" ? (OPERATORS.get(legacyOperator) ?? legacyOperator) : "Equals") : "Equals";
        const operands = [condition === "Evaluate" ? (typeof operand === "number" ? String(operand) : operand) : mapping.operand];
        const c: Condition = { operator, operands };
        const entry: Record<string, unknown> = { Condition: { Operator: operator, Operands: operands } };
        if (hasTransition) entry.NextAction = target;
        pointers.set(`Transitions/Conditions/${String(conditions.length)}`, entryPointer);
        conditions.push(transition("condition", target, conditions.length, undefined, c, at, entryPointer));
        shape.Conditions.push(entry);
      } else {
        const entry: Record<string, unknown> = { ErrorType: mapping.errorType };
        if (hasTransition) entry.NextAction = target;
        pointers.set(`Transitions/Errors/${String(errors.length)}`, entryPointer);
        errors.push(transition("error", target, errors.length, mapping.errorType, undefined, at, entryPointer));
        shape.Errors.push(entry);
      }
    });
  }
  const transitions: Record<string, unknown> = {};
  if (Object.prototype.hasOwnProperty.call(shape, "NextAction")) transitions.NextAction = shape.NextAction;
  if (shape.Conditions.length > 0) transitions.Conditions = shape.Conditions;
  if (shape.Errors.length > 0) transitions.Errors = shape.Errors;
  const current: Record<string, unknown> = { Parameters: builder.parameters, Transitions: transitions };
  if (typeof id === "string") current.Identifier = id;
  if (type !== undefined) current.Type = type;
  return {
    id: typeof id === "string" ? id : undefined,
    type,
    index,
    pointer,
    parameters: builder.parameters,
    transitions: [...next, ...conditions, ...errors],
    raw: current,
    // The old designer kept each block's layout in the module itself.
    designer: isObject(own(raw, "metadata")) ? (own(raw, "metadata") as Readonly<Record<string, unknown>>) : undefined,
  };
}

function transition(
  kind: TransitionKind,
  target: unknown,
  index: number | undefined,
  errorType: string | undefined,
  condition: Condition | undefined,
  pointer: string,
  entryPointer: string,
): Transition {
  return { kind, target: typeof target === "string" ? target : undefined, index, errorType, condition, pointer, entryPointer };
}
