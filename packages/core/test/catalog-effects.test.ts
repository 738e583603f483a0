/** The catalog's `effects`: the facts the path-following rules ask instead of naming action types. */
import { describe, expect, it } from "vitest";
import { ACTIONS, actionsWithEffect, allowedFlowTypes, getAction, hasEffect, variantOf } from "@connect-lint/core";
import type { ActionEffect, ActionSpec } from "@connect-lint/core";

const typesWith = (effect: ActionEffect): string[] => actionsWithEffect(effect).map((a) => a.type);

describe("catalog effects", () => {
  it("names the blocks that set data and the working queue", () => {
    expect(typesWith("sets-contact-attributes")).toEqual(["UpdateContactAttributes"]);
    expect(typesWith("sets-flow-attributes")).toEqual(["UpdateFlowAttributes"]);
    expect(typesWith("sets-working-queue")).toEqual(["UpdateContactTargetQueue"]);
    expect(typesWith("uses-working-queue")).toEqual(["TransferContactToQueue"]);
    expect(typesWith("defaults-to-working-queue")).toEqual(["CheckHoursOfOperation", "CheckMetricData", "CreateCallbackContact", "GetMetricData"]);
    expect(typesWith("returns-external-data")).toEqual(["InvokeLambdaFunction"]);
    expect(typesWith("returns-lex-data")).toEqual(["ConnectParticipantWithLexBot"]);
    expect(typesWith("stores-customer-input")).toEqual(["GetParticipantInput"]);
    expect(typesWith("checks-value")).toEqual(["Compare"]);
    expect(typesWith("runs-module")).toEqual(["InvokeFlowModule"]);
  });

  it("names the blocks that wait, hand the contact on or end the flow", () => {
    expect(typesWith("waits-for-customer")).toEqual(["AuthenticateParticipant", "ConnectParticipantWithLexBot", "GetParticipantInput", "ShowView", "Wait"]);
    expect(typesWith("waits-for-time")).toEqual(["MessageParticipantIteratively", "TransferParticipantToThirdParty", "Wait"]);
    expect(typesWith("hands-off")).toEqual([
      "DequeueContactAndTransferToQueue",
      "TransferContactToAgent",
      "TransferContactToQueue",
      "TransferParticipantToThirdParty",
      "TransferToFlow",
    ]);
    // A callback is a new contact: the current one goes on along the block's connectors.
    expect(typesWith("queues-callback")).toEqual(["CreateCallbackContact"]);
  });

  it("says ends-flow exactly for terminal actions", () => {
    for (const spec of ACTIONS) expect([spec.type, spec.effects.includes("ends-flow")]).toEqual([spec.type, spec.terminal]);
  });

  it("answers false for unknown and missing types", () => {
    expect(hasEffect("UpdateContactTargetQueue", "sets-working-queue")).toBe(true);
    expect(hasEffect("SetWorkingQueue", "sets-working-queue")).toBe(false);
    expect(hasEffect(undefined, "sets-working-queue")).toBe(false);
  });
});

describe("catalog variants", () => {
  const spec = getAction("GetParticipantInput") as ActionSpec;

  it("tells Set Touchtone Buffer Behavior from Get customer input by its parameters", () => {
    expect(variantOf(spec, { EnableDTMFBuffer: "true" })?.block).toBe("Set Touchtone Buffer Behavior");
    expect(variantOf(spec, { EnableDTMFBuffer: "true", Text: "Enter your PIN" })).toBeUndefined();
    expect(variantOf(spec, {})).toBeUndefined();
    expect(allowedFlowTypes(spec, { EnableDTMFBuffer: "true" })).toContain("OUTBOUND_WHISPER");
    expect(allowedFlowTypes(spec, { Text: "Enter your PIN", StoreInput: "True" })).not.toContain("OUTBOUND_WHISPER");
  });
});
