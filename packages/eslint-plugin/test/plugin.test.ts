/** The plugin object: its rules mirror the core rules, its configs mirror the CLI presets. */
import { describe, expect, it } from "vitest";
import { compliance, recommended, ruleDocsUrl, rules } from "@connect-lint/rules";
import plugin, { FlowLanguage, INTERNAL_ERROR } from "../src/index.js";

const version = plugin.meta.version;

describe("the plugin", () => {
  it("has every per-flow rule, and no cross-flow rule", () => {
    expect(Object.keys(plugin.rules)).toEqual(rules.filter((r) => r.check !== undefined).map((r) => r.name));
    expect(rules.filter((r) => r.check === undefined).map((r) => r.name)).toEqual([
      "no-transfer-cycle",
      "no-unused-flow",
      "valid-flow-reference",
      "valid-module-invocation",
      "valid-resource-reference",
    ]);
  });

  it("gives each rule the core rule's type, description, messages, options schema, defaults and docs URL", () => {
    for (const rule of rules.filter((r) => r.check !== undefined)) {
      const meta = plugin.rules[rule.name]?.meta;
      expect(meta).toMatchObject({
        type: rule.meta.type,
        docs: { description: rule.meta.description, url: ruleDocsUrl(rule.name, version) },
        messages: { ...rule.meta.messages, [INTERNAL_ERROR]: "{{message}}" },
        schema: [rule.meta.schema],
        defaultOptions: [rule.meta.defaultOptions],
        languages: ["connect-lint/flow", "js/js"],
      });
    }
  });

  it("mirrors the CLI's recommended and compliance presets, for flow files and for code", () => {
    const expected = (preset: Readonly<Record<string, unknown>>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(preset).filter(([name]) => name in plugin.rules).map(([name, s]) => [`connect-lint/${name}`, s]));
    for (const [name, preset] of [["recommended", recommended], ["compliance", compliance]] as const) {
      const [flows, code] = plugin.configs[name];
      expect(flows).toMatchObject({ name: `connect-lint/${name}/flows`, files: ["**/*.json", "**/*.{yaml,yml,template}", "**/*.{tf,tftpl,tpl}"], language: "connect-lint/flow", rules: expected(preset) });
      expect(code).toMatchObject({ name: `connect-lint/${name}/code`, files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"], rules: expected(preset) });
      expect(code && "language" in code).toBe(false);
    }
    expect(Object.keys(plugin.configs.recommended[0]?.rules ?? {})).toContain("connect-lint/no-dangling-connector");
    expect(plugin.configs.compliance[0]?.rules).toEqual(expected(compliance));
  });

  it("has the flow language, with 1-based lines and columns", () => {
    expect(plugin.languages.flow).toBeInstanceOf(FlowLanguage);
    expect([plugin.languages.flow.lineStart, plugin.languages.flow.columnStart, plugin.meta.namespace]).toEqual([1, 1, "connect-lint"]);
  });
});
