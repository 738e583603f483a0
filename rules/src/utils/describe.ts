import { getAction } from "@connect-lint/core";
import type { Action, Transition } from "@connect-lint/core";

/** The designer's name for a block type, e.g. "Play prompt"; the raw type when it is not in the catalog. */
export function blockLabel(type: string | undefined): string {
  if (type === undefined) return "Block";
  return getAction(type)?.block ?? type;
}

/**
 * How messages name a block: its designer name and Identifier, e.g. `Play prompt "welcome"`.
 * The Identifier is quoted as JSON so that any character in it stays visible.
 */
export function describeBlock(action: Action): string {
  const id = action.id === undefined ? `#${String(action.index + 1)} (no Identifier)` : JSON.stringify(action.id);
  return `${blockLabel(action.type)} ${id}`;
}

/** How messages list things: `A`, `A and B`, `A, B and C` (or "or"). */
export function listPhrase(parts: readonly string[], conjunction: "and" | "or" = "and"): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} ${conjunction} ${parts[parts.length - 1] ?? ""}`;
}

/** How a message names a connector: `default (NextAction)`, `condition #2 (Equals "1")`, `error "NoMatchingError"`. */
export function describeConnector(t: Transition): string {
  switch (t.kind) {
    case "next":
      return "default connector (NextAction)";
    case "condition": {
      const n = String((t.index ?? 0) + 1);
      const op = t.condition?.operator;
      const operands = t.condition?.operands;
      const first = Array.isArray(operands) ? (operands as unknown[])[0] : undefined;
      if (typeof op === "string") {
        return `condition #${n} connector (${op}${typeof first === "string" ? ` ${JSON.stringify(first)}` : ""})`;
      }
      return `condition #${n} connector`;
    }
    case "error":
      return t.errorType === undefined ? `error #${String((t.index ?? 0) + 1)} connector` : `"${t.errorType}" error connector`;
  }
}
