import { defineRule, getAction, isObject } from "@connect-lint/core";
import type { Action } from "@connect-lint/core";
import { TRUSTED_REFERENCES_SCHEMA, checkTrustedReferences, checkedValuesBefore, isTrustedByOption, valueKey } from "./utils/checked-values.js";
import { describeBlock } from "./utils/describe.js";
import { findReferences, namespaceInfo } from "./utils/references.js";
import type { FlowDataReference } from "./utils/references.js";

export interface NoUnvalidatedTransferNumberOptions {
  /** References treated as validated wherever they are used (`$.External.approvedNumber`, `$.Attributes.*`). */
  readonly trustedReferences: readonly string[];
}

/**
 * The parameters that hold a number the contact centre will dial, found by name (the catalog has no
 * field for it): the number of Transfer to phone number, and the number Set callback number stores
 * for the callback.
 */
const DIALLED = new Map<string, "transfer" | "callback">([
  ["ThirdPartyPhoneNumber", "transfer"],
  ["CallbackNumber", "callback"],
]);

/**
 * Namespaces whose values the caller or an external system sets. The caller's own number
 * (`$.CustomerEndpoint`) and the callback number (checked where it is set) are not among them, nor
 * are system values such as `$.SystemEndpoint`.
 */
const UNTRUSTED = new Set(["Attributes", "FlowAttributes", "External", "Lex", "StoredCustomerInput", "Customer", "Case", "Views", "Modules"]);

const VALIDATION = "InputValidation";
const PHONE_VALIDATION = "PhoneNumberValidation";

/** An input block whose phone-number validation accepts only numbers of one country ("Local" format). */
function localPhoneValidation(action: Action): boolean {
  const validation = action.parameters[VALIDATION];
  if (!isObject(validation)) return false;
  const phone = validation[PHONE_VALIDATION];
  if (!isObject(phone)) return false;
  const format = phone.NumberFormat;
  const country = phone.CountryCode;
  return typeof format === "string" && format.trim().toLowerCase() === "local" && typeof country === "string" && country.trim() !== "";
}

function sourceLabel(reference: FlowDataReference): string {
  const info = namespaceInfo(reference.namespace);
  return info ? info.label : reference.namespace;
}

export const noUnvalidatedTransferNumber = defineRule<NoUnvalidatedTransferNumberOptions>({
  name: "no-unvalidated-transfer-number",
  meta: {
    type: "problem",
    description:
      "Disallow dialling a phone number that the caller, an attribute or an external system supplies without checking it on every path first (toll fraud).",
    recommended: "warn",
    compliance: true,
    messages: {
      unvalidatedTransfer:
        "{{block}} dials {{value}} ({{source}}), which is not checked on every path to it: whoever controls that value can make your contact centre call premium-rate or international numbers at your expense (toll fraud). Check it against an allow list or a pattern with Check contact attributes before this block, or collect it with a phone-number validation for your country.",
      unvalidatedCallback:
        "{{block}} sets the callback number from {{value}} ({{source}}), which is not checked on every path to it: the callback will dial whatever it holds, premium-rate and international numbers included (toll fraud). Check it against a pattern with Check contact attributes before this block, or collect it with a phone-number validation for your country.",
    },
    schema: TRUSTED_REFERENCES_SCHEMA,
    defaultOptions: { trustedReferences: [] },
    validateOptions: (options) => checkTrustedReferences(options, "$.External.number"),
  },
  check(context) {
    const { flow, graph, options } = context;
    const sinks: { action: Action; parameter: string; kind: "transfer" | "callback"; references: FlowDataReference[] }[] = [];
    for (const action of flow.actions) {
      const spec = action.type === undefined ? undefined : getAction(action.type);
      if (!spec) continue;
      for (const [parameter, kind] of DIALLED) {
        const value = spec.parameters[parameter] ? action.parameters[parameter] : undefined;
        if (typeof value !== "string") continue;
        const references = findReferences(value).filter(
          (r) => UNTRUSTED.has(r.namespace) && !isTrustedByOption(options, r),
        );
        if (references.length > 0) sinks.push({ action, parameter, kind, references });
      }
    }
    if (sinks.length === 0) return;
    const trusted = (r: FlowDataReference): boolean =>
      !UNTRUSTED.has(r.namespace) || isTrustedByOption(options, r);
    // Any comparison that matches constrains the number (Equals: an allow list; starts with: a
    // country code), except KeyExists, which only says the attribute is there.
    const before = checkedValuesBefore(graph, {
      trusted,
      storedInputChecked: localPhoneValidation,
      checkingOperator: (operator) => operator !== "KeyExists",
    });
    for (const sink of sinks) {
      const checked = before.get(sink.action);
      // Blocks no path reaches are no-unreachable-block's concern.
      if (!checked) continue;
      const unchecked = sink.references.find((r) => !checked.has(valueKey(r)));
      if (!unchecked) continue;
      context.report({
        messageId: sink.kind === "transfer" ? "unvalidatedTransfer" : "unvalidatedCallback",
        at: { pointer: `${sink.action.pointer}/Parameters/${sink.parameter}`, action: sink.action },
        data: { block: describeBlock(sink.action), value: unchecked.text, source: sourceLabel(unchecked) },
      });
    }
  },
});
