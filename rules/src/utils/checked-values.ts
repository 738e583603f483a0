/**
 * Which flow-data values are known to be checked (or constant) on every path into each block: the
 * must-analysis shared by `no-unvalidated-transfer-number` and `no-dynamic-ssml`.
 *
 * A value is named by the canonical path of its reference (`$.Attributes.callbackNumber`,
 * `$.StoredCustomerInput`, `$.External.number`). It enters the set, on the connectors where the fact
 * holds:
 * - on the condition connectors of a Check contact attributes block that compares it, with an
 *   operator the rule accepts (`checkingOperator`: a value that matched such a condition is one of
 *   the values the author allowed: an allow list, a country code); its "No match" connector does not
 *   count;
 * - when Set contact attributes (or a flow attribute) gives it a literal value, a value the caller
 *   and external systems do not control (`trusted`), or a value already in the set; any other value
 *   takes it out of the set (on all its connectors: the block fails only on size limits);
 * - for `$.StoredCustomerInput`, when the input block that stores the digits is accepted by the
 *   rule (`storedInputChecked`, e.g. a phone-number validation for one country);
 * - through a validating Lambda function: values passed to a function in its invocation attributes
 *   enter the set on a condition connector of a later Check contact attributes block that compares
 *   one of the function's results (`$.External.*`).
 * A Lambda function's connectors take every `$.External.*` value out of the set (a new response
 * replaces them), a Lex block's take every `$.Lex.*` value out.
 *
 * Blocks are recognised by catalog facts, found by parameter name (no action type is named): the
 * compared value is the `ComparisonValue` parameter, attributes are set through an `Attributes` or
 * `FlowAttributes` object parameter, Lambda inputs are `LambdaInvocationAttributes`, the input block
 * has a `StoreInput` switch, and a Lex block has a parameter that refers to a Lex bot.
 */
import { getAction, isObject, sameNames, solveForward } from "@connect-lint/core";
import type { Action, ActionSpec, FlowEdge, FlowGraph, ForwardProblem, NameSet } from "@connect-lint/core";
import { findReferences, formatReferencePath, parseReference, referenceMatches } from "./references.js";
import type { FlowDataReference } from "./references.js";

const COMPARED = "ComparisonValue";
const LAMBDA_INPUTS = "LambdaInvocationAttributes";
const STORE = "StoreInput";
const STORED_INPUT = "$.StoredCustomerInput";
/** Attribute-setting parameters and the namespace their keys land in. */
const ATTRIBUTE_PARAMETERS: readonly (readonly [parameter: string, namespace: string])[] = [
  ["Attributes", "Attributes"],
  ["FlowAttributes", "FlowAttributes"],
];
/** Marks a value that was passed to the last Lambda function (awaiting a check of its result). */
const PASSED = "passed:";

export interface CheckedValuesOptions {
  /** References whose value the caller and external systems cannot set (system values). */
  readonly trusted: (reference: FlowDataReference) => boolean;
  /** Whether the digits stored by this input block count as checked. */
  readonly storedInputChecked: (action: Action) => boolean;
  /** Whether a condition with this operator, when it matches, checks the compared value. */
  readonly checkingOperator: (operator: string) => boolean;
}

function specOf(action: Action): ActionSpec | undefined {
  return action.type === undefined ? undefined : getAction(action.type);
}

function isTrue(value: unknown): boolean {
  return typeof value === "string" && value.trim().toLowerCase() === "true";
}

/** The canonical path a value is tracked under. */
export function valueKey(reference: FlowDataReference): string {
  return reference.path;
}

/** What a block does to the set, precomputed once per block. */
interface Effect {
  /** The compared value (Check contact attributes), when it is one reference. */
  readonly compared?: FlowDataReference;
  /** Attributes set: key path -> the value's references (empty: a literal). */
  readonly sets?: ReadonlyMap<string, readonly FlowDataReference[]>;
  /** Lambda function: the paths of the values passed to it. */
  readonly passes?: readonly string[];
  /** Input block in store mode: whether its digits count as checked. */
  readonly stores?: boolean;
  /** Lex block. */
  readonly lex?: boolean;
}

