import { substitutePlaceholders } from "./placeholders.js";
import { get, stringValue, type TemplateNode } from "./tree.js";
import type { ExtractResult, SourceDocument } from "./types.js";

/** The object that holds the flow in `describe-contact-flow(-module)` output, with its resource label. */
export function apiFlowObject(root: TemplateNode): { node: TemplateNode; resource: string; kind: "flow" | "module" } | undefined {
  for (const [key, kind] of [
    ["ContactFlow", "flow"],
    ["ContactFlowModule", "module"],
  ] as const) {
    const node = get(root, key);
    if (node?.kind === "map" && get(node, "Content")?.kind === "string") return { node, resource: key, kind };
  }
  // The flow object alone (`--query ContactFlow`, or exported with Name/Type/Content beside each other).
  const content = stringValue(get(root, "Content"));
  if (content?.trimStart().startsWith("{") === true && ["Arn", "Id", "Name", "Type"].some((k) => get(root, k) !== undefined)) {
    const arn = stringValue(get(root, "Arn")) ?? "";
    const kind = arn.includes("/flow-module/") || (arn === "" && get(root, "Type") === undefined) ? "module" : "flow";
    return { node: root, resource: kind === "module" ? "ContactFlowModule" : "ContactFlow", kind };
  }
  return undefined;
}

export function extractApi(hostPath: string, root: TemplateNode, patterns: readonly RegExp[]): ExtractResult | null {
  const found = apiFlowObject(root);
  const content = get(found?.node, "Content");
  if (found === undefined || content?.kind !== "string") return null;
  const decoded = content.decode();
  const substituted = substitutePlaceholders(decoded.text, "none", patterns);
  const name = stringValue(get(found.node, "Name"));
  const flowType = found.kind === "flow" ? stringValue(get(found.node, "Type")) : undefined;
  const document: SourceDocument = {
    text: substituted.text,
    hostPath,
    declaredIn: hostPath,
    container: "api-describe",
    resource: found.resource,
    kind: found.kind,
    ...(flowType !== undefined ? { flowType } : {}),
    ...(name !== undefined ? { name } : {}),
    map: decoded.map.compose(substituted.map),
    placeholders: substituted.placeholders,
    references: new Map(),
  };
  return { documents: [document], diagnostics: [] };
}
