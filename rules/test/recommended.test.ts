/**
 * Decisions about the recommended preset that are easy to undo by accident. Each is explained in
 * the rule's doc page.
 */
import { describe, expect, it } from "vitest";
import { rules } from "@connect-lint/rules";

const recommended = (name: string): unknown => rules.find((r) => r.name === name)?.meta.recommended;

describe("recommended severities", () => {
  it("warns about unreachable blocks: the service publishes flows that have them, and they never run", () => {
    expect(recommended("no-unreachable-block")).toBe("warn");
  });
});
