import { pointerOf, pointerToPath } from "@connect-lint/core";
import type { Action } from "@connect-lint/core";

/**
 * Amazon Resource Names as flows write them: `arn:<partition>:<service>:<region>:<account>:<resource>`.
 *
 * `parseArn(text)` reads a string that is one ARN (surrounding white space allowed) and splits it into
 * its parts, with extra structure for the services flows use:
 * - Amazon Connect: `instance/<instance id>[/<resource type>/<resource id>[:<qualifier>]]`
 *   (queues, prompts, flows, flow modules, hours of operation, views, agents, ...), resources that
 *   are not inside an instance (`phone-number/<id>`), and AWS-managed resources whose account is
 *   `aws` (`arn:aws:connect:us-east-1:aws:view/form:1`);
 * - AWS Lambda: `function:<name>[:<version or alias>]`;
 * - Amazon Lex V2 bot aliases: `bot-alias/<bot id>/<alias id>`, and Lex V1 bots `bot:<name>[:<alias>]`.
 *
 * Flows kept in source control are often templates: `${AWS::AccountId}` (CloudFormation `Fn::Sub`),
 * `${var.region}` (Terraform), `{{ACCOUNT_ID}}`, `<REGION>`, or a JSONPath read at run time
 * (`$.AwsRegion`). The splitter treats such a placeholder as one token, so the colons inside
 * `${AWS::Region}` do not split the ARN, and every part says whether it is a literal value
 * (`literal`), a placeholder or anything else that cannot be judged (`dynamic`), or empty (`absent`,
 * as the region of an S3 ARN). Only literal parts are ever compared or reported.
 */

/** How a part of an ARN is written. */
export type ArnPartState = "literal" | "dynamic" | "absent";

export interface ArnPart {
  /** The part as written, e.g. `us-east-1`, `${AWS::Region}`, `$.AwsRegion`, `""`. */
  readonly raw: string;
  readonly state: ArnPartState;
}

/** What an ARN designates, as far as the flow linter cares. */
export type ArnKind =
  /** `arn:aws:connect:…:instance/<id>`: the instance itself. */
  | "connect-instance"
  /** A resource inside an instance: `instance/<id>/queue/<id>`, `…/contact-flow/<id>`, … */
  | "connect-instance-resource"
  /** A Connect resource owned by AWS (account `aws`), e.g. a managed view `view/form:1`. */
  | "connect-managed"
  /** Another Connect resource that is not inside an instance, e.g. `phone-number/<id>`. */
  | "connect-other"
  /** `arn:aws:lambda:…:function:<name>[:<qualifier>]`. */
  | "lambda-function"
  /** `arn:aws:lex:…:bot-alias/<bot id>/<alias id>` (Lex V2). */
  | "lex-bot-alias"
  /** `arn:aws:lex:…:bot:<name>[:<alias>]` (Lex V1). */
  | "lex-bot"
  /** Any other ARN (Amazon Q in Connect, Cognito, S3, ...). */
  | "other";

export interface ConnectResource {
  /** The instance id (a UUID in real ARNs), or undefined when the ARN is not inside an instance. */
  readonly instanceId: ArnPart | undefined;
  /** `queue`, `prompt`, `contact-flow`, `flow-module`, `operating-hours`, `view`, `agent`, ...; undefined for the instance itself. */
  readonly resourceType: string | undefined;
  /** The resource id; undefined for the instance itself. */
  readonly resourceId: string | undefined;
  /** What follows the last top-level `:` of the resource, e.g. `$LATEST` for a view version. */
  readonly qualifier: string | undefined;
}

export interface LambdaFunction {
  readonly functionName: string;
  /** A version or alias, e.g. `$LATEST`, `3`, `live`. */
  readonly qualifier: string | undefined;
}

export interface LexBot {
  /** Lex V2 bot id, or the Lex V1 bot name. */
  readonly bot: string;
  /** Lex V2 alias id, or the Lex V1 alias. */
  readonly alias: string | undefined;
}

export interface Arn {
  /** The ARN as written, without surrounding white space. */
  readonly text: string;
  readonly partition: ArnPart;
  readonly service: ArnPart;
  readonly region: ArnPart;
  /** The account; `aws` (AWS-owned resources) counts as `literal` but see `awsManaged`. */
  readonly account: ArnPart;
  /** Everything after the fifth top-level colon, as written. */
  readonly resource: string;
  readonly kind: ArnKind;
  /** True when the account is `aws`: the resource belongs to AWS, not to a customer account. */
  readonly awsManaged: boolean;
  /** Set for ARNs of the `connect` service. */
  readonly connect: ConnectResource | undefined;
  /** Set for `lambda-function`. */
  readonly lambda: LambdaFunction | undefined;
  /** Set for `lex-bot-alias` and `lex-bot`. */
  readonly lex: LexBot | undefined;
}

