import fs from "node:fs";
import path from "node:path";
import { ConfigError, decodeText, existingConfigFile, loadFlow, resolveRules } from "@connect-lint/core";
import type { ConfigResolver, FlowTypeName } from "@connect-lint/core";
import { ruleDocsUrl, rules } from "@connect-lint/rules";
import type { CliIo } from "./main.js";
import { describeFileError } from "./errors.js";

export const INIT_FILE = ".connect-lintrc.json";

/** `--init`: writes a starter configuration in the working folder; never overwrites one. */
export async function initConfig(io: CliIo): Promise<number> {
  const existing = existingConfigFile(io.cwd);
  if (existing) throw new ConfigError(`A configuration already exists: ${path.relative(io.cwd, existing)}. Nothing was written.`);
  const pkgFile = path.join(io.cwd, "package.json");
  if (fs.existsSync(pkgFile)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as Record<string, unknown>;
      if ("connect-lint" in pkg) throw new ConfigError('package.json already has a "connect-lint" configuration. Nothing was written.');
    } catch (error) {
      if (error instanceof ConfigError) throw error;
    }
  }
  const starter = {
    $schema: "./node_modules/@connect-lint/cli/connect-lint.schema.json",
    extends: "recommended",
    flowTypes: {},
    rules: {},
    ignores: [],
  };
  const file = path.join(io.cwd, INIT_FILE);
  // "wx": fail rather than overwrite if the file appeared meanwhile.
  try {
    await fs.promises.writeFile(file, JSON.stringify(starter, null, 2) + "\n", { flag: "wx" });
  } catch (error) {
    throw new ConfigError(`Cannot write ${INIT_FILE}: ${describeFileError(error)}`);
  }
  io.stdout.write(
    `Wrote ${INIT_FILE}. Set "flowTypes" for flows whose export lacks Metadata.type, e.g. { "queues/**": "CUSTOMER_QUEUE" }.\n`,
  );
  return 0;
}

/**
 * `--list-rules`: every rule with its severity in the configuration, recommended severity and the URL
 * of its documentation; a table, or with `--format json` an array of objects.
 */
export function listRules(resolver: ConfigResolver, io: CliIo, format: string, version: string): number {
  const settings = resolver.forFile(path.join(resolver.loaded.baseDir, "flow.json")).ruleSettings(undefined);
  const enabled = new Map(resolveRules(rules, settings).map((e) => [e.rule.name, e.severity]));
  const entries = rules.map((r) => {
    const severity = enabled.get(r.name);
    return {
      rule: r.name,
      configured: severity === 2 ? "error" : severity === 1 ? "warn" : "off",
      recommended: r.meta.recommended === false ? "off" : r.meta.recommended,
      description: r.meta.description,
      docs: ruleDocsUrl(r.name, version),
    };
  });
  if (format === "json") {
    io.stdout.write(JSON.stringify(entries, null, 2) + "\n");
    return 0;
  }
  const header = ["Rule", "Configured", "Recommended", "Description", "Docs"];
  const all = [header, ...entries.map((e) => [e.rule, e.configured, e.recommended, e.description, e.docs])];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)));
  for (const row of all) {
    io.stdout.write(
      row
        .map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell))
        .join("  ")
        .trimEnd() + "\n",
    );
  }
  return 0;
}

/** `--print-config FILE`: the configuration that applies to one file, as JSON. */
export async function printConfig(resolver: ConfigResolver, target: string, io: CliIo): Promise<number> {
  const file = path.resolve(io.cwd, target);
  const config = resolver.forFile(file);
  let flowType: FlowTypeName | undefined = config.flowType?.type;
  let flowTypeSource = config.flowType?.source.kind ?? "unknown";
  // Overrides can depend on the flow's own type: read it from the file when it exists.
  if (!flowType && fs.existsSync(file)) {
    const decoded = decodeText(await fs.promises.readFile(file));
    const loaded = decoded.ok ? loadFlow(decoded.text, { filePath: file }, { limits: config.limits }) : undefined;
    if (loaded?.status === "flow" || loaded?.status === "legacy") {
      flowType = loaded.flow.type;
      flowTypeSource = loaded.flow.typeSource.kind;
    }
  }
  const enabled = config.rules(flowType);
  const out = {
    filePath: file,
    configFile: resolver.loaded.filepath ?? null,
    ignored: config.ignored,
    flowType: flowType ?? null,
    flowTypeSource,
    rules: Object.fromEntries(enabled.map((e) => [e.rule.name, [e.severity === 2 ? "error" : "warn", e.options]])),
    settings: config.settings,
  };
  io.stdout.write(JSON.stringify(out, null, 2) + "\n");
  return 0;
}
