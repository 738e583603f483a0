import fs from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import {
  ConfigError,
  ConfigResolver,
  DEFAULT_CONFIG,
  DEFAULT_SUPPRESSIONS_FILE,
  FlowGraph,
  SuppressionSet,
  buildFlow,
  classifyDocument,
  emptySuppressions,
  lintText,
  loadConfigFile,
  makeResult,
  parseJson,
  parseSuppressions,
  pruneSuppressions,
  recordSuppressions,
  searchConfig,
  serializeSuppressions,
} from "@connect-lint/core";
import type { FileConfig, LintResult, LoadedConfig, LoadedSuppressions } from "@connect-lint/core";
import { reporters } from "@connect-lint/reporters";
import type { RuleInfo } from "@connect-lint/reporters";
import { presets, ruleDocsUrl, rules } from "@connect-lint/rules";
import { DEFAULT_CACHE_FILE, ResultCache, sha256 } from "./cache.js";
import { initConfig, listRules, printConfig } from "./config-commands.js";
import { UsageError, discoverFiles } from "./discover.js";
import { HELP, parseOptions } from "./options.js";
import type { Options } from "./options.js";
import { hasProjectRules, runProjectRules } from "./project.js";
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

let cachedVersion: string | undefined;
export function version(): string {
  cachedVersion ??= (JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return cachedVersion;
}

const RULE_INFO: readonly RuleInfo[] = rules.map((r) => ({
  id: r.name,
  description: r.meta.description,
  type: r.meta.type,
  recommended: r.meta.recommended === false ? "off" : r.meta.recommended,
  helpUri: ruleDocsUrl(r.name, version()),
}));

class CliFailure extends Error {
  override readonly name = "CliFailure";
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

function fileMessage(filePath: string, ruleId: string, severity: 1 | 2, message: string, fatal: boolean): LintResult {
  return makeResult(filePath, [{ ruleId, messageId: ruleId, severity, message, line: 1, column: 1, endLine: 1, endColumn: 1, ...(fatal ? { fatal: true as const } : {}) }], {
    kind: fatal ? "unparsable" : "other",
  });
}

function lintBytes(bytes: Buffer, filePath: string, explicit: boolean, config: FileConfig): LintResult | null {
  const decoded = decode(bytes);
  if ("problem" in decoded) return explicit || filePath.endsWith(".json") ? fileMessage(filePath, "parse-error", 2, decoded.problem, true) : null;
  return lintText(decoded.text, {
    filePath,
    rules: (type) => config.rules(type),
    explicit,
    flowType: config.flowType,
    settings: config.settings,
  });
}

/** A path as the user would write it: relative to the working folder when inside it, else absolute. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0 };
}

async function loadConfiguration(options: Options, cwd: string): Promise<LoadedConfig> {
  if (!options.configLookup) return { config: DEFAULT_CONFIG, filepath: undefined, baseDir: cwd };
  if (options.config !== undefined) return loadConfigFile(options.config, cwd);
  return searchConfig(cwd);
}

async function loadSuppressions(file: string): Promise<LoadedSuppressions> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptySuppressions(file);
    throw new ConfigError(`Cannot read suppressions file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseSuppressions(text, file);
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
    if (options.init) return await initConfig(io);
    const loaded = await loadConfiguration(options, io.cwd);
    const resolver = new ConfigResolver(loaded, { registry: rules, presets, cliRules: options.rules, cliFlowType: options.flowType });
    if (options.listRules) return listRules(resolver, io);
    if (options.printConfig !== undefined) return await printConfig(resolver, options.printConfig, io);
    if (options.printGraph) return await printGraph(options, io);
    return await lint(options, resolver, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof CliFailure) return fail(error.message);
    const detail = error instanceof Error ? (io.env.CONNECT_LINT_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
    return fail(`internal error: ${detail}\nThis is a bug in connect-lint. Set CONNECT_LINT_DEBUG=1 for details.`);
  }
}

async function lint(options: Options, resolver: ConfigResolver, io: CliIo): Promise<number> {
  const { loaded } = resolver;
  const suppressionsPath = path.resolve(
    options.suppressionsLocation !== undefined ? io.cwd : loaded.baseDir,
    options.suppressionsLocation ?? loaded.config.suppressions ?? DEFAULT_SUPPRESSIONS_FILE,
  );
  let suppressions = await loadSuppressions(suppressionsPath);
  let cache: ResultCache | undefined;
  if (options.cache) {
    const key = sha256(
      JSON.stringify({ version: version(), config: loaded.config, configFile: loaded.filepath ?? null, rules: options.rules, flowType: options.flowType ?? null }),
    );
    cache = new ResultCache(path.resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_FILE), key);
    await cache.load();
  }

  let results: LintResult[] = [];
  let unreadable = false;
  if (options.stdin) {
    const name = path.resolve(io.cwd, options.stdinFilename ?? "<stdin>");
    const result = lintBytes(await readStream(io.stdin), name, true, resolver.forFile(name));
    if (result) results.push(result);
  } else {
    for (const file of await discoverFiles(options.patterns, io.cwd)) {
      const config = resolver.forFile(file.path);
      const explicit = file.explicit && !options.skipNonFlows;
      if (config.ignored) {
        if (explicit) {
          const where = loaded.filepath === undefined ? "" : ` in ${displayPath(io.cwd, loaded.filepath)}`;
          results.push(fileMessage(file.path, "ignored-file", 1, `File ignored because of a matching "ignores" pattern${where}.`, false));
        }
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await fs.promises.readFile(file.path);
      } catch (error) {
        unreadable = true;
        io.stderr.write(`connect-lint: cannot read ${displayPath(io.cwd, file.path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
        continue;
      }
      let result = cache?.get(file.path, bytes);
      if (result === undefined) {
        result = lintBytes(bytes, file.path, explicit, config);
        cache?.set(file.path, bytes, result);
      }
      if (result) results.push(result);
    }
  }

  if (hasProjectRules(resolver)) {
    results = await runProjectRules(resolver, results, options.strictReferences ? { strictReferences: true } : {});
  }

  const suppressionsDir = path.dirname(suppressionsPath);
  const relativeToSuppressions = (result: LintResult): string => path.relative(suppressionsDir, result.filePath).split(path.sep).join("/");
  const recording = options.suppressAll || options.suppressRules.length > 0;
  if (recording) {
    const before = new SuppressionSet(suppressions);
    const open = results.map((r) => before.apply(r, relativeToSuppressions(r)));
    let file = suppressions.file;
    for (const rule of options.suppressAll ? [undefined] : options.suppressRules) {
      if (rule !== undefined && !rules.some((r) => r.name === rule)) throw new UsageError(`--suppress-rule: unknown rule "${rule}".`);
      file = recordSuppressions(file, open, relativeToSuppressions, { rule, reason: options.suppressionReason });
    }
    await writeOrFail(suppressionsPath, serializeSuppressions(file), io);
    suppressions = parseSuppressions(serializeSuppressions(file), suppressionsPath);
  }
  const set = new SuppressionSet(suppressions);
  results = results.map((r) => set.apply(r, relativeToSuppressions(r)));
  if (options.pruneSuppressions) {
    const drop = new Set([...set.unused(), ...set.expired()].map((u) => u.index));
    if (drop.size > 0) await writeOrFail(suppressionsPath, serializeSuppressions(pruneSuppressions(suppressions.file, drop)), io);
  } else if (!options.stdin) {
    const report = set.report(options.strictSuppressions);
    if (report) results.push(report);
  }

  if (cache) await cache.save().catch(() => undefined); // a cache that cannot be written is only a cache

  const shown = options.quiet ? results.map(onlyErrors) : results;
  for (const output of options.outputs) {
    const reporter = reporters[output.format];
    if (!reporter) throw new CliFailure(`no reporter ${output.format}`);
    const toTerminal = output.file === undefined && io.stdout.isTTY === true;
    const color = output.file === undefined && (options.color ?? (toTerminal && !("NO_COLOR" in io.env && io.env.NO_COLOR !== "")));
    const text = reporter(shown, { cwd: io.cwd, color, rules: RULE_INFO, version: version() });
    if (output.file !== undefined) await writeOrFail(path.resolve(io.cwd, output.file), text, io);
    else io.stdout.write(text);
  }
  if (unreadable) return EXIT.failure;
  const errors = shown.reduce((n, r) => n + r.errorCount, 0);
  const warnings = shown.reduce((n, r) => n + r.warningCount, 0);
  if (options.failOn === "never") return EXIT.ok;
  if (errors > 0) return EXIT.findings;
  if (options.failOn === "warn" && warnings > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`connect-lint found too many warnings (maximum: ${String(options.maxWarnings)}).\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

async function writeOrFail(file: string, text: string, io: CliIo): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new CliFailure(`cannot write ${displayPath(io.cwd, file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
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
