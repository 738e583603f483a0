/**
 * The project pass: cross-flow rules see every flow of the configured project (`project.files`),
 * even when only some files are linted (a pre-commit hook on staged files), and report only on the
 * files being linted.
 */
import fs from "node:fs";
import path from "node:path";
import { ConfigError, ProjectIndex, buildInventory, flowKey, lintProject, makeResult, parseJson } from "@connect-lint/core";
import type { ConfigResolver, Inventory, LintResult, ProjectFlow } from "@connect-lint/core";
import { ALWAYS_IGNORED } from "./discover.js";
import { keptFlow, loadFileFlows } from "./lint-file.js";
import { describeFileError } from "./errors.js";
import { readFileLimitedSync } from "./read.js";

/** The configuration's inventory (`inventory` files), or undefined when it names none. */
export async function loadInventory(resolver: ConfigResolver): Promise<Inventory | undefined> {
  const spec = resolver.loaded.config.inventory;
  if (spec === undefined) return undefined;
  const files = typeof spec === "string" ? [spec] : spec;
  const parsed: { source: string; value: unknown }[] = [];
  for (const file of files) {
    const absolute = path.resolve(resolver.loaded.baseDir, file);
    let text: string;
    try {
      text = await fs.promises.readFile(absolute, "utf8");
    } catch (error) {
      throw new ConfigError(`Cannot read inventory ${file}: ${describeFileError(error)}`);
    }
    const json = parseJson(text);
    if (!json.ok) throw new ConfigError(`Invalid inventory ${file}:${String(json.range.start.line)}:${String(json.range.start.column)}: ${json.message}`);
    parsed.push({ source: file, value: json.document.value });
  }
  return buildInventory(parsed);
}

/** The project's files: `project.files` globs (relative to the configuration), plus the linted files. */
async function projectFiles(resolver: ConfigResolver, linted: readonly string[]): Promise<string[]> {
  const globs = resolver.loaded.config.project?.files;
  const files = new Set(linted);
  if (globs) {
    const { glob } = await import("tinyglobby");
    for (const file of await glob([...globs], { cwd: resolver.loaded.baseDir, absolute: true, ignore: ALWAYS_IGNORED, dot: false, followSymbolicLinks: false })) {
      const absolute = path.normalize(file);
      if (!resolver.forFile(absolute).ignored) files.add(absolute);
    }
  }
  return [...files].sort();
}

/** True when an enabled rule has a project-level check. */
export function hasProjectRules(resolver: ConfigResolver): boolean {
  return resolver.projectRules().some((e) => e.rule.checkProject !== undefined);
}

/**
 * Runs the project rules and merges their findings into the results of the linted files.
 * `alreadyKept` holds what was kept of the flows linted (by flowKey); the other files of the project
 * are read and parsed here, and kept the same way.
 */
export async function runProjectRules(
  resolver: ConfigResolver,
  results: readonly LintResult[],
  settings: Readonly<Record<string, unknown>>,
  alreadyKept: ReadonlyMap<string, ProjectFlow> = new Map(),
): Promise<LintResult[]> {
  const inventory = await loadInventory(resolver);
  const linted = new Set(results.map((r) => r.filePath));
  const flows: ProjectFlow[] = [];
  const known = new Map<string, ProjectFlow[]>();
  for (const f of alreadyKept.values()) {
    const list = known.get(f.filePath);
    if (list) list.push(f);
    else known.set(f.filePath, [f]);
  }
  for (const file of await projectFiles(resolver, [...linted])) {
    const kept = known.get(file);
    if (kept) {
      flows.push(...kept);
      continue;
    }
    const config = resolver.forFile(file);
    let bytes: Buffer | undefined;
    try {
      const read = readFileLimitedSync(file, config.limits.maxFileSize);
      if (!Buffer.isBuffer(read)) continue; // too large: reported when linted, else not ours to report
      bytes = read;
    } catch {
      continue; // a linted file that cannot be read is reported already; others are not ours to report
    }
    for (const f of loadFileFlows(bytes, file, config)) {
      const k = keptFlow(f, { inputPath: file, config });
      if (k) flows.push(k);
    }
  }
  const project = new ProjectIndex(flows, inventory);
  const found = lintProject(project, {
    rules: resolver.projectRules(),
    settings: { ...resolver.loaded.config.settings, ...settings },
    include: (file) => linted.has(file),
    severityFor: (file, rule, type) => resolver.forFile(file).severity(rule, type),
  });
  return results.map((r) => {
    const extra = found.get(flowKey(r.filePath, r.resource));
    if (!extra) return r;
    const merged = makeResult(r.filePath, [...r.messages, ...extra], { kind: r.kind, flowName: r.flowName, flowType: r.flowType, resource: r.resource });
    return { ...merged, suppressedMessages: r.suppressedMessages };
  });
}
