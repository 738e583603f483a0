/**
 * A local stand-in for the Amazon Connect REST API, for `connect-lint pull` tests: node:http on
 * 127.0.0.1 (a random port), answering the read-only operations `pull` sends with the flows and
 * inventory of fixtures/projects/contact-center. The paths are those of the SDK's operation
 * schemas (@aws-sdk/client-connect dist-es/schemas: ListContactFlows is
 * GET /contact-flows-summary/{InstanceId}, and so on). It also plays what goes wrong:
 * - lists come in pages of 2 (NextToken);
 * - the first DescribeContactFlow of "Main inbound" is throttled (429 ThrottlingException);
 * - "Default agent hold" was never published: 404 ContactFlowNotPublishedException;
 * - instance DENIED_INSTANCE refuses ListQueues (403 AccessDeniedException);
 * - any other instance does not exist (404 ResourceNotFoundException).
 * Every request is logged as "METHOD /path?query".
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ROOT } from "./helpers.js";

export const INSTANCE = "11111111-2222-3333-4444-555555555555";
export const DENIED_INSTANCE = "22222222-2222-3333-4444-555555555555";
export const PROJECT = path.join(ROOT, "fixtures/projects/contact-center");
const ARN = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}`;

/** 2024-05-01T10:20:30.250Z, as Connect sends times: seconds since 1970. */
export const MODIFIED = 1714558830.25;

interface Served {
  readonly Id: string;
  readonly Name: string;
  readonly Type: string;
  /** The flow's fixture file (relative to PROJECT), or undefined: never published. */
  readonly file: string | undefined;
}

function inventory(name: string): Record<string, unknown[]> {
  return JSON.parse(fs.readFileSync(path.join(PROJECT, "inventory", name), "utf8")) as Record<string, unknown[]>;
}

const listed = inventory("flows.json").ContactFlowSummaryList as { Id: string; Name: string; ContactFlowType: string }[];
const FILES: Readonly<Record<string, string>> = {
  "Main inbound": "flows/main-inbound.json",
  "Sales agent whisper": "flows/sales-agent-whisper.json",
  "Sales customer queue": "flows/sales-customer-queue.json",
  "Sales queue transfer": "flows/sales-queue-transfer.json",
};
/** The project's four flows, and one flow that cannot be described. */
export const FLOWS: readonly Served[] = listed
  .filter((f) => f.Name in FILES || f.Name === "Default agent hold")
  .map((f) => ({ Id: f.Id, Name: f.Name, Type: f.ContactFlowType, file: FILES[f.Name] }));
const moduleSummary = inventory("modules.json").ContactFlowModulesSummaryList?.[0] as { Id: string; Name: string };
export const MODULES: readonly Served[] = [{ Id: moduleSummary.Id, Name: moduleSummary.Name, Type: "FLOW_MODULE", file: "flows/modules/authenticate-caller.json" }];

export const QUEUES = inventory("queues.json").QueueSummaryList ?? [];
export const PROMPTS = inventory("prompts.json").PromptSummaryList ?? [];
export const HOURS = [
  { Id: "h-2", Arn: `${ARN}/operating-hours/h-2`, Name: "Weekend", LastModifiedTime: MODIFIED, LastModifiedRegion: "us-east-1" },
  { Id: "h-1", Arn: `${ARN}/operating-hours/h-1`, Name: "Basic Hours", LastModifiedTime: MODIFIED, LastModifiedRegion: "us-east-1" },
];
export const PHONE_NUMBERS = [
  {
    PhoneNumberId: "p-1",
    PhoneNumberArn: "arn:aws:connect:us-east-1:111122223333:phone-number/p-1",
    PhoneNumber: "+15555550100",
    PhoneNumberCountryCode: "US",
    PhoneNumberType: "DID",
    TargetArn: ARN,
    InstanceId: INSTANCE,
  },
];
export const LAMBDAS = ["arn:aws:lambda:us-east-1:111122223333:function:lookup-customer", "arn:aws:lambda:us-east-1:111122223333:function:authenticate"];
export const BOTS_V2 = [{ LexV2Bot: { AliasArn: "arn:aws:lex:us-east-1:111122223333:bot-alias/BOT1/ALIAS1" } }];
export const BOTS_V1 = [{ LexBot: { Name: "OrderFlowers", LexRegion: "us-east-1" } }];

export function content(file: string): string {
  return fs.readFileSync(path.join(PROJECT, file), "utf8");
}

export interface StandIn {
  readonly url: string;
  /** "METHOD /path?query" of every request, in order. */
  readonly requests: string[];
  /** The access key id of each request's signature (Authorization: AWS4-HMAC-SHA256 Credential=<key>/…), in order. */
  readonly accessKeys: string[];
  close(): Promise<void>;
}

const PAGE = 2;

