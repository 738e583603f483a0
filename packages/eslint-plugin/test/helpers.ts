/** What the plugin's tests share: the repository, ESLint configurations and message formatting. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import plugin from "../src/index.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

type RuleSettings = Linter.RulesRecord;

/** A flat config: flow files in the flow language, TypeScript through typescript-eslint's parser. */
export function configFor(rules: RuleSettings, languageOptions: Readonly<Record<string, unknown>> = {}): Linter.Config[] {
  const plugins = { "connect-lint": plugin as unknown as NonNullable<Linter.Config["plugins"]>[string] };
  return [
    { files: ["**/*.json"], plugins, language: "connect-lint/flow", languageOptions, rules },
    { files: ["**/*.ts", "**/*.tsx"], plugins, languageOptions: { parser: tsParser }, rules },
    { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], plugins, rules },
  ];
}

/** Every rule of the plugin at "error". */
export function allRules(): RuleSettings {
  return Object.fromEntries(Object.keys(plugin.rules).map((name) => [`connect-lint/${name}`, "error"]));
}

/** Lints a text as `filePath` (relative to the repository) with the given rules. */
export function verify(text: string, filePath: string, rules: RuleSettings, languageOptions: Readonly<Record<string, unknown>> = {}): Linter.LintMessage[] {
  const linter = new Linter({ cwd: ROOT });
  return linter.verify(text, configFor(rules, languageOptions), { filename: path.join(ROOT, filePath) });
}

/** An ESLint message as `line:col-endLine:endCol rule messageId message`. */
export function line(m: Linter.LintMessage): string {
  const rule = m.ruleId === null ? "(parse)" : m.ruleId.replace(/^connect-lint\//, "");
  return `${String(m.line)}:${String(m.column)}-${String(m.endLine)}:${String(m.endColumn)} ${rule} ${m.messageId ?? ""} ${m.message}`;
}
