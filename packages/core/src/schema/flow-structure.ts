import type { ErrorObject } from "ajv";
import { isObject } from "../model/flow.js";
import { pointerOf } from "../parse/json-document.js";
import { validateFlowDocument } from "./generated/flow-document.js";

/** Names the service forbids as Identifiers: members of JavaScript's Object prototype. */
export const FORBIDDEN_IDENTIFIERS = [
  "__proto__",
  "constructor",
  "__defineGetter__",
  "__defineSetter__",
  "toString",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "valueOf",
] as const;

/** Characters the service forbids in Identifiers. */
export const FORBIDDEN_IDENTIFIER_CHARACTERS = "%:()\\/=$,;[]{}";

/** Matches a string with any of FORBIDDEN_IDENTIFIER_CHARACTERS. */
const FORBIDDEN_CHARACTER = new RegExp(`[${FORBIDDEN_IDENTIFIER_CHARACTERS.replace(/[\\\][^-]/g, "\\$&")}]`);

export const IDENTIFIER_MAX_LENGTH = 50;

export const FLOW_LANGUAGE_VERSION = "2019-10-30";

const nextAction = { type: "string" } as const;

/** JSON Schema of a Flow-language document (flow or module), as far as its shape goes. */
export const FLOW_DOCUMENT_SCHEMA = {
  type: "object",
  required: ["Version", "StartAction", "Actions"],
  properties: {
    Version: { const: FLOW_LANGUAGE_VERSION },
    StartAction: { type: "string" },
    Actions: { type: "array", items: { $ref: "#/definitions/action" } },
    Metadata: { type: "object" },
    Settings: { type: "object" },
  },
  additionalProperties: false,
  definitions: {
    action: {
      type: "object",
      required: ["Identifier", "Type", "Transitions"],
      properties: {
        Identifier: { type: "string" },
        Type: { type: "string", minLength: 1 },
        Parameters: { type: "object" },
        Transitions: {
          type: "object",
          properties: {
            NextAction: nextAction,
            Conditions: {
              type: "array",
              items: {
                type: "object",
                required: ["NextAction", "Condition"],
                properties: {
                  NextAction: nextAction,
                  Condition: {
                    type: "object",
                    required: ["Operator", "Operands"],
                    properties: {
                      Operator: { type: "string" },
                      Operands: { type: "array", items: { type: "string" } },
                    },
                  },
                },
                additionalProperties: false,
              },
            },
            Errors: {
              type: "array",
              items: {
                type: "object",
                required: ["ErrorType", "NextAction"],
                properties: { ErrorType: { type: "string", minLength: 1 }, NextAction: nextAction },
                additionalProperties: false,
              },
            },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
} as const;

export type StructureProblemKind =
  | "empty-value"
  | "missing-property"
  | "unknown-property"
  | "wrong-type"
  | "wrong-version"
  | "identifier-too-long"
  | "identifier-forbidden-character"
  | "identifier-forbidden-name"
  | "identifier-empty"
  | "duplicate-identifier";

export interface StructureProblem {
  readonly kind: StructureProblemKind;
  /** JSON pointer of the offending value (or the object lacking a property). */
  readonly pointer: string;
  /** Point at the member's key (unknown properties). */
  readonly key: boolean;
  /** Values for the message. */
  readonly data: Readonly<Record<string, string | number>>;
}

/** Validates against FLOW_DOCUMENT_SCHEMA, with the validator generated from it at build time (`pnpm gen`). */
function validate(value: unknown): readonly ErrorObject[] {
  return validateFlowDocument(value) ? [] : (validateFlowDocument.errors ?? []);
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split("/").slice(1)) {
    const t = token.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = node[Number(t)];
    else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, t)) node = node[t];
    else return undefined;
  }
  return node;
}

/**
 * Checks the shape of a Flow-language document: required keys, types, unknown keys, the Version,
 * and the service's Identifier rules (length, forbidden characters and names, uniqueness).
 * Problems come in document order.
 */
export function checkFlowStructure(value: unknown): StructureProblem[] {
  const problems: StructureProblem[] = [];
  for (const error of validate(value)) {
    const at = error.instancePath;
    switch (error.keyword) {
      case "required":
        problems.push({ kind: "missing-property", pointer: at, key: false, data: { property: String(error.params.missingProperty) } });
        break;
      case "additionalProperties": {
        const property = String(error.params.additionalProperty);
        problems.push({ kind: "unknown-property", pointer: `${at}${pointerOf(property)}`, key: true, data: { property } });
        break;
      }
      case "type":
        // A deployment placeholder standing for a whole value (`"Parameters": ${jsonencode(p)}` in a
        // Terraform template) can be of any type once rendered.
        if (isWholePlaceholder(valueAt(value, at))) break;
        problems.push({
          kind: "wrong-type",
          pointer: at,
          key: false,
          data: { property: at === "" ? "document" : at, expected: String(error.params.type), actual: jsonType(valueAt(value, at)) },
        });
        break;
      case "const":
        problems.push({ kind: "wrong-version", pointer: at, key: false, data: { expected: FLOW_LANGUAGE_VERSION, actual: JSON.stringify(valueAt(value, at)) } });
        break;
      case "minLength":
        problems.push({ kind: "empty-value", pointer: at, key: false, data: { property: at } });
        break;
      default:
        // Every keyword the schema uses is handled above; a new one needs its own message.
        throw new Error(`unhandled schema keyword ${error.keyword} at ${at}`);
    }
  }
  problems.push(...checkIdentifiers(value));
  return problems;
}

/** A string that is one deployment placeholder and nothing else: `${...}` or `{{...}}`. */
function isWholePlaceholder(value: unknown): boolean {
  return typeof value === "string" && /^(?:\$\{[^}]*\}|\{\{[^}]*\}\})$/.test(value);
}

function checkIdentifiers(value: unknown): StructureProblem[] {
  const problems: StructureProblem[] = [];
  if (!isObject(value) || !Array.isArray(value.Actions)) return problems;
  const seen = new Map<string, number>();
  (value.Actions as unknown[]).forEach((action, index) => {
    if (!isObject(action) || typeof action.Identifier !== "string") return;
    const id = action.Identifier;
    const pointer = `/Actions/${String(index)}/Identifier`;
    if (id.length === 0) problems.push({ kind: "identifier-empty", pointer, key: false, data: {} });
    if (id.length > IDENTIFIER_MAX_LENGTH) {
      problems.push({ kind: "identifier-too-long", pointer, key: false, data: { id, length: id.length, max: IDENTIFIER_MAX_LENGTH } });
    }
    // The characters are listed only for an Identifier that has one (a test first: one per block).
    const bad = FORBIDDEN_CHARACTER.test(id) ? [...new Set(Array.from(FORBIDDEN_IDENTIFIER_CHARACTERS).filter((c) => id.includes(c)))].sort((a, b) => id.indexOf(a) - id.indexOf(b)) : [];
    if (bad.length > 0) {
      problems.push({ kind: "identifier-forbidden-character", pointer, key: false, data: { id, characters: bad.map((c) => `"${c}"`).join(", ") } });
    }
    if ((FORBIDDEN_IDENTIFIERS as readonly string[]).includes(id)) {
      problems.push({ kind: "identifier-forbidden-name", pointer, key: false, data: { id } });
    }
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else problems.push({ kind: "duplicate-identifier", pointer, key: false, data: { id, first } });
  });
  return problems;
}
