/**
 * What kind of value a string in a flow is: a literal the linter may judge, or something resolved
 * later — at run time (a JSONPath such as `$.Attributes.x`) or by a deploy tool before upload (a
 * placeholder: `${Token}` from CloudFormation or Terraform, `{{name}}` templates, `%%NAME%%`). One
 * definition for every rule and the project index, so that a user-declared placeholder syntax
 * (`createValueClassifier`) counts everywhere at once.
 */

/** Anywhere in a string: a JSONPath reference, or the start of a `${…}` or `{{…}}` placeholder. */
export const DYNAMIC_VALUE_SOURCE = "\\$\\.|\\$\\{|\\{\\{";
const DYNAMIC_VALUE = new RegExp(DYNAMIC_VALUE_SOURCE);

/** The built-in placeholder syntaxes, each closed: `${…}`, `{{…}}`, `%%…%%`. */
const BUILT_IN_PLACEHOLDER = /\$\{[^}]*\}|\{\{[^}]*\}\}|%%[^%]+%%/;

/**
 * True for a value the service resolves at run time (`$.` anywhere) or a deploy tool substitutes
 * (`${`, `{{`): such values are never checked against an enum, a JSON type or an inventory.
 */
export function isDynamicValue(value: unknown): boolean {
  return typeof value === "string" && DYNAMIC_VALUE.test(value);
}

export interface ValueClassifier {
  /** `isDynamicValue`, or a declared placeholder anywhere in the string. */
  isDynamic(value: unknown): boolean;
  /** A deploy-time placeholder anywhere in the string: a built-in syntax or a declared one. */
  isPlaceholder(value: string): boolean;
}

/**
 * A classifier that also knows the placeholder syntaxes a project declares, e.g. `/\$\{M:\w+:M\}/`
 * or `/##\w+##/` (each tested anywhere in the string; give them without the `g` or `y` flag).
 */
export function createValueClassifier(extraPlaceholderPatterns: readonly RegExp[]): ValueClassifier {
  const extra = extraPlaceholderPatterns.map((p) => (p.global || p.sticky ? new RegExp(p.source, p.flags.replace(/[gy]/g, "")) : p));
  const declared = (value: string): boolean => extra.some((p) => p.test(value));
  return {
    isDynamic: (value) => isDynamicValue(value) || (typeof value === "string" && declared(value)),
    isPlaceholder: (value) => BUILT_IN_PLACEHOLDER.test(value) || declared(value),
  };
}

/** The classifier with the built-in syntaxes only. */
export const DEFAULT_VALUES: ValueClassifier = createValueClassifier([]);
