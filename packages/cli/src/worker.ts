/**
 * A `--concurrency` worker: resolves the configuration the main thread resolved, then reads and lints
 * the files it is sent, with the same function as the main thread (`lintFile`), one reply per file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "@connect-lint/core";
import { presets, rules } from "@connect-lint/rules";
import { lintFile } from "./lint-file.js";
import type { Job, Reply, WorkerSetup } from "./parallel.js";

const setup = workerData as WorkerSetup;
const resolver = new ConfigResolver(setup.loaded, { registry: rules, presets, cliRules: setup.cliRules, cliFlowType: setup.cliFlowType });
const port = parentPort;

port?.on("message", (job: Job) => {
  const bytes = job.bytes ? Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength) : undefined;
  let reply: Reply;
  try {
    reply = { id: job.id, outcome: lintFile(job.path, job.explicit, resolver.forFile(job.path), bytes) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