function effectOf(action: Action, spec: ActionSpec, options: CheckedValuesOptions): Effect | undefined {
  const p = action.parameters;
  const params = spec.parameters;
  if (params[COMPARED] && typeof p[COMPARED] === "string") {
    const compared = parseReference(p[COMPARED]);
    return compared ? { compared } : undefined;
  }
  if (params[LAMBDA_INPUTS]) {
    const inputs = p[LAMBDA_INPUTS];
    const passes: string[] = [];
    if (isObject(inputs)) {
      for (const value of Object.values(inputs)) {
        if (typeof value === "string") for (const r of findReferences(value)) passes.push(valueKey(r));
      }
    }
    return { passes };
  }
  if (params[STORE]?.enum?.includes("True")) {
    return isTrue(p[STORE]) ? { stores: options.storedInputChecked(action) } : undefined;
  }
  if (Object.values(params).some((s) => s.references === "lex-bot")) return { lex: true };
  for (const [parameter, namespace] of ATTRIBUTE_PARAMETERS) {
    const value = params[parameter] ? p[parameter] : undefined;
    if (!isObject(value)) continue;
    const sets = new Map<string, readonly FlowDataReference[]>();
    for (const [key, raw] of Object.entries(value)) {
      // Flow attributes are written {key: {Value, ...}}; contact attributes {key: value}.
      const v = isObject(raw) ? raw.Value : raw;
      sets.set(formatReferencePath([namespace, key]), typeof v === "string" ? findReferences(v) : []);
    }
    return { sets };
  }
  return undefined;
}

function checkedProblem(effects: ReadonlyMap<Action, Effect>, options: CheckedValuesOptions): ForwardProblem<NameSet> {
  return {
    entry: new Set<string>(),
    join(a, b) {
      if (a === b) return a;
      const out = new Set<string>();
      for (const x of a) if (b.has(x)) out.add(x);
      return out;
    },
    equals: sameNames,
    transfer(action: Action, input: NameSet, edge: FlowEdge): NameSet {
      const e = effects.get(action);
      if (!e) return input;
      const kind = edge.transition?.kind;
      if (e.compared) {
        const operator = edge.transition?.condition?.operator;
        if (kind !== "condition" || typeof operator !== "string" || !options.checkingOperator(operator)) return input;
        const out = new Set(input);
        out.add(valueKey(e.compared));
        if (e.compared.namespace === "External") {
          for (const x of input) if (x.startsWith(PASSED)) out.add(x.slice(PASSED.length));
        }
        return out;
      }
      if (e.passes) {
        const out = new Set<string>();
        for (const x of input) if (!x.startsWith(PASSED) && !x.startsWith("$.External.") && x !== "$.External") out.add(x);
        if (kind === "next") for (const p of e.passes) out.add(PASSED + p);
        return out;
      }
      if (e.lex) {
        const out = new Set<string>();
        for (const x of input) if (!x.startsWith("$.Lex.")) out.add(x);
        return out;
      }
      if (e.stores !== undefined) {
        if (kind !== "next") return input;
        const out = new Set(input);
        if (e.stores) out.add(STORED_INPUT);
        else out.delete(STORED_INPUT);
        return out;
      }
      if (e.sets) {
        // On every connector: a Set contact attributes block fails only on limits (size, count),
        // and flows route its Error branch on as if the attributes were set.
        const out = new Set(input);
        for (const [key, refs] of e.sets) {
          if (refs.every((r) => options.trusted(r) || input.has(valueKey(r)))) out.add(key);
          else out.delete(key);
        }
        return out;
      }
      return input;
    },
  };
}

/** The values checked (or constant) on every path into each reachable block. */
export function checkedValuesBefore(graph: FlowGraph, options: CheckedValuesOptions): ReadonlyMap<Action, NameSet> {
  const effects = new Map<Action, Effect>();
  for (const action of graph.flow.actions) {
    const spec = specOf(action);
    if (!spec) continue;
    const effect = effectOf(action, spec, options);
    if (effect) effects.set(action, effect);
  }
  return solveForward(graph, checkedProblem(effects, options)).before;
}


/** The `trustedReferences` option of the rules that ask for checked values: references the team vouches for. */
export interface TrustedReferencesOptions {
  readonly trustedReferences: readonly string[];
}

export const TRUSTED_REFERENCES_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    trustedReferences: { type: "array", items: { type: "string", pattern: "^\\s*\\$" } },
  },
} as const;

/** The problem with a `trustedReferences` option, or undefined; `example` is a reference the message suggests. */
export function checkTrustedReferences(options: TrustedReferencesOptions, example: string): string | undefined {
  for (const entry of options.trustedReferences) {
    const trimmed = entry.trim();
    if (!parseReference(trimmed.endsWith(".*") ? trimmed.slice(0, -2) : trimmed)) {
      return `trustedReferences entry ${JSON.stringify(entry)} is not a reference such as "${example}" or "$.Attributes.*"`;
    }
  }
  return undefined;
}

/** True when a reference is one the `trustedReferences` option vouches for. */
export function isTrustedByOption(options: TrustedReferencesOptions, reference: FlowDataReference): boolean {
  return options.trustedReferences.some((p) => referenceMatches(reference, p));
}