const PARTITION = /^aws(?:-[a-z]+)*$/;
const SERVICE = /^[a-z][a-z0-9-]*$/;
// us-east-1, eu-west-2, us-gov-west-1, cn-north-1, ap-southeast-2, us-isob-east-1.
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;
// Real instance ids are UUIDs; hand-written examples use readable ids (`test-instance`), which are
// still literal values. Anything with template or JSONPath characters is not.
const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Account ids that AWS documentation uses in examples (and the all-zero id). An ARN with one of them
 * was not copied from a real environment: it is an example to be replaced.
 */
const EXAMPLE_ACCOUNTS: ReadonlySet<string> = new Set(["123456789012", "111122223333", "444455556666", "000000000000"]);

/** True for an account id that only appears in documentation examples (e.g. `123456789012`). */
export function isExampleAccount(account: string): boolean {
  return EXAMPLE_ACCOUNTS.has(account);
}

function part(raw: string, pattern: RegExp): ArnPart {
  if (raw === "") return { raw, state: "absent" };
  return { raw, state: pattern.test(raw) ? "literal" : "dynamic" };
}

/**
 * Where the placeholder or bracket that starts at `at` ends (the index just after it), or undefined
 * when `text[at]` does not start one. Placeholders: `${…}`, `#{…}`, `{{…}}` / `{…}` (nested braces
 * counted), `<…>`, and a JSONPath bracket `[…]`. An unclosed one runs to the end of the text.
 */
