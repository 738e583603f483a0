import { FLOW_TYPE_NAMES, defineRule, describeTypeSource, escapePointerToken, flowTypeLabel } from "@connect-lint/core";
import type { FlowTypeName, ReportLocation, RuleContext } from "@connect-lint/core";

/**
 * The longest flow name: CloudFormation documents Name as 1–127 characters for both
 * `AWS::Connect::ContactFlow` and `AWS::Connect::ContactFlowModule`; the API reference gives no maximum.
 */
export const MAX_FLOW_NAME_LENGTH = 127;

export interface FlowNamingOptions {
  /** A regular expression (source, `u` flag) every flow name must match. */
  readonly pattern?: string;
  /** Per flow type API name, a regular expression flows of that type must also match. */
  readonly flowTypes?: Readonly<Partial<Record<FlowTypeName, string>>>;
  /** Require the file name (without extension) to match `Metadata.name`. */
  readonly matchFileName: boolean;
  /** How `matchFileName` compares: `normalized` ignores case, spaces and punctuation; `exact` does not. */
  readonly fileNameMatch: "normalized" | "exact";
  /** Longest name allowed, in characters; at most the service's 127. */
  readonly maxLength: number;
  /** Report names that a copy or a new flow gets by default ("Copy of …", "Untitled …"). */
  readonly checkDefaultNames: boolean;
}

/** One regular expression from the options, compiled, or the reason it does not compile. */
interface CompiledPattern {
  /** The option as the user writes it, e.g. `pattern` or `flowTypes.CUSTOMER_QUEUE`. */
  readonly option: string;
  readonly source: string;
  readonly regex: RegExp | undefined;
  readonly error: string | undefined;
}

interface CompiledOptions {
  readonly pattern: CompiledPattern | undefined;
  readonly flowTypes: ReadonlyMap<FlowTypeName, CompiledPattern>;
}

/**
 * Options objects are resolved once per run and shared by every file, so the regular expressions are
 * compiled once per options object, not once per file.
 */
const compiledCache = new WeakMap<object, CompiledOptions>();

function compile(option: string, source: string): CompiledPattern {
  try {
    return { option, source, regex: new RegExp(source, "u"), error: undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { option, source, regex: undefined, error: message };
  }
}

function compileOptions(options: FlowNamingOptions): CompiledOptions {
  const cached = compiledCache.get(options);
  if (cached) return cached;
  const flowTypes = new Map<FlowTypeName, CompiledPattern>();
  // Walk the catalog's list, not the object's keys: the schema allows only these keys, and a plain
  // object from configuration must never be trusted for inherited names.
  for (const type of FLOW_TYPE_NAMES) {
    const source = options.flowTypes && Object.prototype.hasOwnProperty.call(options.flowTypes, type) ? options.flowTypes[type] : undefined;
    if (typeof source === "string") flowTypes.set(type, compile(`flowTypes.${type}`, source));
  }
  const compiled: CompiledOptions = {
    pattern: typeof options.pattern === "string" ? compile("pattern", options.pattern) : undefined,
    flowTypes,
  };
  compiledCache.set(options, compiled);
  return compiled;
}

/** Names a copy or a new flow gets when nobody renames it. */
const DEFAULT_NAMES: readonly { readonly test: RegExp; readonly reason: string }[] = [
  { test: /^copy of\s/iu, reason: 'starts with "Copy of": it looks like a duplicate that was never renamed' },
  { test: /\s-\scopy(?:\s\(\d+\))?$/iu, reason: 'ends with "- Copy": it looks like a duplicate that was never renamed' },
  { test: /\s\(copy(?:\s\d+)?\)$/iu, reason: 'ends with "(copy)": it looks like a duplicate that was never renamed' },
  { test: /^untitled(?:$|[\s_-])/iu, reason: 'is a placeholder ("Untitled"), not a name' },
];

/** Characters, as the service counts them (Unicode code points, not UTF-16 units). */
function characterCount(text: string): number {
  return Array.from(text).length;
}

/** A file path's last segment without its extension, as the core derives a flow name from it. */
function fileBaseName(filePath: string): string {
  const last = filePath.split(/[\\/]/).pop() ?? filePath;
  const dot = last.lastIndexOf(".");
  return dot > 0 ? last.slice(0, dot) : last;
}

/** `<stdin>` and similar stand-ins are not file names. */
function isRealFileName(base: string): boolean {
  return base !== "" && !(base.startsWith("<") && base.endsWith(">"));
}

/** Lower case, every run of characters other than letters and digits as one `_`, none at the ends. */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/gu, "");
}

/** The ids of the rule's messages (`meta.messages`). */
export type FlowNamingConventionMessageId = "emptyName" | "surroundingWhitespace" | "tooLong" | "defaultName" | "patternMismatch" | "flowTypePatternMismatch" | "fileNameMismatch";

