/**
 * The contract every rule keeps: the registry, the rule files, the docs and the fixture folders match
 * in both directions; meta is well formed; every valid case gives nothing; every invalid case gives
 * exactly its expected lines; every message id is produced by some fixture.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { rules } from "@connect-lint/rules";
import { fixtureRuleNames, loadFixtureCases, runCaseLines, runFixtureCase } from "@connect-lint/rules/testing";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixturesDir = path.join(root, "fixtures/rules");
const docsDir = path.join(root, "rules/docs");
const srcDir = path.join(root, "rules/src");

const registryNames = rules.map((r) => r.name);
const ruleFiles = fs
  .readdirSync(srcDir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.slice(0, -3))
  .sort();
const docNames = fs
  .readdirSync(docsDir)
  .filter((f) => f.endsWith(".md") && !f.startsWith("_"))
  .map((f) => f.slice(0, -3))
  .sort();

describe("registry, files, docs and fixtures match", () => {
  it("registry is sorted and names are kebab-case", () => {
    expect(registryNames).toEqual([...registryNames].sort());
    for (const name of registryNames) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
  it("one rule file per rule, named after it", () => {
    expect(ruleFiles).toEqual(registryNames);
  });
  it("one doc per rule", () => {
    expect(docNames).toEqual(registryNames);
  });
  it("one fixture folder per rule", () => {
    expect(fixtureRuleNames(fixturesDir)).toEqual(registryNames);
  });
});

const ajv = new Ajv({ strict: false });

describe.each(rules.map((r) => [r.name, r] as const))("%s", (name, rule) => {
  const cases = loadFixtureCases(fixturesDir, name);
  const valid = cases.filter((c) => c.kind === "valid");
  const invalid = cases.filter((c) => c.kind === "invalid");

  it("has well-formed meta", () => {
    expect(rule.meta.description).toMatch(/^[A-Z].*\.$/);
    expect(["problem", "suggestion"]).toContain(rule.meta.type);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const [id, text] of Object.entries(rule.meta.messages)) {
      expect(id, `message id ${id}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(text, `message ${id}`).toMatch(/^\S.*[.?]$/s);
    }
    const validate = ajv.compile(rule.meta.schema);
    expect(validate(rule.meta.defaultOptions), JSON.stringify(validate.errors)).toBe(true);
  });

  it("has at least one valid and one invalid case", () => {
    expect(valid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThan(0);
  });

  it.each(valid.map((c) => [c.name, c] as const))("valid/%s gives no finding", (_n, fixture) => {
    expect(runCaseLines(rule, fixture)).toEqual([]);
  });

  it.each(invalid.map((c) => [c.name, c] as const))("invalid/%s gives exactly its .out lines", (_n, fixture) => {
    expect(fixture.expected, `${String(fixture.outFile)} is missing`).toBeDefined();
    expect(runCaseLines(rule, fixture)).toEqual(fixture.expected);
  });

  it("every message id is produced by some invalid case", () => {
    const produced = new Set(invalid.flatMap((c) => runFixtureCase(rule, c).map((m) => m.messageId)));
    expect([...produced].filter((id) => !(id in rule.meta.messages))).toEqual([]);
    expect(Object.keys(rule.meta.messages).filter((id) => !produced.has(id))).toEqual([]);
  });

  it("doc has the required sections", () => {
    const doc = fs.readFileSync(path.join(docsDir, `${name}.md`), "utf8");
    expect(doc.startsWith(`# ${name}\n`)).toBe(true);
    for (const heading of ["## What it catches", "## Why it matters", "## How to fix it", "## Options", "## Examples"]) {
      expect(doc, heading).toContain(`\n${heading}\n`);
    }
    expect(doc).toContain(rule.meta.description);
  });
});
