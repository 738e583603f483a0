import { defineRule, getAction, hasOwn, isDynamicValue, isObject, pointerOf, pointerToPath } from "@connect-lint/core";
import type { Action, ActionSpec, ReportDescriptor, ReportLocation } from "@connect-lint/core";
import { checkParameters, isCheckable, suggestParameter } from "./utils/action-schema.js";
import type { ParameterProblem } from "./utils/action-schema.js";
import { describeBlock, listPhrase } from "./utils/describe.js";

type DraftHandling = "report" | "warn" | "ignore";

interface Options {
  /** How incomplete blocks (missing or empty values) in saved drafts are reported. */
  readonly savedDrafts: DraftHandling;
}

/** Findings that mean "not filled in yet" rather than "wrong": what a saved draft may legitimately have. */
const INCOMPLETE = new Set(["missingRequired", "missingOneOf", "emptyValue", "emptyOperand"]);

/** The ids of the rule's messages (`meta.messages`). */
export type ValidActionParametersMessageId = "missingRequired" | "missingOneOf" | "unknownParameter" | "unknownParameterSuggestion" | "noParameters" | "wrongType" | "invalidValue" | "valueCase" | "emptyValue" | "mutuallyExclusive" | "terminalTransition" | "terminalEmptyList" | "invalidErrorType" | "conditionsNotSupported" | "invalidOperator" | "invalidOperand" | "operandCase" | "emptyOperand";

export const validActionParameters = defineRule<Options, ValidActionParametersMessageId>({
  name: "valid-action-parameters",
  meta: {
    type: "problem",
    description:
      "Require every block's parameters, error branches and conditions to be ones the service accepts for its action type.",
    recommended: "error",
    messages: {
      missingRequired: '{{block}} is missing the required parameter "{{parameter}}"; the service rejects the block without it.',
      missingOneOf: "{{block}} sets none of {{parameters}}; it needs at least one of them.",
      unknownParameter: '{{block}} has no parameter "{{parameter}}"; the service rejects unknown parameter names.',
      unknownParameterSuggestion:
        '{{block}} has no parameter "{{parameter}}" (did you mean "{{suggestion}}"?); the service rejects unknown parameter names.',
      noParameters: '{{block}} takes no parameters, so the service rejects "{{parameter}}".',
      wrongType: 'Parameter "{{parameter}}" of {{block}} must be {{expected}}, not {{actual}}.',
      invalidValue: 'Parameter "{{parameter}}" of {{block}} is {{value}}; the service accepts only {{allowed}}.',
      valueCase:
        'Parameter "{{parameter}}" of {{block}} is {{value}}; the flow designer writes {{expected}}, and the service may reject other spellings.',
      emptyValue: "{{path}} of {{block}} is an empty string; the service rejects empty parameter values.",
      mutuallyExclusive: '{{block}} sets both "{{first}}" and "{{parameter}}"; only one of {{group}} may be set.',
      terminalTransition: "{{block}} ends the flow, so it cannot have {{property}}; its Transitions must be {}.",
      terminalEmptyList:
        '{{block}} ends the flow but has an empty "{{property}}" list; the service may reject even an empty list here, so write "Transitions": {} as the flow designer does.',
      invalidErrorType: '{{block}} cannot raise the error "{{errorType}}" ({{allowed}}); the service rejects this error branch.',
      conditionsNotSupported: "{{block}} takes no conditions; the service rejects its Conditions.",
      invalidOperator: '{{block}} does not accept the condition operator "{{operator}}"; it accepts {{allowed}}.',
      invalidOperand: "Condition operand {{operand}} of {{block}} is not a result the block can produce ({{allowed}}), so the branch can never be taken.",
      operandCase: "Condition operand {{operand}} of {{block}} differs only in case from the result {{expected}}; write it exactly as {{expected}}.",
      emptyOperand: "Condition #{{n}} of {{block}} compares with an empty string; the service rejects empty condition operands.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        savedDrafts: { enum: ["report", "warn", "ignore"] },
      },
    },
    defaultOptions: { savedDrafts: "report" },
  },
  check(context) {
    const draft = isSavedDraft(context.flow.metadata);
    const report = (descriptor: ReportDescriptor<ValidActionParametersMessageId>): void => {
      if (draft && INCOMPLETE.has(descriptor.messageId)) {
        if (context.options.savedDrafts === "ignore") return;
        if (context.options.savedDrafts === "warn") {
          context.report({ ...descriptor, severity: "warn" });
          return;
        }
      }
      context.report(descriptor);
    };
    for (const action of context.flow.actions) {
      const spec = action.type === undefined ? undefined : getAction(action.type);
      // Unknown types are valid-action-type's to report.
      if (!spec) continue;
      checkActionParameters(action, spec, report);
      if (spec.terminal) checkTerminalTransitions(action, report);
      else if (isCheckable(spec)) checkBranches(action, spec, report);
    }
  },
});

