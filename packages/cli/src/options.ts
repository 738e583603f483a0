import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import { FLOW_TYPES, parseFlowTypeName } from "@connect-lint/core";
import type { FlowTypeName, RuleSetting } from "@connect-lint/core";
import { reporters } from "@connect-lint/reporters";
import { UsageError } from "./discover.js";

export { HELP } from "./help.js";

const require = createRequire(import.meta.url);

/** YAML, loaded only when a --rule value is read: it costs tens of milliseconds at start-up. */
function parseYaml(text: string): unknown {
  return (require("yaml") as typeof Yaml).parse(text);
}

export interface Options {
  readonly patterns: string[];
  readonly stdin: boolean;
  readonly stdinFilename: string | undefined;
  /** Formats in order, each with the file it goes to (undefined: standard output). */
  readonly outputs: readonly { readonly format: string; readonly file: string | undefined }[];
  readonly failOn: "error" | "warn" | "never";
  readonly cache: boolean;
  readonly cacheLocation: string | undefined;
  readonly quiet: boolean;
  readonly maxWarnings: number | undefined;
  readonly flowType: FlowTypeName | undefined;
  readonly printGraph: boolean;
  readonly skipNonFlows: boolean;
  readonly strictReferences: boolean;
  readonly color: boolean | undefined;
  readonly config: string | undefined;
  readonly configLookup: boolean;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly printConfig: string | undefined;
  readonly listRules: boolean;
  readonly init: boolean;
  readonly suppressionsLocation: string | undefined;
  readonly suppressAll: boolean;
  readonly suppressRules: readonly string[];
  readonly suppressionReason: string;
  readonly pruneSuppressions: boolean;
  readonly strictSuppressions: boolean;
  /** False with `--no-error-on-unmatched-pattern`: a folder or glob with no flows is not an error. */
  readonly errorOnUnmatchedPattern: boolean;
  /** Threads to lint with, this one included: a number (1: no worker), or "auto" (see `threadCount`). */
  readonly concurrency: number | "auto";
  /** `--fix`: write the fixes; `--fix-dry-run`: print them as a unified diff; undefined: neither. */
  readonly fix: "write" | "dry-run" | undefined;
  /** `--fix-unreachable`: the fixes also remove unreachable blocks (no-unreachable-block's suggestions). */
  readonly fixUnreachable: boolean;
}

/** Parses one `--rule` value: `name: severity` or `name: [severity, options]` (YAML flow style). */
export function parseRuleOption(text: string): [string, RuleSetting] {
  const colon = text.indexOf(":");
  if (colon <= 0) throw new UsageError(`--rule takes 'name: severity' or 'name: [severity, options]', got "${text}".`);
  const name = text.slice(0, colon).trim();
  let value: unknown;
  try {
    value = parseYaml(text.slice(colon + 1));
  } catch (error) {
    throw new UsageError(`--rule "${text}": cannot read the value: ${error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error)}`);
  }
  const ok = (v: unknown): boolean => v === "off" || v === "warn" || v === "error" || v === 0 || v === 1 || v === 2;
  if (!(ok(value) || (Array.isArray(value) && value.length >= 1 && value.length <= 2 && ok(value[0])))) {
    throw new UsageError(`--rule "${text}": the value must be a severity (off, warn, error) or [severity, options].`);
  }
  return [name, value as RuleSetting];
}

/**
 * Pairs formats with output files. `-o NAME=PATH` sends format NAME to PATH; a bare `-o PATH` is
 * allowed when there is one format. At most one format may go to standard output.
 */
function parseOutputs(formats: readonly string[], files: readonly string[]): { format: string; file: string | undefined }[] {
  for (const format of formats) {
    if (!Object.prototype.hasOwnProperty.call(reporters, format)) {
      throw new UsageError(`Unknown format "${format}". Available: ${Object.keys(reporters).join(", ")}.`);
    }
  }
  const unique = [...new Set(formats)];
  const target = new Map<string, string>();
  for (const spec of files) {
    const eq = spec.indexOf("=");
    const name = eq > 0 ? spec.slice(0, eq) : undefined;
    if (name !== undefined && Object.prototype.hasOwnProperty.call(reporters, name)) {
      if (!unique.includes(name)) throw new UsageError(`--output-file ${spec}: format "${name}" is not among the --format values.`);
      if (target.has(name)) throw new UsageError(`--output-file: two files for format "${name}".`);
      target.set(name, spec.slice(eq + 1));
    } else {
      const only = unique.length === 1 ? unique[0] : undefined;
      if (only === undefined) throw new UsageError(`--output-file ${spec}: with several formats, write NAME=PATH (e.g. sarif=results.sarif).`);
      if (target.has(only)) throw new UsageError(`--output-file: two files for format "${only}".`);
      target.set(only, spec);
    }
  }
  const outputs = unique.map((format) => ({ format, file: target.get(format) }));
  const toStdout = outputs.filter((o) => o.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(`Only one format can go to standard output; give the others a file (-o NAME=PATH): ${toStdout.map((o) => o.format).join(", ")}.`);
  }
  return outputs;
}

