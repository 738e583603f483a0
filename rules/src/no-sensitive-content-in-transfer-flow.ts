import { FLOW_TYPE_NAMES, defineRule, describeTypeSource, flowTypeLabel, getAction, isObject, pointerOf, pointerToPath } from "@connect-lint/core";
import type { Action, ActionSpec, FlowTypeName } from "@connect-lint/core";
import { describeBlock } from "./utils/describe.js";
import { findReferences, isFromCaller, namespaceInfo, referenceMatches } from "./utils/references.js";
import { createNameMatcher, findSensitiveLiterals, isPromptTextName, literalAllowed, invalidSensitivePattern } from "./utils/sensitive.js";
import type { SensitiveNameMatcher } from "./utils/sensitive.js";

export interface NoSensitiveContentOptions {
  /** Flow types the rule checks. */
  readonly flowTypes: readonly FlowTypeName[];
  /** Extra sensitive-name patterns (regular expression sources). */
  readonly sensitivePatterns: readonly string[];
  /** Built-in sensitive terms to drop (e.g. `account`). */
  readonly ignorePatterns: readonly string[];
  /** Reference paths (`$.Attributes.AccountType`, `$.Attributes.*`) and literal values that are fine. */
  readonly allow: readonly string[];
  /** Whether to look for literal card numbers, SSNs, e-mail addresses and phone numbers. */
  readonly checkLiterals: boolean;
}

interface Compiled {
  readonly matcher: SensitiveNameMatcher;
  readonly allowedReferences: readonly string[];
  readonly allowedLiterals: readonly string[];
}

// Options objects are shared by every file of a run: compile each once.
const compiledCache = new WeakMap<NoSensitiveContentOptions, Compiled>();

function compile(options: NoSensitiveContentOptions): Compiled {
  let compiled = compiledCache.get(options);
  if (!compiled) {
    compiled = {
      // An invalid pattern is skipped: options are validated by JSON Schema only, which cannot
      // check that a string is a regular expression, and a rule must never throw over its options.
      matcher: createNameMatcher({ extraPatterns: options.sensitivePatterns, ignore: options.ignorePatterns }),
      allowedReferences: options.allow.filter((a) => a.trim().startsWith("$")),
      allowedLiterals: options.allow.filter((a) => !a.trim().startsWith("$")),
    };
    compiledCache.set(options, compiled);
  }
  return compiled;
}

/** A string the customer hears or reads: a customer-facing parameter, or a string nested in one. */
interface ContentString {
  readonly value: string;
  readonly pointer: string;
  /** Where it is in the block, for messages: `Text`, `Messages[1].SSML`. */
  readonly where: string;
}

// Inside a nested customer-facing value (Loop prompts' Messages, a message object), keys that name a
// resource rather than hold text: PromptId, TemplateArn, Uri, ...
const RESOURCE_KEY = /(?:Id|ID|Arn|ARN|Uri|URI|Url|URL)$/;
const MAX_DEPTH = 16;

function contentStrings(action: Action, spec: ActionSpec): ContentString[] {
  const out: ContentString[] = [];
  const visit = (value: unknown, path: readonly (string | number)[], depth: number): void => {
    if (typeof value === "string") {
      out.push({ value, pointer: `${action.pointer}/Parameters${pointerOf(...path)}`, where: pointerToPath(pointerOf(...path)) });
    } else if (depth >= MAX_DEPTH) {
      return;
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        visit(item, [...path, i], depth + 1);
      });
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (!RESOURCE_KEY.test(key)) visit(item, [...path, key], depth + 1);
      }
    }
  };
  for (const [name, param] of Object.entries(spec.parameters)) {
    if (param.customerFacing !== true || !Object.prototype.hasOwnProperty.call(action.parameters, name)) continue;
    visit(action.parameters[name], [name], 0);
  }
  return out;
}

/** Replaces each reference with spaces, so that literal detectors never read inside a path. */
function blankReferences(text: string): string {
  let out = "";
  let at = 0;
  for (const ref of findReferences(text)) {
    out += text.slice(at, ref.start) + " ".repeat(ref.end - ref.start);
    at = ref.end;
  }
  return out + text.slice(at);
}

