/**
 * Reading and linting one file: the work of the lint loop and of each `--concurrency` worker (which
 * imports this module, not the whole CLI).
 */
import { decodeText, fileResult, fileTooLargeResult, lintLoaded, loadFlow } from "@connect-lint/core";
import type { FileConfig, Flow, JsonDocument, LintResult } from "@connect-lint/core";
import { describeFileError } from "./errors.js";
import { readFileLimitedSync } from "./read.js";
import type { TooLarge } from "./read.js";

/** A flow parsed while it was linted, with its document: the project pass need not parse it again. */
export interface ParsedFlow {
  readonly filePath: string;
  readonly flow: Flow;
  readonly document: JsonDocument;
  /** The resource that holds the flow, for a flow embedded in a container. */
  readonly resource?: string | undefined;
}

/**
 * What reading and linting one file gave: its results (none: not a flow, skipped quietly), or why it
 * could not be read. `flows` are the flows parsed on the way, when asked for.
 */
export type FileOutcome =
  | { readonly results: readonly LintResult[]; readonly flows?: readonly ParsedFlow[] }
  | { readonly path: string; readonly unreadable: string };

/** Lints a file's bytes. `keep` asks for the parsed flows in the outcome. */
export function lintBytes(bytes: Buffer, filePath: string, explicit: boolean, config: FileConfig, keep = false): FileOutcome {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return { results: explicit || filePath.endsWith(".json") ? [fileResult(filePath, "parse-error", decoded.problem)] : [] };
  }
  const loaded = loadFlow(decoded.text, { filePath, flowType: config.flowType }, { limits: config.limits });
  const result = lintLoaded(loaded, { filePath, rules: (type) => config.rules(type), explicit, flowType: config.flowType, settings: config.settings });
  const results = result ? [result] : [];
  if (keep && loaded.status === "flow") return { results, flows: [{ filePath, flow: loaded.flow, document: loaded.document }] };
  return { results };
}

/** Reads one file (within the size limit) and lints it. `bytes` is the content when it has been read already. */
export function lintFile(filePath: string, explicit: boolean, config: FileConfig, bytes?: Buffer, keep = false): FileOutcome {
  let content: Buffer | TooLarge;
  if (bytes) content = bytes;
  else {
    try {
      content = readFileLimitedSync(filePath, config.limits.maxFileSize);
    } catch (error) {
      return { path: filePath, unreadable: describeFileError(error) };
    }
  }
  if (!Buffer.isBuffer(content)) return { results: [fileTooLargeResult(filePath, content.size, config.limits.maxFileSize)] };
  return lintBytes(content, filePath, explicit, config, keep);
}
