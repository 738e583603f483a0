/**
 * The only Amazon Connect API operations `connect-lint pull` may call. `pull` is read-only by
 * construction: every client it makes carries `readOnlyGuard`, which refuses any command whose name
 * is not in this list before a request is signed or sent (the paginators send through the same
 * client, so they are guarded too). Each operation names the IAM action it needs, for the
 * AccessDenied message and the policy in the README.
 */
import type { ConnectClient } from "@aws-sdk/client-connect";

export const READ_ONLY_OPERATIONS = [
  "ListContactFlows",
  "DescribeContactFlow",
  "ListContactFlowModules",
  "DescribeContactFlowModule",
  "ListQueues",
  "ListPrompts",
  "ListHoursOfOperations",
  "ListPhoneNumbersV2",
  "ListLambdaFunctions",
  "ListBots",
] as const;

export type ReadOnlyOperation = (typeof READ_ONLY_OPERATIONS)[number];

const ALLOWED: ReadonlySet<string> = new Set(READ_ONLY_OPERATIONS.map((name) => `${name}Command`));

/** The IAM action an operation needs: `connect:ListContactFlows`. */
export function iamAction(operation: string): string {
  return `connect:${operation.replace(/Command$/, "")}`;
}

export class WriteRefused extends Error {
  override readonly name = "WriteRefused";
}

/** Adds the guard to a client: any command not in READ_ONLY_OPERATIONS fails before it is sent. */
export function readOnlyGuard(client: ConnectClient): void {
  client.middlewareStack.add(
    (next, context) => (args) => {
      const command = context.commandName;
      if (command === undefined || !ALLOWED.has(command)) {
        return Promise.reject(new WriteRefused(`connect-lint pull only reads; it refused to send ${command ?? "an unnamed command"}.`));
      }
      return next(args);
    },
    { step: "initialize", name: "connectLintReadOnlyGuard", priority: "high" },
  );
}
