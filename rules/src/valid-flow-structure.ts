import { checkFlowStructure, defineRule, pointerToPath } from "@connect-lint/core";
import type { StructureProblemKind } from "@connect-lint/core";

const MESSAGE_IDS = {
  "missing-property": "missingProperty",
  "unknown-property": "unknownProperty",
  "wrong-type": "wrongType",
  "wrong-version": "wrongVersion",
  "empty-value": "emptyValue",
  "identifier-empty": "identifierEmpty",
  "identifier-too-long": "identifierTooLong",
  "identifier-forbidden-character": "identifierForbiddenCharacter",
  "identifier-forbidden-name": "identifierForbiddenName",
  "duplicate-identifier": "duplicateIdentifier",
} as const satisfies Readonly<Record<StructureProblemKind, string>>;

export const validFlowStructure = defineRule({
  name: "valid-flow-structure",
  meta: {
    type: "problem",
    description: "Require the flow document and every action to have the shape the Flow language defines.",
    recommended: "error",
    messages: {
      missingProperty: '{{object}} is missing required property "{{property}}".',
      unknownProperty: 'Unknown property "{{property}}": the service rejects properties the Flow language does not define.',
      wrongType: "{{property}} must be of type {{expected}}, not {{actual}}.",
      wrongVersion: 'Version must be "{{expected}}", not {{actual}}.',
      emptyValue: "{{property}} must not be empty.",
      identifierEmpty: "Identifier must not be empty.",
      identifierTooLong: "Identifier {{id}} is {{length}} characters long; the service allows at most {{max}}.",
      identifierForbiddenCharacter: "Identifier {{id}} contains {{characters}}, which the service does not allow in Identifiers.",
      identifierForbiddenName: "Identifier {{id}} is a reserved name the service does not allow.",
      duplicateIdentifier: "Identifier {{id}} is already used by action #{{first}}; Identifiers must be unique within a flow.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(context) {
    for (const problem of checkFlowStructure(context.flow.raw)) {
      const data = { ...problem.data };
      if (typeof data.id === "string") data.id = JSON.stringify(data.id);
      if (typeof data.first === "number") data.first = data.first + 1;
      if (problem.kind === "wrong-type" || problem.kind === "empty-value") data.property = pointerToPath(problem.pointer);
      if (problem.kind === "missing-property") data.object = problem.pointer === "" ? "The flow" : pointerToPath(problem.pointer);
      context.report({ messageId: MESSAGE_IDS[problem.kind], at: { pointer: problem.pointer, key: problem.key }, data });
    }
  },
});
