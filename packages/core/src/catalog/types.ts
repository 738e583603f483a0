/**
 * The Amazon Connect Flow language as typed data. Rules read the catalog; no rule hard-codes a list of
 * action types.
 */

/** API names of flow types (CreateContactFlow `Type`), plus FLOW_MODULE for flow modules. */
export const FLOW_TYPE_NAMES = [
  "CONTACT_FLOW",
  "CUSTOMER_QUEUE",
  "CUSTOMER_HOLD",
  "CUSTOMER_WHISPER",
  "OUTBOUND_WHISPER",
  "AGENT_HOLD",
  "AGENT_WHISPER",
  "AGENT_TRANSFER",
  "QUEUE_TRANSFER",
  "CAMPAIGN",
  "FLOW_MODULE",
] as const;

export type FlowTypeName = (typeof FLOW_TYPE_NAMES)[number];

export interface FlowTypeInfo {
  readonly name: FlowTypeName;
  /** Name shown in the Amazon Connect console, e.g. "Customer queue flow". */
  readonly consoleName: string;
  /** `Metadata.type` written by the designer's "Export flow", e.g. `customerQueue`. */
  readonly exportType: string | undefined;
  /** Channels the flow type can run on. */
  readonly channels: readonly Channel[];
}

export type Channel = "voice" | "chat" | "task" | "email";

export type ActionCategory = "participant" | "contact" | "flow-control" | "interaction";

/**
 * How a parameter accepts JSONPath references (`$.Attributes.x`):
 * - `static`: literal values only;
 * - `static-or-single-jsonpath`: a literal, or one JSONPath as the whole value;
 * - `static-or-dynamic`: free text with interpolated JSONPath.
 */
export type DynamicLevel = "static" | "static-or-single-jsonpath" | "static-or-dynamic";

/** JSON type of a parameter value as the designer writes it (every scalar is a string). */
export type ParameterValueType = "string" | "object" | "array" | "boolean" | "number" | "any";

/** Kinds of Amazon Connect (and AWS) resources a parameter can refer to by id or ARN. */
export type ResourceKind = "flow" | "module" | "queue" | "prompt" | "hours" | "lambda" | "lex-bot" | "phone-number";

export interface ParameterSpec {
  /** True when the service rejects the action without it. */
  readonly required: boolean;
  readonly valueType: ParameterValueType;
  readonly dynamic?: DynamicLevel;
  /** Literal values the service accepts, where the set is closed (e.g. `"True"`, `"False"`). */
  readonly enum?: readonly string[];
  /** Customer-facing content (spoken or shown to the customer): prompt text, SSML, chat messages. */
  readonly customerFacing?: boolean;
  /**
   * The kind of resource the value refers to by id or ARN. For an object or array parameter, the
   * references are its string leaves named `*Id`/`*Arn` (e.g. `Messages[].PromptId`,
   * `LexV2Bot.AliasArn`), or every string leaf for `EventHooks` (hook key -> flow).
   */
  readonly references?: ResourceKind;
  readonly description: string;
}

/**
 * What a block does, as far as rules that follow paths need to know. Facts from the action's
 * Flow-language page and the designer's block page (see `ActionSpec.source`).
 */
export type ActionEffect =
  /** Sets the contact attributes named by the keys of its `Attributes` (on the current contact unless `TargetContact` says `Related`). */
  | "sets-contact-attributes"
  /** Sets the flow attributes named by the keys of its `FlowAttributes` (they live only in this flow). */
  | "sets-flow-attributes"
  /** Sets the contact's working queue (TargetQueue) on its Success connector. */
  | "sets-working-queue"
  /** Puts the contact in its working queue, which must have been set before. */
  | "uses-working-queue"
  /** Works on the working queue (or its hours) when it names no queue, agent or hours of its own. */
  | "defaults-to-working-queue"
  /** Fills `$.External` with what a Lambda function returned (on Success, when called synchronously). */
  | "returns-external-data"
  /** Fills `$.Lex` with what the bot returned (intent, slots, session attributes). */
  | "returns-lex-data"
  /** Fills `$.StoredCustomerInput` with digits the customer entered (when `StoreInput` is `True`). */
  | "stores-customer-input"
  /** Branches on one value (`ComparisonValue`): a matched condition proves the value is there. */
  | "checks-value"
  /** Runs a flow module, which may do anything any block does (set attributes, set the queue). */
  | "runs-module"
  /** Waits for the customer: input, a bot conversation, a view, authentication (or a chat customer's return). */
  | "waits-for-customer"
  /** Waits for time to pass or for something outside the flow (Wait, prompts looping until interrupted, a third-party call). */
  | "waits-for-time"
  /** Hands the current contact on when it succeeds (to a queue, an agent, another flow, a phone number), whatever its NextAction says. */
  | "hands-off"
  /** Queues a callback: a new contact is created, and this one goes on along the block's connectors. */
  | "queues-callback"
  /** Ends the flow (terminal). */
  | "ends-flow";

