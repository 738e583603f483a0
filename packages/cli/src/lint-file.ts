/**
 * Reading and linting one file: the work of the lint loop and of each `--concurrency` worker (which
 * imports this module, not the whole CLI). A file is a plain flow export, or a container (a
 * CloudFormation template, a Terraform file or template, API output) holding zero or more flows, each
 * linted as a document of its own with positions in the file that holds its text.
 */
import fs from "node:fs";
import path from "node:path";
import {
  LineIndex,
  decodeText,
  extractDocuments,
  fileResult,
  fileTooLargeResult,
  flowKey,
  lintLoaded,
  loadFlow,
  makeResult,
  mightHoldConnectResources,
  parseFlowTypeName,
  projectFlow,
} from "@connect-lint/core";
import type {
  FileConfig,
  Flow,
  FlowOrigin,
  GivenFlowType,
  JsonDocument,
  LintMessage,
  LintResult,
  LoadOutcome,
  LoadedProjectFlow,
  ProjectFlow,
  SourceDiagnostic,
  SourceDocument,
} from "@connect-lint/core";
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
  /** For an embedded flow: the file that declares it, and the placeholders that name other resources of it. */
  readonly container?: { readonly declaredIn: string; readonly references: SourceDocument["references"] } | undefined;
}

/**
 * What reading and linting one file gave: its results (none: not a flow, skipped quietly), or why it
 * could not be read. `flows` are the flows parsed on the way, when asked for; `templatesRead` the
 * template files a Terraform file's flows were read from (they are then not linted on their own).
 */
export type FileOutcome =
  | {
      readonly results: readonly LintResult[];
      readonly flows?: readonly ParsedFlow[];
      readonly templatesRead?: readonly string[];
      /** True for a Terraform template linted on its own (no `.tf` file gave its type and name). */
      readonly standaloneTemplate?: boolean;
    }
  | { readonly path: string; readonly unreadable: string };

/** Extensions of files that are only ever containers: skipped quietly when they hold no flow. */
const CONTAINER_ONLY = /\.(ya?ml|template|tf)$/i;
const TEMPLATE = /\.(tftpl|tpl)$/i;

/** A flow type a container gives (its `Type`), unless the command line gives one. */
function typeFor(doc: SourceDocument, config: LoadConfig): GivenFlowType | undefined {
  if (config.flowType?.source.kind === "cli") return config.flowType;
  const fromHost = doc.flowType === undefined ? undefined : parseFlowTypeName(doc.flowType);
  if (fromHost) return { type: fromHost, source: { kind: "container", detail: `${doc.resource} Type ${doc.flowType ?? ""}` } };
  return config.flowType;
}

function diagnosticMessage(d: SourceDiagnostic, lines: LineIndex): LintMessage {
  const start = lines.positionAt(d.start);
  const end = lines.positionAt(Math.max(d.end, d.start));
  return {
    ruleId: d.ruleId,
    messageId: d.ruleId,
    severity: d.severity,
    message: d.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(d.severity === 2 && d.ruleId === "invalid-container" ? { fatal: true as const } : {}),
  };
}

/** One flow of a file, loaded: where it is, and what loading it gave. */
interface LoadedDocument {
  readonly origin: FlowOrigin & { readonly resource?: string | undefined };
  readonly loaded: LoadOutcome;
  readonly container?: ParsedFlow["container"];
}

/** What a file holds: its flows, loaded, and (for a container) the problems the container reveals. */
interface FileContents {
  readonly documents: readonly LoadedDocument[];
  readonly diagnostics: readonly { readonly key: string; readonly filePath: string; readonly resource: string | undefined; readonly message: LintMessage }[];
  readonly templatesRead: readonly string[];
  readonly container: boolean;
}

/**
 * Loads the flows of a file: the flows of a container (each with positions in the file that holds its
 * text), or the file itself as a flow. `undefined` for a file that can only be a container and holds
 * no Connect resource.
 */
