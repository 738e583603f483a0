/**
 * `connect-lint pull` in unit: the error paths with aws-sdk-client-mock (no HTTP), the read-only
 * guard, file names and the AWS CLI's JSON. The end-to-end test (real SDK and HTTP against a
 * stand-in of the Connect API) is test/pull.test.ts at the repository root.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import * as Connect from "@aws-sdk/client-connect";
import {
  AccessDeniedException,
  ConnectClient,
  ContactFlowNotPublishedException,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListHoursOfOperationsCommand,
  ListLambdaFunctionsCommand,
  ListPhoneNumbersV2Command,
  ListPromptsCommand,
  ListQueuesCommand,
  ResourceNotFoundException,
  ThrottlingException,
  UpdateContactFlowContentCommand,
} from "@aws-sdk/client-connect";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { READ_ONLY_OPERATIONS, WriteRefused, iamAction, readOnlyGuard } from "../dist/pull/commands.js";
import { cliJson, cliTimestamp, fileNames, safeStem } from "../dist/pull/files.js";
import { parsePullArgs, runPull } from "../dist/pull/index.js";
import { makeClient, pull } from "../dist/pull/pull.js";
import type { PullOptions, PullReporter } from "../dist/pull/pull.js";

const INSTANCE = "11111111-2222-3333-4444-555555555555";
const ARN = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}`;
const dirs: string[] = [];
function temp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "connect-lint-pull-unit-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const meta = (status: number): { httpStatusCode: number } => ({ httpStatusCode: status });
const FLOW = { Id: "f-1", Arn: `${ARN}/contact-flow/f-1`, Name: "Main", ContactFlowType: "CONTACT_FLOW" as const };
const BROKEN = { Id: "f-2", Arn: `${ARN}/contact-flow/f-2`, Name: "Never published", ContactFlowType: "CONTACT_FLOW" as const };
const MODULE = { Id: "m-1", Arn: `${ARN}/flow-module/m-1`, Name: "Auth" };
const CONTENT = '{"Version":"2019-10-30","StartAction":"a","Actions":[]}';

/** The mock of every ConnectClient's send (replaced after the test that needs the real one). */
let connect = mockClient(ConnectClient);

/** An instance with one flow, one flow that was never published, one module and nothing else. */
function instance(): void {
  connect.reset();
  connect.on(ListContactFlowsCommand).resolves({ ContactFlowSummaryList: [FLOW, BROKEN] });
  connect.on(ListContactFlowModulesCommand).resolves({ ContactFlowModulesSummaryList: [MODULE] });
  connect.on(ListQueuesCommand).resolves({ QueueSummaryList: [] });
  connect.on(ListPromptsCommand).resolves({ PromptSummaryList: [] });
  connect.on(ListHoursOfOperationsCommand).resolves({ HoursOfOperationSummaryList: [] });
  connect.on(ListPhoneNumbersV2Command).resolves({ ListPhoneNumbersSummaryList: [] });
  connect.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: [] });
  connect.on(ListBotsCommand).resolves({ LexBots: [] });
  connect.on(DescribeContactFlowCommand, { InstanceId: INSTANCE, ContactFlowId: "f-1" }).resolves({ ContactFlow: { ...FLOW, Type: "CONTACT_FLOW", Content: CONTENT } });
  connect
    .on(DescribeContactFlowCommand, { InstanceId: INSTANCE, ContactFlowId: "f-2" })
    .rejects(new ContactFlowNotPublishedException({ message: "The flow is not published.", $metadata: meta(404) }));
  connect.on(DescribeContactFlowModuleCommand).resolves({ ContactFlowModule: { ...MODULE, Content: CONTENT } });
}

function options(out: string): PullOptions {
  return { instanceId: INSTANCE, region: "us-east-1", endpoint: undefined, profile: undefined, out, maxAttempts: 1 };
}

interface Recorder extends PullReporter {
  readonly warnings: string[];
  readonly frames: string[];
}

function recorder(): Recorder {
  const warnings: string[] = [];
  const frames: string[] = [];
  return {
    warnings,
    frames,
    warn(message) {
      warnings.push(message);
    },
    progress(done, total) {
      frames.push(`${String(done)}/${String(total)}`);
    },
  };
}

