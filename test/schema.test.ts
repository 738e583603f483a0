/** The JSON Schemas shipped for editors accept what the CLI accepts and reject what it rejects. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const load = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, "packages/cli", name), "utf8")) as Record<string, unknown>;

describe("connect-lint.schema.json", () => {
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(load("connect-lint.schema.json"));

  it("accepts the README's complete example", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const example = /<!-- config example -->\n```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(validate(JSON.parse(example ?? "")), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects unknown rules and options that do not match a rule's schema", () => {
    expect(validate({ rules: { "no-such-rule": "error" } })).toBe(false);
    expect(validate({ rules: { "no-dangling-connector": ["error", { unexpected: true }] } })).toBe(false);
    expect(validate({ rules: { "no-dangling-connector": ["warn"] } })).toBe(true);
    expect(validate({ flowTypes: { "**/queues/*.json": "CUSTOMER_QUEUE" } })).toBe(true);
    expect(validate({ flowTypes: { "**/queues/*.json": "customer queue" } })).toBe(false);
  });
});

describe("connect-lint-suppressions.schema.json", () => {
  const validate = new Ajv2020({ strict: false }).compile(load("connect-lint-suppressions.schema.json"));
  it("requires a reason on every entry", () => {
    const entry = { file: "flows/a.json", rule: "no-dangling-connector", actionId: "x" };
    expect(validate({ version: 1, suppressions: [{ ...entry, reason: "accepted until the Q3 rebuild", expires: "2027-03-31" }] })).toBe(true);
    expect(validate({ version: 1, suppressions: [entry] })).toBe(false);
  });
});
