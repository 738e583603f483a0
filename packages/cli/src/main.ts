import fs from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import {
  ConfigError,
  ConfigResolver,
  DEFAULT_CONFIG,
  DEFAULT_LIMITS,
  DEFAULT_SUPPRESSIONS_FILE,
  FlowGraph,
  SuppressionSet,
  emptySuppressions,
  fileResult,
  fileTooLargeResult,
  flowKey,
  loadConfigFile,
  loadFlow,
  parseFlowTypeName,
  parseSuppressions,
  pruneSuppressions,
  recordSuppressions,
  searchConfig,
  serializeSuppressions,
} from "@connect-lint/core";
import type { FileConfig, LintMessage, LintResult, LoadedConfig, LoadedSuppressions, ProjectFlow } from "@connect-lint/core";
import { reporters } from "@connect-lint/reporters";
import type { HtmlReportData, RuleInfo } from "@connect-lint/reporters";
import { presets, ruleDocsUrl, rules } from "@connect-lint/rules";
import { CACHE_FORMAT, ResultCache, cacheFilePath, sha256 } from "./cache.js";
import { initConfig, listRules, printConfig } from "./config-commands.js";
import { UsageError, discoverFiles } from "./discover.js";
import { keptFlow, lintBytes, lintFile } from "./lint-file.js";
import type { FileOutcome, ParsedFlow } from "./lint-file.js";
import { HELP, parseOptions } from "./options.js";
import type { Options } from "./options.js";
import { LintPool, concurrencyCapNote, threadCount } from "./parallel.js";
import { hasProjectRules, loadInventory, runProjectRules } from "./project.js";
import { htmlReportData, readParsedFlow } from "./report-data.js";
import { writeFileAtomic } from "./write.js";
import { describeFileError } from "./errors.js";
import { checkSomethingLinted } from "./unmatched.js";
import { checkDistinctOutputs, checkOutputsAgainstInputs, configuredInputs } from "./outputs.js";
import { filesToFix, fixDiff, fixFile, fixSummary, mergeFixed } from "./fix.js";
import type { FileFix } from "./fix.js";
import { readFileLimitedSync, readStreamLimited } from "./read.js";
import type { TooLarge } from "./read.js";

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

/** Lets the event loop run (worker replies come in as events). */
function yieldToWorkers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
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
    throw new ConfigError(`Cannot read suppressions file ${file}: ${describeFileError(error)}`);
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
    // Subcommands load their modules only when called (`pull` brings the AWS SDK).
    if (argv[0] === "diff") return await (await import("./diff/command.js")).runDiff(argv.slice(1), io);
    if (argv[0] === "pull") return await (await import("./pull/index.js")).runPull(argv.slice(1), io);
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
    if (options.listRules) return listRules(resolver, io, options.outputs[0]?.format ?? "stylish", version());
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
  const suppressionsPath = path.resolve(
    options.suppressionsLocation !== undefined ? io.cwd : resolver.loaded.baseDir,
    options.suppressionsLocation ?? resolver.loaded.config.suppressions ?? DEFAULT_SUPPRESSIONS_FILE,
  );
  // A report must never replace what the run reads.
  checkDistinctOutputs(options.outputs, io.cwd);
  checkOutputsAgainstInputs(options.outputs, configuredInputs(resolver.loaded, suppressionsPath, options.cache ? cacheFilePath(options.cacheLocation, io.cwd) : undefined), io.cwd, (f) => displayPath(io.cwd, f));
  const suppressions = await loadSuppressions(suppressionsPath);
  const html = options.outputs.some((o) => o.format === "html");
  // What the project pass needs of each flow linted is kept, and the whole flows for the HTML
  // report's diagrams.
  const keep: Keep = { project: hasProjectRules(resolver), whole: html };
  let collected = await collect(options, resolver, io, keep);
  if (options.fix !== undefined) collected = await fix(collected, options, resolver, suppressions, keep, io);
  let results = collected.results;
  if (keep.project) {
    results = await runProjectRules(resolver, results, options.strictReferences ? { strictReferences: true } : {}, collected.kept);
  }
  results = await suppress(results, suppressions, options, io);
  const shown = options.quiet ? results.map(onlyErrors) : results;
  const reportData = html
    ? htmlReportData({
        results: shown,
        flows: collected.flows,
        suppressions,
        inventory: await loadInventory(resolver),
        enabledRules: enabledRuleNames(resolver, shown),
        readMissing: (result) => readParsedFlow(result.filePath, { resource: result.resource, config: resolver.forFile(result.filePath) }),
      })
    : undefined;
  await report(shown, options, io, reportData);
  return exitCode(shown, options, collected.unreadable, io);
}

