import type { FlowGraph } from "./graph/flow-graph.js";
import type { Action, Flow } from "./model/flow.js";
import type { ProjectFlow, ProjectIndex } from "./project/project.js";
import type { FixResult, Fixer } from "./fix/fixer.js";

/** Severity as configured. */
export type SeverityName = "off" | "warn" | "error";

/** A JSON Schema (draft-07 subset understood by ajv). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface RuleMeta<Options extends object = Record<string, never>, MessageIds extends string = string> {
  /** `problem`: the flow will fail or misbehave; `suggestion`: a convention or a risk. */
  readonly type: "problem" | "suggestion";
  /** One sentence, starting with a capital letter, ending with a period. */
  readonly description: string;
  /** Severity in the `recommended` preset, or `false` when the rule is not in it. */
  readonly recommended: "error" | "warn" | false;
  /** `code` when some findings carry a fix (ESLint's `meta.fixable`). */
  readonly fixable?: "code";
  /** True when some findings offer suggestions (ESLint's `meta.hasSuggestions`). */
  readonly hasSuggestions?: boolean;
  /** Security-relevant: in the `compliance` preset (at "error"), for audit runs. */
  readonly compliance?: boolean;
  /**
   * Also runs on legacy exports of the pre-2022 designer, which the engine reads into the same model
   * (blocks mapped to the action types the new designer converts them to, positions in the legacy
   * file). Left unset for rules about what only the Flow language has (its syntax, parameters,
   * resource references), which the old file cannot be deployed with anyway.
   */
  readonly legacy?: boolean;
  /** Message templates by id; `{{name}}` is replaced by `data.name`. */
  readonly messages: Readonly<Record<MessageIds, string>>;
  /** JSON Schema of the options object. */
  readonly schema: JsonSchema;
  readonly defaultOptions: Options;
  /**
   * Checks what JSON Schema cannot (e.g. that a pattern is a valid regular expression). Returns a
   * description of the problem, which becomes a configuration error naming the rule; undefined when
   * the options are fine. Called once per distinct configuration, before any file is linted.
   */
  readonly validateOptions?: (options: Options) => string | undefined;
}

/** Where a finding is: a block (by the action or its Identifier), or a JSON pointer into the file. */
export type ReportLocation =
  | {
      /** The block; a string is looked up as an Identifier. */
      readonly action: Action | string;
      /** A property of the action object to point at, e.g. `Type`; the Identifier value by default. */
      readonly property?: string;
    }
  | {
      readonly pointer: string;
      /** Point at the member's key rather than its value. */
      readonly key?: boolean;
      /** The block the pointer is inside, for `actionId` in results. */
      readonly action?: Action;
    };

export interface ReportDescriptor<MessageIds extends string = string> {
  /** A key of the rule's `meta.messages`: a misspelt id does not compile. */
  readonly messageId: MessageIds;
  readonly at: ReportLocation;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Report at most at this severity (a rule may mark some findings as warnings only). */
  readonly severity?: "warn";
  /**
   * The edits that fix the finding, made with the fixer's methods (text edits, never a
   * re-serialisation). Applied by `--fix`; only for fixes that are certainly what the builder meant.
   */
  readonly fix?: (fixer: Fixer) => FixResult;
  /** Changes offered but never applied by a plain `--fix` (ESLint suggestions), each described in one sentence. */
  readonly suggest?: readonly { readonly desc: string; readonly fix: (fixer: Fixer) => FixResult }[];
}

export interface RuleContext<Options extends object = Record<string, never>, MessageIds extends string = string> {
  readonly flow: Flow;
  readonly graph: FlowGraph;
  /** Default options merged with the configured ones. */
  readonly options: Options;
  readonly filePath: string;
  /** Characters in the file's text (after any byte-order mark). */
  readonly sourceLength: number;
  /** Shared settings from configuration. */
  readonly settings: Readonly<Record<string, unknown>>;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

/** A finding of a project rule: on any flow of the project, at a position in that flow's file. */
export interface ProjectReportDescriptor<MessageIds extends string = string> extends ReportDescriptor<MessageIds> {
  readonly flow: ProjectFlow;
}

export interface ProjectRuleContext<Options extends object = Record<string, never>, MessageIds extends string = string> {
  /** Every flow and module of the project, the references between them and their resolution. */
  readonly project: ProjectIndex;
  readonly options: Options;
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * True when references that cannot be resolved inside the project (no inventory lists them) are to
   * be reported (the CLI's `--strict-references`, the `strictReferences` setting).
   */
  readonly strictReferences: boolean;
  report(descriptor: ProjectReportDescriptor<MessageIds>): void;
}

/**
 * A rule. `MessageIds` are the keys of `meta.messages`; `report` accepts only those. Rules without
 * options get both inferred by `defineRule({...})`; rules with options name both, as
 * typescript-eslint's `createRule<Options, MessageIds>` does: `defineRule<Options, "a" | "b">({...})`.
 */
export interface Rule<Options extends object = Record<string, never>, MessageIds extends string = string> {
  /** Kebab-case; the same string in the rule file, its doc, its fixture folder and the config key. */
  readonly name: string;
  readonly meta: RuleMeta<Options, MessageIds>;
  /** Runs once per flow. */
  check?(context: RuleContext<Options, MessageIds>): void;
  /** Runs once per run over the whole project (cross-flow rules). */
  checkProject?(context: ProjectRuleContext<Options, MessageIds>): void;
}

/** Any rule, whatever its options and message ids. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds rules of every option type
export type AnyRule = Rule<any>;

/**
 * Declares a rule; the identity function, there for type inference. Give both type arguments or
 * none: with `defineRule<Options>` alone the message ids fall back to `string` and are not checked.
 */
export function defineRule<Options extends object = Record<string, never>, MessageIds extends string = string>(
  rule: Rule<Options, MessageIds>,
): Rule<Options, MessageIds> {
  return rule;
}

/**
 * A message template split at its placeholders: literal text at even positions, placeholder names
 * at odd ones, each with the placeholder as written (kept when `data` lacks the name).
 */
interface CompiledTemplate {
  readonly parts: readonly string[];
  readonly written: readonly string[];
}

/** Templates split so far: a rule's few templates are filled thousands of times in a large run. */
const compiledTemplates = new Map<string, CompiledTemplate>();

function compileTemplate(template: string): CompiledTemplate {
  let compiled = compiledTemplates.get(template);
  if (!compiled) {
    const parts: string[] = [];
    const written: string[] = [];
    let last = 0;
    for (const match of template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
      parts.push(template.slice(last, match.index), match[1] ?? "");
      written.push(match[0]);
      last = match.index + match[0].length;
    }
    parts.push(template.slice(last));
    compiled = { parts, written };
    compiledTemplates.set(template, compiled);
  }
  return compiled;
}

/** Fills `{{name}}` placeholders. Unknown names are left as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  const { parts, written } = compileTemplate(template);
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? "";
    out += (Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : written[(i - 1) / 2]) ?? "";
    out += parts[i + 1] ?? "";
  }
  return out;
}