function skipPlaceholder(text: string, at: number): number | undefined {
  const c = text[at];
  let open = at;
  if ((c === "$" || c === "#") && text[at + 1] === "{") open = at + 1;
  else if (c !== "{" && c !== "<" && c !== "[") return undefined;
  const opener = text[open];
  if (opener === "<" || opener === "[") {
    const close = text.indexOf(opener === "<" ? ">" : "]", open + 1);
    return close < 0 ? text.length : close + 1;
  }
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * Splits `text` at `separator` outside placeholders. With `limit`, stops after `limit - 1` splits
 * and keeps the rest, separators included, as the last piece.
 */
export function splitOutsidePlaceholders(text: string, separator: string, limit = Infinity): string[] {
  const pieces: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (pieces.length === limit - 1) break;
    const skipped = skipPlaceholder(text, i);
    if (skipped !== undefined) {
      i = skipped;
      continue;
    }
    if (text[i] === separator) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** The text before and after the last top-level `separator`, or undefined when there is none. */
function splitLast(text: string, separator: string): [string, string] | undefined {
  const pieces = splitOutsidePlaceholders(text, separator);
  if (pieces.length < 2) return undefined;
  const last = pieces.pop() as string;
  return [pieces.join(separator), last];
}

function connectResource(resource: string): ConnectResource {
  const segments = splitOutsidePlaceholders(resource, "/");
  if (segments[0] !== "instance" || segments.length < 2) {
    const qualified = splitLast(resource, ":");
    const base = splitOutsidePlaceholders(qualified ? qualified[0] : resource, "/");
    return {
      instanceId: undefined,
      resourceType: base.length > 1 ? base[0] : undefined,
      resourceId: base.length > 1 ? base.slice(1).join("/") : undefined,
      qualifier: qualified?.[1],
    };
  }
  const instanceId = part(segments[1] ?? "", INSTANCE_ID);
  if (segments.length < 3) return { instanceId, resourceType: undefined, resourceId: undefined, qualifier: undefined };
  const rest = segments.slice(3).join("/");
  const qualified = splitLast(rest, ":");
  return {
    instanceId,
    resourceType: segments[2],
    resourceId: qualified ? qualified[0] : rest,
    qualifier: qualified?.[1],
  };
}

/**
 * Reads a string that is one ARN (white space around it allowed). Undefined when the string does not
 * start with `arn:` or has fewer than six colon-separated parts. Never throws.
 */
export function parseArn(value: string): Arn | undefined {
  const text = value.trim();
  if (!text.startsWith("arn:")) return undefined;
  const pieces = splitOutsidePlaceholders(text, ":", 6);
  if (pieces.length < 6) return undefined;
  const [, partitionRaw, serviceRaw, regionRaw, accountRaw, resource] = pieces as [string, string, string, string, string, string];
  const partition = part(partitionRaw, PARTITION);
  const service = part(serviceRaw, SERVICE);
  const region = part(regionRaw, REGION);
  const awsManaged = accountRaw === "aws";
  const account: ArnPart = awsManaged ? { raw: accountRaw, state: "literal" } : part(accountRaw, ACCOUNT);
  let kind: ArnKind = "other";
  let connect: ConnectResource | undefined;
  let lambda: LambdaFunction | undefined;
  let lex: LexBot | undefined;
  if (service.raw === "connect") {
    connect = connectResource(resource);
    if (awsManaged) kind = "connect-managed";
    else if (connect.instanceId === undefined) kind = "connect-other";
    else kind = connect.resourceType === undefined ? "connect-instance" : "connect-instance-resource";
  } else if (service.raw === "lambda") {
    const segments = splitOutsidePlaceholders(resource, ":");
    if (segments[0] === "function" && segments.length >= 2) {
      kind = "lambda-function";
      lambda = { functionName: segments[1] ?? "", qualifier: segments.length > 2 ? segments.slice(2).join(":") : undefined };
    }
  } else if (service.raw === "lex") {
    const slash = splitOutsidePlaceholders(resource, "/");
    const colon = splitOutsidePlaceholders(resource, ":");
    if (slash[0] === "bot-alias" && slash.length >= 3) {
      kind = "lex-bot-alias";
      lex = { bot: slash[1] ?? "", alias: slash.slice(2).join("/") };
    } else if (colon[0] === "bot" && colon.length >= 2) {
      kind = "lex-bot";
      lex = { bot: colon[1] ?? "", alias: colon.length > 2 ? colon.slice(2).join(":") : undefined };
    }
  }
  return { text, partition, service, region, account, resource, kind, awsManaged, connect, lambda, lex };
}

/** True for ARNs of Amazon Connect itself (instance resources, managed resources, phone numbers). */
export function isConnectArn(arn: Arn): boolean {
  return arn.kind === "connect-instance" || arn.kind === "connect-instance-resource" || arn.kind === "connect-managed" || arn.kind === "connect-other";
}

// Connect resource types as they appear in ARNs, named for messages with their article. Unknown
// types are shown as written (`a "security-profile" resource`).
const CONNECT_RESOURCE_LABELS: ReadonlyMap<string, string> = new Map([
  ["queue", "a queue"],
  ["prompt", "a prompt"],
  ["contact-flow", "a flow"],
  ["flow-module", "a flow module"],
  ["operating-hours", "an hours of operation"],
  ["view", "a view"],
  ["agent", "an agent"],
  ["routing-profile", "a routing profile"],
  ["transfer-destination", "a quick connect"],
  ["task-template", "a task template"],
  ["phone-number", "a phone number"],
]);

// Other services flows refer to, named for messages.
const SERVICE_LABELS: ReadonlyMap<string, string> = new Map([
  ["wisdom", "an Amazon Q in Connect resource"],
  ["qconnect", "an Amazon Q in Connect resource"],
  ["cognito-idp", "an Amazon Cognito user pool"],
  ["s3", "an Amazon S3 object"],
  ["sns", "an Amazon SNS topic"],
  ["sqs", "an Amazon SQS queue"],
]);

/** How messages name what an ARN designates, with an article: `a queue`, `the Lambda function "lookup"`. */
export function describeArnResource(arn: Arn): string {
  switch (arn.kind) {
    case "connect-instance":
      return "the Amazon Connect instance";
    case "connect-instance-resource":
    case "connect-managed":
    case "connect-other": {
      const type = arn.connect?.resourceType;
      const label = type === undefined ? "an Amazon Connect resource" : (CONNECT_RESOURCE_LABELS.get(type) ?? `a ${JSON.stringify(type)} resource`);
      return arn.kind === "connect-managed" ? label.replace(/^an? /, "an AWS-managed ") : label;
    }
    case "lambda-function": {
      const name = arn.lambda?.functionName ?? "";
      return name !== "" && !/[${}<>[\]]/.test(name) ? `the Lambda function ${JSON.stringify(name)}` : "a Lambda function";
    }
    case "lex-bot-alias":
    case "lex-bot":
      return "an Amazon Lex bot";
    case "other":
      return SERVICE_LABELS.get(arn.service.raw) ?? `a ${JSON.stringify(arn.service.raw)} resource`;
  }
}

/** One ARN written in a block's parameters. */
export interface ArnOccurrence {
  readonly arn: Arn;
  readonly action: Action;
  /** JSON pointer to the string value in the file. */
  readonly pointer: string;
  /** Where it is in the block, for messages: `QueueId`, `EventHooks.CustomerQueue`. */
  readonly where: string;
}

const MAX_DEPTH = 16;

/**
 * Every string in the block's `Parameters` (nested objects and arrays included) that is one ARN, in
 * document order. Strings that merely contain an ARN inside other text are not returned.
 */
export function arnsInParameters(action: Action): ArnOccurrence[] {
  const found: ArnOccurrence[] = [];
  const visit = (value: unknown, path: (string | number)[], depth: number): void => {
    if (typeof value === "string") {
      const arn = value.startsWith("arn:") || value.trimStart().startsWith("arn:") ? parseArn(value) : undefined;
      if (arn) {
        const local = pointerOf(...path);
        found.push({ arn, action, pointer: `${action.pointer}/Parameters${local}`, where: pointerToPath(local) });
      }
      return;
    }
    if (depth >= MAX_DEPTH || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        visit(item, [...path, i], depth + 1);
      });
      return;
    }
    for (const [key, item] of Object.entries(value)) visit(item, [...path, key], depth + 1);
  };
  for (const [key, value] of Object.entries(action.parameters)) visit(value, [key], 0);
  return found;
}
