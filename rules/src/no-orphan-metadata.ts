import { defineRule, hasOwn, isObject, pointerOf } from "@connect-lint/core";
import type { Fixer } from "@connect-lint/core";
import { describeBlock } from "./utils/describe.js";
import { hasActionList } from "./utils/structure.js";

export const noOrphanMetadata = defineRule({
  name: "no-orphan-metadata",
  meta: {
    type: "suggestion",
    description: "Require the flow designer's metadata to describe exactly the blocks the flow has.",
    recommended: "warn",
    fixable: "code",
    messages: {
      orphanMetadata:
        "Metadata.ActionMetadata has an entry for {{id}}, but no block in the flow has that Identifier: the block was deleted or renamed outside the flow designer.",
      orphanAnnotation:
        "Designer note #{{n}} (Metadata.Annotations) is attached to {{id}}, but no block in the flow has that Identifier: the block was deleted or renamed outside the flow designer.",
      missingMetadata:
        "{{block}} has no entry in Metadata.ActionMetadata, where the flow designer keeps its position on the canvas; the designer may not place or import it correctly.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(context) {
    const { flow } = context;
    const metadata = flow.metadata;
    // Flows from the API, CloudFormation or code generators often carry no designer metadata at
    // all: nothing to compare then.
    // With no list of blocks (`Actions` null, an object, a string), every entry would look orphaned:
    // valid-flow-structure reports the one cause.
    if (!metadata || !hasActionList(flow)) return;
    const actionMetadata = own(metadata, "ActionMetadata");
    if (isObject(actionMetadata)) {
      // Keys are data (`__proto__` is an own key when JSON.parse made the object): compare via Set/Map.
      const keys = Object.keys(actionMetadata);
      // The entry is the designer's record of a block that is gone (its canvas position): removing
      // it loses nothing of the flow. But next to a block without an entry it is most likely that
      // block's, renamed by hand: which entry belongs to which block is a guess, so nothing is fixed.
      // A designer note (Annotations) is the builder's text: never fixed.
      let renamed = false;
      if (keys.length > 0) {
        for (const id of flow.actionsById.keys()) {
          if (hasOwn(actionMetadata, id)) continue;
          renamed = true;
          break;
        }
      }
      for (const key of keys) {
        if (flow.actionsById.has(key)) continue;
        const pointer = pointerOf("Metadata", "ActionMetadata", key);
        context.report({
          messageId: "orphanMetadata",
          at: { pointer, key: true },
          data: { id: JSON.stringify(key) },
          ...(renamed ? {} : { fix: (fixer: Fixer) => fixer.removeMember(pointer) }),
        });
      }
      // An empty ActionMetadata is a file with no saved layout, like one without ActionMetadata.
      if (keys.length > 0) {
        for (const [id, action] of flow.actionsById) {
          if (hasOwn(actionMetadata, id)) continue;
          // Only third-party material says the designer needs the entry: never more than a warning.
          context.report({ messageId: "missingMetadata", at: { action }, data: { block: describeBlock(action) }, severity: "warn" });
        }
      }
    }
    const annotations = own(metadata, "Annotations");
    if (Array.isArray(annotations)) {
      annotations.forEach((note: unknown, index) => {
        if (!isObject(note)) return;
        const actionId = own(note, "actionId");
        // The designer writes "" for a note that is not attached to a block.
        if (typeof actionId !== "string" || actionId === "" || flow.actionsById.has(actionId)) return;
        context.report({
          messageId: "orphanAnnotation",
          at: { pointer: pointerOf("Metadata", "Annotations", index, "actionId") },
          data: { n: index + 1, id: JSON.stringify(actionId) },
        });
      });
    }
  },
});

function own(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return hasOwn(object, key) ? object[key] : undefined;
}
