import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ErrorObject } from "ajv";
import { ConfigError } from "./rules.js";
import type { RuleSetting } from "./rules.js";
import type { FlowTypeName } from "../catalog/types.js";
import { parseJson, pointerToPath } from "../parse/json-document.js";
import { validateConfigFile as validator } from "../schema/generated/config.js";
import type { PresetName } from "./schema.js";
import type { Limits } from "../limits.js";

export interface ConfigOverride {
  readonly files?: string | readonly string[];
  readonly ignores?: string | readonly string[];
  readonly flowTypes?: readonly FlowTypeName[];
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** The configuration as written by the user. */
export interface Config {
  readonly $schema?: string;
  readonly extends?: PresetName | readonly PresetName[];
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly overrides?: readonly ConfigOverride[];
  readonly ignores?: readonly string[];
  readonly flowTypes?: Readonly<Record<string, FlowTypeName>>;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly suppressions?: string;
  readonly project?: { readonly files?: readonly string[] };
  readonly inventory?: string | readonly string[];
  readonly limits?: Partial<Limits>;
  /** More deployment placeholder syntaxes, as regular expressions. */
  readonly placeholders?: readonly string[];
}

export interface LoadedConfig {
  readonly config: Config;
  /** Absolute path of the file it came from, or undefined for the built-in default. */
  readonly filepath: string | undefined;
  /** Folder that globs in the configuration are relative to. */
  readonly baseDir: string;
}

export const CONFIG_NAME = "connect-lint";

/** Where configuration is looked for, in each folder, in this order. */
export const CONFIG_FILES = [
  "package.json",
  ".connect-lintrc",
  ".connect-lintrc.json",
  ".connect-lintrc.yaml",
  ".connect-lintrc.yml",
  "connect-lint.config.js",
  "connect-lint.config.mjs",
  "connect-lint.config.cjs",
  "connect-lint.config.ts",
] as const;

/** The configuration used when no file is found: the recommended preset. */
export const DEFAULT_CONFIG: Config = { extends: "recommended" };

/** A configuration file that could not be loaded (it throws, or is not valid JSON or YAML). */
class ConfigLoadError extends Error {
  readonly filepath: string;
  constructor(filepath: string, cause: unknown) {
    super(describeLoadFailure(filepath, cause));
    this.filepath = filepath;
  }
}

/** One line saying why a file could not be loaded, without repeating its path. */
function describeLoadFailure(filepath: string, cause: unknown): string {
  const raw = cause instanceof Error ? cause.message : String(cause);
  const lines = raw
    .split("\n")
    .map((line) => line.trim())
    // cosmiconfig's "JSON Error in /path:" heading adds nothing here, nor does a YAML code frame.
    .filter((line) => line !== "" && !(line.includes(filepath) && line.includes("Error in ")) && !/^(\d+ \||[-\s]*\^$)/.test(line));
  const detail = lines.join(" ").replace(/\s+/g, " ");
  return detail.length > 300 ? `${detail.slice(0, 297)}...` : detail || "unknown error";
}

/**
 * JavaScript configuration, by import() alone: cosmiconfig falls back to require() when import()
 * fails, which hides the real error (a syntax error) behind a confusing one from require().
 */
async function importDefault(filepath: string): Promise<unknown> {
  const module = (await import(pathToFileURL(filepath).href)) as { default?: unknown };
  return module.default;
}

/** A JSON configuration with a syntax error: its message is `file:line:col: what`, to be shown as it is. */
class ConfigSyntaxError extends Error {}

/**
 * JSON configuration (and package.json) with the parser flows use: a syntax error gives one line with
 * its position, not a code frame (cosmiconfig's JSON loader printed its frame twice, and no line).
 */
function loadJsonConfig(filepath: string, content: string): unknown {
  const parsed = parseJson(content);
  if (!parsed.ok) throw new ConfigSyntaxError(`${filepath}:${String(parsed.range.start.line)}:${String(parsed.range.start.column)}: ${parsed.message}`);
  return parsed.document.value;
}

/**
 * cosmiconfig, loaded when configuration is looked for or read (not with --no-config-lookup), with
 * every loader wrapped so that an error says which file it came from.
 */
async function explorer() {
  const { cosmiconfig, defaultLoaders } = await import("cosmiconfig");
  const loaders = Object.fromEntries(
    Object.entries({ ...defaultLoaders, ".json": loadJsonConfig, ".js": importDefault, ".mjs": importDefault, ".cjs": importDefault }).map(([extension, loader]) => [
      extension,
      async (filepath: string, content: string): Promise<unknown> => {
        try {
          return await loader(filepath, content);
        } catch (error) {
          if (error instanceof ConfigSyntaxError) throw new ConfigError(`Cannot load configuration ${error.message}`);
          throw new ConfigLoadError(filepath, error);
        }
      },
    ]),
  );
  try {
    return cosmiconfig(CONFIG_NAME, { searchPlaces: [...CONFIG_FILES], searchStrategy: "none", cache: false, loaders });
  } catch (error) {
    // cosmiconfig reads the working folder's package.json for options of its own, with its JSON
    // loader: say where a syntax error in it is, in one line.
    const filepath = (error as { filepath?: unknown }).filepath;
    if (typeof filepath !== "string") throw error;
    try {
      loadJsonConfig(filepath, fs.readFileSync(filepath, "utf8"));
    } catch (syntax) {
      if (syntax instanceof ConfigSyntaxError) throw new ConfigError(`Cannot load configuration ${syntax.message}`);
    }
    throw new ConfigError(`Cannot load configuration ${filepath}: ${describeLoadFailure(filepath, error)}`);
  }
}

/**
 * Validates a configuration object; a ConfigError names the file, the key path and what was expected.
 * The validator is generated from `configSchema()` at build time (`pnpm gen`).
 */
export function validateConfig(value: unknown, source: string): Config {
  if (!validator(value)) throw new ConfigError(`Invalid configuration in ${source}: ${describeConfigErrors(validator.errors ?? [])}`);
  return value as Config;
}

/** The most useful few ajv errors, as `key.path: what was expected`. */
export function describeConfigErrors(errors: readonly ErrorObject[]): string {
  // oneOf failures repeat their branches' errors; keep the most specific message per path.
  const byPath = new Map<string, string>();
  for (const e of errors) {
    const where = e.instancePath === "" ? "(top level)" : pointerToPath(e.instancePath);
    let what: string;
    if (e.keyword === "additionalProperties") {
      const key = String(e.params.additionalProperty);
      byPath.set(`${where}/${key}`, `unknown key "${key}"${where === "(top level)" ? "" : ` in ${where}`}`);
      continue;
    } else if (e.keyword === "enum") {
      what = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    } else if (e.keyword === "oneOf") {
      if (byPath.has(where)) continue;
      what = "is not valid here (see the schema)";
    } else {
      what = e.message ?? "is invalid";
    }
    if (!byPath.has(where) || byPath.get(where) === "is not valid here (see the schema)") byPath.set(where, what);
  }
  return [...byPath.entries()]
    .slice(0, 5)
    .map(([where, what]) => (what.startsWith("unknown key") ? what : `${where}: ${what}`))
    .join("; ");
}

async function load(filepath: string, baseDir: string = path.dirname(filepath)): Promise<LoadedConfig> {
  let result;
  try {
    result = await (await explorer()).load(filepath);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if (error instanceof ConfigLoadError) throw new ConfigError(`Cannot load configuration ${error.filepath}: ${error.message}`);
    throw new ConfigError(`Cannot load configuration ${filepath}: ${describeLoadFailure(filepath, error)}`);
  }
  const raw: unknown = result?.config ?? {};
  try {
    return { config: validateConfig(raw, filepath), filepath, baseDir };
  } catch (error) {
    // A JavaScript configuration can throw while it is read (a getter): still the file's fault.
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`Cannot load configuration ${filepath}: ${describeLoadFailure(filepath, error)}`);
  }
}