/** One page of a list: `{ [key]: items, NextToken? }`; the token is the index of the next item. */
function page(key: string, items: readonly unknown[], token: string | null | undefined): Record<string, unknown> {
  const start = token ? Number(token.replace("page-", "")) : 0;
  const body: Record<string, unknown> = { [key]: items.slice(start, start + PAGE) };
  if (start + PAGE < items.length) body.NextToken = `page-${String(start + PAGE)}`;
  return body;
}

function summary(f: Served): Record<string, unknown> {
  return f.Type === "FLOW_MODULE"
    ? { Id: f.Id, Arn: `${ARN}/flow-module/${f.Id}`, Name: f.Name, State: "ACTIVE", Status: "PUBLISHED" }
    : { Id: f.Id, Arn: `${ARN}/contact-flow/${f.Id}`, Name: f.Name, ContactFlowType: f.Type, ContactFlowState: "ACTIVE", ContactFlowStatus: "PUBLISHED" };
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** The error's name, sent as the x-amzn-ErrorType header. */
  readonly error?: string;
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const fail = (status: number, error: string, message: string): Reply => ({ status, body: { Message: message }, error });

/** The answer to one request; `throttled` holds the flows already throttled once. */
function answer(method: string, url: URL, body: string, throttled: Set<string>): Reply {
  const token = url.searchParams.get("nextToken");
  const parts = url.pathname.split("/").slice(1).map(decodeURIComponent);
  let instance = parts[1];
  if (method === "POST" && url.pathname === "/phone-number/list") {
    const input = JSON.parse(body || "{}") as { InstanceId?: string; NextToken?: string };
    instance = input.InstanceId;
    if (instance === INSTANCE) return ok(page("ListPhoneNumbersSummaryList", PHONE_NUMBERS, input.NextToken));
  }
  if (instance !== INSTANCE && instance !== DENIED_INSTANCE) return fail(404, "ResourceNotFoundException", "Instance not found");
  if (method !== "GET") return fail(400, "InvalidRequestException", `unexpected ${method} ${url.pathname}`);
  switch (parts[0]) {
    case "contact-flows-summary":
      return ok(page("ContactFlowSummaryList", FLOWS.map(summary), token));
    case "contact-flow-modules-summary":
      return ok(page("ContactFlowModulesSummaryList", MODULES.map(summary), token));
    case "queues-summary":
      if (instance === DENIED_INSTANCE) {
        return fail(403, "AccessDeniedException", "User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: connect:ListQueues");
      }
      return ok(page("QueueSummaryList", QUEUES, token));
    case "prompts-summary":
      return ok(page("PromptSummaryList", PROMPTS, token));
    case "hours-of-operations-summary":
      return ok(page("HoursOfOperationSummaryList", HOURS, token));
    case "instance":
      if (parts[2] === "lambda-functions") return ok(page("LambdaFunctions", LAMBDAS, token));
      if (parts[2] === "bots") return ok(page("LexBots", url.searchParams.get("lexVersion") === "V1" ? BOTS_V1 : BOTS_V2, token));
      break;
    case "contact-flows":
    case "contact-flow-modules": {
      const module = parts[0] === "contact-flow-modules";
      const flow = (module ? MODULES : FLOWS).find((f) => f.Id === parts[2]);
      if (!flow) return fail(404, "ResourceNotFoundException", "Flow not found");
      if (flow.Name === "Main inbound" && !throttled.has(`${instance}/${flow.Id}`)) {
        throttled.add(`${instance}/${flow.Id}`);
        return fail(429, "ThrottlingException", "Rate exceeded");
      }
      if (flow.file === undefined) return fail(404, "ContactFlowNotPublishedException", "The flow has not been published.");
      const { Id, Arn } = summary(flow) as { Id: string; Arn: string };
      // Keys in another order than the SDK's schema: the written file follows the schema.
      return module
        ? ok({ ContactFlowModule: { Content: content(flow.file), Id, Arn, Name: flow.Name, State: "ACTIVE", Status: "PUBLISHED", Tags: { team: "sales" } } })
        : ok({
            ContactFlow: {
              Content: content(flow.file),
              Id,
              Arn,
              Name: flow.Name,
              Type: flow.Type,
              State: "ACTIVE",
              Status: "PUBLISHED",
              Description: `${flow.Name} (pulled)`,
              Tags: {},
              LastModifiedTime: MODIFIED,
              LastModifiedRegion: "us-east-1",
            },
          });
    }
    default:
      break;
  }
  return fail(400, "InvalidRequestException", `unexpected ${method} ${url.pathname}`);
}

export async function startStandIn(): Promise<StandIn> {
  const requests: string[] = [];
  const accessKeys: string[] = [];
  const throttled = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      chunks.push(c);
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const method = req.method ?? "";
      requests.push(`${method} ${url.pathname}${url.search}`);
      accessKeys.push(/Credential=([^/]+)\//.exec(req.headers.authorization ?? "")?.[1] ?? "");
      const reply = answer(method, url, Buffer.concat(chunks).toString("utf8"), throttled);
      const text = JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...(reply.error === undefined ? {} : { "x-amzn-errortype": reply.error }),
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    accessKeys,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
