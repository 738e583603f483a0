/** One-line messages for what can go wrong talking to Amazon Connect. */
import { iamAction } from "./commands.js";

export interface PullTarget {
  readonly instanceId: string;
  readonly region: string | undefined;
  readonly endpoint: string | undefined;
  readonly profile: string | undefined;
}

/** A failure that ends the pull, with its one-line message. */
export class PullFailure extends Error {
  override readonly name = "PullFailure";
}

interface SdkError {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $fault?: unknown;
  readonly cause?: unknown;
}

function field(error: unknown, key: keyof SdkError): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "TimeoutError", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "SELF_SIGNED_CERT_IN_CHAIN"]);

/** The Node.js network error code of an error or of its causes, e.g. ECONNREFUSED. */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; e = field(e, "cause"), depth++) {
    const code = field(e, "code");
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    const name = field(e, "name");
    if (name === "TimeoutError") return "TimeoutError";
    if (name === "AggregateError" && Array.isArray((e as { errors?: unknown }).errors)) {
      const inner = ((e as { errors: unknown[] }).errors).map(networkCode).find((c) => c !== undefined);
      if (inner) return inner;
    }
  }
  return undefined;
}

function firstLine(value: unknown): string {
  return typeof value === "string" ? (value.split("\n")[0] ?? "").trim() : "";
}

function where(target: PullTarget): string {
  if (target.endpoint !== undefined) return target.endpoint;
  return target.region === undefined ? "the default Region" : `Region ${target.region}`;
}

/**
 * Whether a failed describe of one flow should only be reported (the flow is skipped): the flow is
 * in a state that cannot be described (never published, deleted since it was listed, …). Failures
 * of access, credentials, network or throttling end the pull: they would fail every flow alike.
 */
export function isPerFlowFailure(error: unknown): boolean {
  const name = field(error, "name");
  if (typeof name !== "string") return false;
  return ["ResourceNotFoundException", "ContactFlowNotPublishedException", "InvalidRequestException", "InvalidParameterException", "InternalServiceException"].includes(name);
}

/** The one-line message for an error of `operation` (e.g. "ListContactFlows"). */
export function explain(error: unknown, operation: string, target: PullTarget): string {
  if (error instanceof PullFailure) return error.message;
  const name = typeof field(error, "name") === "string" ? (field(error, "name") as string) : "";
  const message = firstLine(field(error, "message"));
  const status = (field(error, "$metadata") as SdkError["$metadata"] | undefined)?.httpStatusCode;
  const profile = target.profile === undefined ? "" : ` (profile ${target.profile})`;

  if (name === "CredentialsProviderError" || /could not load credentials/i.test(message)) {
    return `no AWS credentials found${profile}: run "aws configure" or "aws sso login", or set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`;
  }
  if (/region is missing/i.test(message)) {
    return `no AWS Region: give --region (e.g. --region eu-west-2), or set AWS_REGION, or a region in the profile${profile}.`;
  }
  if (["UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "InvalidClientTokenId", "IncompleteSignature"].includes(name)) {
    return `the AWS credentials${profile} were refused (${name}): check the access key and secret, or sign in again.`;
  }
  if (["ExpiredTokenException", "ExpiredToken", "TokenRefreshRequired"].includes(name) || /expired/i.test(name)) {
    return `the AWS credentials${profile} have expired (${name}): sign in again (e.g. "aws sso login").`;
  }
  if (name === "AccessDeniedException" || name === "AccessDenied" || status === 403) {
    return `access denied to ${iamAction(operation)}${profile}: the IAM policy of these credentials must allow it on instance ${target.instanceId} (see "Pulling flows from an instance" in the README for the policy).${message ? ` AWS said: ${message}` : ""}`;
  }
  if (name === "ResourceNotFoundException") {
    return `instance ${target.instanceId} not found in ${where(target)} (${operation}): check --instance-id (the id in the instance ARN, arn:aws:connect:REGION:ACCOUNT:instance/ID) and --region.`;
  }
  if (name === "ThrottlingException" || name === "TooManyRequestsException" || status === 429) {
    return `Amazon Connect kept throttling ${operation} after retries (${name || "HTTP 429"}): try again later, or raise the instance's API quota.`;
  }
  const network = networkCode(error);
  if (network !== undefined) {
    return `cannot reach Amazon Connect at ${where(target)} (${network}${message && !message.includes(network) ? `: ${message}` : ""}): check the network, --region and --endpoint-url.`;
  }
  const what = name && name !== "Error" ? `${name}: ` : "";
  return `${operation} failed: ${what}${message || "unknown error"}${status === undefined ? "" : ` (HTTP ${String(status)})`}`;
}
