import { defineRule } from "@connect-lint/core";
import { arnsInParameters, describeArnResource, isExampleAccount } from "./utils/arn.js";
import type { Arn, ArnOccurrence } from "./utils/arn.js";
import { describeBlock, listPhrase } from "./utils/describe.js";

export interface NoHardcodedArnOptions {
  /** Account ids that may be written literally (e.g. a shared-services account every environment uses). */
  readonly allowAccounts: readonly string[];
  /** Regions that may be written literally (e.g. the one Region every environment runs in). */
  readonly allowRegions: readonly string[];
}

interface Hardcoded {
  /** The parts, for the message: `account 111122223333`, `region us-east-1`, `instance …`. */
  readonly parts: readonly string[];
  /** A substitution for the first of them, for the message. */
  readonly example: string;
}

/** The environment-specific parts written literally in an ARN; no parts when there are none. */
function hardcoded(arn: Arn, options: NoHardcodedArnOptions): Hardcoded {
  const parts: string[] = [];
  if (arn.account.state === "literal" && !arn.awsManaged && !options.allowAccounts.includes(arn.account.raw)) {
    parts.push(`account ${arn.account.raw}`);
  }
  if (arn.region.state === "literal" && !options.allowRegions.includes(arn.region.raw)) parts.push(`region ${arn.region.raw}`);
  const instance = arn.connect?.instanceId;
  if (instance?.state === "literal") parts.push(`instance ${instance.raw}`);
  const first = parts[0] ?? "";
  const example = first.startsWith("account") ? "${AWS::AccountId}" : first.startsWith("region") ? "${AWS::Region}" : "${InstanceId}";
  return { parts, example };
}

/** The ids of the rule's messages (`meta.messages`). */
export type NoHardcodedArnMessageId = "hardcodedArn";

export const noHardcodedArn = defineRule<NoHardcodedArnOptions, NoHardcodedArnMessageId>({
  name: "no-hardcoded-arn",
  meta: {
    type: "suggestion",
    description: "Disallow ARNs with a literal account, Region or instance id, which tie the flow to one environment.",
    recommended: false,
    compliance: true,
    messages: {
      hardcodedArn:
        "{{block}} writes {{parts}} literally in the ARN of {{resource}} ({{param}}){{more}}, which ties the flow to one environment; substitute {{pronoun}} when deploying (e.g. {{example}}) or read the ARN from an attribute.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        allowAccounts: { type: "array", items: { type: "string", pattern: "^[0-9]{12}$" }, uniqueItems: true },
        allowRegions: { type: "array", items: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$" }, uniqueItems: true },
      },
    },
    defaultOptions: { allowAccounts: [], allowRegions: [] },
  },
  check(context) {
    const { flow, options } = context;
    // One finding per distinct ARN, at its first use: every use of one ARN takes the same
    // substitution, so repeating the finding for each would only add noise.
    const seen = new Map<string, { readonly first: ArnOccurrence; readonly found: Hardcoded | undefined; uses: number }>();
    for (const action of flow.actions) {
      for (const occurrence of arnsInParameters(action)) {
        const { arn } = occurrence;
        const known = seen.get(arn.text);
        if (known) {
          known.uses++;
          continue;
        }
        // An ARN with a documentation example account (123456789012) is a sample to be replaced,
        // not one copied from a real environment.
        const found = arn.account.state === "literal" && isExampleAccount(arn.account.raw) ? undefined : hardcoded(arn, options);
        seen.set(arn.text, { first: occurrence, found, uses: 1 });
      }
    }
    for (const { first, found, uses } of seen.values()) {
      if (!found || found.parts.length === 0) continue;
      const more = uses === 1 ? "" : `, used ${String(uses)} times in this flow`;
      context.report({
        messageId: "hardcodedArn",
        at: { pointer: first.pointer, action: first.action },
        data: {
          block: describeBlock(first.action),
          parts: listPhrase(found.parts),
          example: found.example,
          pronoun: found.parts.length === 1 ? "it" : "them",
          resource: describeArnResource(first.arn),
          param: first.where,
          more,
        },
      });
    }
  },
});
