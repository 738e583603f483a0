import { blockLabelOf, blockName } from "@connect-lint/core";
import type { Action, Transition } from "@connect-lint/core";

export { blockLabel, blockLabelOf } from "@connect-lint/core";

/** Descriptions made so far: a flow with many findings names the same blocks many times. */
const descriptions = new WeakMap<Action, string>();

/** How messages name a block: its designer block name and its best human name, e.g. `Play prompt "welcome"`. */
export function describeBlock(action: Action): string {
  let description = descriptions.get(action);
  if (description === undefined) {
    description = `${blockLabelOf(action)} ${quotedBlockName(action)}`;
    descriptions.set(action, description);
  }
  return description;
}

/** The block's best human name, quoted as JSON (any character in it stays visible). */
export function quotedBlockName(action: Action): string {
  return action.id === undefined ? blockName(action) : JSON.stringify(blockName(action));
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
