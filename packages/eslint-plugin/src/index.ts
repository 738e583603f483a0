/**
 * @connect-lint/eslint-plugin: connect-lint in ESLint. A `connect-lint/flow` language for flow files,
 * every per-flow rule as `connect-lint/<rule>`, also finding flows written as object literals in
 * JavaScript and TypeScript, and the `recommended` and `compliance` presets of the CLI.
 */
import { compliance, recommended } from "@connect-lint/rules";
import type { RuleSetting } from "@connect-lint/core";
import { FlowLanguage } from "./language.js";
import { eslintRules, perFlowRules } from "./rules.js";
import { VERSION } from "./version.js";

export { FlowLanguage, FlowSourceCode, flowsOfFile, wholeFile } from "./language.js";
export type { DocumentsOf, FlowDocumentNode, FlowFileNode, FlowLanguageOptions, FlowText } from "./language.js";
export { CODE_FLOW_FILE, INTERNAL_ERROR, RULE_LANGUAGES, SETTINGS_KEY, eslintRules, perFlowRules, toEslintRule } from "./rules.js";
export { isAboutUnknown, isFlowLiteral, serialiseFlow } from "./code-flow.js";
export type { SerialisedFlow } from "./code-flow.js";

/** The files the configs lint as flows, and the files whose object literals they search for flows. */
export const FLOW_FILES = ["**/*.json", "**/*.{yaml,yml,template}", "**/*.{tf,tftpl,tpl}"];
export const CODE_FILES = ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"];

type Severity = "off" | "warn" | "error";

/** A flat config object (the subset of ESLint's type this plugin writes). */
export interface FlatConfig {
  name: string;
  files: string[];
  plugins: Record<string, unknown>;
  language?: string;
  rules: Record<string, Severity | [Severity, ...unknown[]]>;
}

const plugin = {
  meta: { name: "@connect-lint/eslint-plugin", version: VERSION, namespace: "connect-lint" },
  languages: { flow: new FlowLanguage() },
  rules: eslintRules,
  configs: {} as { recommended: FlatConfig[]; compliance: FlatConfig[] },
};

/** A CLI preset as ESLint rule settings, for the rules the plugin has (the cross-flow ones are CLI only). */
function eslintRuleSettings(preset: Readonly<Record<string, RuleSetting>>): FlatConfig["rules"] {
  const names = new Set(perFlowRules.map((r) => r.name));
  const out: FlatConfig["rules"] = {};
  for (const [name, setting] of Object.entries(preset)) {
    if (!names.has(name)) continue;
    out[`connect-lint/${name}`] = toEslintSetting(setting);
  }
  return out;
}

function toEslintSetting(setting: RuleSetting): Severity | [Severity, ...unknown[]] {
  const level = (v: unknown): Severity => (v === "error" || v === 2 ? "error" : v === "warn" || v === 1 ? "warn" : "off");
  if (Array.isArray(setting)) {
    const tuple: readonly unknown[] = setting;
    return tuple.length > 1 ? [level(tuple[0]), tuple[1]] : level(tuple[0]);
  }
  return level(setting);
}

/** A preset as two config objects: flow files in the flow language, and flows in code. */
function config(preset: string, rules: FlatConfig["rules"]): FlatConfig[] {
  return [
    { name: `connect-lint/${preset}/flows`, files: FLOW_FILES, plugins: { "connect-lint": plugin }, language: "connect-lint/flow", rules },
    { name: `connect-lint/${preset}/code`, files: CODE_FILES, plugins: { "connect-lint": plugin }, rules },
  ];
}

plugin.configs.recommended = config("recommended", eslintRuleSettings(recommended));
plugin.configs.compliance = config("compliance", eslintRuleSettings(compliance));

export default plugin;
