import { FLOW_TYPE_NAMES } from "../catalog/types.js";
import type { AnyRule, JsonSchema } from "../rule.js";
import { MAX_NESTING_DEPTH } from "../limits.js";

export const PRESET_NAMES = ["recommended", "strict", "all", "compliance"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const severity = {
  oneOf: [{ enum: ["off", "warn", "error"] }, { enum: [0, 1, 2] }],
  description: '"off", "warn" or "error" (or 0, 1, 2).',
};

const ruleSetting: JsonSchema = {
  description: "A severity, or [severity, options].",
  oneOf: [severity, { type: "array", prefixItems: [severity], minItems: 1, maxItems: 2 }],
};

const globs = {
  description: "Glob patterns, relative to the folder of the configuration file.",
  oneOf: [{ type: "string", minLength: 1 }, { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 }],
};

const flowTypeName = { enum: [...FLOW_TYPE_NAMES] };

/** JSON Schema of the configuration (`connect-lint.config.*`, `.connect-lintrc*`, package.json key). */
export function configSchema(rules?: readonly AnyRule[]): JsonSchema {
  const rulesProperty: Record<string, unknown> = {
    type: "object",
    description: "Rules by name: a severity, or [severity, options].",
    additionalProperties: ruleSetting,
  };
  if (rules) {
    // For editors: each rule's own options schema, and unknown rule names flagged.
    rulesProperty.additionalProperties = false;
    rulesProperty.properties = Object.fromEntries(
      rules.map((r) => [
        r.name,
        {
          description: r.meta.description,
          oneOf: [severity, { type: "array", prefixItems: [severity, r.meta.schema], minItems: 1, maxItems: 2, items: false }],
        },
      ]),
    );
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "connect-lint configuration",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      extends: {
        description: "Presets to start from, in order: recommended, strict, all, compliance. Without extends, recommended; [] starts from no rule.",
        oneOf: [{ enum: [...PRESET_NAMES] }, { type: "array", items: { enum: [...PRESET_NAMES] } }],
      },
      rules: rulesProperty,
      overrides: {
        type: "array",
        description: "Rule settings for some files or flow types; later entries win.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["rules"],
          properties: {
            files: globs,
            ignores: globs,
            flowTypes: { type: "array", items: flowTypeName, minItems: 1, description: "Apply only to flows of these types." },
            rules: rulesProperty,
            settings: { type: "object" },
          },
        },
      },
      ignores: { type: "array", items: { type: "string", minLength: 1 }, description: "Files never linted (globs)." },
      flowTypes: {
        type: "object",
        description: 'The type of flows whose export lacks Metadata.type, by glob: { "queues/**": "CUSTOMER_QUEUE" }.',
        additionalProperties: flowTypeName,
      },
      settings: { type: "object", description: "Settings shared by rules." },
      project: {
        type: "object",
        additionalProperties: false,
        description: "The whole project for cross-flow rules, even when only some files are linted.",
        properties: {
          files: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1, description: "Globs of every flow and module of the project." },
        },
      },
      inventory: {
        description: "Files with the output of `aws connect list-*` commands (flows, modules, queues, prompts, hours, Lambda functions, Lex bots).",
        oneOf: [{ type: "string", minLength: 1 }, { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 }],
      },
      suppressions: {
        type: "string",
        minLength: 1,
        description: "The suppressions file, relative to the configuration file (default connect-lint-suppressions.json).",
      },
      placeholders: {
        type: "array",
        items: { type: "string", minLength: 1 },
        description:
          'More deployment placeholder syntaxes, as regular expressions (e.g. "##[A-Z_]+##", "\\$\\{M:[^}]+:M\\}"): values holding one are unknown until deployment, like ${...} and {{...}}, which are built in.',
      },
      limits: {
        type: "object",
        additionalProperties: false,
        description: "Limits on the input: a file over one is reported (file-too-large, too-deeply-nested) and not linted.",
        properties: {
          maxFileSize: { type: "integer", minimum: 1, description: "The largest file linted, in bytes (default 10485760, 10 MiB)." },
          maxNestingDepth: {
            type: "integer",
            minimum: 1,
            maximum: MAX_NESTING_DEPTH,
            description: "The deepest nesting of JSON arrays and objects parsed (default 100; real flows nest about 13 deep).",
          },
        },
      },
    },
  };
}