/** The ids of the rule's messages (`meta.messages`). */
export type NoSensitiveContentInTransferFlowMessageId = "sensitiveReference" | "customerDataReference" | "sensitiveLiteral";

export const noSensitiveContentInTransferFlow = defineRule<NoSensitiveContentOptions, NoSensitiveContentInTransferFlowMessageId>({
  name: "no-sensitive-content-in-transfer-flow",
  meta: {
    type: "problem",
    description: "Disallow customer data in the prompts and messages of transfer flows, which run with no agent on the line.",
    recommended: "error",
    legacy: true,
    compliance: true,
    messages: {
      sensitiveReference:
        '{{block}} puts {{reference}} into {{param}}, which the customer hears or reads, and the name looks sensitive ("{{term}}"): a {{flowType}} (type from {{typeSource}}) runs with no agent on the line.',
      customerDataReference:
        "{{block}} puts {{reference}} ({{what}}) into {{param}}, which the customer hears or reads; check that it reveals nothing sensitive, as a {{flowType}} (type from {{typeSource}}) runs with no agent on the line.",
      sensitiveLiteral:
        "{{block}} has {{literal}} written into {{param}}, which every customer sent through this {{flowType}} (type from {{typeSource}}) hears or reads.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        flowTypes: { type: "array", items: { enum: [...FLOW_TYPE_NAMES] }, uniqueItems: true },
        sensitivePatterns: { type: "array", items: { type: "string", minLength: 1 } },
        ignorePatterns: { type: "array", items: { type: "string", minLength: 1 } },
        allow: { type: "array", items: { type: "string", minLength: 1 } },
        checkLiterals: { type: "boolean" },
      },
    },
    defaultOptions: {
      flowTypes: ["AGENT_TRANSFER", "QUEUE_TRANSFER"],
      sensitivePatterns: [],
      ignorePatterns: [],
      allow: [],
      checkLiterals: true,
    },
    validateOptions: (options) => invalidSensitivePattern(options.sensitivePatterns),
  },
  check(context) {
    const { flow, options } = context;
    // Unknown flow type: the rule cannot tell whether the flow is a transfer flow and says nothing.
    if (flow.type === undefined || !options.flowTypes.includes(flow.type)) return;
    const { matcher, allowedReferences, allowedLiterals } = compile(options);
    const common = { flowType: flowTypeLabel(flow.type), typeSource: describeTypeSource(flow.typeSource) };
    for (const action of flow.actions) {
      const spec = action.type === undefined ? undefined : getAction(action.type);
      if (!spec) continue;
      const block = describeBlock(action);
      for (const content of contentStrings(action, spec)) {
        const at = { pointer: content.pointer, action };
        const seen = new Set<string>();
        for (const ref of findReferences(content.value)) {
          const info = namespaceInfo(ref.namespace);
          // The caller's own input read back to the same caller leaks nothing to anyone else; what
          // matters is data meant for the agent or the business (attributes, lookups, profiles).
          if (!info?.customerData || isFromCaller(ref) || seen.has(ref.path)) continue;
          seen.add(ref.path);
          if (allowedReferences.some((pattern) => referenceMatches(ref, pattern))) continue;
          const term = ref.name === "" ? undefined : matcher.match(ref.name);
          const data = { ...common, block, reference: ref.text, param: content.where };
          if (term !== undefined) {
            context.report({ messageId: "sensitiveReference", at, data: { ...data, term } });
          } else if (!isPromptTextName(ref.name)) {
            // Not for a name such as offerMessage or greetingPrompt: it holds the wording of a
            // prompt kept outside the flow, not data about the customer.
            context.report({ messageId: "customerDataReference", at, data: { ...data, what: info.label }, severity: "warn" });
          }
        }
        if (!options.checkLiterals) continue;
        const reported = new Set<string>();
        for (const literal of findSensitiveLiterals(blankReferences(content.value))) {
          if (reported.has(literal.description) || literalAllowed(literal, allowedLiterals)) continue;
          reported.add(literal.description);
          context.report({ messageId: "sensitiveLiteral", at, data: { ...common, block, literal: literal.description, param: content.where } });
        }
      }
    }
  },
});