function isSavedDraft(metadata: Readonly<Record<string, unknown>> | undefined): boolean {
  const status = metadata?.status;
  return typeof status === "string" && /^(saved|draft)$/i.test(status);
}

function quoteList(values: readonly string[], conjunction: "or" | "and"): string {
  return listPhrase(
    values.map((v) => JSON.stringify(v)),
    conjunction,
  );
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return withArticle(typeof value);
}

function withArticle(type: string): string {
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}

function checkActionParameters(action: Action, spec: ActionSpec, report: (d: ReportDescriptor<ValidActionParametersMessageId>) => void): void {
  const hasParameters = hasOwn(action.raw, "Parameters");
  // A Parameters value that is not an object is valid-flow-structure's to report.
  if (hasParameters && !isObject(action.raw.Parameters)) return;
  const base = `${action.pointer}/Parameters`;
  const parametersAt: ReportLocation = hasParameters ? { pointer: base, key: true, action } : { action, property: "Type" };
  // Named only for a finding (describeBlock keeps each description): most blocks have none.
  const block = (): string => describeBlock(action);
  const parameters = action.parameters;
  for (const problem of checkParameters(spec, parameters)) {
    const descriptor = describeProblem(problem, spec, block, base, parametersAt, action);
    report(descriptor);
  }
  if (!isCheckable(spec)) return;
  const present = (name: string): boolean => hasOwn(parameters, name);
  for (const group of spec.atLeastOne ?? []) {
    if (group.some(present)) continue;
    report({ messageId: "missingOneOf", at: parametersAt, data: { block: block(), parameters: quoteList(group, "or") } });
  }
  for (const group of spec.mutuallyExclusive ?? []) {
    const set = Object.keys(parameters).filter((name) => group.includes(name));
    const first = set[0];
    if (first === undefined) continue;
    for (const parameter of set.slice(1)) {
      report({
        messageId: "mutuallyExclusive",
        at: { pointer: `${base}${pointerOf(parameter)}`, key: true, action },
        data: { block: block(), first, parameter, group: quoteList(group, "and") },
      });
    }
  }
}

function describeProblem(
  problem: ParameterProblem,
  spec: ActionSpec,
  block: () => string,
  base: string,
  parametersAt: ReportLocation,
  action: Action,
): ReportDescriptor<ValidActionParametersMessageId> {
  switch (problem.kind) {
    case "missing":
      return { messageId: "missingRequired", at: parametersAt, data: { block: block(), parameter: problem.parameter } };
    case "unknown": {
      const at = { pointer: `${base}${problem.pointer}`, key: true, action };
      const known = Object.keys(spec.parameters);
      if (known.length === 0) return { messageId: "noParameters", at, data: { block: block(), parameter: problem.parameter } };
      const suggestion = suggestParameter(problem.parameter, known);
      return suggestion === undefined
        ? { messageId: "unknownParameter", at, data: { block: block(), parameter: problem.parameter } }
        : { messageId: "unknownParameterSuggestion", at, data: { block: block(), parameter: problem.parameter, suggestion } };
    }
    case "type": {
      const scalar = typeof problem.value === "number" || typeof problem.value === "boolean";
      const expected =
        problem.expected === "string" && scalar
          ? `a string (${JSON.stringify(String(problem.value))})`
          : withArticle(problem.expected);
      return {
        messageId: "wrongType",
        at: { pointer: `${base}${problem.pointer}`, action },
        data: { block: block(), parameter: problem.parameter, expected, actual: jsonType(problem.value) },
      };
    }
    case "enum": {
      const at = { pointer: `${base}${problem.pointer}`, action };
      const value = JSON.stringify(problem.value);
      if (problem.caseOf !== undefined) {
        return {
          messageId: "valueCase",
          at,
          data: { block: block(), parameter: problem.parameter, value, expected: JSON.stringify(problem.caseOf) },
          severity: "warn",
        };
      }
      return { messageId: "invalidValue", at, data: { block: block(), parameter: problem.parameter, value, allowed: quoteList(problem.allowed, "or") } };
    }
    case "empty":
      return {
        messageId: "emptyValue",
        at: { pointer: `${base}${problem.pointer}`, action },
        data: { block: block(), path: pointerToPath(`/Parameters${problem.pointer}`) },
      };
  }
}

