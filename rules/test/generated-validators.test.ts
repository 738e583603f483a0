/**
 * The validators generated at build time (`pnpm gen`, ajv's standalone code) against the same schemas
 * compiled by ajv at run time with the same options: the same verdict and the same errors, byte for
 * byte, over every flow of the fixtures (and of the shared corpus when it is there) and over good and
 * bad configurations, suppressions files and rule options. `pnpm gen:check` keeps them generated from
 * the current schemas; this keeps them equal to what ajv would compile.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ACTIONS, FLOW_DOCUMENT_SCHEMA, SUPPRESSIONS_SCHEMA, configSchema, isObject, schemaKey } from "@connect-lint/core";
import type { Validator } from "@connect-lint/core";
import { rules } from "../src/index.js";
import { NON_EMPTY_SCHEMA, PARAMETERS_AJV_OPTIONS, parametersSchema } from "../src/utils/action-schema.js";
import { PARAMETERS_VALIDATORS } from "../src/utils/generated/action-parameters.js";
import { CONFIG_AJV_OPTIONS, FLOW_DOCUMENT_AJV_OPTIONS, RULE_OPTIONS_AJV_OPTIONS, SUPPRESSIONS_AJV_OPTIONS } from "../../packages/core/src/schema/validators.js";
import { validateFlowDocument } from "../../packages/core/src/schema/generated/flow-document.js";
import { validateConfigFile } from "../../packages/core/src/schema/generated/config.js";
import { validateSuppressions } from "../../packages/core/src/schema/generated/suppressions.js";
import { RULE_OPTIONS_VALIDATORS } from "../../packages/core/src/schema/generated/rule-options.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function jsonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every JSON value of the fixtures and the corpus that parses. */
const documents: unknown[] = [...jsonFiles(path.join(root, "fixtures")), ...jsonFiles(path.join(root, "../shared/corpus/flows"))].flatMap((file) => {
  try {
    return [JSON.parse(fs.readFileSync(file, "utf8")) as unknown];
  } catch {
    return [];
  }
});

function verdict(validate: Validator, value: unknown): unknown {
  const valid = validate(value);
  return { valid, errors: valid ? null : validate.errors };
}

function expectSame(generated: Validator, compiled: Validator, values: readonly unknown[]): number {
  let invalid = 0;
  for (const value of values) {
    const expected = verdict(compiled, value);
    expect(verdict(generated, value)).toEqual(expected);
    if (!(expected as { valid: boolean }).valid) invalid++;
  }
  return invalid;
}

describe("generated validators", () => {
  it("check flow documents as ajv compiles FLOW_DOCUMENT_SCHEMA", () => {
    const compiled = new Ajv(FLOW_DOCUMENT_AJV_OPTIONS).compile(FLOW_DOCUMENT_SCHEMA);
    const flows = documents.filter((d) => isObject(d) && "Actions" in d);
    expect(flows.length).toBeGreaterThan(100);
    // Fixtures of the structure rule are invalid on purpose: errors are compared too.
    expect(expectSame(validateFlowDocument, compiled, [...flows, {}, [], "x", null])).toBeGreaterThan(10);
  });

  it("check every action's Parameters as ajv compiles the action type's schema", () => {
    const ajv = new Ajv(PARAMETERS_AJV_OPTIONS);
    ajv.addSchema(NON_EMPTY_SCHEMA);
    const byType = new Map<string, unknown[]>();
    for (const d of documents) {
      if (!isObject(d) || !Array.isArray(d.Actions)) continue;
      for (const action of d.Actions as unknown[]) {
        if (!isObject(action) || typeof action.Type !== "string" || !isObject(action.Parameters)) continue;
        const list = byType.get(action.Type) ?? [];
        list.push(action.Parameters);
        byType.set(action.Type, list);
      }
    }
    let checked = 0;
    let invalid = 0;
    for (const spec of ACTIONS) {
      const schema = parametersSchema(spec);
      const generated = PARAMETERS_VALIDATORS.get(spec.type);
      expect(generated?.[1], spec.type).toBe(schemaKey(schema));
      const values = [...(byType.get(spec.type) ?? []), {}, { Unknown: "" }, { [Object.keys(spec.parameters)[0] ?? "X"]: 12 }];
      invalid += expectSame((generated as readonly [Validator, string])[0], ajv.compile(schema), values);
      checked += values.length;
    }
    expect(checked).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(100);
  });

  it("check configurations as ajv compiles configSchema() (JSON Schema 2020-12)", () => {
    const compiled = new Ajv2020(CONFIG_AJV_OPTIONS).compile(configSchema());
    const values = [
      {},
      { extends: "recommended", rules: { "no-dangling-connector": "warn", "flow-naming-convention": ["error", { pattern: "^x" }] } },
      { extends: ["strict", "nope"], rules: { a: "fatal", b: [3], c: [] } },
      { overrides: [{ files: "", rules: {} }, { flowTypes: ["NOPE"] }], ignores: [""], unknown: true },
      { flowTypes: { "a/**": "CONTACT_FLOW", "b/**": "X" }, limits: { maxFileBytes: "big" }, placeholders: [1] },
      { project: { files: 3 }, inventory: [], suppressions: 1, settings: [] },
      [],
      "x",
      null,
    ];
    expect(expectSame(validateConfigFile, compiled, values)).toBe(7);
  });

  it("check suppressions files as ajv compiles SUPPRESSIONS_SCHEMA", () => {
    const compiled = new Ajv(SUPPRESSIONS_AJV_OPTIONS).compile(SUPPRESSIONS_SCHEMA);
    const entry = { file: "a.json", rule: "no-dangling-connector", actionId: null, reason: "known" };
    const values = [
      { version: 1, suppressions: [entry] },
      { version: 2, suppressions: [] },
      { version: 1, suppressions: [{ ...entry, expires: "tomorrow" }] },
      { version: 1, suppressions: [{ ...entry, reason: "" }] },
      { version: 1, suppressions: [{ ...entry, extra: 1 }] },
      { version: 1 },
      [],
    ];
    expect(expectSame(validateSuppressions, compiled, values)).toBe(6);
  });

  it("check every built-in rule's options as ajv compiles the rule's schema", () => {
    const ajv = new Ajv(RULE_OPTIONS_AJV_OPTIONS);
    let invalid = 0;
    for (const rule of rules) {
      const generated = RULE_OPTIONS_VALIDATORS.get(schemaKey(rule.meta.schema));
      expect(generated, rule.name).toBeDefined();
      const names = Object.keys((rule.meta.schema as { properties?: object }).properties ?? {});
      const values: unknown[] = [rule.meta.defaultOptions, {}, { unknown: 1 }, "x", 3, [], null];
      for (const name of names) values.push({ [name]: 12345 }, { [name]: "" }, { [name]: ["", 1] }, { [name]: { a: 1 } }, { [name]: -1 });
      invalid += expectSame(generated as Validator, ajv.compile(rule.meta.schema), values);
    }
    expect(invalid).toBeGreaterThan(rules.length * 5);
  });
});
