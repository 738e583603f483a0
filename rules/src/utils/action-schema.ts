/**
 * Parameter validation generated from the catalog: one JSON Schema per action type, built from its
 * ActionSpec (required parameters, allowed names, value types, enums, non-empty strings), and mapped
 * back to typed problems. The catalog's schemas are compiled at build time by ajv's standalone code
 * generation (`pnpm gen`, into ./generated); a schema not among them is compiled with ajv on first use.
 */
import type { ErrorObject, Options } from "ajv";
import { DYNAMIC_VALUE_SOURCE, createAjv, didYouMean, escapePointerToken, isDynamicValue, schemaKey } from "@connect-lint/core";
import type { ActionSpec, ParameterValueType, Validator } from "@connect-lint/core";
import { PARAMETERS_VALIDATORS } from "./generated/action-parameters.js";
/** What is wrong with one action's `Parameters`. Pointers are relative to the `Parameters` object. */
export type ParameterProblem =
  | { readonly kind: "missing"; readonly parameter: string }
  | { readonly kind: "unknown"; readonly parameter: string; readonly pointer: string }
  | {
      readonly kind: "type";
      readonly parameter: string;
      readonly pointer: string;
      readonly expected: ParameterValueType;
      readonly value: unknown;
    }
  | {
      readonly kind: "enum";
      readonly parameter: string;
      readonly pointer: string;
      readonly value: string;
      readonly allowed: readonly string[];
      /** The allowed value the given one matches when case is ignored. */
      readonly caseOf: string | undefined;
    }
  | { readonly kind: "empty"; readonly pointer: string };

/** Strings must not be "" (" " is fine), in nested objects too. Compiled once, shared by every action schema. */
const NON_EMPTY_ID = "urn:connect-lint:schema:non-empty-value";
export const NON_EMPTY_SCHEMA = {
  $id: NON_EMPTY_ID,
  // Arrays are not entered: published exports carry "" inside arrays of view data (ShowView) and deploy.
  minLength: 1,
  additionalProperties: { $ref: "#" },
};

/**
 * strictTypes off: the non-empty schema applies `minLength` and `additionalProperties` to a value of
 * any type on purpose (each keyword only acts on its own type). The schemas are generated here, so
 * they are not validated against the meta-schema, and code compiled at run time is not optimised:
 * both save time when a schema is compiled on use.
 */
export const PARAMETERS_AJV_OPTIONS: Options = {
  allErrors: true,
  strict: true,
  strictTypes: false,
  meta: false,
  validateSchema: false,
  code: { optimize: false },
};

let ajvInstance: ReturnType<typeof createAjv> | undefined;
function ajv(): ReturnType<typeof createAjv> {
  if (!ajvInstance) {
    ajvInstance = createAjv(PARAMETERS_AJV_OPTIONS);
    ajvInstance.addSchema(NON_EMPTY_SCHEMA);
  }
  return ajvInstance;
}

const validators = new Map<string, Validator>();

/**
 * The validator of an action type's `Parameters`: the one generated from the catalog when its schema
 * is the same, else compiled on first use. Cached by type.
 */
function validatorFor(spec: ActionSpec): Validator {
  let validate = validators.get(spec.type);
  if (!validate) {
    const schema = parametersSchema(spec);
    const generated = PARAMETERS_VALIDATORS.get(spec.type);
    validate = generated?.[1] === schemaKey(schema) ? generated[0] : ajv().compile(schema);
    validators.set(spec.type, validate);
  }
  return validate;
}

/** True when the catalog's facts about the action are reliable enough to reject a flow on. */
export function isCheckable(spec: ActionSpec): boolean {
  return spec.confidence !== "low";
}

/**
 * JSON Schema of an action type's `Parameters`. For a `low`-confidence action (third-party material
 * only) it checks nothing but the service-wide rule that no value is an empty string.
 *
 * The schema states the catalog's facts plainly (`type`, `enum`); the leniency for dynamic and
 * templated values, and for True/False written in another case, is applied when its errors are read
 * (see `toProblem`), which keeps the generated code small and quick to compile.
 */
