import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Readable, Writable } from "node:stream";
import {
  ConfigError,
  FlowGraph,
  buildFlow,
  classifyDocument,
  lintText,
  parseFlowTypeName,
  parseJson,
  resolveRules,
  FLOW_TYPES,
} from "@connect-lint/core";
import type { EnabledRule, FlowTypeName, LintMessage, LintResult } from "@connect-lint/core";
import { reporters } from "@connect-lint/reporters";
import { recommended, rules } from "@connect-lint/rules";
import { UsageError, discoverFiles } from "./discover.js";
import { writeFileAtomic } from "./write.js";

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

export function version(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

const HELP = `Usage: connect-lint [options] [file|dir|glob ...]

Lints Amazon Connect flows exported as JSON (the Flow language). With no paths, lints
the current folder. Folders are searched for *.json (node_modules and .git are skipped,
JSON files that are not flows are skipped quietly); files named explicitly are read
whatever their extension.

Input:
  -                         Read one flow from standard input (same as --stdin)
  --stdin                   Read one flow from standard input
  --stdin-filename PATH     File name to report for standard input
  --flow-type TYPE          Treat every flow as this type, e.g. CUSTOMER_QUEUE
                            (API name, export name such as customerQueue, or console name)

Output:
  -f, --format NAME         Output format: stylish (default) or json
  -o, --output-file PATH    Write the report to a file instead of standard output
  --quiet                   Report errors only, not warnings
  --max-warnings N          Exit 1 when there are more than N warnings
  --color, --no-color       Force colour on or off (default: on for a terminal,
                            off when NO_COLOR is set)
  --print-graph             Print the control-flow graph of one flow as Graphviz DOT

Other:
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes:
  0  no errors, and warnings within --max-warnings
  1  lint errors, or more warnings than --max-warnings
  2  usage error, unreadable path, or internal failure
`;

class CliFailure extends Error {
  override readonly name = "CliFailure";
}

interface Options {
  readonly patterns: string[];
  readonly stdin: boolean;
  readonly stdinFilename: string | undefined;
  readonly format: string;
  readonly outputFile: string | undefined;
  readonly quiet: boolean;
  readonly maxWarnings: number | undefined;
  readonly flowType: FlowTypeName | undefined;
  readonly printGraph: boolean;
  readonly color: boolean | undefined;
}

function parseOptions(argv: readonly string[]): Options | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        stdin: { type: "boolean" },
        "stdin-filename": { type: "string" },
        format: { type: "string", short: "f" },
        "output-file": { type: "string", short: "o" },
        quiet: { type: "boolean" },
        "max-warnings": { type: "string" },
        "flow-type": { type: "string" },
        "print-graph": { type: "boolean" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message.replace(/\.\s*To specify.*$/s, ".") : String(error)} See --help.`);
  }
  const v = parsed.values;
  if (v.help) return "help";
  if (v.version) return "version";
  const format = v.format ?? "stylish";
  if (!Object.prototype.hasOwnProperty.call(reporters, format)) {
    throw new UsageError(`Unknown format "${format}". Available: ${Object.keys(reporters).join(", ")}.`);
  }
  let maxWarnings: number | undefined;
  if (v["max-warnings"] !== undefined) {
    if (!/^\d+$/.test(v["max-warnings"])) throw new UsageError(`--max-warnings takes a whole number, got "${v["max-warnings"]}".`);
    maxWarnings = Number(v["max-warnings"]);
  }
  let flowType: FlowTypeName | undefined;
  if (v["flow-type"] !== undefined) {
    flowType = parseFlowTypeName(v["flow-type"]);
    if (!flowType) {
      const names = FLOW_TYPES.map((f) => f.name).join(", ");
      throw new UsageError(`Unknown flow type "${v["flow-type"]}". Use one of: ${names}.`);
    }
  }
  const positionals = [...parsed.positionals];
  const dash = positionals.indexOf("-");
  const stdin = (v.stdin ?? false) || dash >= 0;
  if (dash >= 0) positionals.splice(dash, 1);
  if (stdin && positionals.length > 0) throw new UsageError("Standard input cannot be combined with paths.");
  if (v["stdin-filename"] !== undefined && !stdin) throw new UsageError("--stdin-filename needs --stdin or -.");
  return {
    patterns: positionals.length > 0 || stdin ? positionals : ["."],
    stdin,
    stdinFilename: v["stdin-filename"],
    format,
    outputFile: v["output-file"],
    quiet: v.quiet ?? false,
    maxWarnings,
    flowType,
    printGraph: v["print-graph"] ?? false,
    color: v["no-color"] ? false : v.color,
  };
}

async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes a file's bytes, or says why it is not text. */
function decode(bytes: Buffer): { text: string } | { problem: string } {
  if (bytes.includes(0)) return { problem: "File is binary (it contains NUL bytes), not a JSON flow" };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { problem: "File is not valid UTF-8 text" };
  }
}

function fileProblem(filePath: string, message: string): LintResult {
  const m: LintMessage = { ruleId: "parse-error", messageId: "parse-error", severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true };
  return {
    filePath,
    messages: [m],
    suppressedMessages: [],
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    kind: "unparsable",
    flowName: null,
    flowType: null,
  };
}

function lintBytes(bytes: Buffer, filePath: string, explicit: boolean, enabled: readonly EnabledRule[], options: Options): LintResult | null {
  const decoded = decode(bytes);
  if ("problem" in decoded) return explicit || filePath.endsWith(".json") ? fileProblem(filePath, decoded.problem) : null;
  return lintText(decoded.text, {
    filePath,
    rules: enabled,
    explicit,
    flowType: options.flowType ? { type: options.flowType, source: { kind: "cli" } } : undefined,
  });
}

/** A path as the user would write it: relative to the working folder when inside it, else absolute. */
function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0 };
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`connect-lint: ${message}\n`);
    return EXIT.failure;
  };
  try {
    const options = parseOptions(argv);
    if (options === "help") {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (options === "version") {
      io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    const enabled = resolveRules(rules, recommended);

    if (options.printGraph) return await printGraph(options, io);

    const results: LintResult[] = [];
    let unreadable = false;
    if (options.stdin) {
      const name = path.resolve(io.cwd, options.stdinFilename ?? "<stdin>");
      const result = lintBytes(await readStream(io.stdin), name, true, enabled, options);
      if (result) results.push(result);
    } else {
      for (const file of await discoverFiles(options.patterns, io.cwd)) {
        let bytes: Buffer;
        try {
          bytes = await fs.promises.readFile(file.path);
        } catch (error) {
          unreadable = true;
          io.stderr.write(`connect-lint: cannot read ${displayPath(io.cwd, file.path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
          continue;
        }
        const result = lintBytes(bytes, file.path, file.explicit, enabled, options);
        if (result) results.push(result);
      }
    }
    const shown = options.quiet ? results.map(onlyErrors) : results;
    const color = options.outputFile === undefined && (options.color ?? (io.stdout.isTTY === true && !("NO_COLOR" in io.env && io.env.NO_COLOR !== "")));
    const reporter = reporters[options.format];
    if (!reporter) throw new CliFailure(`no reporter ${options.format}`);
    const text = reporter(shown, { cwd: io.cwd, color });
    if (options.outputFile !== undefined) {
      const target = path.resolve(io.cwd, options.outputFile);
      try {
        await writeFileAtomic(target, text);
      } catch (error) {
        return fail(`cannot write ${options.outputFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    } else {
      io.stdout.write(text);
    }
    if (unreadable) return EXIT.failure;
    const errors = shown.reduce((n, r) => n + r.errorCount, 0);
    const warnings = shown.reduce((n, r) => n + r.warningCount, 0);
    if (errors > 0) return EXIT.findings;
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      io.stderr.write(`connect-lint found too many warnings (maximum: ${String(options.maxWarnings)}).\n`);
      return EXIT.findings;
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof CliFailure) return fail(error.message);
    const detail = error instanceof Error ? (io.env.CONNECT_LINT_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
    return fail(`internal error: ${detail}\nThis is a bug in connect-lint. Set CONNECT_LINT_DEBUG=1 for details.`);
  }
}

async function printGraph(options: Options, io: CliIo): Promise<number> {
  let text: string;
  let name: string;
  if (options.stdin) {
    name = options.stdinFilename ?? "<stdin>";
    text = (await readStream(io.stdin)).toString("utf8");
  } else {
    const files = await discoverFiles(options.patterns, io.cwd);
    const file = files.length === 1 ? files[0] : undefined;
    if (!file) throw new UsageError(`--print-graph takes exactly one flow file; ${String(files.length)} files were given.`);
    name = displayPath(io.cwd, file.path);
    text = await fs.promises.readFile(file.path, "utf8");
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new UsageError(`${name}:${String(parsed.range.start.line)}:${String(parsed.range.start.column)}: ${parsed.message}`);
  }
  const kind = classifyDocument(parsed.document.value);
  if (kind !== "flow" && kind !== "module") throw new UsageError(`${name} is not a Flow-language flow.`);
  const flow = buildFlow(parsed.document.value as Record<string, unknown>, kind, {
    filePath: name,
    flowType: options.flowType ? { type: options.flowType, source: { kind: "cli" } } : undefined,
  });
  io.stdout.write(new FlowGraph(flow).toDot());
  return EXIT.ok;
}