/** What loading needs of a file's configuration. */
export type LoadConfig = Pick<FileConfig, "flowType" | "limits" | "placeholders">;

function loadContents(filePath: string, text: string, config: LoadConfig): FileContents | undefined {
  const options = { limits: config.limits, placeholderPatterns: config.placeholders };
  if (mightHoldConnectResources(filePath, text)) {
    const extracted = extractDocuments(filePath, text, { placeholderPatterns: config.placeholders, readFile: readTextFile });
    if (extracted) {
      const lines = new Map<string, LineIndex>([[filePath, new LineIndex(text)]]);
      const linesOf = (file: string): LineIndex | undefined => {
        let index = lines.get(file);
        if (!index) {
          const hostText = readTextFile(file);
          if (hostText === undefined) return undefined;
          index = new LineIndex(hostText);
          lines.set(file, index);
        }
        return index;
      };
      const documents: LoadedDocument[] = [];
      const templatesRead = new Set<string>();
      for (const doc of extracted.documents) {
        const host = linesOf(doc.hostPath);
        if (!host) continue; // the extractor read it a moment ago; gone since
        if (doc.hostPath !== doc.declaredIn) templatesRead.add(doc.hostPath);
        const origin = {
          filePath: doc.hostPath,
          flowType: typeFor(doc, config),
          flowName: doc.name,
          defaultName: doc.resource,
          resource: doc.resource,
          kind: doc.kind,
          host: { lines: host, map: doc.map },
        };
        documents.push({ origin, loaded: loadFlow(doc.text, origin, options), container: { declaredIn: doc.declaredIn, references: doc.references } });
      }
      const diagnostics = extracted.diagnostics.map((d) => ({
        key: flowKey(d.hostPath, d.resource),
        filePath: d.hostPath,
        resource: d.resource,
        message: diagnosticMessage(d, linesOf(d.hostPath) ?? new LineIndex("")),
      }));
      return { documents, diagnostics, templatesRead: [...templatesRead].sort(), container: true };
    }
  }
  if (CONTAINER_ONLY.test(filePath) || TEMPLATE.test(filePath)) return undefined;
  const origin = { filePath, flowType: config.flowType };
  return { documents: [{ origin, loaded: loadFlow(text, origin, options) }], diagnostics: [], templatesRead: [], container: false };
}

/** The flows of a file, without linting them (the project pass, for files it does not lint). */
export function loadFileFlows(bytes: Buffer, filePath: string, config: LoadConfig): ParsedFlow[] {
  const decoded = decodeText(bytes);
  const contents = decoded.ok ? loadContents(filePath, decoded.text, config) : undefined;
  return (contents?.documents ?? []).flatMap((d) => parsedFlow(d) ?? []);
}

function parsedFlow(d: LoadedDocument): ParsedFlow | undefined {
  // Legacy exports are kept too (the audit report draws them); the project pass leaves them out.
  if (d.loaded.status !== "flow" && d.loaded.status !== "legacy") return undefined;
  return { filePath: d.origin.filePath, flow: d.loaded.flow, document: d.loaded.document, resource: d.origin.resource, container: d.container };
}

/**
 * What the project pass keeps of a flow: its name, type and references. With `from` (the file linted
 * and its configuration; for a template a `.tf` file reads, the `.tf` file) the whole flow is read
 * again from that file when a project rule needs it (a finding's position, a transfer loop's paths),
 * so a run over thousands of flows does not hold them all; without it the flow is kept whole (its
 * text is not the file's, as a fixed text a dry run does not write, or the HTML report keeps it
 * anyway). Undefined for a legacy export, which is not part of a project.
 */