/**
 * `--max-warnings -1` as `--max-warnings=-1`: node's parseArgs refuses a separate value that starts
 * with a dash (it could be an option).
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const next = argv[i + 1];
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (arg === "--max-warnings" && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function parseOptions(argv: readonly string[]): Options | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        stdin: { type: "boolean" },
        "stdin-filename": { type: "string" },
        format: { type: "string", short: "f", multiple: true },
        "output-file": { type: "string", short: "o", multiple: true },
        "fail-on": { type: "string" },
        cache: { type: "boolean" },
        "cache-location": { type: "string" },
        quiet: { type: "boolean" },
        "max-warnings": { type: "string" },
        "flow-type": { type: "string" },
        "print-graph": { type: "boolean" },
        "skip-non-flows": { type: "boolean" },
        "strict-references": { type: "boolean" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        config: { type: "string", short: "c" },
        "no-config-lookup": { type: "boolean" },
        rule: { type: "string", multiple: true },
        "print-config": { type: "string" },
        "list-rules": { type: "boolean" },
        init: { type: "boolean" },
        "suppressions-location": { type: "string" },
        "suppress-all": { type: "boolean" },
        "suppress-rule": { type: "string", multiple: true },
        "suppression-reason": { type: "string" },
        "prune-suppressions": { type: "boolean" },
        "strict-suppressions": { type: "boolean" },
        concurrency: { type: "string" },
        "no-error-on-unmatched-pattern": { type: "boolean" },
        fix: { type: "boolean" },
        "fix-dry-run": { type: "boolean" },
        "fix-unreachable": { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message.replace(/\.\s*To specify.*$/s, ".") : String(error)} See --help.`);
  }
  const v = parsed.values;
  if (v.help) return "help";
  if (v.version) return "version";
  const outputs = parseOutputs(v.format ?? ["stylish"], v["output-file"] ?? []);
  const failOn = v["fail-on"] ?? "error";
  if (failOn !== "error" && failOn !== "warn" && failOn !== "never") {
    throw new UsageError(`--fail-on takes error, warn or never, got "${failOn}".`);
  }
  let maxWarnings: number | undefined;
  if (v["max-warnings"] !== undefined) {
    // -1 is ESLint's "no limit".
    if (!/^(\d+|-1)$/.test(v["max-warnings"])) throw new UsageError(`--max-warnings takes a whole number (or -1 for no limit), got "${v["max-warnings"]}".`);
    maxWarnings = v["max-warnings"] === "-1" ? undefined : Number(v["max-warnings"]);
  }
  let flowType: FlowTypeName | undefined;
  if (v["flow-type"] !== undefined) {
    flowType = parseFlowTypeName(v["flow-type"]);
    if (!flowType) {
      const names = FLOW_TYPES.map((f) => f.name).join(", ");
      throw new UsageError(`Unknown flow type "${v["flow-type"]}". Use one of: ${names}.`);
    }
  }
  if (v.config !== undefined && v["no-config-lookup"]) throw new UsageError("--config and --no-config-lookup cannot be used together.");
  const suppressRules = v["suppress-rule"] ?? [];
  if ((v["suppress-all"] ?? false) && suppressRules.length > 0) throw new UsageError("--suppress-all and --suppress-rule cannot be used together.");
  const reason = v["suppression-reason"] ?? "baseline";
  if (reason.trim() === "") throw new UsageError("--suppression-reason must say why the findings are accepted.");
  const concurrencyValue = v.concurrency ?? "1";
  if (concurrencyValue !== "auto" && !/^[1-9][0-9]{0,3}$/.test(concurrencyValue)) {
    throw new UsageError(`--concurrency takes a number of threads (1 or more) or auto, got "${concurrencyValue}".`);
  }
  const positionals = [...parsed.positionals];
  const dash = positionals.indexOf("-");
  const stdin = (v.stdin ?? false) || dash >= 0;
  if (dash >= 0) positionals.splice(dash, 1);
  if (stdin && positionals.length > 0) throw new UsageError("Standard input cannot be combined with paths.");
  if (v["stdin-filename"] !== undefined && !stdin) throw new UsageError("--stdin-filename needs --stdin or -.");
  if (v.fix && v["fix-dry-run"]) throw new UsageError("--fix and --fix-dry-run cannot be used together.");
  const fix = v.fix ? "write" : v["fix-dry-run"] ? "dry-run" : undefined;
  if (v["fix-unreachable"] && fix === undefined) throw new UsageError("--fix-unreachable needs --fix or --fix-dry-run.");
  if (fix !== undefined && stdin) throw new UsageError(`--${fix === "write" ? "fix" : "fix-dry-run"} works on files, not on standard input.`);
  return {
    patterns: positionals.length > 0 || stdin ? positionals : ["."],
    stdin,
    stdinFilename: v["stdin-filename"],
    outputs,
    failOn,
    cache: v.cache ?? false,
    cacheLocation: v["cache-location"],
    quiet: v.quiet ?? false,
    maxWarnings,
    flowType,
    printGraph: v["print-graph"] ?? false,
    skipNonFlows: v["skip-non-flows"] ?? false,
    strictReferences: v["strict-references"] ?? false,
    color: v["no-color"] ? false : v.color,
    config: v.config,
    configLookup: !(v["no-config-lookup"] ?? false),
    rules: Object.fromEntries((v.rule ?? []).map(parseRuleOption)),
    printConfig: v["print-config"],
    listRules: v["list-rules"] ?? false,
    init: v.init ?? false,
    suppressionsLocation: v["suppressions-location"],
    suppressAll: v["suppress-all"] ?? false,
    suppressRules,
    suppressionReason: reason,
    pruneSuppressions: v["prune-suppressions"] ?? false,
    strictSuppressions: v["strict-suppressions"] ?? false,
    concurrency: concurrencyValue === "auto" ? "auto" : Number(concurrencyValue),
    errorOnUnmatchedPattern: !(v["no-error-on-unmatched-pattern"] ?? false),
    fix,
    fixUnreachable: v["fix-unreachable"] ?? false,
  };
}
