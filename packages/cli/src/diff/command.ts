/**
 * `connect-lint diff`: what a change to flows means, for review. Two files (`diff OLD NEW`) or every
 * flow changed in git since a revision (`diff --base REV [PATH...]`), each compared block by block,
 * with the findings the change introduced and fixed.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { ConfigError, ConfigResolver, DEFAULT_CONFIG, compareFlows, isLayoutOnly, decodeText, lintDelta, lintLoaded, loadConfigFile, loadFlow, searchConfig } from "@connect-lint/core";
import type { FindingDelta, Flow, FlowDiff, LintMessage, LoadedConfig } from "@connect-lint/core";
import { presets, rules } from "@connect-lint/rules";
import { loadFileFlows } from "../lint-file.js";
import { UsageError } from "../discover.js";
import { writeFileAtomic } from "../write.js";
import { formatDiff } from "./format.js";

const run = promisify(execFile);

export interface DiffIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly cwd: string;
}

export const DIFF_HELP = `Usage: connect-lint diff OLD NEW [options]
       connect-lint diff --base REV [options] [PATH ...]

Shows what a change to flows means: blocks added, removed and changed (type,
parameters, prompt text: old -> new), connectors rewired, layout-only moves in one
line, and the findings the change introduced and fixed (matched by rule and block,
not by line). Exits 1 when the change introduces an error.

Options:
  --base REV                Compare every flow file changed in git since REV with
                            the working tree (limited to PATHs when given)
  -f, --format NAME         stylish (default), json or markdown (a pull-request comment)
  -o, --output-file PATH    Write the output to a file (atomically)
  -c, --config FILE         Use this configuration file (rules for the lint delta)
  --no-config-lookup        Use no configuration file (the recommended preset)
  -h, --help                Show this help
`;

/** One flow of a file, at one revision: its model and its findings. */
interface Version {
  readonly flow: Flow;
  readonly findings: readonly LintMessage[];
}

/** What the diff says about one file (or one flow of a container). */
export interface FileDiff {
  /** The file, relative to the working folder, with forward slashes. */
  readonly path: string;
  /** The resource that holds the flow, for a flow in a container (a template holds several). */
  readonly resource?: string;
  readonly flowName: string;
  readonly status: "added" | "removed" | "changed";
  readonly diff: FlowDiff | null;
  readonly findings: FindingDelta;
  /** Set when a side could not be read as a flow. */
  readonly problem?: string;
}

/**
 * The flows of one version of a file, by resource ("" for a plain export): a container holds several.
 * A file with no flow in it gives none (it is left out of the diff), unless it looks like a flow and
 * does not parse: then its problem is given under "".
 */
function loadVersions(text: string | undefined, filePath: string, resolver: ConfigResolver): Map<string, Version | string> {
  const out = new Map<string, Version | string>();
  if (text === undefined) return out;
  const config = resolver.forFile(filePath);
  for (const parsed of loadFileFlows(Buffer.from(text, "utf8"), filePath, config)) {
    const loaded = { status: parsed.flow.kind === "legacy" ? "legacy" : "flow", document: parsed.document, flow: parsed.flow } as const;
    const result = lintLoaded(loaded, {
      filePath,
      resource: parsed.resource,
      rules: (type) => config.rules(type),
      explicit: true,
      flowType: config.flowType,
      settings: config.settings,
    });
    out.set(parsed.resource ?? "", { flow: parsed.flow, findings: result?.messages ?? [] });
  }
  if (out.size === 0 && /\.json$/i.test(filePath) && /"(StartAction|Actions|modules)"/.test(text)) {
    const loaded = loadFlow(text, { filePath, flowType: config.flowType }, { limits: config.limits });
    if (loaded.status === "failed") out.set("", loaded.message);
  }
  return out;
}

/** True when a flow of a changed file did not change at all (another flow of the template did, or only formatting). */
function unchanged(d: FileDiff): boolean {
  return d.diff !== null && isLayoutOnly(d.diff) && d.diff.moved === 0 && d.findings.introduced.length === 0 && d.findings.fixed.length === 0;
}

/** Compares the flows of two versions of a file, resource by resource. */
function compareFile(display: string, before: ReadonlyMap<string, Version | string>, after: ReadonlyMap<string, Version | string>): FileDiff[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.flatMap((key) => {
    const d = compareVersions(display, before.get(key), after.get(key));
    if (!d || unchanged(d)) return [];
    return [key === "" ? d : { ...d, resource: key }];
  });
}

function compareVersions(display: string, before: Version | string | undefined, after: Version | string | undefined): FileDiff | undefined {
  const empty: FindingDelta = { introduced: [], fixed: [] };
  if (typeof before === "string" || typeof after === "string") {
    const problem = typeof after === "string" ? `new version: ${after}` : `old version: ${typeof before === "string" ? before : ""}`;
    return { path: display, flowName: display, status: "changed", diff: null, findings: empty, problem };
  }
  if (!before && !after) return undefined;
  if (!before && after) return { path: display, flowName: after.flow.name, status: "added", diff: null, findings: lintDelta([], after.findings) };
  if (before && !after) return { path: display, flowName: before.flow.name, status: "removed", diff: null, findings: lintDelta(before.findings, []) };
  if (!before || !after) return undefined;
  return { path: display, flowName: after.flow.name, status: "changed", diff: compareFlows(before.flow, after.flow), findings: lintDelta(before.findings, after.findings) };
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `No such file: ${file}` : `Cannot read ${file}: ${code ?? String(error)}`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new UsageError(`${file}: ${decoded.problem}`);
  return decoded.text;
}