async function pullFails(out: string): Promise<string> {
  try {
    await pull(makeClient(options(out)), options(out), recorder());
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return "no failure";
}

beforeEach(instance);

describe("read-only", () => {
  it("allows only List and Describe operations that the SDK has", () => {
    for (const operation of READ_ONLY_OPERATIONS) {
      expect(operation).toMatch(/^(List|Describe)[A-Z]/);
      expect(typeof (Connect as Record<string, unknown>)[`${operation}Command`]).toBe("function");
    }
    expect(iamAction("ListContactFlowsCommand")).toBe("connect:ListContactFlows");
  });

  it("sends only commands of the allow-list during a pull", async () => {
    const out = temp();
    await pull(makeClient(options(out)), options(out), recorder());
    const sent = connect.calls().map((call) => (call.args[0] as object).constructor.name);
    expect([...new Set(sent)].sort()).toEqual(
      [
        "DescribeContactFlowCommand",
        "DescribeContactFlowModuleCommand",
        "ListBotsCommand",
        "ListContactFlowModulesCommand",
        "ListContactFlowsCommand",
        "ListHoursOfOperationsCommand",
        "ListLambdaFunctionsCommand",
        "ListPhoneNumbersV2Command",
        "ListPromptsCommand",
        "ListQueuesCommand",
      ],
    );
    expect(sent.every((name) => READ_ONLY_OPERATIONS.some((op) => `${op}Command` === name))).toBe(true);
  });

  it("refuses a write command before it is sent, and lets a read through", async () => {
    connect.restore();
    try {
      let sent = 0;
      const client = new ConnectClient({
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
        maxAttempts: 1,
        requestHandler: {
          handle: () => {
            sent++;
            return Promise.reject(new Error("reached the network"));
          },
        },
      });
      readOnlyGuard(client);
      const write = client.send(new UpdateContactFlowContentCommand({ InstanceId: INSTANCE, ContactFlowId: "f-1", Content: "{}" }));
      await expect(write).rejects.toThrow(new WriteRefused("connect-lint pull only reads; it refused to send UpdateContactFlowContentCommand."));
      expect(sent).toBe(0);
      await expect(client.send(new ListContactFlowsCommand({ InstanceId: INSTANCE }))).rejects.toThrow("reached the network");
      expect(sent).toBe(1);
    } finally {
      // Mock again for the next tests (beforeEach sets the instance up on this mock).
      connect = mockClient(ConnectClient);
    }
  });
});

describe("pull with a mocked client", () => {
  it("writes the flows it can describe and reports the others", async () => {
    const out = temp();
    const reporter = recorder();
    const summary = await pull(makeClient(options(out)), options(out), reporter);
    expect(summary).toEqual({
      flows: 1,
      modules: 1,
      skipped: ['flow "Never published" (f-2) not described: ContactFlowNotPublishedException: The flow is not published.'],
      inventory: [
        "inventory/flows.json",
        "inventory/modules.json",
        "inventory/queues.json",
        "inventory/prompts.json",
        "inventory/hours.json",
        "inventory/phone-numbers.json",
        "inventory/lambda.json",
        "inventory/lex.json",
      ],
      stale: [],
    });
    expect(reporter.warnings).toEqual(summary.skipped);
    expect(reporter.frames).toEqual(["0/3", "1/3", "2/3", "3/3"]);
    expect(fs.readFileSync(path.join(out, "flows/Main.json"), "utf8")).toBe(
      `{\n    "ContactFlow": {\n        "Id": "f-1",\n        "Arn": "${ARN}/contact-flow/f-1",\n        "Name": "Main",\n        "ContactFlowType": "CONTACT_FLOW",\n        "Type": "CONTACT_FLOW",\n        "Content": ${JSON.stringify(CONTENT)}\n    }\n}\n`,
    );
    expect(fs.existsSync(path.join(out, "flows/Never published.json"))).toBe(false);
  });

  it("goes on without Lex V1 bots when they cannot be listed", async () => {
    connect.on(ListBotsCommand, { InstanceId: INSTANCE, LexVersion: "V1" }).rejects(Object.assign(new Error("Lex V1 is no longer supported"), { name: "InvalidRequestException" }));
    const out = temp();
    const reporter = recorder();
    await pull(makeClient(options(out)), options(out), reporter);
    expect(reporter.warnings[0]).toBe("Lex V1 bots not listed: ListBots failed: InvalidRequestException: Lex V1 is no longer supported");
  });

  it.each([
    [
      "AccessDenied on a list",
      ListQueuesCommand,
      new AccessDeniedException({ message: "not authorized", $metadata: meta(403) }),
      `PullFailure: access denied to connect:ListQueues: the IAM policy of these credentials must allow it on instance ${INSTANCE} (see "Pulling flows from an instance" in the README for the policy). AWS said: not authorized`,
    ],
    [
      "AccessDenied on a describe",
      DescribeContactFlowModuleCommand,
      new AccessDeniedException({ message: "not authorized", $metadata: meta(403) }),
      `PullFailure: access denied to connect:DescribeContactFlowModule: the IAM policy of these credentials must allow it on instance ${INSTANCE} (see "Pulling flows from an instance" in the README for the policy). AWS said: not authorized`,
    ],
    [
      "a wrong instance or Region",
      ListContactFlowsCommand,
      new ResourceNotFoundException({ message: "Instance not found", $metadata: meta(404) }),
      `PullFailure: instance ${INSTANCE} not found in Region us-east-1 (ListContactFlows): check --instance-id (the id in the instance ARN, arn:aws:connect:REGION:ACCOUNT:instance/ID) and --region.`,
    ],
    [
      "no credentials",
      ListContactFlowsCommand,
      Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }),
      'PullFailure: no AWS credentials found: run "aws configure" or "aws sso login", or set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    ],
    [
      "no Region",
      ListContactFlowsCommand,
      new Error("Region is missing"),
      "PullFailure: no AWS Region: give --region (e.g. --region eu-west-2), or set AWS_REGION, or a region in the profile.",
    ],
    [
      "refused credentials",
      ListContactFlowsCommand,
      Object.assign(new Error("The security token included in the request is invalid."), { name: "UnrecognizedClientException", $metadata: meta(403) }),
      "PullFailure: the AWS credentials were refused (UnrecognizedClientException): check the access key and secret, or sign in again.",
    ],
    [
      "expired credentials",
      ListContactFlowsCommand,
      Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredTokenException", $metadata: meta(403) }),
      'PullFailure: the AWS credentials have expired (ExpiredTokenException): sign in again (e.g. "aws sso login").',
    ],
    [
      "throttling after every retry",
      DescribeContactFlowCommand,
      new ThrottlingException({ message: "Rate exceeded", $metadata: meta(429) }),
      "PullFailure: Amazon Connect kept throttling DescribeContactFlow after retries (ThrottlingException): try again later, or raise the instance's API quota.",
    ],
    [
      "a network failure",
      ListContactFlowsCommand,
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
      "PullFailure: cannot reach Amazon Connect at Region us-east-1 (ECONNREFUSED): check the network, --region and --endpoint-url.",
    ],
    [
      "a DNS failure inside the SDK's error",
      ListContactFlowsCommand,
      Object.assign(new Error("request failed"), { cause: Object.assign(new Error("getaddrinfo ENOTFOUND connect.xx-nowhere-1.amazonaws.com"), { code: "ENOTFOUND" }) }),
      "PullFailure: cannot reach Amazon Connect at Region us-east-1 (ENOTFOUND: request failed): check the network, --region and --endpoint-url.",
    ],
    [
      "anything else",
      ListPromptsCommand,
      Object.assign(new Error("We encountered an internal error."), { name: "InternalServiceException", $metadata: meta(500) }),
      "PullFailure: ListPrompts failed: InternalServiceException: We encountered an internal error. (HTTP 500)",
    ],
  ])("ends with one line on %s", async (_what, command, error, message) => {
    connect.on(command as typeof ListQueuesCommand).rejects(error);
    const out = temp();
    expect(await pullFails(out)).toBe(message);
  });

  it("shows progress on one line when standard error is a terminal", async () => {
    const out = temp();
    let stderr = "";
    let stdout = "";
    const sink = (write: (text: string) => void): Writable =>
      new Writable({
        write(chunk: Buffer, _encoding, callback): void {
          write(chunk.toString());
          callback();
        },
      });
    const err = Object.assign(sink((t) => (stderr += t)), { isTTY: true });
    const code = await runPull(["--instance-id", ARN, "--out", out], { stdin: process.stdin, stdout: sink((t) => (stdout += t)), stderr: err, cwd: out, env: {} });
    const line = (n: number): string => `\r\u001b[Kconnect-lint pull: described ${String(n)} of 3 flows and modules`;
    expect(stderr).toBe(
      line(0) +
        line(1) +
        `\r\u001b[Kconnect-lint pull: flow "Never published" (f-2) not described: ContactFlowNotPublishedException: The flow is not published.\n` +
        line(2) +
        line(3) +
        `\r\u001b[Kconnect-lint pull: pulled 1 flow and 1 module of instance ${INSTANCE}, and 8 inventory lists, into .; 1 could not be described (see above).\n`,
    );
    expect(stdout).toBe(
      "Wrote .connect-lintrc.json: the recommended rules, with the instance's inventory for valid-resource-reference.\nLint the pulled flows with:\n  connect-lint\n",
    );
    expect(code).toBe(1);
  });
});