/** The rules on for any linted flow (overrides by file and type included), and the project rules. */
function enabledRuleNames(resolver: ConfigResolver, results: readonly LintResult[]): string[] {
  const names = new Set(resolver.projectRules().map((e) => e.rule.name));
  for (const r of results) {
    const type = r.flowType === null ? undefined : parseFlowTypeName(r.flowType);
    for (const e of resolver.forFile(r.filePath).rules(type)) names.add(e.rule.name);
  }
  return [...names];
}

/** What the lint loop keeps of the flows it lints (by flowKey). */
interface Keep {
  /** What the project pass needs of each flow (`Collected.kept`). */
  readonly project: boolean;
  /** The whole flows (`Collected.flows`): the HTML report draws them. */
  readonly whole: boolean;
}

/**
 * What the lint loop gave: a result per linted file, the flows kept on the way (see Keep), and
 * whether a file could not be read.
 */
interface Collected {
  readonly results: LintResult[];
  readonly flows: ReadonlyMap<string, ParsedFlow>;
  readonly kept: ReadonlyMap<string, ProjectFlow>;
  readonly unreadable: boolean;
}

/** A file's outcome with what is kept of its flows in place of the whole flows (see Keep). */
type KeptOutcome = FileOutcome & { readonly kept?: readonly ProjectFlow[] };

/**
 * Trades the whole flows of an outcome for what `keep` asks for, as soon as the file is linted: over
 * thousands of files, whole flows held until the end of the loop would cost gigabytes.
 */
function keepOf(outcome: FileOutcome, inputPath: string, config: FileConfig, keep: Keep): KeptOutcome {
  if (!("results" in outcome) || outcome.flows === undefined) return outcome;
  const { flows, ...rest } = outcome;
  const kept = keep.project ? flows.flatMap((f) => keptFlow(f, keep.whole ? undefined : { inputPath, config }) ?? []) : undefined;
  return { ...rest, ...(keep.whole ? { flows } : {}), ...(kept ? { kept } : {}) };
}