export const flowNamingConvention = defineRule<FlowNamingOptions, FlowNamingConventionMessageId>({
  name: "flow-naming-convention",
  meta: {
    type: "suggestion",
    description: "Require flow names to be well formed and to follow the configured naming convention.",
    recommended: "warn",
    legacy: true,
    messages: {
      emptyName: "The flow name {{name}} (from Metadata.name) is {{state}}; give the flow a real name.",
      surroundingWhitespace:
        "The flow name {{name}} (from Metadata.name) has {{where}} whitespace; remove it, because names that differ only by a space look the same in the console.",
      tooLong: "The flow name {{name}} (from Metadata.name) is {{length}} characters long; {{limit}}.",
      defaultName: "The flow name {{name}} (from Metadata.name) {{reason}}; rename the flow before anything refers to it by name.",
      patternMismatch: "The flow name {{name}} (from {{source}}) does not match the naming convention {{pattern}} (option pattern).",
      flowTypePatternMismatch:
        "The flow name {{name}} (from {{source}}) does not match the naming convention for the flow type {{flowType}}, {{pattern}} (option {{option}}; the type comes from {{typeSource}}).",
      fileNameMismatch: "The flow name {{name}} (from Metadata.name) does not match the file name {{fileName}}{{how}}; rename the file or the flow so that they agree.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        pattern: { type: "string" },
        flowTypes: {
          type: "object",
          additionalProperties: false,
          properties: Object.fromEntries(FLOW_TYPE_NAMES.map((t) => [t, { type: "string" }])),
        },
        matchFileName: { type: "boolean" },
        fileNameMatch: { enum: ["normalized", "exact"] },
        maxLength: { type: "integer", minimum: 1, maximum: MAX_FLOW_NAME_LENGTH },
        checkDefaultNames: { type: "boolean" },
      },
    },
    defaultOptions: {
      matchFileName: false,
      fileNameMatch: "normalized",
      maxLength: MAX_FLOW_NAME_LENGTH,
      checkDefaultNames: true,
    },
    validateOptions(options) {
      const compiled = compileOptions(options);
      const broken = [...(compiled.pattern ? [compiled.pattern] : []), ...compiled.flowTypes.values()].find((p) => p.error !== undefined);
      return broken ? `option ${broken.option} ${JSON.stringify(broken.source)} is not a valid regular expression (${String(broken.error)})` : undefined;
    },
  },
  check(context) {
    const { flow, options } = context;
    const fromMetadata = flow.nameSource === "metadata";
    const fileName = fileBaseName(context.filePath);
    // A name taken from a stand-in such as `<stdin>` is no name at all.
    if (!fromMetadata && !isRealFileName(fileName)) return;
    const name = flow.name;
    const quoted = JSON.stringify(name);
    const at: ReportLocation = fromMetadata ? { pointer: "/Metadata/name" } : topOfDocument(context);
    const source = fromMetadata ? "Metadata.name" : "the file name";

    // Built-in checks: facts about the name the flow has in Amazon Connect, which only Metadata.name
    // records. A file name is a repository artefact; only the configured convention applies to it.
    if (fromMetadata) {
      if (name.trim() === "") {
        context.report({ messageId: "emptyName", at, data: { name: quoted, state: name === "" ? "empty" : "blank (only whitespace)" } });
        return;
      }
      const leading = /^\s/u.test(name);
      const trailing = /\s$/u.test(name);
      if (leading || trailing) {
        const where = leading && trailing ? "leading and trailing" : leading ? "leading" : "trailing";
        context.report({ messageId: "surroundingWhitespace", at, data: { name: quoted, where } });
      }
      const length = characterCount(name);
      const max = Math.min(options.maxLength, MAX_FLOW_NAME_LENGTH);
      if (length > max) {
        const limit =
          max === MAX_FLOW_NAME_LENGTH
            ? `Amazon Connect flow names are limited to ${String(MAX_FLOW_NAME_LENGTH)}`
            : `the configured maximum (option maxLength) is ${String(max)}`;
        context.report({ messageId: "tooLong", at, data: { name: quoted, length, limit } });
      }
      if (options.checkDefaultNames) {
        const trimmed = name.trim();
        const found = DEFAULT_NAMES.find((d) => d.test.test(trimmed));
        if (found) context.report({ messageId: "defaultName", at, data: { name: quoted, reason: found.reason } });
      }
      if (options.matchFileName && isRealFileName(fileName)) {
        const exact = options.fileNameMatch === "exact";
        const same = exact ? name === fileName : normalizeName(name) === normalizeName(fileName);
        if (!same) {
          const how = exact ? "" : " (compared ignoring case, spaces and punctuation)";
          context.report({ messageId: "fileNameMismatch", at, data: { name: quoted, fileName: JSON.stringify(fileName), how } });
        }
      }
    }

    const compiled = compileOptions(options);
    const global = compiled.pattern;
    if (global?.regex && !global.regex.test(name)) {
      context.report({ messageId: "patternMismatch", at, data: { name: quoted, source, pattern: `/${global.source}/` } });
    }
    if (flow.type !== undefined) {
      const typed = compiled.flowTypes.get(flow.type);
      if (typed?.regex && !typed.regex.test(name)) {
        context.report({
          messageId: "flowTypePatternMismatch",
          at,
          data: {
            name: quoted,
            source,
            flowType: `${flow.type} (${flowTypeLabel(flow.type)})`,
            pattern: `/${typed.source}/`,
            option: typed.option,
            typeSource: describeTypeSource(flow.typeSource),
          },
        });
      }
    }
  },
});

/**
 * Where a finding about the file as a whole goes: the key of the document's first member (usually
 * `"Version"` on line 2). The whole document would underline every line of the file in an editor.
 */
function topOfDocument(context: RuleContext<FlowNamingOptions>): ReportLocation {
  const first = Object.keys(context.flow.raw)[0];
  return first === undefined ? { pointer: "" } : { pointer: `/${escapePointerToken(first)}`, key: true };
}