export function keptFlow(f: ParsedFlow, from?: { readonly inputPath: string; readonly config: LoadConfig }): ProjectFlow | undefined {
  if (f.flow.kind === "legacy") return undefined;
  if (!from) return projectFlow(f.filePath, f.flow, f.document, f.resource, { container: f.container });
  const { inputPath, config } = from;
  // The closure must not hold `f`: that would keep the whole flow.
  const { filePath, resource } = f;
  const reload = (): LoadedProjectFlow | undefined => {
    let bytes: Buffer | TooLarge;
    try {
      bytes = readFileLimitedSync(inputPath, config.limits.maxFileSize);
    } catch {
      return undefined;
    }
    if (!Buffer.isBuffer(bytes)) return undefined;
    const found = loadFileFlows(bytes, inputPath, config).find((g) => g.filePath === filePath && g.resource === resource);
    return found && found.flow.kind !== "legacy" ? { flow: found.flow, document: found.document } : undefined;
  };
  return projectFlow(f.filePath, f.flow, f.document, f.resource, { container: f.container, reload });
}

/** True when a text mentions a key every flow (current or legacy) has. */
function mentionsFlow(text: string): boolean {
  return text.includes('"StartAction"') || text.includes('"Actions"') || text.includes('"modules"');
}

function readTextFile(file: string): string | undefined {
  try {
    const decoded = decodeText(fs.readFileSync(file));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

/** Lints a file's bytes. `keep` asks for the parsed flows in the outcome. */
export function lintBytes(bytes: Buffer, filePath: string, explicit: boolean, config: FileConfig, keep = false): FileOutcome {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return { results: explicit || filePath.endsWith(".json") ? [fileResult(filePath, "parse-error", decoded.problem)] : [] };
  }
  const contents = loadContents(filePath, decoded.text, config);
  if (!contents) {
    const name = path.basename(filePath);
    const why = TEMPLATE.test(filePath)
      ? `Not an Amazon Connect flow: ${name} is a template without StartAction and Actions`
      : `No Amazon Connect flow in ${name}: it holds no AWS::Connect::ContactFlow or ContactFlowModule resource (CloudFormation) and no aws_connect_contact_flow or aws_connect_contact_flow_module resource (Terraform)`;
    return { results: explicit ? [fileResult(filePath, "not-a-flow", why)] : [] };
  }
  const only = contents.documents.length === 1 && !contents.container ? contents.documents[0] : undefined;
  if (!explicit && only?.loaded.status === "failed" && only.loaded.reason === "parse-error" && decoded.text.trim() !== "" && !mentionsFlow(decoded.text)) {
    // Found by a folder search, not JSON, and nothing in it looks like a flow: a tsconfig.json with
    // comments, a JSON5 or JSONC file. Named explicitly, it is reported.
    return { results: [] };
  }
  const results = new Map<string, LintResult>();
  for (const d of contents.documents) {
    // A flow in a container was named by the container: report it even when its text is not a flow.
    const result = lintLoaded(d.loaded, { ...d.origin, rules: (type) => config.rules(type), explicit: explicit || contents.container, settings: config.settings });
    if (result) results.set(flowKey(d.origin.filePath, d.origin.resource), result);
  }
  for (const d of contents.diagnostics) {
    const existing = results.get(d.key);
    const extra = d.resource === undefined ? {} : { resource: d.resource };
    results.set(
      d.key,
      existing
        ? makeResult(existing.filePath, [...existing.messages, d.message], { kind: existing.kind, flowName: existing.flowName, flowType: existing.flowType, ...extra })
        : makeResult(d.filePath, [d.message], { kind: d.message.fatal ? "unparsable" : "other", ...extra }),
    );
  }
  const flows = keep ? contents.documents.flatMap((d) => parsedFlow(d) ?? []) : undefined;
  return {
    results: [...results.values()],
    ...(flows ? { flows } : {}),
    ...(contents.templatesRead.length > 0 ? { templatesRead: contents.templatesRead } : {}),
    ...(TEMPLATE.test(filePath) ? { standaloneTemplate: true } : {}),
  };
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
