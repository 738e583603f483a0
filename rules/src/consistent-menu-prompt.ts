import { defineRule, getAction } from "@connect-lint/core";
import type { Action, ActionSpec, FlowEdge, FlowGraph, Transition } from "@connect-lint/core";
import { describeBlock, listPhrase } from "./utils/describe.js";
import { createMenuMatcher, invalidMenuPattern, keyOrder, normalizeKey, spokenWords } from "./utils/menu-prompt.js";
import type { MenuLanguage, MenuMatcher, OfferedKey } from "./utils/menu-prompt.js";
import { findReferences } from "./utils/references.js";

export interface ConsistentMenuPromptOptions {
  /** Languages whose built-in wording is recognised. */
  readonly languages: readonly MenuLanguage[];
  /** Extra patterns (regular expression sources) whose first capture group is an offered key. */
  readonly patterns: readonly string[];
  /** Report branches for keys the prompt never offers. */
  readonly checkUnofferedKeys: boolean;
  /** Report Timeout and Default branches that hang up without a word. */
  readonly checkSilentBranches: boolean;
}

/** The store-mode switch of an input block: a menu is an input block with it off (catalog fact, found by name). */
const STORE_PARAMETER = "StoreInput";
/** The error types of a menu's Timeout and Default branches, with the designer's branch names. */
const SILENT_BRANCHES: readonly (readonly [errorType: string, branch: string, caller: string])[] = [
  ["InputTimeLimitExceeded", "Timeout", "presses nothing"],
  ["NoMatchingCondition", "Default", "presses a key the menu does not handle"],
];
const MAX_WALK = 50;

function specOf(action: Action): ActionSpec | undefined {
  return action.type === undefined ? undefined : getAction(action.type);
}

/** Whether the block is a DTMF menu: an input block whose store switch is off. */
function isMenu(action: Action, spec: ActionSpec): boolean {
  if (!spec.parameters[STORE_PARAMETER]?.enum?.includes("True")) return false;
  const value = action.parameters[STORE_PARAMETER];
  return typeof value === "string" && value.trim().toLowerCase() === "false";
}

/** Whether the block says something to the customer: a customer-facing parameter with a value. */
function speaks(action: Action, spec: ActionSpec): boolean {
  return Object.entries(spec.parameters).some(([name, p]) => {
    if (p.customerFacing !== true) return false;
    const value = action.parameters[name];
    return value !== undefined && value !== "";
  });
}

/**
 * Parameters of blocks that work behind the scenes (found by name): setting attributes, logging,
 * tags, a Lambda function. A caller hears nothing while they run.
 */
const SILENT_PARAMETERS = ["Attributes", "FlowAttributes", "FlowLoggingBehavior", "LambdaFunctionARN", "Tags"];

/**
 * Whether a connector reaches the end of the contact without a word: it leads, through the default
 * connectors of blocks that work behind the scenes, to a block that hangs up (a terminal participant
 * block: Disconnect / hang up).
 */
function hangsUpSilently(graph: FlowGraph, edge: FlowEdge): boolean {
  let current = edge.to;
  const seen = new Set<Action>();
  while (current && seen.size < MAX_WALK && !seen.has(current)) {
    seen.add(current);
    const spec = specOf(current);
    if (!spec) return false;
    if (spec.terminal) return spec.category === "participant";
    if (speaks(current, spec) || !SILENT_PARAMETERS.some((p) => spec.parameters[p])) return false;
    const next = graph.outgoing(current).find((e) => e.transition?.kind === "next");
    current = next?.to;
  }
  return false;
}

/** The key a condition tests for (`Equals` one key), else undefined. */
function conditionKey(t: Transition): string | undefined {
  const operands = t.condition?.operands;
  if (t.condition?.operator !== "Equals" || !Array.isArray(operands) || operands.length !== 1) return undefined;
  const operand: unknown = operands[0];
  return typeof operand === "string" ? normalizeKey(operand) : undefined;
}

interface Wording {
  readonly parameter: string;
  readonly words: string;
  /** True when part of the wording comes from a reference and cannot be read. */
  readonly partial: boolean;
}

/** The prompt wording of the block, from its customer-facing string parameters (Text or SSML). */
function wordingOf(action: Action, spec: ActionSpec): Wording | undefined {
  for (const [name, p] of Object.entries(spec.parameters)) {
    const value = action.parameters[name];
    if (p.customerFacing !== true || typeof value !== "string" || value.trim() === "") continue;
    const references = findReferences(value);
    let text = value;
    for (const r of [...references].reverse()) text = `${text.slice(0, r.start)} ${text.slice(r.end)}`;
    return { parameter: name, words: spokenWords(text), partial: references.length > 0 };
  }
  return undefined;
}

