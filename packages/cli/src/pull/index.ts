/**
 * `connect-lint pull` from the command line. This module loads no AWS code: the SDK comes in with
 * pull.ts, imported once the arguments are read (so `pull --help` and usage errors answer at once),
 * and main.ts imports this module only for `pull`, so linting never loads the SDK.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { existingConfigFile } from "@connect-lint/core";
import type { CliIo } from "../main.js";
import { PullFailure } from "./errors.js";
import type { PullOptions, PullReporter, PullSummary } from "./pull.js";

export const PULL_HELP = `Usage: connect-lint pull --instance-id ID [--region REGION] [--profile NAME]
                         [--endpoint-url URL] --out DIR

Copies every flow and flow module of an Amazon Connect instance into DIR, read-only, with the
AWS credentials of the standard chain (environment, --profile or AWS_PROFILE, SSO, instance role):
  DIR/flows/<flow name>.json      as "aws connect describe-contact-flow" prints it
  DIR/modules/<module name>.json  as "aws connect describe-contact-flow-module" prints it
  DIR/inventory/*.json            flows, modules, queues, prompts, hours of operation, phone
                                  numbers, Lambda functions and Lex bots ("aws connect list-*")
  DIR/.connect-lintrc.json        pointing valid-resource-reference at the inventory (written
                                  only when DIR has no configuration)
Files are replaced atomically; names that clash (also by case) get the flow's id.

Options:
  --instance-id ID      The instance id, or its ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID)
  --region REGION       The instance's Region (default: AWS_REGION, the profile's, or the ARN's)
  --profile NAME        A profile of ~/.aws/config or ~/.aws/credentials
  --endpoint-url URL    Send requests to this URL instead of the Region's endpoint
  --out DIR             The folder to write into (created when missing)
  -h, --help            Show this help

It calls only these Amazon Connect APIs: ListContactFlows, DescribeContactFlow,
ListContactFlowModules, DescribeContactFlowModule, ListQueues, ListPrompts,
ListHoursOfOperations, ListPhoneNumbersV2, ListLambdaFunctions, ListBots (the IAM actions
of the same names, connect:ListContactFlows and so on).

Exit codes:
  0  everything pulled
  1  pulled, but some flows or modules could not be described (each is named on stderr)
  2  usage error, or the pull failed (credentials, access, instance, network)
`;

class PullUsage extends Error {
  override readonly name = "PullUsage";
}

/** The options of `pull` from its arguments (those after `pull`), or "help". */
export function parsePullArgs(argv: readonly string[], cwd: string): PullOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        "instance-id": { type: "string" },
        region: { type: "string" },
        profile: { type: "string" },
        "endpoint-url": { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new PullUsage(`${error instanceof Error ? error.message : String(error)}. See connect-lint pull --help.`);
  }
  if (values.help === true) return "help";
  const given = values["instance-id"];
  if (given === undefined || given.trim() === "") throw new PullUsage("--instance-id is required. See connect-lint pull --help.");
  if (values.out === undefined || values.out === "") throw new PullUsage("--out DIR is required: the folder to write the flows into.");
  let instanceId = given.trim();
  let region = values.region;
  if (instanceId.startsWith("arn:")) {
    // arn:PARTITION:connect:REGION:ACCOUNT:instance/ID
    const parts = instanceId.split(":");
    const resource = parts[5] ?? "";
    if (parts.length !== 6 || parts[2] !== "connect" || !resource.startsWith("instance/") || resource.length === "instance/".length) {
      throw new PullUsage(`--instance-id "${instanceId}" is not an instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID).`);
    }
    instanceId = resource.slice("instance/".length);
    region ??= parts[3] === "" ? undefined : parts[3];
  }
  const endpoint = values["endpoint-url"];
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url?.protocol !== "http:" && url?.protocol !== "https:") {
      throw new PullUsage(`--endpoint-url "${endpoint}" is not an http:// or https:// URL.`);
    }
  }
  return {
    instanceId,
    region: region === "" ? undefined : region,
    profile: values.profile,
    endpoint,
    out: path.resolve(cwd, values.out),
  };
}