/** Reads and lints every file (or standard input): the cache, the worker pool and ignored files. */
async function collect(options: Options, resolver: ConfigResolver, io: CliIo, keep: Keep): Promise<Collected> {
  const { loaded } = resolver;
  const results: LintResult[] = [];
  const flows = new Map<string, ParsedFlow>();
  const kept = new Map<string, ProjectFlow>();
  const keepAny = keep.project || keep.whole;
  let unreadable = false;
  if (options.stdin) {
    const name = path.resolve(io.cwd, options.stdinFilename ?? "<stdin>");
    const config = resolver.forFile(name);
    const input = await readStreamLimited(io.stdin, config.limits.maxFileSize);
    const outcome = Buffer.isBuffer(input) ? lintBytes(input, name, true, config) : { results: [fileTooLargeResult(name, input.size, config.limits.maxFileSize)] };
    if ("results" in outcome) results.push(...outcome.results);
    return { results, flows, kept, unreadable };
  }
  let cache: ResultCache | undefined;
  if (options.cache) {
    const key = sha256(
      JSON.stringify({ format: CACHE_FORMAT, version: version(), config: loaded.config, configFile: loaded.filepath ?? null, rules: options.rules, flowType: options.flowType ?? null }),
    );
    cache = new ResultCache(cacheFilePath(options.cacheLocation, io.cwd), key);
    await cache.load();
  }
  const files = await discoverFiles(options.patterns, io.cwd, { errorOnUnmatched: options.errorOnUnmatchedPattern });
  checkOutputsAgainstInputs(options.outputs, files.map((f) => ({ path: f.path, what: "a linted file" })), io.cwd, (f) => displayPath(io.cwd, f));
  // With --concurrency, workers read and lint; outcomes are taken back in file order below, so the
  // output is the same as with one thread.
  const note = concurrencyCapNote(options.concurrency, files.length);
  if (note !== undefined) io.stderr.write(`connect-lint: ${note}\n`);
  const pool = LintPool.start(threadCount(options.concurrency, files.length), { loaded, cliRules: options.rules, cliFlowType: options.flowType });
  const outcomes: (KeptOutcome | Promise<FileOutcome>)[] = [];
  // With `keep`, the flows linted in this thread are kept, so they need not be read and parsed again
  // (workers cannot hand back parsed flows: those are read again where needed).
  try {
    for (const file of files) {
      const config = resolver.forFile(file.path);
      const explicit = file.explicit && !options.skipNonFlows;
      if (config.ignored) {
        if (explicit) {
          const where = loaded.filepath === undefined ? "" : ` in ${displayPath(io.cwd, loaded.filepath)}`;
          outcomes.push({ results: [fileResult(file.path, "ignored-file", `File ignored because of a matching "ignores" pattern${where}.`)] });
        }
        continue;
      }
      if (pool) await yieldToWorkers(); // take their replies, so they get more files
      if (!cache) {
        outcomes.push(pool?.trySubmit(file.path, explicit) ?? keepOf(lintFile(file.path, explicit, config, undefined, keepAny), file.path, config, keep));
        continue;
      }
      let bytes: Buffer | TooLarge;
      try {
        bytes = readFileLimitedSync(file.path, config.limits.maxFileSize);
      } catch (error) {
        outcomes.push({ path: file.path, unreadable: describeFileError(error) });
        continue;
      }
      if (!Buffer.isBuffer(bytes)) {
        outcomes.push({ results: [fileTooLargeResult(file.path, bytes.size, config.limits.maxFileSize)] });
        continue;
      }
      const cached = cache.get(file.path, bytes);
      if (cached !== undefined) {
        outcomes.push({ results: cached });
        continue;
      }
      const content = bytes;
      const remember = (outcome: FileOutcome): FileOutcome => {
        if ("results" in outcome) cache.set(file.path, content, outcome.results);
        return outcome;
      };
      const sent = pool?.trySubmit(file.path, explicit, content);
      outcomes.push(sent ? sent.then(remember) : keepOf(remember(lintFile(file.path, explicit, config, content, keepAny)), file.path, config, keep));
    }
    const settled: KeptOutcome[] = [];
    for (const pending of outcomes) settled.push(await pending);
    // A Terraform template a `.tf` file read (templatefile(), file(), filename =) is linted there, with
    // the type and name the resource gives it; its own standalone result would say the same twice.
    const readByTerraform = new Set(settled.flatMap((o) => ("templatesRead" in o ? (o.templatesRead ?? []) : [])));
    for (const outcome of settled) {
      if ("unreadable" in outcome) {
        unreadable = true;
        io.stderr.write(`connect-lint: cannot read ${displayPath(io.cwd, outcome.path)}: ${outcome.unreadable}\n`);
        continue;
      }
      if (outcome.standaloneTemplate && outcome.results.every((r) => readByTerraform.has(r.filePath))) continue;
      results.push(...outcome.results);
      for (const f of outcome.flows ?? []) flows.set(flowKey(f.filePath, f.resource), f);
      for (const f of outcome.kept ?? []) kept.set(flowKey(f.filePath, f.resource), f);
    }
  } finally {
    await pool?.close();
  }
  if (cache) await cache.save().catch(() => undefined); // a cache that cannot be written is only a cache
  if (options.errorOnUnmatchedPattern) checkSomethingLinted(options.patterns, files, results, unreadable);
  return { results, flows, kept, unreadable };
}

/**
 * `--fix` / `--fix-dry-run`: fixes each file with something to fix (suppressed findings are left as
 * they are), writes it or prints its diff, and gives the results of the fixed text in place of the
 * file's first results. A file that changed on disk meanwhile is not written; its results stand.
 */
