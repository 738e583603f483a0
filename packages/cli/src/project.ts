/**
 * The project pass: cross-flow rules see every flow of the configured project (`project.files`),
 * even when only some files are linted (a pre-commit hook on staged files), and report only on the
 * files being linted.
 */
import fs from "node:fs";
import path from "node:path";
import {
  ConfigError,
  ProjectIndex,
  buildFlow,
  buildInventory,
  classifyDocument,
  lintProject,
  makeResult,
  parseJson,
  projectFlow,
} from "@connect-lint/core";
import type { ConfigResolver, Flow, Inventory, JsonDocument, LintResult, ProjectFlow } from "@connect-lint/core";
import { ALWAYS_IGNORED } from "./discover.js";
import { readFileLimitedSync } from "./read.js";

const SEVERITY: Readonly<Record<string, 0 | 1 | 2>> = { off: 0, warn: 1, error: 2, 0: 0, 1: 1, 2: 2 };

async function loadInventory(resolver: ConfigResolver): Promise<Inventory | undefined> {
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
      throw new ConfigError(`Cannot read inventory ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
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

/** A flow parsed while it was linted, with its document. */
export interface ParsedFlow {
  readonly flow: Flow;
  readonly document: JsonDocument;
}

/**
 * Runs the project rules and merges their findings into the results of the linted files.
 * `alreadyParsed` holds flows parsed while linting (by path); the others are read and parsed here.
 */
export async function runProjectRules(
  resolver: ConfigResolver,
  results: readonly LintResult[],
  settings: Readonly<Record<string, unknown>>,
  alreadyParsed: ReadonlyMap<string, ParsedFlow> = new Map(),
): Promise<LintResult[]> {
  const inventory = await loadInventory(resolver);
  const linted = new Set(results.map((r) => r.filePath));
  const flows: ProjectFlow[] = [];
  for (const file of await projectFiles(resolver, [...linted])) {
    const known = alreadyParsed.get(file);
    if (known) {
      flows.push(projectFlow(file, known.flow, known.document));
      continue;
    }
    const { limits } = resolver.forFile(file);
    let text: string;
    try {
      const bytes = readFileLimitedSync(file, limits.maxFileSize);
      if (!Buffer.isBuffer(bytes)) continue; // too large: reported when linted, else not ours to report
      text = bytes.toString("utf8");
    } catch {
      continue; // a linted file that cannot be read is reported already; others are not ours to report
    }
    const parsed = parseJson(text, { maxNestingDepth: limits.maxNestingDepth });
    if (!parsed.ok) continue;
    const kind = classifyDocument(parsed.document.value);
    if (kind !== "flow" && kind !== "module") continue;
    const flow = buildFlow(parsed.document.value as Record<string, unknown>, kind, { filePath: file, flowType: resolver.forFile(file).flowType });
    flows.push(projectFlow(file, flow, parsed.document));
  }
  const project = new ProjectIndex(flows, inventory);
  const found = lintProject(project, {
    rules: resolver.projectRules(),
    settings: { ...resolver.loaded.config.settings, ...settings },
    include: (file) => linted.has(file),
    severityFor: (file, rule, type) => {
      const setting = resolver.forFile(file).ruleSettings(type)[rule];
      const level = Array.isArray(setting) ? (setting as readonly unknown[])[0] : setting;
      return SEVERITY[String(level)] ?? 0;
    },
  });
  return results.map((r) => {
    const extra = found.get(r.filePath);
    if (!extra) return r;
    const merged = makeResult(r.filePath, [...r.messages, ...extra], { kind: r.kind, flowName: r.flowName, flowType: r.flowType });
    return { ...merged, suppressedMessages: r.suppressedMessages };
  });
}
