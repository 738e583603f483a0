import path from "node:path";
import { picomatch } from "../lazy.js";
import { ConfigError, resolveRules, severityLevel } from "./rules.js";
import type { EnabledRule, RuleSetting } from "./rules.js";
import type { FlowTypeName } from "../catalog/types.js";
import type { FlowTypeSource } from "../model/flow.js";
import type { AnyRule } from "../rule.js";
import type { Config, LoadedConfig } from "./load.js";
import { resolveLimits } from "../limits.js";
import type { Limits } from "../limits.js";

/** The preset a configuration without `extends` starts from. */
export const DEFAULT_PRESET = "recommended";

type Matcher = (file: string) => boolean;

function matcher(patterns: string | readonly string[] | undefined): Matcher | undefined {
  if (patterns === undefined) return undefined;
  const list = typeof patterns === "string" ? [patterns] : patterns;
  return picomatch()([...list], { dot: true });
}

/** What applies to one file. */
export interface FileConfig {
  /** True when `ignores` matches the file. */
  readonly ignored: boolean;
  /** The flow type given by `flowTypes` globs (or `--flow-type`), if any. */
  readonly flowType: { readonly type: FlowTypeName; readonly source: FlowTypeSource } | undefined;
  readonly settings: Readonly<Record<string, unknown>>;
  /** Input limits (`limits`, with the defaults for what it does not set). */
  readonly limits: Limits;
  /** The configured placeholder syntaxes (`placeholders`), compiled. */
  readonly placeholders: readonly RegExp[];
  /** Rule settings for a flow of this type (overrides may depend on it). */
  ruleSettings(flowType: FlowTypeName | undefined): Readonly<Record<string, RuleSetting>>;
  /** Enabled rules for a flow of this type; validated and cached. */
  rules(flowType: FlowTypeName | undefined): readonly EnabledRule[];
  /** The level of one rule for a flow of this type: 0 off, 1 warn, 2 error. */
  severity(rule: string, flowType: FlowTypeName | undefined): 0 | 1 | 2;
}

export interface ResolverOptions {
  readonly registry: readonly AnyRule[];
  readonly presets: Readonly<Record<string, Readonly<Record<string, RuleSetting>>>>;
  /** `--rule` settings from the command line; they win over the file. */
  readonly cliRules?: Readonly<Record<string, RuleSetting>>;
  /** `--flow-type`; wins over `flowTypes` globs. */
  readonly cliFlowType?: FlowTypeName | undefined;
}

interface CompiledOverride {
  readonly files: Matcher | undefined;
  readonly ignores: Matcher | undefined;
  readonly flowTypes: readonly FlowTypeName[] | undefined;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly settings: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Turns a loaded configuration into per-file settings: presets from `extends`, then `rules`, then
 * each matching override in order, then `--rule`. Globs are relative to the configuration's folder.
 * Every rule setting is validated up front, so a bad option fails the run before any file is read.
 */
export class ConfigResolver {
  readonly loaded: LoadedConfig;
  readonly #options: ResolverOptions;
  readonly #base: Readonly<Record<string, RuleSetting>>;
  readonly #ignores: Matcher | undefined;
  readonly #flowTypes: readonly { readonly pattern: string; readonly match: Matcher; readonly type: FlowTypeName }[];
  readonly #overrides: readonly CompiledOverride[];
  readonly #cache = new Map<string, readonly EnabledRule[]>();
  /** Enabled rules by the overrides that apply (their indexes) and the flow type. */
  readonly #byOverrides = new Map<string, readonly EnabledRule[]>();
  readonly #limits: Limits;
  readonly #placeholders: readonly RegExp[];