async function fix(collected: Collected, options: Options, resolver: ConfigResolver, suppressions: LoadedSuppressions, keep: Keep, io: CliIo): Promise<Collected> {
  const dryRun = options.fix === "dry-run";
  const dir = path.dirname(suppressions.path);
  const visible = (result: LintResult): readonly LintMessage[] =>
    new SuppressionSet(suppressions).apply(result, path.relative(dir, result.filePath).split(path.sep).join("/")).messages;
  const fixes: FileFix[] = [];
  for (const file of filesToFix(collected.results, options.fixUnreachable)) {
    const done = await fixFile(file, resolver.forFile(file), dryRun, { unreachable: options.fixUnreachable, keep: keep.project || keep.whole, visible });
    fixes.push(done);
    if (done.status === "changed-on-disk" || done.status === "unreadable") {
      io.stderr.write(`connect-lint: not fixed: ${displayPath(io.cwd, file)}: ${done.problem ?? "unknown"}\n`);
    } else if (dryRun && done.before !== undefined && done.after !== undefined && done.before !== done.after) {
      io.stdout.write(fixDiff(displayPath(io.cwd, file), done.before, done.after));
    }
  }
  const merged = mergeFixed(collected.results, collected.flows, collected.kept, fixes);
  io.stderr.write(fixSummary(fixes, merged.results, dryRun));
  return { ...collected, results: merged.results, flows: keep.whole ? merged.flows : collected.flows, kept: keep.project ? merged.kept : collected.kept };
}

/**
 * Applies the suppressions file: records new entries (`--suppress-all`, `--suppress-rule`), moves
 * suppressed findings aside, prunes or reports unused and expired entries.
 */
async function suppress(results: readonly LintResult[], loaded: LoadedSuppressions, options: Options, io: CliIo): Promise<LintResult[]> {
  let suppressions = loaded;
  const suppressionsPath = loaded.path;
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
    const added = file.suppressions.length - suppressions.file.suppressions.length;
    io.stderr.write(`Wrote ${plural(file.suppressions.length, "suppression")} (${String(added)} new) to ${displayPath(io.cwd, suppressionsPath)}.\n`);
    suppressions = parseSuppressions(serializeSuppressions(file), suppressionsPath);
  }
  const set = new SuppressionSet(suppressions);
  const out = results.map((r) => set.apply(r, relativeToSuppressions(r)));
  if (options.pruneSuppressions) {
    const drop = new Set([...set.unused(), ...set.expired()].map((u) => u.index));
    if (drop.size > 0) await writeOrFail(suppressionsPath, serializeSuppressions(pruneSuppressions(suppressions.file, drop)), io);
  } else if (!options.stdin) {
    const report = set.report(options.strictSuppressions);
    if (report) out.push(report);
  }
  return out;
}

/** Writes each requested format to standard output or its file. */
async function report(shown: readonly LintResult[], options: Options, io: CliIo, reportData: HtmlReportData | undefined): Promise<void> {
  for (const output of options.outputs) {
    const reporter = reporters[output.format];
    if (!reporter) throw new CliFailure(`no reporter ${output.format}`);
    const toTerminal = output.file === undefined && io.stdout.isTTY === true;
    const color = output.file === undefined && (options.color ?? (toTerminal && !("NO_COLOR" in io.env && io.env.NO_COLOR !== "")));
    const data = output.format === "html" && reportData ? { report: reportData } : {};
    const text = reporter(shown, { cwd: io.cwd, color, rules: RULE_INFO, version: version(), ...data });
    if (output.file !== undefined) await writeOrFail(path.resolve(io.cwd, output.file), text, io);
    else io.stdout.write(text);
  }
}

/** 0 clean, 1 findings (errors, or warnings per --fail-on / --max-warnings), 2 a file could not be read. */
function exitCode(shown: readonly LintResult[], options: Options, unreadable: boolean, io: CliIo): number {
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
    throw new CliFailure(`cannot write ${displayPath(io.cwd, file)}: ${describeFileError(error)}`);
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
    let bytes: Buffer | TooLarge;
    try {
      bytes = readFileLimitedSync(file.path, DEFAULT_LIMITS.maxFileSize);
    } catch (error) {
      throw new UsageError(`cannot read ${name}: ${describeFileError(error)}`);
    }
    if (!Buffer.isBuffer(bytes)) throw new UsageError(`${name} is larger than ${String(DEFAULT_LIMITS.maxFileSize)} bytes.`);
    text = bytes.toString("utf8");
  }
  const loaded = loadFlow(text, { filePath: name, flowType: options.flowType ? { type: options.flowType, source: { kind: "cli" } } : undefined });
  if (loaded.status === "failed") {
    throw new UsageError(`${name}:${String(loaded.range.start.line)}:${String(loaded.range.start.column)}: ${loaded.message}`);
  }
  if (loaded.status === "other") throw new UsageError(`${name} is not a Flow-language flow.`);
  const flow = loaded.flow;
  io.stdout.write(new FlowGraph(flow).toDot());
  return EXIT.ok;
}