async function git(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run("git", [...args], { cwd, maxBuffer: 1 << 28, encoding: "utf8" });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; code?: string | number };
    if (e.code === "ENOENT") throw new UsageError("diff --base needs git, which was not found on the PATH.");
    const said = (e.stderr ?? "").trim().split("\n")[0] ?? "";
    throw new UsageError(`git ${args.join(" ")} failed: ${said}`);
  }
}

/** Files that can hold flows: exports, templates, Terraform, API output (as a folder search finds them). */
const FLOW_FILE = /\.(json|ya?ml|template|tf|tftpl|tpl)$/i;

async function changedSinceBase(base: string, paths: readonly string[], cwd: string): Promise<{ file: string; before: string | undefined; after: string | undefined }[]> {
  const top = (await git(["rev-parse", "--show-toplevel"], cwd)).trim();
  await git(["rev-parse", "--verify", "--quiet", `${base}^{commit}`], cwd).catch(() => {
    throw new UsageError(`--base: "${base}" is not a commit of this repository.`);
  });
  const listed = await git(["diff", "--name-only", "-z", "--no-renames", base, "--", ...(paths.length > 0 ? paths : ["."])], cwd);
  const files = listed.split("\0").filter((f) => f !== "" && FLOW_FILE.test(f)).sort();
  const out = [];
  for (const relative of files) {
    const absolute = path.join(top, relative);
    let before: string | undefined;
    try {
      before = await git(["show", `${base}:${relative}`], top);
    } catch {
      before = undefined; // added since the base
    }
    const after = fs.existsSync(absolute) ? readText(absolute) : undefined;
    if (before === after) continue; // a change of mode only, or a line-ending normalisation git reports
    out.push({ file: absolute, before, after });
  }
  return out;
}

async function loadConfiguration(config: string | undefined, lookup: boolean, cwd: string): Promise<LoadedConfig> {
  if (!lookup) return { config: DEFAULT_CONFIG, filepath: undefined, baseDir: cwd };
  if (config !== undefined) return loadConfigFile(config, cwd);
  return searchConfig(cwd);
}

/** Runs `connect-lint diff ARGS`; resolves to the exit code. */
export async function runDiff(argv: readonly string[], io: DiffIo): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: "string" },
        format: { type: "string", short: "f" },
        "output-file": { type: "string", short: "o" },
        config: { type: "string", short: "c" },
        "no-config-lookup": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(`diff: ${error instanceof Error ? error.message.replace(/\.\s*To specify.*$/s, ".") : String(error)} See connect-lint diff --help.`);
  }
  if (values.help) {
    io.stdout.write(DIFF_HELP);
    return 0;
  }
  const format = values.format ?? "stylish";
  if (format !== "stylish" && format !== "json" && format !== "markdown") throw new UsageError(`diff: --format takes stylish, json or markdown, got "${format}".`);
  if (values.config !== undefined && values["no-config-lookup"]) throw new UsageError("diff: --config and --no-config-lookup cannot be used together.");
  if (values.base === undefined && positionals.length !== 2) throw new UsageError("diff takes two files (diff OLD NEW) or --base REV [PATH ...]. See connect-lint diff --help.");
  const loaded = await loadConfiguration(values.config, !(values["no-config-lookup"] ?? false), io.cwd);
  const resolver = new ConfigResolver(loaded, { registry: rules, presets });
  const display = (file: string): string => {
    const relative = path.relative(io.cwd, file);
    return (relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? file : relative).split(path.sep).join("/");
  };
  const files: FileDiff[] = [];
  if (values.base === undefined) {
    const [oldFile = "", newFile = ""] = positionals.map((p) => path.resolve(io.cwd, p));
    files.push(...compareFile(display(newFile), loadVersions(readText(oldFile), oldFile, resolver), loadVersions(readText(newFile), newFile, resolver)));
  } else {
    for (const change of await changedSinceBase(values.base, positionals, io.cwd)) {
      files.push(...compareFile(display(change.file), loadVersions(change.before, change.file, resolver), loadVersions(change.after, change.file, resolver)));
    }
  }
  const text = formatDiff(files, format);
  if (values["output-file"] !== undefined) {
    const target = path.resolve(io.cwd, values["output-file"]);
    try {
      await writeFileAtomic(target, text);
    } catch (error) {
      throw new ConfigError(`diff: cannot write ${values["output-file"]}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else {
    io.stdout.write(text);
  }
  return files.some((f) => f.findings.introduced.some((m) => m.severity === 2)) ? 1 : 0;
}
