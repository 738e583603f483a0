/**
 * The one loading step from text to flow: every caller (the linter, the CLI's project pass and
 * `--print-config`, the rule fixtures, the property tests, the corpus scripts) turns bytes or text into
 * a flow here, so they cannot disagree about what a file is.
 */
import { fileTooLargeMessage, resolveLimits } from "./limits.js";
import type { Limits } from "./limits.js";
import { buildFlow, classifyDocument } from "./model/flow.js";
import { buildLegacyFlow } from "./model/legacy.js";
import type { Flow, FlowTypeSource } from "./model/flow.js";
import type { FlowTypeName } from "./catalog/types.js";
import { parseJson } from "./parse/json-document.js";
import type { HostText, JsonDocument, SourceRange, Span } from "./parse/json-document.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A file's bytes as text, or why they are not text a flow can be in. */
export type DecodeOutcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** Decodes a file's bytes as UTF-8; UTF-16, binary and invalid UTF-8 files are problems, not exceptions. */
export function decodeText(bytes: Uint8Array): DecodeOutcome {
  // Windows PowerShell 5 writes UTF-16 when a command's output is redirected to a file.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problem: "File is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to lint it" };
  }
  if (bytes.includes(0)) return { ok: false, problem: "File is binary (it contains NUL bytes), not a JSON flow" };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, problem: "File is not valid UTF-8 text" };
  }
}

/** A flow type given from outside the flow (command line, configuration, container), with its source. */
export interface GivenFlowType {
  readonly type: FlowTypeName;
  readonly source: FlowTypeSource;
}

/** Where a text comes from, and what is known about it from outside. */
export interface FlowOrigin {
  /** The file the findings go in (the host file for an embedded flow). */
  readonly filePath: string;
  /** A type from the user or the container, which wins over `Metadata.type`. */
  readonly flowType?: GivenFlowType | undefined;
  /** A name from the container, which wins over `Metadata.name`. */
  readonly flowName?: string | undefined;
  /** The name when neither the container nor `Metadata.name` gives one (the container's resource); default the file name. */
  readonly defaultName?: string | undefined;
  /** `module` when a container says the text is a flow module (a module resource), whatever its content. */
  readonly kind?: "flow" | "module" | undefined;
  /** The resource that holds the flow in its host (a CloudFormation logical ID, a Terraform address). */
  readonly resource?: string | undefined;
  /** Where the text sits in the host file, when it is embedded in one. */
  readonly host?: HostText | undefined;
}

export interface LoadOptions {
  readonly limits?: Partial<Limits> | undefined;
  /**
   * More deployment placeholder syntaxes (the configuration's `placeholders`, flag `g`): string values
   * holding one are unknown until deployment, as `${...}` and `{{...}}` are.
   */
  readonly placeholderPatterns?: readonly RegExp[] | undefined;
}

/** Why a text could not be loaded at all; each is a built-in diagnostic of the same name. */
export type LoadFailureReason = "parse-error" | "too-deeply-nested" | "file-too-large";

export type LoadOutcome =
  | { readonly status: "flow"; readonly document: JsonDocument; readonly flow: Flow }
  /** A pre-2022 designer export, read into the same model (`flow.kind` is `legacy`). */
  | { readonly status: "legacy"; readonly document: JsonDocument; readonly flow: Flow }
  /** Valid JSON that is not a flow. */
  | { readonly status: "other"; readonly document: JsonDocument }
  | {
      readonly status: "failed";
      readonly reason: LoadFailureReason;
      readonly message: string;
      readonly range: SourceRange;
      /** Offsets in the text, when the failure has a place in it. */
      readonly span: Span | undefined;
    };

/**
 * Text to flow: the size limit, the nesting limit, JSON parsing, recognition of flows, modules and
 * legacy exports, and the typed model. Never throws.
 */
export function loadFlow(text: string, origin: FlowOrigin, options: LoadOptions = {}): LoadOutcome {
  const limits = resolveLimits(options.limits);
  // Counting UTF-8 bytes costs a pass over the text; a text this short cannot be over the limit.
  if (text.length * 3 > limits.maxFileSize) {
    const size = Buffer.byteLength(text, "utf8");
    if (size > limits.maxFileSize) {
      return { status: "failed", reason: "file-too-large", message: fileTooLargeMessage(size, limits.maxFileSize), range: START, span: undefined };
    }
  }
  const parsed = parseJson(text, { maxNestingDepth: limits.maxNestingDepth, host: origin.host });
  if (!parsed.ok) {
    return { status: "failed", reason: parsed.reason ?? "parse-error", message: parsed.message, range: parsed.range, span: parsed.span };
  }
  const document = parsed.document;
  if (options.placeholderPatterns && options.placeholderPatterns.length > 0) markPlaceholders(document.value, options.placeholderPatterns);
  const classified = classifyDocument(document.value);
  if (classified === "other") return { status: classified, document };
  const given = { filePath: origin.filePath, flowType: origin.flowType, flowName: origin.flowName, defaultName: origin.defaultName };
  const value = document.value as Record<string, unknown>;
  if (classified === "legacy") return { status: "legacy", document, flow: buildLegacyFlow(value, given) };
  return { status: "flow", document, flow: buildFlow(value, origin.kind ?? classified, given) };
}

const START: SourceRange = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/**
 * Rewrites each match of a user's placeholder syntax in the string values of a parsed text as
 * `${match}`, the form every rule already treats as a value known only at deployment. Positions are
 * unaffected (they come from the text, not the value). Iterative: the value can be deep.
 */
function markPlaceholders(root: unknown, patterns: readonly RegExp[]): void {
  const mark = (text: string): string => {
    let out = text;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      out = out.replace(pattern, (m) => (m === "" ? m : `\${${m}}`));
    }
    return out;
  };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === "string") node[i] = mark(v);
        else if (typeof v === "object" && v !== null) stack.push(v);
      }
    } else if (typeof node === "object" && node !== null) {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const v = record[key];
        if (typeof v === "string") record[key] = mark(v);
        else if (typeof v === "object" && v !== null) stack.push(v);
      }
    }
  }
}
