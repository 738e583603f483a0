/**
 * `connect-lint pull` end to end: the built CLI, the real AWS SDK and real HTTP, against the local
 * stand-in of the Connect API (connect-stand-in.ts) reached with --endpoint-url, with fake static
 * credentials and none of the machine's AWS configuration.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, runCli, tempDir } from "./helpers.js";
import type { Run } from "./helpers.js";
import { DENIED_INSTANCE, FLOWS, INSTANCE, MODULES, PROJECT, content, startStandIn } from "./connect-stand-in.js";
import type { StandIn } from "./connect-stand-in.js";

const work = tempDir("pull");

/** Environment with fake static credentials and no AWS configuration of the machine. */
function awsEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("AWS_") && k !== "FORCE_COLOR") env[k] = v;
  return {
    ...env,
    AWS_CONFIG_FILE: path.join(work, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(work, "no-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ...extra,
  };
}

/** Runs the built CLI without blocking this process (the stand-in answers in it). */
function runAsync(args: readonly string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => {
  await standIn.close();
});

const ARN = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}`;

function pullArgs(out: string, instance = INSTANCE): string[] {
  return ["pull", "--instance-id", instance, "--region", "us-east-1", "--endpoint-url", standIn.url, "--out", out];
}

/** The requests `pull` may send: the read-only operations' paths (ListPhoneNumbersV2 is a POST). */
const READ_ROUTES = [
  /^GET \/contact-flows-summary\/[^/?]+(\?nextToken=page-\d+)?$/,
  /^GET \/contact-flows\/[^/?]+\/[^/?]+$/,
  /^GET \/contact-flow-modules-summary\/[^/?]+(\?nextToken=page-\d+)?$/,
  /^GET \/contact-flow-modules\/[^/?]+\/[^/?]+$/,
  /^GET \/queues-summary\/[^/?]+(\?nextToken=page-\d+)?$/,
  /^GET \/prompts-summary\/[^/?]+(\?nextToken=page-\d+)?$/,
  /^GET \/hours-of-operations-summary\/[^/?]+(\?nextToken=page-\d+)?$/,
  /^POST \/phone-number\/list$/,
  /^GET \/instance\/[^/?]+\/lambda-functions(\?nextToken=page-\d+)?$/,
  /^GET \/instance\/[^/?]+\/bots\?lexVersion=V[12](&nextToken=page-\d+)?$/,
];

/** The describe output the AWS CLI prints for a served flow (keys in the SDK's order, times in UTC). */
function describedFlow(name: string): string {
  const flow = FLOWS.find((f) => f.Name === name);
  if (!flow?.file) throw new Error(name);
  const value = {
    ContactFlow: {
      Arn: `${ARN}/contact-flow/${flow.Id}`,
      Id: flow.Id,
      Name: name,
      Type: flow.Type,
      State: "ACTIVE",
      Status: "PUBLISHED",
      Description: `${name} (pulled)`,
      Content: content(flow.file),
      Tags: {},
      LastModifiedTime: "2024-05-01T10:20:30.250000+00:00",
      LastModifiedRegion: "us-east-1",
    },
  };
  return JSON.stringify(value, null, 4) + "\n";
}

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

const INVENTORY = [
  "inventory/flows.json",
  "inventory/modules.json",
  "inventory/queues.json",
  "inventory/prompts.json",
  "inventory/hours.json",
  "inventory/phone-numbers.json",
  "inventory/lambda.json",
  "inventory/lex.json",
];

describe("connect-lint pull", () => {
  const out = path.join(work, "pulled");
  let first: Run;
  let requests: string[];

  beforeAll(async () => {
    first = await runAsync(pullArgs("pulled"), work, awsEnv());
    requests = [...standIn.requests];
  });

  it("pulls every flow and module, skips the one that cannot be described, and says how to lint", () => {
    expect(first.stderr).toBe(
      `connect-lint pull: flow "Default agent hold" (5c9f8188-6554-53b2-a97d-ec7eb97aef5f) not described: ContactFlowNotPublishedException: The flow has not been published.\n` +
        `connect-lint pull: pulled 4 flows and 1 module of instance ${INSTANCE}, and 8 inventory lists, into pulled; 1 could not be described (see above).\n`,
    );
    expect(first.stdout).toBe(
      "Wrote pulled/.connect-lintrc.json: the recommended rules, with the instance's inventory for valid-resource-reference.\n" +
        "Lint the pulled flows with:\n  cd pulled && connect-lint\n",
    );
    expect(first.code).toBe(1);
    expect(files(out)).toEqual([
      ".connect-lintrc.json",
      "flows/Main inbound.json",
      "flows/Sales agent whisper.json",
      "flows/Sales customer queue.json",
      "flows/Sales queue transfer.json",
      ...[...INVENTORY].sort(),
      "modules/Authenticate caller.json",
    ]);
  });

  it("sends only read requests, follows NextToken, and retries the throttled describe", () => {
    expect(requests.filter((r) => !READ_ROUTES.some((route) => route.test(r)))).toEqual([]);
    expect(requests.filter((r) => r.startsWith("GET /contact-flows-summary/"))).toEqual([
      `GET /contact-flows-summary/${INSTANCE}`,
      `GET /contact-flows-summary/${INSTANCE}?nextToken=page-2`,
      `GET /contact-flows-summary/${INSTANCE}?nextToken=page-4`,
    ]);
    const main = FLOWS.find((f) => f.Name === "Main inbound")?.Id ?? "";
    expect(requests.filter((r) => r === `GET /contact-flows/${INSTANCE}/${main}`)).toHaveLength(2);
  });

  it("writes each flow as describe-contact-flow prints it, its Content byte for byte the served flow", () => {
    for (const flow of FLOWS) {
      if (flow.file === undefined) continue;
      const text = fs.readFileSync(path.join(out, "flows", `${flow.Name}.json`), "utf8");
      expect(text).toBe(describedFlow(flow.Name));
      expect((JSON.parse(text) as { ContactFlow: { Content: string } }).ContactFlow.Content).toBe(content(flow.file));
    }
    const module = MODULES[0];
    if (!module?.file) throw new Error("no module");
    expect(fs.readFileSync(path.join(out, "modules/Authenticate caller.json"), "utf8")).toBe(
      JSON.stringify(
        {
          ContactFlowModule: {
            Arn: `${ARN}/flow-module/${module.Id}`,
            Id: module.Id,
            Name: "Authenticate caller",
            Content: content(module.file),
            State: "ACTIVE",
            Status: "PUBLISHED",
            Tags: { team: "sales" },
          },
        },
        null,
        4,
      ) + "\n",
    );
  });

  it("writes the inventory as the aws connect list-* commands print it, all pages merged and sorted", () => {
    expect(fs.readFileSync(path.join(out, "inventory/hours.json"), "utf8")).toBe(`{
    "HoursOfOperationSummaryList": [
        {
            "Id": "h-1",
            "Arn": "${ARN}/operating-hours/h-1",
            "Name": "Basic Hours",
            "LastModifiedTime": "2024-05-01T10:20:30.250000+00:00",
            "LastModifiedRegion": "us-east-1"
        },
        {
            "Id": "h-2",
            "Arn": "${ARN}/operating-hours/h-2",
            "Name": "Weekend",
            "LastModifiedTime": "2024-05-01T10:20:30.250000+00:00",
            "LastModifiedRegion": "us-east-1"
        }
    ]
}
`);
    expect(fs.readFileSync(path.join(out, "inventory/lambda.json"), "utf8")).toBe(`{
    "LambdaFunctions": [
        "arn:aws:lambda:us-east-1:111122223333:function:authenticate",
        "arn:aws:lambda:us-east-1:111122223333:function:lookup-customer"
    ]
}
`);
    expect(fs.readFileSync(path.join(out, "inventory/lex.json"), "utf8")).toBe(`{
    "LexBots": [
        {
            "LexV2Bot": {
                "AliasArn": "arn:aws:lex:us-east-1:111122223333:bot-alias/BOT1/ALIAS1"
            }
        },
        {
            "LexBot": {
                "Name": "OrderFlowers",
                "LexRegion": "us-east-1"
            }
        }
    ]
}
`);
    const queues = JSON.parse(fs.readFileSync(path.join(out, "inventory/queues.json"), "utf8")) as { QueueSummaryList: { Name: string }[] };
    expect(queues.QueueSummaryList.map((q) => q.Name)).toEqual(["BasicQueue", "Sales", "Support"]);
    const flows = JSON.parse(fs.readFileSync(path.join(out, "inventory/flows.json"), "utf8")) as { ContactFlowSummaryList: { Name: string }[] };
    expect(flows.ContactFlowSummaryList.map((f) => f.Name)).toEqual(["Default agent hold", "Main inbound", "Sales agent whisper", "Sales customer queue", "Sales queue transfer"]);
    expect(fs.readFileSync(path.join(out, ".connect-lintrc.json"), "utf8")).toBe(`{
  "extends": "recommended",
  "inventory": [
${INVENTORY.map((f) => `    "${f}"`).join(",\n")}
  ]
}
`);
  });

  it("leaves a folder the built CLI lints with its configuration and inventory: every pulled flow is read", () => {
    const r = runCli(["--format", "json"], { cwd: out });
    expect(r.stderr).toBe("");
    const results = JSON.parse(r.stdout) as { filePath: string; resource?: string; kind: string }[];
    expect(results.map((x) => [path.relative(out, x.filePath).split(path.sep).join("/"), x.resource, x.kind]).sort()).toEqual(
      [
        ...fs.readdirSync(path.join(out, "flows")).map((f) => [`flows/${f}`, "ContactFlow", "flow"]),
        ...fs.readdirSync(path.join(out, "modules")).map((m) => [`modules/${m}`, "ContactFlowModule", "module"]),
      ].sort(),
    );
  });

  it("pulls flows and an inventory that lint to the findings of the project they came from", () => {
    // The project's own rule settings, beside the pulled flows (describe output, read as containers).
    const original = JSON.parse(fs.readFileSync(path.join(PROJECT, ".connect-lintrc.json"), "utf8")) as { rules: unknown };
    const lintDir = path.join(work, "relint");
    fs.cpSync(out, lintDir, { recursive: true });
    fs.writeFileSync(path.join(lintDir, ".connect-lintrc.json"), JSON.stringify({ extends: "recommended", inventory: INVENTORY, rules: original.rules }));
    const renames: [string, string][] = [];
    for (const [dir, key] of [["flows", "ContactFlow"], ["modules", "ContactFlowModule"]] as const) {
      for (const file of fs.readdirSync(path.join(lintDir, dir))) {
        const described = JSON.parse(fs.readFileSync(path.join(lintDir, dir, file), "utf8")) as Record<string, { Name: string }>;
        const served = [...FLOWS, ...MODULES].find((f) => f.Name === described[key]?.Name);
        if (served?.file === undefined) throw new Error(file);
        renames.push([path.basename(served.file), file]);
      }
    }
    // The same findings, in the files they were pulled to; positions are inside the Content strings now.
    const withoutPosition = (line: string): string => line.replace(/^(.*?\.json):\d+:\d+: /, "$1: ");
    let expected = fs.readFileSync(path.join(PROJECT, "expected.out"), "utf8");
    for (const [from, to] of renames) expected = expected.split(from).join(to);
    const r = runCli(["--format", "compact", "--no-color"], { cwd: lintDir });
    expect(r.stderr).toBe("");
    expect(r.stdout.trimEnd().split("\n").map(withoutPosition).sort()).toEqual(expected.trimEnd().split("\n").map(withoutPosition).sort());
    expect(expected).toContain("flows/Sales queue transfer.json:27:34: error");
    expect(r.code).toBe(1);
  });

  it("pulls again to the same bytes, keeps the user's configuration, and names files of no flow", async () => {
    const before = new Map(files(out).map((f) => [f, fs.readFileSync(path.join(out, f), "utf8")]));
    const config = '{ "extends": "recommended" }\n';
    fs.writeFileSync(path.join(out, ".connect-lintrc.json"), config);
    fs.writeFileSync(path.join(out, "flows/Old flow.json"), "{}");
    const again = await runAsync(pullArgs(out), work, awsEnv());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`connect-lint pull: pulled/flows/Old flow.json is no flow of the instance (deleted, or renamed since an earlier pull?): it was left as it is.\n`);
    expect(again.stdout).toBe(
      `pulled/.connect-lintrc.json exists and was left as it is. To check references against the instance, give it:\n` +
        `  "inventory": ${JSON.stringify(INVENTORY)}\n` +
        "Lint the pulled flows with:\n  cd pulled && connect-lint\n",
    );
    expect(fs.readFileSync(path.join(out, ".connect-lintrc.json"), "utf8")).toBe(config);
    for (const [file, text] of before) if (file !== ".connect-lintrc.json") expect(fs.readFileSync(path.join(out, file), "utf8")).toBe(text);
  });
});

describe("connect-lint pull --profile", () => {
  it("takes the credentials and the Region of the profile", async () => {
    const config = path.join(work, "aws-config");
    const credentials = path.join(work, "aws-credentials");
    fs.writeFileSync(config, "[profile audit]\nregion = us-east-1\n");
    fs.writeFileSync(credentials, "[audit]\naws_access_key_id = AKIDPROFILEAUDIT\naws_secret_access_key = secret\n");
    const env = awsEnv({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const from = standIn.accessKeys.length;
    const r = await runAsync(["pull", "--instance-id", INSTANCE, "--profile", "audit", "--endpoint-url", standIn.url, "--out", "profile"], work, env);
    expect(r.stderr).toMatch(/pulled 4 flows and 1 module/);
    expect(r.code).toBe(1);
    expect([...new Set(standIn.accessKeys.slice(from))]).toEqual(["AKIDPROFILEAUDIT"]);
  });

  it("names the profile when it has no credentials", async () => {
    const env = awsEnv();
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const r = await runAsync(["pull", "--instance-id", INSTANCE, "--region", "us-east-1", "--profile", "nobody", "--endpoint-url", standIn.url, "--out", "nobody"], work, env);
    expect(r.stderr).toBe(
      'connect-lint pull: no AWS credentials found (profile nobody): run "aws configure" or "aws sso login", or set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.\n',
    );
    expect(r.code).toBe(2);
  });
});

describe("connect-lint pull failures", () => {
  it("names the IAM action that was denied", async () => {
    const r = await runAsync(pullArgs("denied", DENIED_INSTANCE), work, awsEnv());
    expect(r.stderr).toBe(
      `connect-lint pull: access denied to connect:ListQueues: the IAM policy of these credentials must allow it on instance ${DENIED_INSTANCE} (see "Pulling flows from an instance" in the README for the policy). AWS said: User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: connect:ListQueues\n`,
    );
    expect(r.stdout).toBe("");
    expect(r.code).toBe(2);
    expect(fs.existsSync(path.join(work, "denied"))).toBe(false);
  });

  it("says when the instance is not found", async () => {
    const r = await runAsync(pullArgs("missing", "33333333-0000-0000-0000-000000000000"), work, awsEnv());
    expect(r.stderr).toBe(
      `connect-lint pull: instance 33333333-0000-0000-0000-000000000000 not found in ${standIn.url} (ListContactFlows): check --instance-id (the id in the instance ARN, arn:aws:connect:REGION:ACCOUNT:instance/ID) and --region.\n`,
    );
    expect(r.code).toBe(2);
  });

  it("says when there are no credentials", async () => {
    const env = awsEnv();
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const r = await runAsync(pullArgs("no-credentials"), work, env);
    expect(r.stderr).toBe(
      'connect-lint pull: no AWS credentials found: run "aws configure" or "aws sso login", or set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.\n',
    );
    expect(r.code).toBe(2);
  });

  it("says when the endpoint cannot be reached", async () => {
    // A port that was just free: nothing listens on it.
    const closed = await startStandIn();
    const url = closed.url;
    await closed.close();
    const r = await runAsync(["pull", "--instance-id", INSTANCE, "--region", "us-east-1", "--endpoint-url", url, "--out", "unreachable"], work, awsEnv());
    expect(r.stderr).toBe(`connect-lint pull: cannot reach Amazon Connect at ${url} (ECONNREFUSED): check the network, --region and --endpoint-url.\n`);
    expect(r.code).toBe(2);
  });

  it("rejects incomplete arguments, and has a help", async () => {
    const r = await runAsync(["pull", "--region", "us-east-1", "--out", "x"], work, awsEnv());
    expect(r.stderr).toBe("connect-lint pull: --instance-id is required. See connect-lint pull --help.\n");
    expect(r.code).toBe(2);
    const help = await runAsync(["pull", "--help"], work, awsEnv());
    expect(help.stdout).toMatch(/^Usage: connect-lint pull --instance-id ID /);
    expect(help.code).toBe(0);
    const main = runCli(["--help"], { cwd: work });
    expect(main.stdout).toContain("connect-lint pull --instance-id ID --region REGION --out DIR");
  });
});

describe("start-up cost", () => {
  it("loads the AWS SDK only to pull", () => {
    // run() in a fresh process; then, which CommonJS modules of @aws-sdk did Node load?
    const script = `
      import { createRequire } from "node:module";
      import { Writable } from "node:stream";
      const require = createRequire(import.meta.url);
      const { run } = await import(${JSON.stringify(path.join(ROOT, "packages/cli/dist/main.js"))});
      const sink = new Writable({ write(c, e, cb) { cb(); } });
      const io = { stdin: process.stdin, stdout: sink, stderr: sink, cwd: ${JSON.stringify(work)}, env: {} };
      const sdk = () => Object.keys(require.cache).some((f) => f.includes("@aws-sdk"));
      const seen = [];
      for (const argv of JSON.parse(process.argv[1])) { await run(argv, io); seen.push(sdk()); }
      process.stdout.write(JSON.stringify(seen));`;
    const flow = path.join(ROOT, "fixtures/flows/agent-whisper.json");
    const steps = [[flow], ["pull", "--help"], ["pull", "--out", "x"], ["pull", "--instance-id", "i", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9", "--out", path.join(work, "sdk")]];
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(steps)], { encoding: "utf8", env: awsEnv() });
    expect(r.stderr).toBe("");
    // Linting, pull --help and a usage error load none of it; a pull does.
    expect(r.stdout).toBe("[false,false,false,true]");
  });
});