  constructor(loaded: LoadedConfig, options: ResolverOptions) {
    this.loaded = loaded;
    this.#options = options;
    const config: Config = loaded.config;
    const source = loaded.filepath ?? "the default configuration";
    // Without `extends`, a configuration starts from `recommended`: a file that only sets `limits` or
    // one rule must not turn every other rule off. `"extends": []` starts from nothing.
    const presets = config.extends === undefined ? [DEFAULT_PRESET] : typeof config.extends === "string" ? [config.extends] : config.extends;
    let base: Record<string, RuleSetting> = {};
    for (const name of presets) {
      const preset = options.presets[name];
      if (!preset) throw new ConfigError(`Invalid configuration in ${source}: unknown preset "${name}" in extends.`);
      base = { ...base, ...preset };
    }
    this.#base = { ...base, ...config.rules };
    this.#ignores = matcher(config.ignores);
    this.#limits = resolveLimits(config.limits);
    this.#placeholders = (config.placeholders ?? []).map((pattern, i) => {
      try {
        return new RegExp(pattern, "gu");
      } catch (error) {
        throw new ConfigError(`Invalid configuration in ${source}: placeholders[${String(i)}] is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}.`);
      }
    });
    this.#flowTypes = Object.entries(config.flowTypes ?? {}).map(([pattern, type]) => ({ pattern, match: picomatch()(pattern, { dot: true }), type }));
    this.#overrides = (config.overrides ?? []).map((o) => ({
      files: matcher(o.files),
      ignores: matcher(o.ignores),
      flowTypes: o.flowTypes,
      rules: o.rules,
      settings: o.settings,
    }));
    // Validate every combination once: the base, and the base with each override.
    const check = (settings: Readonly<Record<string, RuleSetting>>, where: string): void => {
      try {
        resolveRules(options.registry, settings);
      } catch (error) {
        if (error instanceof ConfigError) throw new ConfigError(`Invalid configuration in ${source}${where}: ${error.message}`);
        throw error;
      }
    };
    check(this.#base, "");
    (config.overrides ?? []).forEach((o, i) => {
      check({ ...this.#base, ...o.rules }, ` (overrides[${String(i)}])`);
    });
    if (options.cliRules) check({ ...this.#base, ...options.cliRules }, " (with --rule)");
  }

  /** Rules for the project-level pass: the base settings and `--rule`, without overrides. */
  projectRules(): readonly EnabledRule[] {
    return resolveRules(this.#options.registry, { ...this.#base, ...this.#options.cliRules });
  }

  /** The file's path relative to the configuration's folder, with forward slashes. */
  relative(file: string): string {
    return path.relative(this.loaded.baseDir, file).split(path.sep).join("/");
  }

  forFile(file: string): FileConfig {
    const rel = this.relative(file);
    const inside = !rel.startsWith("../") && rel !== "..";
    const ignored = inside && (this.#ignores?.(rel) ?? false);
    const applies = this.#overrides.filter((o) => inside && (o.files?.(rel) ?? true) && !(o.ignores?.(rel) ?? false));
    let flowType: FileConfig["flowType"];
    if (this.#options.cliFlowType) {
      flowType = { type: this.#options.cliFlowType, source: { kind: "cli" } };
    } else if (inside) {
      const hit = this.#flowTypes.find((f) => f.match(rel));
      if (hit) flowType = { type: hit.type, source: { kind: "config", detail: `flowTypes "${hit.pattern}"` } };
    }
    let settings: Record<string, unknown> = { ...this.loaded.config.settings };
    for (const o of applies) if (o.settings) settings = { ...settings, ...o.settings };
    const ruleSettings = (type: FlowTypeName | undefined): Readonly<Record<string, RuleSetting>> => {
      let result: Record<string, RuleSetting> = { ...this.#base };
      for (const o of applies) {
        if (o.flowTypes && (type === undefined || !o.flowTypes.includes(type))) continue;
        result = { ...result, ...o.rules };
      }
      return { ...result, ...this.#options.cliRules };
    };
    return {
      ignored,
      flowType,
      settings,
      limits: this.#limits,
      placeholders: this.#placeholders,
      ruleSettings,
      severity: (rule, type) => severityLevel(ruleSettings(type)[rule]) ?? 0,
      rules: (type) => {
        // The rules depend only on which overrides apply and on the type: look that up first, as
        // this runs once per file (building and serialising the settings cost more than the lint of
        // a small flow's cheaper rules).
        const shortcut = `${applies.map((o) => this.#overrides.indexOf(o)).join(",")}|${type ?? ""}`;
        const known = this.#byOverrides.get(shortcut);
        if (known) return known;
        const resolved = ruleSettings(type);
        const key = JSON.stringify(Object.entries(resolved).sort(([a], [b]) => (a < b ? -1 : 1)));
        let enabled = this.#cache.get(key);
        if (!enabled) {
          enabled = resolveRules(this.#options.registry, resolved);
          this.#cache.set(key, enabled);
        }
        this.#byOverrides.set(shortcut, enabled);
        return enabled;
      },
    };
  }
}