function checkTerminalTransitions(action: Action, report: (d: ReportDescriptor<ValidActionParametersMessageId>) => void): void {
  const transitions = action.raw.Transitions;
  if (!isObject(transitions)) return;
  // Named only for a finding (describeBlock keeps each description): most blocks have none.
  const block = (): string => describeBlock(action);
  for (const property of ["NextAction", "Conditions", "Errors"]) {
    if (!hasOwn(transitions, property)) continue;
    const value = transitions[property];
    const at = { pointer: `${action.pointer}/Transitions/${property}`, key: true, action };
    if (Array.isArray(value) && value.length === 0) {
      // The designer writes {} here; only one third-party note says an empty list is rejected, so
      // this is a warning.
      report({ messageId: "terminalEmptyList", at, data: { block: block(), property }, severity: "warn" });
    } else {
      const what = property === "NextAction" ? 'a default connector ("NextAction")' : `"${property}" branches`;
      report({ messageId: "terminalTransition", at, data: { block: block(), property: what } });
    }
  }
}

function checkBranches(action: Action, spec: ActionSpec, report: (d: ReportDescriptor<ValidActionParametersMessageId>) => void): void {
  const transitions = action.raw.Transitions;
  if (!isObject(transitions)) return;
  // Named only for a finding (describeBlock keeps each description): most blocks have none.
  const block = (): string => describeBlock(action);
  const base = `${action.pointer}/Transitions`;

  const errors = transitions.Errors;
  if (Array.isArray(errors)) {
    errors.forEach((entry: unknown, i) => {
      if (!isObject(entry)) return;
      const errorType = entry.ErrorType;
      if (typeof errorType !== "string" || errorType === "" || isDynamicValue(errorType)) return;
      if (spec.errors.includes(errorType)) return;
      const allowed = spec.errors.length === 0 ? "it raises no errors" : `it raises ${quoteList(spec.errors, "and")}`;
      report({ messageId: "invalidErrorType", at: { pointer: `${base}/Errors/${String(i)}/ErrorType`, action }, data: { block: block(), errorType, allowed } });
    });
  }

  const conditions = transitions.Conditions;
  if (!Array.isArray(conditions) || conditions.length === 0) return;
  if (!spec.conditions.supported) {
    report({ messageId: "conditionsNotSupported", at: { pointer: `${base}/Conditions`, key: true, action }, data: { block: block() } });
    return;
  }
  const operands = spec.conditions.allowedOperands;
  conditions.forEach((entry: unknown, i) => {
    if (!isObject(entry) || !isObject(entry.Condition)) return;
    const at = `${base}/Conditions/${String(i)}/Condition`;
    const operator = entry.Condition.Operator;
    if (typeof operator === "string" && !spec.conditions.operators.includes(operator) && !isDynamicValue(operator)) {
      report({
        messageId: "invalidOperator",
        at: { pointer: `${at}/Operator`, action },
        data: { block: block(), operator, allowed: quoteList(spec.conditions.operators, "or") },
      });
    }
    const values = entry.Condition.Operands;
    if (!Array.isArray(values)) return;
    values.forEach((operand: unknown, j) => {
      if (typeof operand !== "string") return;
      const pointer = `${at}/Operands/${String(j)}`;
      if (operand === "") {
        report({ messageId: "emptyOperand", at: { pointer, action }, data: { block: block(), n: i + 1 } });
        return;
      }
      if (!operands || operands.includes(operand) || isDynamicValue(operand)) return;
      const caseOf = operands.find((o) => o.toLowerCase() === operand.toLowerCase());
      if (caseOf !== undefined) {
        report({ messageId: "operandCase", at: { pointer, action }, data: { block: block(), operand: JSON.stringify(operand), expected: JSON.stringify(caseOf) }, severity: "warn" });
        return;
      }
      report({ messageId: "invalidOperand", at: { pointer, action }, data: { block: block(), operand: JSON.stringify(operand), allowed: quoteList(operands, "or") } });
    });
  });
}
