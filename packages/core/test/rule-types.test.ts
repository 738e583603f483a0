/**
 * Typed message ids: `report` accepts only the keys of the rule's `meta.messages`. The
 * `@ts-expect-error` lines are checked by `pnpm typecheck`: if a misspelt id compiled, the directive
 * itself would be an error.
 */
import { describe, expect, it } from "vitest";
import { defineRule } from "@connect-lint/core";
import type { AnyRule, RuleContext } from "@connect-lint/core";

const meta = {
  type: "problem",
  description: "A rule for the type test.",
  recommended: false,
  schema: { type: "object" },
} as const;

const inferred = defineRule({
  name: "inferred",
  meta: { ...meta, messages: { found: "Found {{what}}." }, defaultOptions: {} },
  check(context) {
    context.report({ messageId: "found", at: { pointer: "" }, data: { what: "it" } });
    // @ts-expect-error -- not a key of meta.messages
    context.report({ messageId: "fonud", at: { pointer: "" } });
  },
});

interface Options {
  readonly limit: number;
}

const explicit = defineRule<Options, "tooMany" | "none">({
  name: "explicit",
  meta: { ...meta, messages: { tooMany: "Too many.", none: "None." }, defaultOptions: { limit: 1 } },
  check(context: RuleContext<Options, "tooMany" | "none">) {
    if (context.options.limit > 1) context.report({ messageId: "tooMany", at: { pointer: "" } });
    // @ts-expect-error -- not one of the declared ids
    context.report({ messageId: "tooFew", at: { pointer: "" } });
  },
});

// @ts-expect-error -- a declared id without a message
defineRule<Options, "tooMany" | "none">({ name: "missing", meta: { ...meta, messages: { tooMany: "Too many." }, defaultOptions: { limit: 1 } } });

describe("typed message ids", () => {
  it("keeps rules of every option and message type in one registry", () => {
    const registry: readonly AnyRule[] = [inferred, explicit];
    expect(registry.map((r) => Object.keys(r.meta.messages))).toEqual([["found"], ["tooMany", "none"]]);
  });
});
