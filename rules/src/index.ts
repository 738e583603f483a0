import type { AnyRule, RuleSetting } from "@connect-lint/core";
import { noDanglingConnector } from "./no-dangling-connector.js";
import { noUnreachableBlock } from "./no-unreachable-block.js";
import { validFlowStructure } from "./valid-flow-structure.js";

/** Every rule, sorted by name. */
export const rules: readonly AnyRule[] = [noDanglingConnector, noUnreachableBlock, validFlowStructure].sort((a, b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
);

/** Where a rule's documentation lives, relative to the rules package (shipped with it). */
export function ruleDocsPath(name: string): string {
  return `rules/docs/${name}.md`;
}

/** The `recommended` preset, generated from each rule's meta. */
export const recommended: Readonly<Record<string, RuleSetting>> = Object.fromEntries(
  rules.flatMap((r) => (r.meta.recommended === false ? [] : [[r.name, r.meta.recommended] as const])),
);

/** The `all` preset: every rule at its recommended severity, or "warn" for rules outside `recommended`. */
export const all: Readonly<Record<string, RuleSetting>> = Object.fromEntries(
  rules.map((r) => [r.name, r.meta.recommended === false ? "warn" : r.meta.recommended] as const),
);

export const presets: Readonly<Record<string, Readonly<Record<string, RuleSetting>>>> = { recommended, all };