function quoteKeys(keys: readonly string[]): string {
  return listPhrase(keys.map((k) => JSON.stringify(k)), "and");
}

const compiledCache = new WeakMap<ConsistentMenuPromptOptions, MenuMatcher>();
function matcherFor(options: ConsistentMenuPromptOptions): MenuMatcher {
  let matcher = compiledCache.get(options);
  if (!matcher) {
    matcher = createMenuMatcher(options.languages, options.patterns);
    compiledCache.set(options, matcher);
  }
  return matcher;
}

export const consistentMenuPrompt = defineRule<ConsistentMenuPromptOptions>({
  name: "consistent-menu-prompt",
  meta: {
    type: "problem",
    description:
      "Require a DTMF menu to have a branch for every key its prompt offers, to offer every key it has a branch for, and to answer a timeout or a wrong key with more than silence.",
    recommended: "warn",
    messages: {
      missingBranch:
        "{{block}} offers {{keys}} in its prompt ({{phrases}}) but has no branch for {{them}}: callers who press {{them}} go down the Default branch instead. Add a condition for {{them}}, or take the option out of the prompt.",
      unofferedBranch:
        "{{block}} has a branch for {{key}}, which its prompt never offers (it offers {{offered}}): callers cannot know to press it. Mention the option in the prompt, or remove the branch.",
      silentBranch:
        "The {{branch}} branch of {{block}} hangs up without a word: a caller who {{caller}} hears silence and is cut off. Play a prompt (\"Sorry, I did not get that\") and ask again, or route the caller to an agent.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        languages: { type: "array", uniqueItems: true, items: { enum: ["en", "es"] } },
        patterns: { type: "array", items: { type: "string", minLength: 1 } },
        checkUnofferedKeys: { type: "boolean" },
        checkSilentBranches: { type: "boolean" },
      },
    },
    defaultOptions: { languages: ["en", "es"], patterns: [], checkUnofferedKeys: true, checkSilentBranches: true },
    validateOptions: (options) => invalidMenuPattern(options.patterns),
  },
  check(context) {
    const { flow, graph, options } = context;
    const matcher = matcherFor(options);
    for (const action of flow.actions) {
      const spec = specOf(action);
      if (!spec || !isMenu(action, spec)) continue;
      const branches = new Map<string, Transition>();
      for (const t of action.transitions) {
        if (t.kind !== "condition") continue;
        const key = conditionKey(t);
        if (key !== undefined && !branches.has(key)) branches.set(key, t);
      }
      const wording = wordingOf(action, spec);
      const offered: OfferedKey[] = wording ? matcher.offered(wording.words) : [];
      if (wording && offered.length > 0) {
        const missing = offered.filter((o) => !branches.has(o.key));
        if (missing.length > 0) {
          const keys = missing.map((o) => o.key);
          context.report({
            messageId: "missingBranch",
            at: { pointer: `${action.pointer}/Parameters/${wording.parameter}`, action },
            data: {
              block: describeBlock(action),
              keys: quoteKeys(keys),
              them: keys.length === 1 ? "it" : "them",
              phrases: listPhrase(missing.map((o) => JSON.stringify(o.phrase)), "and"),
            },
          });
        }
        // Wording partly read from a reference may offer the other keys; so may a prompt in the
        // blocks before (then the menu's own prompt offers nothing and this check does not run).
        if (options.checkUnofferedKeys && !wording.partial) {
          const offeredKeys = new Set(offered.map((o) => o.key));
          const extra = [...branches.entries()].filter(([key]) => !offeredKeys.has(key)).sort((a, b) => keyOrder(a[0]) - keyOrder(b[0]));
          for (const [key, t] of extra) {
            context.report({
              messageId: "unofferedBranch",
              at: { pointer: t.entryPointer, action },
              data: { block: describeBlock(action), key: JSON.stringify(key), offered: quoteKeys(offered.map((o) => o.key)) },
            });
          }
        }
      }
      if (!options.checkSilentBranches || branches.size === 0) continue;
      const edges = graph.outgoing(action);
      for (const [errorType, branch, caller] of SILENT_BRANCHES) {
        if (!spec.errors.includes(errorType)) continue;
        const edge = edges.find((e) => e.transition?.kind === "error" && e.transition.errorType === errorType);
        // A missing or unconnected branch is valid-action-parameters' or no-dangling-connector's finding.
        if (!edge?.transition || edge.status !== "ok" || !hangsUpSilently(graph, edge)) continue;
        context.report({
          messageId: "silentBranch",
          at: { pointer: edge.transition.entryPointer, action },
          data: { block: describeBlock(action), branch, caller },
        });
      }
    }
  },
});
