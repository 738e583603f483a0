/**
 * JSON Schema validators without compiling at start-up. Every schema known when connect-lint is built
 * (the flow document, the configuration, the suppressions file, the built-in rules' options) is
 * compiled by ajv's standalone code generation (`pnpm gen`, scripts/lib/validators.js) into the
 * modules under ./generated, which `pnpm gen:check` keeps in step with the schemas. ajv itself is
 * loaded, synchronously and only then, for a schema that is not among them (a rule from elsewhere).
 *
 * The options below are the ones the generator compiles with, so a generated validator and one
 * compiled here report the same errors.
 */
import type { ErrorObject, Options } from "ajv";
import type * as AjvModule from "ajv";
import type * as Ajv2020Module from "ajv/dist/2020.js";
import { ajv, ajv2020 } from "../lazy.js";

/** A validator, generated or compiled: true when valid, else its `errors` say why. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// The flow document schema is ours and fixed, and checked against the meta-schema by a test.
export const FLOW_DOCUMENT_AJV_OPTIONS: Options = { allErrors: true, strict: true, meta: false, validateSchema: false };
export const SUPPRESSIONS_AJV_OPTIONS: Options = { allErrors: false, strict: false };
/** For the configuration schema, which is JSON Schema 2020-12 (ajv's Ajv2020 class). */
export const CONFIG_AJV_OPTIONS: Options = { allErrors: true, strict: false };
export const RULE_OPTIONS_AJV_OPTIONS: Options = { allErrors: true, strict: false, useDefaults: false };

/** A fresh ajv instance, loading ajv on first use. */
export function createAjv(options: Options): AjvModule.Ajv {
  return new (ajv().Ajv)(options);
}

/** A fresh ajv instance for JSON Schema 2020-12, loading ajv on first use. */
export function createAjv2020(options: Options): Ajv2020Module.Ajv2020 {
  return new (ajv2020().Ajv2020)(options);
}

/** The key a schema's generated validator is found by: its JSON text. */
export function schemaKey(schema: unknown): string {
  return JSON.stringify(schema);
}