function shown(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** Progress on one redrawn line when standard error is a terminal; nothing otherwise (the summary says it). */
function reporterFor(io: CliIo): PullReporter & { end(summary: string): void } {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let drawn = false;
  const clear = (): void => {
    if (drawn) io.stderr.write("\r\u001b[K");
    drawn = false;
  };
  return {
    progress(done, total) {
      if (!tty || total === 0) return;
      io.stderr.write(`\r\u001b[Kconnect-lint pull: described ${String(done)} of ${plural(total, "flow")} and modules`);
      drawn = true;
    },
    warn(message) {
      clear();
      io.stderr.write(`connect-lint pull: ${message}\n`);
    },
    end(summary) {
      clear();
      io.stderr.write(`connect-lint pull: ${summary}\n`);
    },
  };
}

/** The configuration written into the pulled folder when it has none. */
export function suggestedConfig(inventory: readonly string[]): string {
  return JSON.stringify({ extends: "recommended", inventory }, null, 2) + "\n";
}

/** DIR/package.json when it has a "connect-lint" configuration. */
function packageConfig(dir: string): string | undefined {
  const file = path.join(dir, "package.json");
  try {
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    return typeof pkg === "object" && pkg !== null && "connect-lint" in pkg ? file : undefined;
  } catch {
    return undefined;
  }
}

async function adviseLint(options: PullOptions, summary: PullSummary, io: CliIo): Promise<void> {
  const dir = shown(io.cwd, options.out);
  const existing = existingConfigFile(options.out) ?? packageConfig(options.out);
  const config = path.join(options.out, ".connect-lintrc.json");
  let wrote = false;
  if (existing === undefined) {
    try {
      // "wx": never replace a file that appeared meanwhile.
      await fs.promises.writeFile(config, suggestedConfig(summary.inventory), { flag: "wx" });
      wrote = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new PullFailure(`cannot write ${shown(io.cwd, config)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }
  }
  if (wrote) {
    io.stdout.write(`Wrote ${shown(io.cwd, config)}: the recommended rules, with the instance's inventory for valid-resource-reference.\n`);
  } else {
    io.stdout.write(
      `${shown(io.cwd, existing ?? config)} exists and was left as it is. To check references against the instance, give it:\n` +
        `  "inventory": ${JSON.stringify(summary.inventory)}\n`,
    );
  }
  const cd = dir === "." ? "" : `cd ${/^[\w./-]+$/.test(dir) ? dir : JSON.stringify(dir)} && `;
  io.stdout.write(`Lint the pulled flows with:\n  ${cd}connect-lint\n`);
}

/** Runs `connect-lint pull ARGS`; resolves to the exit code. Never throws. */
export async function runPull(argv: readonly string[], io: CliIo): Promise<number> {
  let options: PullOptions | "help";
  try {
    options = parsePullArgs(argv, io.cwd);
  } catch (error) {
    io.stderr.write(`connect-lint pull: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (options === "help") {
    io.stdout.write(PULL_HELP);
    return 0;
  }
  const reporter = reporterFor(io);
  let client: { destroy(): void } | undefined;
  try {
    const stat = await fs.promises.stat(options.out).catch(() => undefined);
    if (stat && !stat.isDirectory()) throw new PullFailure(`--out ${shown(io.cwd, options.out)} is a file, not a folder.`);
    // The SDK warns on Node.js 20 that its releases after January 2027 will need Node.js 22; the
    // version this package pins supports Node.js 20, so the warning would only puzzle our users.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const { makeClient, pull } = await import("./pull.js");
    const connect = makeClient(options);
    client = connect;
    const summary = await pull(connect, options, reporter);
    for (const file of summary.stale) {
      reporter.warn(`${shown(io.cwd, path.join(options.out, file))} is no flow of the instance (deleted, or renamed since an earlier pull?): it was left as it is.`);
    }
    const skipped = summary.skipped.length === 0 ? "" : `; ${String(summary.skipped.length)} could not be described (see above)`;
    reporter.end(
      `pulled ${plural(summary.flows, "flow")} and ${plural(summary.modules, "module")} of instance ${options.instanceId}, and ${plural(summary.inventory.length, "inventory list")}, into ${shown(io.cwd, options.out)}${skipped}.`,
    );
    await adviseLint(options, summary, io);
    return summary.skipped.length === 0 ? 0 : 1;
  } catch (error) {
    const message = error instanceof PullFailure ? error.message : `internal error: ${error instanceof Error ? (io.env.CONNECT_LINT_DEBUG ? (error.stack ?? error.message) : error.message) : String(error)}`;
    reporter.warn(message);
    return 2;
  } finally {
    client?.destroy();
  }
}