describe("the configuration of the pulled folder", () => {
  it("is not written beside a package.json that configures connect-lint", async () => {
    const out = temp();
    fs.writeFileSync(path.join(out, "package.json"), '{"connect-lint": {"extends": "recommended"}}');
    let stdout = "";
    const sink = (write: (text: string) => void): Writable =>
      new Writable({
        write(chunk: Buffer, _encoding, callback): void {
          write(chunk.toString());
          callback();
        },
      });
    const code = await runPull(["--instance-id", ARN, "--out", out], { stdin: process.stdin, stdout: sink((t) => (stdout += t)), stderr: sink(() => undefined), cwd: out, env: {} });
    expect(code).toBe(1);
    expect(fs.existsSync(path.join(out, ".connect-lintrc.json"))).toBe(false);
    expect(stdout.split("\n")[0]).toBe("package.json exists and was left as it is. To check references against the instance, give it:");
  });
});

describe("arguments", () => {
  it("takes an instance ARN, its Region unless --region says otherwise", () => {
    expect(parsePullArgs(["--instance-id", ARN, "--out", "o"], "/w")).toEqual({ instanceId: INSTANCE, region: "us-east-1", profile: undefined, endpoint: undefined, out: path.resolve("/w", "o") });
    expect(parsePullArgs(["--instance-id", ARN, "--region", "eu-west-2", "--profile", "audit", "--out", "/o"], "/w")).toEqual({
      instanceId: INSTANCE,
      region: "eu-west-2",
      profile: "audit",
      endpoint: undefined,
      out: path.resolve("/o"),
    });
    expect(parsePullArgs(["-h"], "/w")).toBe("help");
  });

  it.each([
    [["--out", "o"], "--instance-id is required. See connect-lint pull --help."],
    [["--instance-id", "x"], "--out DIR is required: the folder to write the flows into."],
    [["--instance-id", "arn:aws:connect:us-east-1:1:queue/x", "--out", "o"], '--instance-id "arn:aws:connect:us-east-1:1:queue/x" is not an instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID).'],
    [["--instance-id", "x", "--out", "o", "--endpoint-url", "localhost:4566"], '--endpoint-url "localhost:4566" is not an http:// or https:// URL.'],
    [["--instance-id", "x", "--out", "o", "--force"], "Unknown option '--force'. See connect-lint pull --help."],
  ])("rejects %j", (argv, message) => {
    expect(() => parsePullArgs(argv, "/w")).toThrow(message);
  });
});

