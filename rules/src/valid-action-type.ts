import { ACTIONS, defineRule, didYouMean, getAction, getInvalidTypeHint, getMisspelledAction } from "@connect-lint/core";
import type { ActionSpec, Fixer } from "@connect-lint/core";
import { blockLabel, quotedBlockName as blockName } from "./utils/describe.js";

/** Catalog types by their lower-case spelling, for `checkvoiceid` -> `CheckVoiceId`. */
const byLowerCase = new Map<string, ActionSpec>(ACTIONS.map((a) => [a.type.toLowerCase(), a]));

const TYPES: readonly string[] = ACTIONS.map((a) => a.type);

/**
 * The catalog type closest to `type` by edit distance (case-insensitive), when it is close enough
 * to be a typo and no other type is as close. A quarter of the length (at least 1) keeps short
 * invented names (`Stop`, `Foo`) from being matched to unrelated short types (`Loop`).
 */
export function closestActionType(type: string): ActionSpec | undefined {
  const match = didYouMean(type, TYPES, { ignoreCase: true, unique: true, maxDistance: (name) => Math.max(1, Math.floor(name.length / 4)) });
  return match === undefined ? undefined : getAction(match);
}

export const validActionType = defineRule({
  name: "valid-action-type",
  meta: {
    type: "problem",
    description: "Require every block's Type to be an action type of the Flow language.",
    recommended: "error",
    fixable: "code",
    messages: {
      misspelledType:
        'Block {{id}} has Type "{{type}}", a spelling the service is reported to reject although some AWS pages use it; write "{{suggestion}}" ({{label}}) instead.',
      legacyType: 'Block {{id}} has Type "{{type}}", which the Flow language does not define. {{reason}} Write "{{suggestion}}" ({{label}}).',
      notAnAction: 'Block {{id}} has Type "{{type}}", which the Flow language does not define. {{reason}} Delete the block and use {{suggestion}} instead.',
      wrongCase: 'Block {{id}} has Type "{{type}}"; action types are case-sensitive: write "{{suggestion}}" ({{label}}).',
      unknownTypeDidYouMean: 'Block {{id}} has the unknown action type "{{type}}". Did you mean "{{suggestion}}" ({{label}})?',
      unknownType: 'Block {{id}} has the unknown action type "{{type}}"; the service rejects flows with types the Flow language does not define.',
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(context) {
    for (const action of context.flow.actions) {
      const type = action.type;
      // A missing, empty or non-string Type is valid-flow-structure's finding.
      if (type === undefined || type === "" || getAction(type)) continue;
      const at = { action, property: "Type" };
      const id = blockName(action);
      // Only a spelling of the same action is fixed: the documented misspellings and a difference of
      // case. A legacy block name or a guess by edit distance may need other parameters, or be wrong.
      const rewrite = (suggestion: string) => ({ fix: (fixer: Fixer) => fixer.replaceValue(`${action.pointer}/Type`, suggestion) });
      const misspelled = getMisspelledAction(type);
      if (misspelled) {
        // Only third-party probes say the service rejects these spellings, and AWS pages use
        // them: a warning, whatever the rule's severity.
        const data = { id, type, suggestion: misspelled.type, label: misspelled.block };
        context.report({ messageId: "misspelledType", at, data, severity: "warn", ...rewrite(misspelled.type) });
        continue;
      }
      const hint = getInvalidTypeHint(type);
      if (hint) {
        const target = getAction(hint.suggestion);
        if (target) {
          context.report({
            messageId: "legacyType",
            at,
            data: { id, type, reason: hint.reason, suggestion: target.type, label: target.block },
            ...(target.type.toLowerCase() === type.toLowerCase() ? rewrite(target.type) : {}),
          });
        } else {
          // The suggestion is not an action type (`Start` -> the top-level StartAction key).
          context.report({ messageId: "notAnAction", at, data: { id, type, reason: hint.reason, suggestion: hint.suggestion } });
        }
        continue;
      }
      const sameLetters = byLowerCase.get(type.toLowerCase());
      if (sameLetters) {
        context.report({ messageId: "wrongCase", at, data: { id, type, suggestion: sameLetters.type, label: blockLabel(sameLetters.type) }, ...rewrite(sameLetters.type) });
        continue;
      }
      const closest = closestActionType(type);
      if (closest) {
        context.report({ messageId: "unknownTypeDidYouMean", at, data: { id, type, suggestion: closest.type, label: closest.block } });
        continue;
      }
      context.report({ messageId: "unknownType", at, data: { id, type } });
    }
  },
});