export interface ConditionSpec {
  /** False when the action takes no `Conditions`. */
  readonly supported: boolean;
  /** Operators the action accepts; empty when not supported. */
  readonly operators: readonly string[];
  /** The closed set of operand values, where there is one (e.g. CheckHoursOfOperation: True/False). */
  readonly allowedOperands?: readonly string[];
}

export interface ActionSpec {
  /** The `Type` string as the service spells it. */
  readonly type: string;
  readonly category: ActionCategory;
  /** The flow designer's block name, e.g. "Play prompt". */
  readonly block: string;
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  /** Groups of parameters of which at most one may be set (e.g. Text / SSML / PromptId). */
  readonly mutuallyExclusive?: readonly (readonly string[])[];
  /** Groups of parameters of which at least one must be set. */
  readonly atLeastOne?: readonly (readonly string[])[];
  /** False when parameter names are free (e.g. module Input); unknown names are then not reported. */
  readonly closedParameters: boolean;
  readonly conditions: ConditionSpec;
  /** Every `ErrorType` the action may declare. */
  readonly errors: readonly string[];
  /** Error types the service requires to be declared. */
  readonly requiredErrors: readonly string[];
  /** A terminal action ends the flow and must have `"Transitions": {}`. */
  readonly terminal: boolean;
  /**
   * What the block does to the contact and its data, for rules that reason about paths (what is set
   * before what, whether a loop can end). Empty when it does none of the things `ActionEffect` names.
   */
  readonly effects: readonly ActionEffect[];
  /** False for actions that have no default `NextAction` although not terminal (Loop prompts). */
  readonly hasNextAction: boolean;
  /** Flow types in which the block may appear (its main form: a variant may allow others). */
  readonly flowTypes: readonly FlowTypeName[];
  /**
   * Other designer blocks written as the same action type, told apart by their parameters (Set
   * Touchtone Buffer Behavior is a GetParticipantInput with `EnableDTMFBuffer` only).
   */
  readonly variants?: readonly ActionVariant[];
  readonly channels: Readonly<Record<Channel, boolean>>;
  /** Other spellings seen in the wild that the service does not accept (reported with a suggestion). */
  readonly misspellings?: readonly string[];
  /** Where the facts come from (AWS doc page URL). */
  readonly source: string;
  /** `low` when only third-party material documents the action. */
  readonly confidence: "high" | "medium" | "low";
}

/** A designer block that is written as another block's action type (see `ActionSpec.variants`). */
export interface ActionVariant {
  /** The designer's block name, e.g. "Set Touchtone Buffer Behavior". */
  readonly block: string;
  /** A block is this variant when it sets at least one of these parameters and no other. */
  readonly parameters: readonly string[];
  /** Flow types in which the variant may appear. */
  readonly flowTypes: readonly FlowTypeName[];
}

/** Names that are not flow-language action types but appear in hand-written or legacy files. */
export interface InvalidTypeHint {
  readonly name: string;
  /** The action type to use instead. */
  readonly suggestion: string;
  readonly reason: string;
}

export interface EventHookSpec {
  /** Key in `Parameters.EventHooks`, e.g. `CustomerQueue`. */
  readonly key: string;
  /** Designer block name, e.g. "Set customer queue flow". */
  readonly block: string;
  /** The flow type the hook's target must have. */
  readonly targetFlowType: FlowTypeName;
  /** Flow types in which a block setting this hook may appear. */
  readonly hostFlowTypes: readonly FlowTypeName[];
}