/**
 * Loads the configuration file given with `--config`. As with ESLint, its globs are relative to the
 * working folder (a file found by search has them relative to its own folder).
 */
export async function loadConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  const filepath = path.resolve(cwd, file);
  if (!fs.existsSync(filepath)) throw new ConfigError(`Configuration file not found: ${file}`);
  return load(filepath, path.resolve(cwd));
}

/**
 * Looks for configuration in `cwd`, then in each parent folder up to the root of the file system,
 * and loads the first found. In each folder the files are tried in CONFIG_FILES order (a package.json
 * counts only with a "connect-lint" key). Without any, the default configuration is used.
 */
export async function searchConfig(cwd: string): Promise<LoadedConfig> {
  const ex = await explorer();
  let dir = path.resolve(cwd);
  for (;;) {
    let found;
    try {
      found = await ex.search(dir);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      if (error instanceof ConfigLoadError) throw new ConfigError(`Cannot load configuration ${error.filepath}: ${error.message}`);
      const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new ConfigError(`Cannot load configuration in ${dir}: ${detail ?? ""}`);
    }
    if (found && !found.isEmpty) return load(found.filepath);
    const parent = path.dirname(dir);
    if (parent === dir) return { config: DEFAULT_CONFIG, filepath: undefined, baseDir: path.resolve(cwd) };
    dir = parent;
  }
}

/** The first configuration file that exists in `dir` (any of CONFIG_FILES but package.json). */
export function existingConfigFile(dir: string): string | undefined {
  for (const name of CONFIG_FILES) {
    if (name === "package.json") continue;
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}
