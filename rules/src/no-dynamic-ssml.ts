import { defineRule, isObject } from "@connect-lint/core";
import type { Action } from "@connect-lint/core";
import { TRUSTED_REFERENCES_SCHEMA, checkTrustedReferences, checkedValuesBefore, isTrustedByOption, valueKey } from "./utils/checked-values.js";
import { describeBlock, listPhrase } from "./utils/describe.js";
import { findReferences, namespaceInfo } from "./utils/references.js";
import type { FlowDataReference } from "./utils/references.js";
import { isPromptTextName } from "./utils/sensitive.js";

export interface NoDynamicSsmlOptions {
  /** References whose values are escaped or safe wherever they are used (`$.External.escapedName`, `$.Attributes.*`). */
  readonly trustedReferences: readonly string[];
}

/**
 * Namespaces whose values the caller or an external system sets: contact and flow attributes (a chat
 * or task can start with attributes its sender chose), Lambda results, Lex slots and transcripts,
 * Customer Profiles and Cases fields, view input and module results. Digits the caller keyed in
 * (`$.StoredCustomerInput`) are not among them: a keypad sends only 0-9, * and #, which cannot
 * change SSML. System values (`$.Queue.Name`, `$.SystemEndpoint.Address`, ...) are not either.
 */
const UNTRUSTED = new Set(["Attributes", "FlowAttributes", "External", "Lex", "Customer", "Case", "Views", "Modules"]);

const SSML_KEY = "SSML";
const MAX_DEPTH = 8;

/** A JSON pointer segment (RFC 6901). */
function segment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Every SSML document in a block's parameters: strings under an `SSML` key, or strings that start with `<speak`. */
function ssmlStrings(action: Action): { text: string; pointer: string }[] {
  const out: { text: string; pointer: string }[] = [];
  const visit = (value: unknown, key: string | undefined, pointer: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (typeof value === "string") {
      if (key === SSML_KEY || /^\s*<speak[\s>]/i.test(value)) out.push({ text: value, pointer });
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        visit(item, key, `${pointer}/${String(i)}`, depth + 1);
      });
    } else if (isObject(value)) {
      for (const [k, item] of Object.entries(value)) visit(item, k, `${pointer}/${segment(k)}`, depth + 1);
    }
  };
  visit(action.parameters, undefined, `${action.pointer}/Parameters`, 0);
  return out;
}

export const noDynamicSsml = defineRule<NoDynamicSsmlOptions>({
  name: "no-dynamic-ssml",
  meta: {
    type: "problem",
    description:
      "Disallow SSML prompts that splice in values the caller or an external system controls without escaping or checking them first.",
    // Not in recommended: on real exports most findings splice values the author's own Lambda
    // function derives from keyed digits, which the rule cannot see; audits get it through compliance.
    recommended: false,
    compliance: true,
    messages: {
      splicedValue:
        "{{block}} splices {{values}} ({{sources}}) into its SSML without the value being checked on every path: a value holding <, & or SSML tags makes the prompt fail (the caller hears nothing and the block takes its Error branch), or lets whoever sets it change what the caller hears. Escape it where it is produced (in the Lambda function), check it with Check contact attributes before this block, or use Text instead of SSML.",
      wholeDocument:
        "{{block}} speaks SSML taken whole from {{values}} ({{sources}}), which is not checked on every path: whoever sets that value decides what the caller hears, audio and markup included. Build the SSML in the flow and splice in only escaped values, or make sure the value is produced by your own code from trusted text.",
    },
    schema: TRUSTED_REFERENCES_SCHEMA,
    defaultOptions: { trustedReferences: [] },
    validateOptions: (options) => checkTrustedReferences(options, "$.External.name"),
  },
  check(context) {
    const { flow, graph, options } = context;
    const trustedByOption = (r: FlowDataReference): boolean => isTrustedByOption(options, r);
    const uses: { action: Action; pointer: string; whole: boolean; references: FlowDataReference[] }[] = [];
    for (const action of flow.actions) {
      for (const ssml of ssmlStrings(action)) {
        const references = findReferences(ssml.text).filter((r) => UNTRUSTED.has(r.namespace) && !trustedByOption(r));
        if (references.length === 0) continue;
        const first = references[0] as FlowDataReference;
        const whole = first.whole || ssml.text.trim() === first.text;
        // A whole prompt read from a value named like prompt wording (`offerMessage`, `greetingPrompt`)
        // is prompt management: the wording is the function's or the author's, not the caller's.
        if (whole && isPromptTextName(first.segments[first.segments.length - 1] ?? "")) continue;
        uses.push({ action, pointer: ssml.pointer, whole, references });
      }
    }
    if (uses.length === 0) return;
    const before = checkedValuesBefore(graph, {
      trusted: (r) => !UNTRUSTED.has(r.namespace) || r.namespace === "StoredCustomerInput" || trustedByOption(r),
      storedInputChecked: () => true,
      // Only a value equal to a known one, or one that compares as a number, cannot carry markup;
      // "starts with" or "contains" leaves the rest of the value free.
      checkingOperator: (operator) => operator === "Equals" || operator.startsWith("Number"),
    });
    for (const use of uses) {
      const checked = before.get(use.action);
      if (!checked) continue;
      const unchecked: FlowDataReference[] = [];
      for (const r of use.references) if (!checked.has(valueKey(r)) && !unchecked.some((u) => u.path === r.path)) unchecked.push(r);
      if (unchecked.length === 0) continue;
      const sources = [...new Set(unchecked.map((r) => namespaceInfo(r.namespace)?.label ?? r.namespace))];
      context.report({
        messageId: use.whole ? "wholeDocument" : "splicedValue",
        at: { pointer: use.pointer, action: use.action },
        data: { block: describeBlock(use.action), values: listPhrase(unchecked.map((r) => r.text)), sources: listPhrase(sources) },
      });
    }
  },
});
