export * from "./catalog/index.js";
export * from "./graph/flow-graph.js";
export * from "./linter.js";
export * from "./model/flow.js";
export * from "./parse/json-document.js";
export * from "./result.js";
export * from "./rule.js";
export * from "./schema/flow-structure.js";
