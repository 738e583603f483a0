import type { Flow } from "@connect-lint/core";

/**
 * True when the flow's `Actions` is a list. When it is not (missing, `null`, an object, a string),
 * valid-flow-structure reports that one cause; rules that compare Identifiers with the blocks
 * (StartAction, designer metadata, annotations) then say nothing, since every comparison would fail
 * for that same reason and bury it under follow-on findings.
 */
export function hasActionList(flow: Flow): boolean {
  return Array.isArray(flow.raw.Actions);
}
