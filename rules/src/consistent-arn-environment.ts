import { defineRule } from "@connect-lint/core";
import type { Action } from "@connect-lint/core";
import { arnsInParameters, describeArnResource, isConnectArn } from "./utils/arn.js";
import type { Arn, ArnOccurrence } from "./utils/arn.js";
import { describeBlock, listPhrase } from "./utils/describe.js";

export interface ConsistentArnEnvironmentOptions {
  /** Accounts whose resources any environment may use (e.g. a shared-services account): never compared. */
  readonly allowAccounts: readonly string[];
  /** Compare ARNs of other services (Lambda, Lex, Amazon Q in Connect, ...) with the flow's environment. */
  readonly checkOtherServices: boolean;
}

/** A dimension of an ARN's environment. */
type Dimension = "account" | "region" | "instance";
const DIMENSIONS: readonly Dimension[] = ["account", "region", "instance"];

/** The literal value of a dimension, or undefined when the ARN has none (absent, templated, AWS-owned). */
function valueOf(arn: Arn, dimension: Dimension, options: ConsistentArnEnvironmentOptions): string | undefined {
  switch (dimension) {
    case "account":
      return arn.account.state === "literal" && !arn.awsManaged && !options.allowAccounts.includes(arn.account.raw) ? arn.account.raw : undefined;
    case "region":
      return arn.region.state === "literal" ? arn.region.raw : undefined;
    case "instance":
      return arn.connect?.instanceId?.state === "literal" ? arn.connect.instanceId.raw : undefined;
  }
}

/** The value most ARNs agree on; ties go to the value seen first in the file. */
interface Majority {
  readonly value: string;
  readonly count: number;
  /** ARNs that have a literal value for the dimension. */
  readonly total: number;
  /** The block where the majority value is first used. */
  readonly first: Action;
}

function majority(occurrences: readonly ArnOccurrence[], dimension: Dimension, options: ConsistentArnEnvironmentOptions): Majority | undefined {
  const counts = new Map<string, { count: number; first: Action }>();
  let total = 0;
  for (const { arn, action } of occurrences) {
    const value = valueOf(arn, dimension, options);
    if (value === undefined) continue;
    total++;
    const entry = counts.get(value);
    if (entry) entry.count++;
    else counts.set(value, { count: 1, first: action });
  }
  let best: Majority | undefined;
  // Map order is first-seen order, so a strict comparison keeps the earliest value on a tie.
  for (const [value, { count, first }] of counts) if (!best || count > best.count) best = { value, count, total, first };
  return best;
}

/** The ids of the rule's messages (`meta.messages`). */
export type ConsistentArnEnvironmentMessageId = "connectMismatch" | "externalMismatch";

export const consistentArnEnvironment = defineRule<ConsistentArnEnvironmentOptions, ConsistentArnEnvironmentMessageId>({
  name: "consistent-arn-environment",
  meta: {
    type: "problem",
    description: "Disallow ARNs from another account, Region or Amazon Connect instance than the rest of the flow.",
    recommended: "error",
    compliance: true,
    messages: {
      connectMismatch:
        "{{block}} refers to {{resource}} in {{found}} ({{param}}), but {{expected}}: a flow can only use resources of its own instance, so this ARN was probably copied from another environment.",
      externalMismatch:
        "{{block}} refers to {{resource}} in {{found}} ({{param}}), but {{expected}}: that works only when the resource is shared across accounts or Regions on purpose, so check that the ARN was not copied from another environment.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        allowAccounts: { type: "array", items: { type: "string", pattern: "^[0-9]{12}$" }, uniqueItems: true },
        checkOtherServices: { type: "boolean" },
      },
    },
    defaultOptions: { allowAccounts: [], checkOtherServices: true },
  },
  check(context) {
    const { flow, options } = context;
    const all: ArnOccurrence[] = [];
    for (const action of flow.actions) {
      for (const occurrence of arnsInParameters(action)) if (options.checkOtherServices || isConnectArn(occurrence.arn)) all.push(occurrence);
    }
    if (all.length < 2) return;
    // The flow's environment is what its Amazon Connect ARNs agree on: every queue, prompt, flow or
    // hours of operation must belong to the instance the flow runs in. Other services (Lambda, Lex,
    // Amazon Q in Connect, ...) only vote when the flow has no Connect ARN with that dimension.
    const connect = all.filter((o) => isConnectArn(o.arn));
    const home = new Map<Dimension, { readonly majority: Majority; readonly basis: string }>();
    for (const dimension of DIMENSIONS) {
      const fromConnect = majority(connect, dimension, options);
      if (fromConnect) {
        home.set(dimension, { majority: fromConnect, basis: "Amazon Connect ARN" });
        continue;
      }
      const fromAll = dimension === "instance" ? undefined : majority(all, dimension, options);
      if (fromAll) home.set(dimension, { majority: fromAll, basis: "ARN" });
    }
    for (const occurrence of all) {
      const { arn, action } = occurrence;
      const differs: { dimension: Dimension; value: string; majority: Majority; basis: string }[] = [];
      for (const dimension of DIMENSIONS) {
        const value = valueOf(arn, dimension, options);
        const expected = home.get(dimension);
        if (value === undefined || !expected || value === expected.majority.value) continue;
        differs.push({ dimension, value, majority: expected.majority, basis: expected.basis });
      }
      if (differs.length === 0) continue;
      const found = listPhrase(differs.map((d) => `${d.dimension} ${d.value}`));
      // Dimensions whose majority comes from the same ARNs share one explanation.
      const groups = new Map<string, { names: string[]; majority: Majority; basis: string }>();
      for (const d of differs) {
        const key = `${String(d.majority.count)}/${String(d.majority.total)}/${String(d.majority.first.index)}/${d.basis}`;
        const group = groups.get(key);
        const name = `${d.dimension} ${d.majority.value}`;
        if (group) group.names.push(name);
        else groups.set(key, { names: [name], majority: d.majority, basis: d.basis });
      }
      const expected = [...groups.values()]
        .map(({ names, majority: m, basis }) => {
          const share =
            m.total === 1
              ? `the only ${basis} in this flow uses`
              : m.count === m.total
                ? `all ${String(m.total)} ${basis}s in this flow use`
                : `${String(m.count)} of the ${String(m.total)} ${basis}s in this flow use`;
          return `${share} ${listPhrase(names)} (${m.count === 1 ? "in" : "first in"} ${describeBlock(m.first)})`;
        })
        .join("; ");
      const data = { block: describeBlock(action), resource: describeArnResource(arn), found, param: occurrence.where, expected };
      const at = { pointer: occurrence.pointer, action };
      if (isConnectArn(arn)) context.report({ messageId: "connectMismatch", at, data });
      else context.report({ messageId: "externalMismatch", at, data, severity: "warn" });
    }
  },
});
