/**
 * `connect-lint pull`: copies every flow and flow module of an Amazon Connect instance into a folder,
 * as `aws connect describe-contact-flow` / `describe-contact-flow-module` print them, with an
 * inventory of the instance (one file per `aws connect list-*` output) for valid-resource-reference.
 * Read-only: see commands.ts.
 */
import fs from "node:fs";
import path from "node:path";
import {
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  paginateListBots,
  paginateListContactFlowModules,
  paginateListContactFlows,
  paginateListHoursOfOperations,
  paginateListLambdaFunctions,
  paginateListPhoneNumbersV2,
  paginateListPrompts,
  paginateListQueues,
} from "@aws-sdk/client-connect";
import type { ContactFlowModuleSummary, ContactFlowSummary, LexBotConfig } from "@aws-sdk/client-connect";
import { writeFileAtomic } from "../write.js";
import { readOnlyGuard } from "./commands.js";
import type { ReadOnlyOperation } from "./commands.js";
import { PullFailure, explain, isPerFlowFailure } from "./errors.js";
import type { PullTarget } from "./errors.js";
import { cliJson, compareText, fileNames } from "./files.js";

export interface PullOptions extends PullTarget {
  /** The folder to write into. */
  readonly out: string;
  /** Attempts per request, retries on throttling and server errors included. */
  readonly maxAttempts?: number;
  /** Describe requests in flight at once. */
  readonly concurrency?: number;
}

/** What the pull reports as it goes: progress (to update a line), and problems that do not end it. */
export interface PullReporter {
  progress(done: number, total: number): void;
  warn(message: string): void;
}

export interface PullSummary {
  readonly flows: number;
  readonly modules: number;
  /** Flows and modules listed but not described, each with why. */
  readonly skipped: readonly string[];
  /** Inventory files written, relative to the output folder (with / separators). */
  readonly inventory: readonly string[];
  /** Files of flows/ and modules/ of no flow of the instance (left by an earlier pull, or the user's). */
  readonly stale: readonly string[];
}

export const FLOWS_DIR = "flows";
export const MODULES_DIR = "modules";
export const INVENTORY_DIR = "inventory";

/** A client for the options: the standard credential chain (with --profile), adaptive retries. */
export function makeClient(options: PullOptions): ConnectClient {
  const client = new ConnectClient({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    maxAttempts: options.maxAttempts ?? 8,
    retryMode: "adaptive",
  });
  readOnlyGuard(client);
  return client;
}

/** Reads every page of a list; a failure ends the pull with its one-line message. */
async function collect<P, T>(operation: ReadOnlyOperation, target: PullTarget, pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  try {
    for await (const page of pages) all.push(...(items(page) ?? []));
  } catch (error) {
    throw new PullFailure(explain(error, operation, target));
  }
  return all;
}

/** Runs `work` on every item, at most `limit` at once; the results are in the items' order. */
async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function byNameThenId<T extends { Name?: string | undefined; Id?: string | undefined }>(a: T, b: T): number {
  return compareText(a.Name, b.Name) || compareText(a.Id, b.Id);
}

