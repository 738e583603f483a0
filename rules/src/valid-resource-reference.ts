import { defineRule } from "@connect-lint/core";
import { describeBlock } from "./utils/describe.js";
import {
  environmentDifference,
  inventoryNameHint,
  isTemplatedArn,
  kindLabel,
  kindWithArticle,
  missingCause,
  missingFromInventory,
  parameterPath,
  referenceDisplayName,
} from "./utils/resources.js";

export const validResourceReference = defineRule({
  name: "valid-resource-reference",
  meta: {
    type: "problem",
    description: "Require queue, prompt, hours of operation, Lambda and Lex bot references to exist in the inventory of the Amazon Connect instance.",
    recommended: "error",
    messages: {
      notInInventory:
        "{{block}} refers to {{resource}} by {{form}} that the inventory does not list ({{where}}): a typo, or {{cause}}{{hint}}.",
      otherEnvironment:
        "{{block}} refers to {{resource}} by an ARN in {{found}} ({{where}}), but the inventory's resources are in {{expected}}: the ARN probably comes from another environment{{hint}}.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  checkProject(context) {
    const { inventory } = context.project;
    if (!inventory) return;
    for (const reference of context.project.references) {
      // Flows and modules are valid-flow-reference's.
      if (reference.kind === "flow" || reference.kind === "module") continue;
      if (!missingFromInventory(inventory, reference) || isTemplatedArn(reference.value)) continue;
      const name = referenceDisplayName(reference);
      const label = kindLabel(reference.kind);
      const data = {
        block: describeBlock(reference.action),
        resource: name === undefined ? kindWithArticle(reference.kind) : `the ${label} ${JSON.stringify(name)}`,
        where: parameterPath(reference),
        hint: inventoryNameHint(inventory, reference.kind, name),
        cause: missingCause(reference.kind),
        form: reference.form === "arn" ? "an ARN" : "an id",
      };
      const at = { pointer: reference.pointer, action: reference.action };
      const difference = environmentDifference(reference.value, inventory);
      if (difference) context.report({ flow: reference.from, messageId: "otherEnvironment", at, data: { ...data, ...difference } });
      else context.report({ flow: reference.from, messageId: "notInInventory", at, data });
    }
  },
});
