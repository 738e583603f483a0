import type { AnyRule, RuleSetting } from "@connect-lint/core";
import { consistentArnEnvironment } from "./consistent-arn-environment.js";
import { consistentMenuPrompt } from "./consistent-menu-prompt.js";
import { flowNamingConvention } from "./flow-naming-convention.js";
import { maxFlowComplexity } from "./max-flow-complexity.js";
import { noDanglingConnector } from "./no-dangling-connector.js";
import { noDynamicSsml } from "./no-dynamic-ssml.js";
import { noHardcodedArn } from "./no-hardcoded-arn.js";
import { noInfiniteLoop } from "./no-infinite-loop.js";
import { noOrphanMetadata } from "./no-orphan-metadata.js";
import { noSensitiveContentInTransferFlow } from "./no-sensitive-content-in-transfer-flow.js";
import { noSensitiveInputLogged } from "./no-sensitive-input-logged.js";
import { noTransferCycle } from "./no-transfer-cycle.js";
import { noUnreachableBlock } from "./no-unreachable-block.js";
import { noUnsupportedBlock } from "./no-unsupported-block.js";
import { noUnsupportedChannel } from "./no-unsupported-channel.js";
import { noUnusedFlow } from "./no-unused-flow.js";
import { noUnvalidatedTransferNumber } from "./no-unvalidated-transfer-number.js";
import { noUseBeforeSet } from "./no-use-before-set.js";
import { requireQueueBeforeTransfer } from "./require-queue-before-transfer.js";
import { validActionParameters } from "./valid-action-parameters.js";
import { validActionType } from "./valid-action-type.js";
import { validFlowReference } from "./valid-flow-reference.js";
import { validFlowStructure } from "./valid-flow-structure.js";
import { validModuleInvocation } from "./valid-module-invocation.js";
import { validResourceReference } from "./valid-resource-reference.js";

/** Every rule, sorted by name. */
export const rules: readonly AnyRule[] = [
  consistentArnEnvironment,
  consistentMenuPrompt,
  flowNamingConvention,
  maxFlowComplexity,
  noDanglingConnector,
  noDynamicSsml,
  noHardcodedArn,
  noInfiniteLoop,
  noOrphanMetadata,
  noSensitiveContentInTransferFlow,
  noSensitiveInputLogged,
  noTransferCycle,
  noUnreachableBlock,
  noUnsupportedBlock,
  noUnsupportedChannel,
  noUnusedFlow,
  noUnvalidatedTransferNumber,
  noUseBeforeSet,
  requireQueueBeforeTransfer,
  validActionParameters,
  validActionType,
  validFlowReference,
  validFlowStructure,
  validModuleInvocation,
  validResourceReference,
].sort((a, b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
);

/** Where a rule's documentation lives, relative to the repository (the docs ship in this package's `docs/`). */
export function ruleDocsPath(name: string): string {
  return `rules/docs/${name}.md`;
}

/** The rule's documentation as published with this package (served by the npm CDN once released). */
export function ruleDocsUrl(name: string, version: string): string {
  return `https://unpkg.com/@connect-lint/rules@${version}/docs/${name}.md`;
}

/** The `recommended` preset, generated from each rule's meta. */
export const recommended: Readonly<Record<string, RuleSetting>> = Object.fromEntries(
  rules.flatMap((r) => (r.meta.recommended === false ? [] : [[r.name, r.meta.recommended] as const])),
);

/** The `strict` preset: every rule of `recommended`, all at "error". */
export const strict: Readonly<Record<string, RuleSetting>> = Object.fromEntries(
  rules.flatMap((r) => (r.meta.recommended === false ? [] : [[r.name, "error"] as const])),
);

/** The `all` preset: every rule, at "error". */
export const all: Readonly<Record<string, RuleSetting>> = Object.fromEntries(rules.map((r) => [r.name, "error"] as const));

/**
 * The `compliance` preset: the security-relevant rules (meta.compliance), all at "error", for audit
 * runs; on its own or after another preset (`extends: ["recommended", "compliance"]`).
 */
export const compliance: Readonly<Record<string, RuleSetting>> = Object.fromEntries(
  rules.flatMap((r) => (r.meta.compliance === true ? [[r.name, "error"] as const] : [])),
);

/** Presets by the name used in `extends`. */
export const presets: Readonly<Record<string, Readonly<Record<string, RuleSetting>>>> = { recommended, strict, all, compliance };
