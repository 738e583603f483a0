/**
 * Rule settings: severities and options as configured, resolved against the rule registry. The only
 * place where a severity name becomes a number.
 */
import type { ErrorObject } from "ajv";
import type { AnyRule, SeverityName } from "../rule.js";
import { didYouMean } from "../text/suggest.js";
import { RULE_OPTIONS_AJV_OPTIONS, createAjv, schemaKey } from "../schema/validators.js";
import type { Validator } from "../schema/validators.js";
import { RULE_OPTIONS_VALIDATORS } from "../schema/generated/rule-options.js";

/** How one rule is configured: a severity, or a severity and options. */
export type RuleSetting = SeverityName | 0 | 1 | 2 | readonly [SeverityName | 0 | 1 | 2, unknown?];

export interface EnabledRule {
  readonly rule: AnyRule;
  readonly severity: 1 | 2;
  readonly options: object;
}

/** A configuration mistake: reported to the user, exit code 2. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const SEVERITIES: Readonly<Record<string, 0 | 1 | 2>> = { off: 0, warn: 1, error: 2, 0: 0, 1: 1, 2: 2 };

/** The level of a rule setting (`"warn"`, `["error", {...}]`, `2`…): 0 off, 1 warn, 2 error; undefined when invalid. */
export function severityLevel(setting: unknown): 0 | 1 | 2 | undefined {
  const raw: unknown = Array.isArray(setting) ? (setting as readonly unknown[])[0] : setting;
  return SEVERITIES[String(raw)];
}

let ajvInstance: ReturnType<typeof createAjv> | undefined;
const compiled = new Map<string, Validator>();

/**
 * The validator of a rule's options schema: the one generated at build time for the built-in rules'
 * schemas (`pnpm gen`), else (a rule from elsewhere) compiled with ajv, once per schema.
 */
function optionsValidator(schema: unknown): Validator {
  const key = schemaKey(schema);
  let validate = RULE_OPTIONS_VALIDATORS.get(key) ?? compiled.get(key);
  if (!validate) {
    ajvInstance ??= createAjv(RULE_OPTIONS_AJV_OPTIONS);
    validate = ajvInstance.compile(schema as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** Human text for ajv errors: `/path: message`. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => {
      const where = e.instancePath === "" ? "options" : e.instancePath;
      if (e.keyword === "additionalProperties") return `${where}: unknown property "${String(e.params.additionalProperty)}"`;
      if (e.keyword === "enum") return `${where}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
      return `${where}: ${e.message ?? "is invalid"}`;
    })
    .join("; ");
}

/**
 * Resolves rule settings against the registry: unknown rule names, bad severities and options that
 * do not match a rule's schema are ConfigErrors. Returns the enabled rules in registry order.
 */
export function resolveRules(registry: readonly AnyRule[], settings: Readonly<Record<string, RuleSetting>>): EnabledRule[] {
  const byName = new Map(registry.map((r) => [r.name, r]));
  for (const name of Object.keys(settings)) {
    if (!byName.has(name)) {
      const guess = didYouMean(name, [...byName.keys()]);
      throw new ConfigError(`Unknown rule "${name}".${guess === undefined ? "" : ` Did you mean "${guess}"?`}`);
    }
  }
  const enabled: EnabledRule[] = [];
  for (const rule of registry) {
    if (!Object.prototype.hasOwnProperty.call(settings, rule.name)) continue;
    const setting: RuleSetting | undefined = settings[rule.name];
    let rawSeverity: unknown = setting;
    let userOptions: unknown = undefined;
    if (Array.isArray(setting)) {
      const tuple: readonly unknown[] = setting;
      rawSeverity = tuple[0];
      userOptions = tuple[1];
    }
    const severity = SEVERITIES[String(rawSeverity)];
    if (severity === undefined) {
      throw new ConfigError(`Rule "${rule.name}": severity must be "off", "warn" or "error" (or 0, 1, 2), got ${JSON.stringify(rawSeverity)}.`);
    }
    if (severity === 0) continue;
    const defaults: object = rule.meta.defaultOptions as object;
    let options: object = defaults;
    if (userOptions !== undefined) {
      const validate = optionsValidator(rule.meta.schema);
      if (!validate(userOptions)) {
        throw new ConfigError(`Rule "${rule.name}": invalid options: ${describeAjvErrors(validate.errors)}.`);
      }
      options = { ...defaults, ...(userOptions as object) };
      const problem = rule.meta.validateOptions?.(options);
      if (problem !== undefined) throw new ConfigError(`Rule "${rule.name}": invalid options: ${problem}.`);
    }
    enabled.push({ rule, severity, options });
  }
  return enabled;
}