export function parametersSchema(spec: ActionSpec): Record<string, unknown> {
  const nonEmpty = { $ref: NON_EMPTY_ID };
  if (!isCheckable(spec)) return { type: "object", additionalProperties: nonEmpty };
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [name, parameter] of Object.entries(spec.parameters)) {
    if (parameter.required) required.push(name);
    properties[name] = {
      ...(parameter.valueType === "any" ? {} : { type: parameter.valueType }),
      ...(parameter.enum && parameter.enum.length > 0 ? { enum: [...parameter.enum] } : {}),
      ...nonEmpty,
    };
  }
  return {
    type: "object",
    ...(required.length > 0 ? { required } : {}),
    properties,
    ...(spec.closedParameters
      ? // A key that is itself a template placeholder is filled in before upload: not reported.
        { patternProperties: { [DYNAMIC_VALUE_SOURCE]: nonEmpty }, additionalProperties: false }
      : { additionalProperties: nonEmpty }),
  };
}

const BOOLEAN_WORDS = new Set(["true", "false"]);

/**
 * True when `value` is one of `allowed` True/False words in another case. The designer writes
 * "True" for some blocks and "true" for others, and AWS's own examples use both for one parameter.
 */
function isBooleanInAnotherCase(value: string, allowed: readonly string[]): boolean {
  return allowed.every((a) => BOOLEAN_WORDS.has(a.toLowerCase())) && allowed.some((a) => a.toLowerCase() === value.toLowerCase());
}

/** Validates one action's `Parameters` object against its type's schema. */
export function checkParameters(spec: ActionSpec, parameters: Readonly<Record<string, unknown>>): ParameterProblem[] {
  const validate = validatorFor(spec);
  if (validate(parameters)) return [];
  const problems: ParameterProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = toProblem(spec, parameters, error);
    if (problem) problems.push(problem);
  }
  return problems;
}

function toProblem(spec: ActionSpec, parameters: Readonly<Record<string, unknown>>, error: ErrorObject): ParameterProblem | undefined {
  const pointer = error.instancePath;
  const parameter = firstToken(pointer);
  switch (error.keyword) {
    case "required":
      return { kind: "missing", parameter: String(error.params.missingProperty) };
    case "additionalProperties": {
      const name = String(error.params.additionalProperty);
      return { kind: "unknown", parameter: name, pointer: `${pointer}/${escapePointerToken(name)}` };
    }
    case "minLength":
      return { kind: "empty", pointer };
    case "type": {
      const value = parameters[parameter];
      const expected = spec.parameters[parameter]?.valueType;
      // "" is reported as empty; dynamic and templated strings are resolved later.
      if (expected === undefined || value === "" || isDynamicValue(value)) return undefined;
      return { kind: "type", parameter, pointer, expected, value };
    }
    case "enum": {
      const value = parameters[parameter];
      const allowed = spec.parameters[parameter]?.enum ?? [];
      // Not a string: reported as a wrong type.
      if (typeof value !== "string" || value === "" || isDynamicValue(value) || isBooleanInAnotherCase(value, allowed)) return undefined;
      const caseOf = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
      return { kind: "enum", parameter, pointer, value, allowed, caseOf };
    }
    default:
      break;
  }
  // Only the keywords above are generated; anything else is a bug in this module.
  throw new Error(`unexpected schema error ${error.keyword} at ${pointer} for ${spec.type}`);
}

function firstToken(pointer: string): string {
  const token = pointer.split("/")[1] ?? "";
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * The known parameter name an unknown one was probably meant to be: the same name in another case,
 * the same words in another order, or a close spelling (e.g. `TimeoutSeconds` -> `TimeLimitSeconds`).
 */
export function suggestParameter(name: string, known: readonly string[]): string | undefined {
  // A close spelling: at most a quarter of the known name's length (at least 2), and less than half of it.
  return didYouMean(name, known, {
    ignoreCase: true,
    sameWords: true,
    maxDistance: (_, k) => Math.min(Math.max(2, Math.floor(k.length / 4)), Math.ceil(k.length / 2) - 1),
  });
}