describe("file names", () => {
  it("keeps readable names and makes them safe on every file system", () => {
    expect(safeStem("Main inbound")).toBe("Main inbound");
    expect(safeStem('Sales/Support: "VIP"?')).toBe("Sales_Support_ _VIP__");
    expect(safeStem("..hidden.")).toBe("hidden");
    expect(safeStem("tab\there")).toBe("tab_here");
    expect(safeStem("CON")).toBe("CON_");
    expect(safeStem("x".repeat(100))).toBe("x".repeat(80));
    expect(safeStem(`${"x".repeat(79)}😀`)).toBe("x".repeat(79));
  });

  it("gives names that clash, also by case, the flow's id", () => {
    expect(
      fileNames([
        { Id: "a", Name: "Main" },
        { Id: "b", Name: "main" },
        { Id: "c", Name: "Sales/Support" },
        { Id: "d", Name: "Sales:Support" },
        { Id: "e", Name: "Other" },
        { Id: "f", Name: "..." },
      ]),
    ).toEqual(["Main--a.json", "main--b.json", "Sales_Support--c.json", "Sales_Support--d.json", "Other.json", "f.json"]);
  });
});

describe("AWS CLI JSON", () => {
  it("prints times as the AWS CLI does, in UTC", () => {
    expect(cliTimestamp(new Date(Date.UTC(2024, 4, 1, 10, 20, 30, 250)))).toBe("2024-05-01T10:20:30.250000+00:00");
    expect(cliTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe("2024-01-02T03:04:05+00:00");
  });

  it("drops $metadata and indents by four spaces", () => {
    expect(cliJson({ $metadata: { httpStatusCode: 200 }, A: { T: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), L: [] } })).toBe(
      '{\n    "A": {\n        "T": "2024-01-02T03:04:05+00:00",\n        "L": []\n    }\n}\n',
    );
  });
});