/** Writes a file of the pull; a failure to write ends it. */
async function write(out: string, relative: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path.join(out, relative), text);
  } catch (error) {
    throw new PullFailure(`cannot write ${path.join(out, relative)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The .json files of a folder of the pull that are none of the instance's flows (by lower-cased name). */
async function staleFiles(out: string, dir: string, written: ReadonlySet<string>): Promise<string[]> {
  const entries = await fs.promises.readdir(path.join(out, dir)).catch(() => [] as string[]);
  return entries
    .filter((name) => name.endsWith(".json") && !written.has(name.toLowerCase()))
    .sort(compareText)
    .map((name) => `${dir}/${name}`);
}

interface Describable {
  readonly Id: string;
  readonly Name: string;
}

/**
 * Pulls the instance into `options.out`. Throws PullFailure (with the one-line message) when the
 * pull cannot go on; flows that cannot be described are skipped and reported.
 */
export async function pull(client: ConnectClient, options: PullOptions, reporter: PullReporter): Promise<PullSummary> {
  const { out } = options;
  const InstanceId = options.instanceId;
  const pager = { client };

  const flows = (
    await collect("ListContactFlows", options, paginateListContactFlows(pager, { InstanceId }), (p) => p.ContactFlowSummaryList)
  ).sort(byNameThenId);
  const modules = (
    await collect("ListContactFlowModules", options, paginateListContactFlowModules(pager, { InstanceId }), (p) => p.ContactFlowModulesSummaryList)
  ).sort(byNameThenId);
  const queues = (await collect("ListQueues", options, paginateListQueues(pager, { InstanceId }), (p) => p.QueueSummaryList)).sort(byNameThenId);
  const prompts = (await collect("ListPrompts", options, paginateListPrompts(pager, { InstanceId }), (p) => p.PromptSummaryList)).sort(byNameThenId);
  const hours = (await collect("ListHoursOfOperations", options, paginateListHoursOfOperations(pager, { InstanceId }), (p) => p.HoursOfOperationSummaryList)).sort(
    byNameThenId,
  );
  const phoneNumbers = (await collect("ListPhoneNumbersV2", options, paginateListPhoneNumbersV2(pager, { InstanceId }), (p) => p.ListPhoneNumbersSummaryList)).sort(
    (a, b) => compareText(a.PhoneNumber, b.PhoneNumber) || compareText(a.PhoneNumberId, b.PhoneNumberId),
  );
  const lambdas = (await collect("ListLambdaFunctions", options, paginateListLambdaFunctions(pager, { InstanceId }), (p) => p.LambdaFunctions)).sort(compareText);
  const bots: LexBotConfig[] = await collect("ListBots", options, paginateListBots(pager, { InstanceId, LexVersion: "V2" }), (p) => p.LexBots);
  // Lex V1 reached its end of support; an instance may still use V1 bots, but a failure to list them
  // (the V1 API gone) does not end the pull.
  try {
    bots.push(...(await collect("ListBots", options, paginateListBots(pager, { InstanceId, LexVersion: "V1" }), (p) => p.LexBots)));
  } catch (error) {
    reporter.warn(`Lex V1 bots not listed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const botKey = (bot: LexBotConfig): string => bot.LexV2Bot?.AliasArn ?? `${bot.LexBot?.LexRegion ?? ""}:${bot.LexBot?.Name ?? ""}`;
  bots.sort((a, b) => compareText(botKey(a), botKey(b)));

  const inventory: [string, unknown][] = [
    ["flows.json", { ContactFlowSummaryList: flows }],
    ["modules.json", { ContactFlowModulesSummaryList: modules }],
    ["queues.json", { QueueSummaryList: queues }],
    ["prompts.json", { PromptSummaryList: prompts }],
    ["hours.json", { HoursOfOperationSummaryList: hours }],
    ["phone-numbers.json", { ListPhoneNumbersSummaryList: phoneNumbers }],
    ["lambda.json", { LambdaFunctions: lambdas }],
    ["lex.json", { LexBots: bots }],
  ];
  for (const [name, value] of inventory) await write(out, `${INVENTORY_DIR}/${name}`, cliJson(value));

  const describable = (items: readonly (ContactFlowSummary | ContactFlowModuleSummary)[]): Describable[] =>
    items.flatMap((s) => (s.Id === undefined || s.Id === "" ? [] : [{ Id: s.Id, Name: s.Name ?? "" }]));
  const flowItems = describable(flows);
  const moduleItems = describable(modules);
  const flowFiles = fileNames(flowItems);
  const moduleFiles = fileNames(moduleItems);
  const total = flowItems.length + moduleItems.length;
  let done = 0;
  const skipped: string[] = [];
  reporter.progress(0, total);

  const describe = async (kind: "flow" | "module", item: Describable, file: string): Promise<boolean> => {
    const operation: ReadOnlyOperation = kind === "flow" ? "DescribeContactFlow" : "DescribeContactFlowModule";
    let text: string;
    try {
      // The describe output without $metadata: what `aws connect describe-contact-flow(-module)` prints.
      text =
        kind === "flow"
          ? cliJson({ ContactFlow: (await client.send(new DescribeContactFlowCommand({ InstanceId, ContactFlowId: item.Id }))).ContactFlow })
          : cliJson({ ContactFlowModule: (await client.send(new DescribeContactFlowModuleCommand({ InstanceId, ContactFlowModuleId: item.Id }))).ContactFlowModule });
    } catch (error) {
      if (!isPerFlowFailure(error)) throw new PullFailure(explain(error, operation, options));
      const name = typeof (error as { name?: unknown }).name === "string" ? (error as { name: string }).name : "Error";
      const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : "";
      const why = `${kind} "${item.Name}" (${item.Id}) not described: ${name}${message ? `: ${message}` : ""}`;
      skipped.push(why);
      reporter.warn(why);
      return false;
    } finally {
      reporter.progress(++done, total);
    }
    await write(out, `${kind === "flow" ? FLOWS_DIR : MODULES_DIR}/${file}`, text);
    return true;
  };

  const concurrency = options.concurrency ?? 4;
  const flowDone = await eachLimited(flowItems, concurrency, (item, i) => describe("flow", item, flowFiles[i] ?? ""));
  const moduleDone = await eachLimited(moduleItems, concurrency, (item, i) => describe("module", item, moduleFiles[i] ?? ""));

  // Files of listed flows that could not be described this time are not stale: the flow exists.
  const listed = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()));
  const stale = [...(await staleFiles(out, FLOWS_DIR, listed(flowFiles))), ...(await staleFiles(out, MODULES_DIR, listed(moduleFiles)))];
  // Sort the skipped flows: describes finish in any order.
  skipped.sort(compareText);
  return {
    flows: flowDone.filter(Boolean).length,
    modules: moduleDone.filter(Boolean).length,
    skipped,
    inventory: inventory.map(([name]) => `${INVENTORY_DIR}/${name}`),
    stale,
  };
}
