import { defineRule, getAction, hasOwn, isObject, solveForward } from "@connect-lint/core";
import type { Action, ActionSpec, ForwardProblem } from "@connect-lint/core";
import { blockLabel, describeBlock } from "./utils/describe.js";
import { findReferences } from "./utils/references.js";
import { createNameMatcher, invalidSensitivePattern } from "./utils/sensitive.js";
import type { SensitiveNameMatcher } from "./utils/sensitive.js";

export interface NoSensitiveInputLoggedOptions {
  /** Treat flow logging as possibly on when the flow starts (a flow that transferred here may have turned it on). */
  readonly assumeLoggingAtStart: boolean;
  /** Report sensitive input stored unencrypted even where flow logging is off. */
  readonly requireEncryption: boolean;
  /** Report sensitive input collected while IVR recording can be on. */
  readonly checkRecording: boolean;
  /** Extra sensitive-name patterns (regular expression sources). */
  readonly sensitivePatterns: readonly string[];
  /** Built-in sensitive terms to drop (e.g. `account`). */
  readonly ignorePatterns: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Catalog facts, found by parameter name (the catalog has no field saying "stores customer input",
// "switches flow logging" or "switches IVR recording"); no action type is named here.
// ---------------------------------------------------------------------------------------------

/** The store-mode switch of an input block: `"True"` keeps the digits in $.StoredCustomerInput. */
const STORE_PARAMETER = "StoreInput";
/** The encryption settings of an input block in store mode. */
const ENCRYPTION_PARAMETER = "InputEncryption";
/** The validation settings of an input block in store mode; a phone-number validation collects a phone number. */
const VALIDATION_PARAMETER = "InputValidation";
const PHONE_VALIDATION = "PhoneNumberValidation";
/** The switch of the Set logging behavior block, and its two values. */
const LOGGING_PARAMETER = "FlowLoggingBehavior";
/** The IVR-recording switch, nested in the recording settings of the recording blocks. */
const IVR_RECORDING_KEY = "IVRRecordingBehavior";
const ENABLED = "Enabled";
const DISABLED = "Disabled";
/** The namespace that holds what the customer keyed in. */
const STORED_INPUT = "StoredCustomerInput";
const MAX_DEPTH = 8;
/**
 * The designer shows an input block in store mode as its own block, "Store customer input"; the
 * catalog has one block name per action type, so the rule names this mode itself.
 */
const STORE_BLOCK = "Store customer input";

/** Stands for "before the flow started" among the blocks that switched logging on. */
const START = "start";

/** What a block does to the facts the rule tracks. */
interface Effects {
  readonly stores: boolean;
  readonly logging: typeof ENABLED | typeof DISABLED | undefined;
  readonly recording: typeof ENABLED | typeof DISABLED | undefined;
}

/** The facts before a block, each a may-set: what may hold on some path from the start. */
interface Switches {
  /** Set logging behavior blocks whose "Enabled" may still be in force (`START`: on when the flow started). */
  readonly logs: ReadonlySet<Action | typeof START>;
  /** Recording blocks whose IVR recording "Enabled" may still be in force. */
  readonly recordings: ReadonlySet<Action>;
  /** Input blocks whose digits may be in $.StoredCustomerInput. */
  readonly inputs: ReadonlySet<Action>;
}

const EMPTY: ReadonlySet<never> = new Set();

function union<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): ReadonlySet<T> {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  let out: Set<T> | undefined;
  for (const x of b) {
    if (a.has(x)) continue;
    out ??= new Set(a);
    out.add(x);
  }
  return out ?? a;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * The may-analysis of the rule. A switch block replaces the set it governs ("Enabled": itself,
 * "Disabled": nothing); an input block in store mode replaces the stored digits with its own on its
 * success connector (its error branches leave the old value).
 */
function switchesProblem(effects: ReadonlyMap<Action, Effects>, loggingAtStart: boolean): ForwardProblem<Switches> {
  return {
    entry: { logs: loggingAtStart ? new Set([START]) : EMPTY, recordings: EMPTY, inputs: EMPTY },
    join: (a, b) => ({ logs: union(a.logs, b.logs), recordings: union(a.recordings, b.recordings), inputs: union(a.inputs, b.inputs) }),
    equals: (a, b) => sameSet(a.logs, b.logs) && sameSet(a.recordings, b.recordings) && sameSet(a.inputs, b.inputs),
    transfer(action, input, edge) {
      const e = effects.get(action);
      if (!e) return input;
      const replace = <T>(value: typeof ENABLED | typeof DISABLED | undefined, current: ReadonlySet<T>, self: T): ReadonlySet<T> =>
        value === ENABLED ? new Set([self]) : value === DISABLED ? EMPTY : current;
      return {
        logs: replace<Action | typeof START>(e.logging, input.logs, action),
        recordings: replace(e.recording, input.recordings, action),
        inputs: e.stores && edge.transition?.kind === "next" ? new Set([action]) : input.inputs,
      };
    },
  };
}

/** How a message names the switch that may be on: the first block in file order, else the start of the flow. */
function describeSwitch(switches: readonly (Action | typeof START)[]): string | undefined {
  let first: Action | undefined;
  for (const s of switches) if (s !== START && (!first || s.index < first.index)) first = s;
  if (first) return `${describeBlock(first)} turns it on`;
  if (switches.includes(START)) return "assumed on when the flow starts, option assumeLoggingAtStart";
  return undefined;
}

interface Compiled {
  readonly matcher: SensitiveNameMatcher;
}
const compiledCache = new WeakMap<NoSensitiveInputLoggedOptions, Compiled>();
function compile(options: NoSensitiveInputLoggedOptions): Compiled {
  let compiled = compiledCache.get(options);
  if (!compiled) {
    compiled = { matcher: createNameMatcher({ extraPatterns: options.sensitivePatterns, ignore: options.ignorePatterns }) };
    compiledCache.set(options, compiled);
  }
  return compiled;
}

/** Whether the block is an input block in store mode (Store customer input). */
function storesInput(action: Action, spec: ActionSpec): boolean {
  if (!spec.parameters[STORE_PARAMETER]?.enum?.includes("True")) return false;
  const value = action.parameters[STORE_PARAMETER];
  return typeof value === "string" && value.trim().toLowerCase() === "true";
}

function encrypted(action: Action): boolean {
  const value = action.parameters[ENCRYPTION_PARAMETER];
  return isObject(value) && Object.values(value).some((v) => typeof v === "string" && v.trim() !== "");
}

function collectsPhoneNumber(action: Action): boolean {
  const value = action.parameters[VALIDATION_PARAMETER];
  return isObject(value) && hasOwn(value, PHONE_VALIDATION);
}

/** "Enabled" or "Disabled" for a value written as a switch, else undefined. */
function switchValue(value: unknown): typeof ENABLED | typeof DISABLED | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  return v === "enabled" ? ENABLED : v === "disabled" ? DISABLED : undefined;
}

/** The flow-logging switch a block sets, if it is a Set logging behavior block. */
function loggingSwitch(action: Action, spec: ActionSpec): typeof ENABLED | typeof DISABLED | undefined {
  if (!hasOwn(spec.parameters, LOGGING_PARAMETER)) return undefined;
  return switchValue(action.parameters[LOGGING_PARAMETER]);
}

/** The IVR-recording switch a block sets anywhere in its parameters (Set recording and analytics behavior). */
function recordingSwitch(action: Action): typeof ENABLED | typeof DISABLED | undefined {
  let found: typeof ENABLED | typeof DISABLED | undefined;
  const visit = (value: unknown, depth: number): void => {
    if (found !== undefined || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isObject(value)) {
      for (const key in value) {
        if (key === IVR_RECORDING_KEY) found = switchValue(value[key]);
        else visit(value[key], depth + 1);
        if (found !== undefined) return;
      }
    }
  };
  visit(action.parameters, 0);
  return found;
}

/** A place where the stored digits are used under a name: a key of a block's parameters whose value reads $.StoredCustomerInput. */
interface Use {
  readonly reader: Action;
  /** The object keys on the way to the value, below the parameter (`CardNumber`, `cardNumber.Value`). */
  readonly keys: readonly string[];
}

function usesOfStoredInput(action: Action): Use[] {
  const uses: Use[] = [];
  const path: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (typeof value === "string") {
      if (path.length > 0 && value.includes("$") && findReferences(value).some((r) => r.namespace === STORED_INPUT)) uses.push({ reader: action, keys: [...path] });
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (isObject(value)) {
      // The keys are copied only for a value that is reported (kept in `uses`).
      for (const key in value) {
        path.push(key);
        visit(value[key], depth + 1);
        path.pop();
      }
    }
  };
  for (const key in action.parameters) visit(action.parameters[key], 0);
  return uses;
}

/** The prompt wording of a block: its customer-facing string parameters, with references blanked and SSML tags removed. */
function promptWording(action: Action, spec: ActionSpec): { text: string; parameter: string }[] {
  const out: { text: string; parameter: string }[] = [];
  for (const [name, param] of Object.entries(spec.parameters)) {
    const value = action.parameters[name];
    if (param.customerFacing !== true || typeof value !== "string") continue;
    let text = value;
    for (const ref of findReferences(value).reverse()) text = text.slice(0, ref.start) + " " + text.slice(ref.end);
    out.push({ text: text.replace(/<[^>]*>/g, " "), parameter: name });
  }
  return out;
}

interface Evidence {
  /** What the message says, e.g. `its prompt mentions "card number"`. */
  readonly description: string;
  /** Where to point: the prompt parameter, else the block's Type. */
  readonly property: string;
}

/** The ids of the rule's messages (`meta.messages`). */
export type NoSensitiveInputLoggedMessageId = "loggedInput" | "unencryptedInput" | "recordedInput";

export const noSensitiveInputLogged = defineRule<NoSensitiveInputLoggedOptions, NoSensitiveInputLoggedMessageId>({
  name: "no-sensitive-input-logged",
  meta: {
    type: "problem",
    description:
      "Disallow storing sensitive customer input (card numbers, PINs, dates of birth) unencrypted, above all while flow logging or IVR recording can be on.",
    recommended: "error",
    legacy: true,
    compliance: true,
    messages: {
      loggedInput:
        "{{block}} collects sensitive digits ({{evidence}}) and stores them unencrypted while flow logging can be on ({{logging}}): the digits are written in plain text to the flow logs in Amazon CloudWatch, a PCI DSS and privacy exposure. Turn on encryption in the block, or turn logging off before it and keep it off while the digits are in use.",
      unencryptedInput:
        "{{block}} collects sensitive digits ({{evidence}}) and stores them unencrypted in $.StoredCustomerInput, where any later block, Lambda function or log that reads them sees the plain digits. Turn on encryption in the block.",
      recordedInput:
        "{{block}} collects sensitive digits ({{evidence}}) while IVR recording can be on ({{recording}}): the recording of the automated part of the call can capture the key tones, a PCI DSS exposure. Turn IVR recording off before this block and back on after it.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        assumeLoggingAtStart: { type: "boolean" },
        requireEncryption: { type: "boolean" },
        checkRecording: { type: "boolean" },
        sensitivePatterns: { type: "array", items: { type: "string", minLength: 1 } },
        ignorePatterns: { type: "array", items: { type: "string", minLength: 1 } },
      },
    },
    defaultOptions: {
      assumeLoggingAtStart: false,
      requireEncryption: true,
      checkRecording: true,
      sensitivePatterns: [],
      // What a customer keys in is not a balance, though prompts that ask for an amount mention one.
      ignorePatterns: ["balance"],
    },
    validateOptions: (options) => invalidSensitivePattern(options.sensitivePatterns),
  },
  check(context) {
    const { flow, graph, options } = context;
    const specOf = (a: Action): ActionSpec | undefined => (a.type === undefined ? undefined : getAction(a.type));
    // What each block does, computed once.
    const inputs: Action[] = [];
    const effects = new Map<Action, Effects>();
    const uses: Use[] = [];
    for (const action of flow.actions) {
      const spec = specOf(action);
      if (!spec) continue;
      const stores = storesInput(action, spec);
      if (stores) inputs.push(action);
      const logging = loggingSwitch(action, spec);
      const recording = recordingSwitch(action);
      if (stores || logging !== undefined || recording !== undefined) effects.set(action, { stores, logging, recording });
      uses.push(...usesOfStoredInput(action));
    }
    if (inputs.length === 0) return;

    // One may-analysis: which Set logging behavior and recording blocks may have switched logging
    // and IVR recording on, and which input block's digits may be in $.StoredCustomerInput, before
    // each block.
    const { before } = solveForward(graph, switchesProblem(effects, options.assumeLoggingAtStart));

    const { matcher } = compile(options);
    // Names the stored digits are used under, per input block whose digits may be read there; and
    // the logging blocks that may have switched logging on where they are read.
    const namedAs = new Map<Action, Evidence>();
    const loggedWhereRead = new Map<Action, Set<Action | typeof START>>();
    for (const use of uses) {
      const fact = before.get(use.reader);
      if (!fact || fact.inputs.size === 0) continue;
      const term = use.keys.map((k) => matcher.match(k)).find((t) => t !== undefined);
      for (const input of fact.inputs) {
        if (fact.logs.size > 0) {
          const set = loggedWhereRead.get(input) ?? new Set();
          for (const l of fact.logs) set.add(l);
          loggedWhereRead.set(input, set);
        }
        if (term !== undefined && !namedAs.has(input)) {
          namedAs.set(input, { description: `${describeBlock(use.reader)} uses them as ${JSON.stringify(use.keys.join("."))}`, property: "Type" });
        }
      }
    }

    for (const input of inputs) {
      const fact = before.get(input);
      // Unreachable blocks are no-unreachable-block's concern.
      if (!fact) continue;
      if (collectsPhoneNumber(input)) continue;
      const spec = specOf(input) as ActionSpec;
      let evidence: Evidence | undefined;
      for (const wording of promptWording(input, spec)) {
        const term = matcher.match(wording.text);
        if (term !== undefined) {
          evidence = { description: `its prompt mentions ${JSON.stringify(term)}`, property: `Parameters/${wording.parameter}` };
          break;
        }
      }
      evidence ??= namedAs.get(input);
      if (!evidence) continue;
      const at = evidence.property === "Type" ? { action: input, property: "Type" } : { pointer: `${input.pointer}/${evidence.property}`, action: input };
      // `Get customer input "id"` becomes `Store customer input "id"`.
      const block = `${STORE_BLOCK}${describeBlock(input).slice(blockLabel(input.type).length)}`;
      if (!encrypted(input)) {
        const logging = describeSwitch([...fact.logs, ...(loggedWhereRead.get(input) ?? [])]);
        if (logging !== undefined) {
          context.report({ messageId: "loggedInput", at, data: { block, evidence: evidence.description, logging } });
        } else if (options.requireEncryption) {
          context.report({ messageId: "unencryptedInput", at, data: { block, evidence: evidence.description }, severity: "warn" });
        }
      }
      if (options.checkRecording) {
        const recording = describeSwitch([...fact.recordings]);
        if (recording !== undefined) context.report({ messageId: "recordedInput", at, data: { block, evidence: evidence.description, recording } });
      }
    }
  },
});
