/**
 * Every per-flow connect-lint rule as an ESLint rule of the same name. One ESLint rule serves both
 * places a flow can be: a flow file (the `connect-lint/flow` language, one `FlowDocument` node per
 * flow) and an object literal in JavaScript or TypeScript. Either way the flow is loaded by the core,
 * the core rule runs on it (`runFlowRule`) and each finding is reported where the core put it: the
 * message text, the message id and the line and column are the CLI's.
 */
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import type { JSONSchema, TSESLint, TSESTree } from "@typescript-eslint/utils";
import { LineIndex, loadFlow, runFlowRule } from "@connect-lint/core";
import type { AnyRule, EnabledRule, Flow, JsonDocument, LintMessage, SourceRange } from "@connect-lint/core";
import { ruleDocsUrl, rules as coreRules } from "@connect-lint/rules";
import { isAboutUnknown, isFlowLiteral, serialiseFlow } from "./code-flow.js";
import type { SerialisedFlow } from "./code-flow.js";
import { FlowSourceCode } from "./language.js";
import type { FlowDocumentNode } from "./language.js";
import { VERSION } from "./version.js";

/** The message id of a rule that threw (the CLI's `internal-error`), reported under the rule's own name. */
export const INTERNAL_ERROR = "internalError";

/** The message id of a suggestion (no-unreachable-block's removal of a block); the text is the core's description. */
export const SUGGESTION = "suggestion";

/** The languages the rules run in: flow files, and JavaScript/TypeScript for flows written as literals. */
export const RULE_LANGUAGES = ["connect-lint/flow", "js/js"] as const;

/**
 * The file name a flow literal is linted under: a source file is not the flow's file (it may hold
 * several flows, and its name is the module's, not the flow's), so a flow literal without
 * `Metadata.name` has no name, as a flow read from standard input has none, and file-name conventions
 * do not apply to it.
 */
export const CODE_FLOW_FILE = "<flow literal>";

/** The key of connect-lint's shared settings (`settings["connect-lint"]`, the CLI's `settings`). */
export const SETTINGS_KEY = "connect-lint";

type Options = [object];
type Context = Readonly<TSESLint.RuleContext<string, Options>>;

const createRule = ESLintUtils.RuleCreator((name) => ruleDocsUrl(name, VERSION));

/** The rules of the plugin: the core rules that run per flow (cross-flow rules need the CLI). */
export const perFlowRules: readonly AnyRule[] = coreRules.filter((r) => typeof r.check === "function");

/** The ESLint rule for one connect-lint rule. */
export function toEslintRule(rule: AnyRule): TSESLint.RuleModule<string, Options> {
  const created = createRule<Options, string>({
    name: rule.name,
    meta: {
      type: rule.meta.type,
      docs: { description: rule.meta.description },
      messages: { ...rule.meta.messages, [INTERNAL_ERROR]: "{{message}}", ...(rule.meta.hasSuggestions ? { [SUGGESTION]: "{{desc}}" } : {}) },
      // The core's fixes, as ESLint fixes; a removal of builder's work (an unreachable block) is a suggestion only.
      ...(rule.meta.fixable ? { fixable: rule.meta.fixable } : {}),
      ...(rule.meta.hasSuggestions ? { hasSuggestions: true } : {}),
      schema: [rule.meta.schema as unknown as JSONSchema.JSONSchema4],
      defaultOptions: [rule.meta.defaultOptions as object],
    },
    create(context, [options]) {
      const problem = rule.meta.validateOptions?.(options);
      if (problem !== undefined) throw new Error(`Rule "connect-lint/${rule.name}": invalid options: ${problem}.`);
      const enabled: EnabledRule = { rule, severity: 2, options };
      const settings = settingsOf(context.settings);
      const sourceCode: unknown = context.sourceCode;
      if (sourceCode instanceof FlowSourceCode) {
        // The flow language's nodes are not ESTree nodes; ESLint calls the listener by node type.
        const listener: Record<string, (node: FlowDocumentNode) => void> = {
          FlowDocument(node) {
            const { outcome } = node;
            if (outcome.status === "other" || (outcome.status === "legacy" && rule.meta.legacy !== true)) return;
            run(context, enabled, outcome.document, outcome.flow, settings, undefined);
          },
        };
        return listener;
      }
      return {
        ObjectExpression(node) {
          const code = codeFlow(context, node);
          if (code) run(context, enabled, code.document, code.flow, settings, code.serialised);
        },
      };
    },
  });
  return { ...created, meta: { ...created.meta, languages: [...RULE_LANGUAGES] } };
}

function settingsOf(settings: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const own = settings[SETTINGS_KEY];
  return typeof own === "object" && own !== null && !Array.isArray(own) ? (own as Record<string, unknown>) : {};
}

function run(
  context: Context,
  enabled: EnabledRule,
  document: JsonDocument,
  flow: Flow,
  settings: Readonly<Record<string, unknown>>,
  code: SerialisedFlow | undefined,
): void {
  const outcome = runFlowRule(document, flow, enabled, { filePath: code ? CODE_FLOW_FILE : context.physicalFilename, settings });
  if (!outcome.ok) {
    context.report({ messageId: INTERNAL_ERROR, data: { message: outcome.message }, loc: locOf(context, outcome.range) });
    return;
  }
  for (const { message, data } of outcome.findings) {
    if (code && message.pointer !== undefined && isAboutUnknown(message.pointer, code)) continue;
    // A flow literal's map anchors whole values and keys, not characters: its text is not edited.
    const fix = code ? undefined : message.fix;
    const suggestions = code ? [] : (message.suggestions ?? []);
    context.report({
      messageId: message.messageId,
      data,
      loc: locOf(context, messageRange(message)),
      ...(fix ? { fix: (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange([fix.range[0], fix.range[1]], fix.text) } : {}),
      ...(suggestions.length > 0
        ? {
            suggest: suggestions.map((s) => ({
              messageId: SUGGESTION,
              data: { desc: s.desc },
              fix: (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange([s.fix.range[0], s.fix.range[1]], s.fix.text),
            })),
          }
        : {}),
    });
  }
}

function messageRange(m: LintMessage): SourceRange {
  return { start: { line: m.line, column: m.column }, end: { line: m.endLine, column: m.endColumn } };
}

/** connect-lint's 1-based columns, in the columns of the file's language (0-based for JavaScript). */
function locOf(context: Context, range: SourceRange): TSESTree.SourceLocation {
  const shift = (context.sourceCode as unknown) instanceof FlowSourceCode ? 0 : 1;
  return {
    start: { line: range.start.line, column: range.start.column - shift },
    end: { line: range.end.line, column: range.end.column - shift },
  };
}

interface CodeFlow {
  readonly serialised: SerialisedFlow;
  readonly document: JsonDocument;
  readonly flow: Flow;
}

/** Flow literals, loaded once per lint of a file and shared by every rule. */
const codeFlows = new WeakMap<TSESTree.ObjectExpression, CodeFlow | null>();
const lineIndexes = new WeakMap<object, LineIndex>();

/** The flow an object literal holds, when it is an outermost flow literal with a known skeleton. */
function codeFlow(context: Context, node: TSESTree.ObjectExpression): CodeFlow | null {
  const cached = codeFlows.get(node);
  if (cached !== undefined) return cached;
  let found: CodeFlow | null = null;
  const sourceCode = context.sourceCode;
  if (isFlowLiteral(node) && !sourceCode.getAncestors(node).some((a) => a.type === AST_NODE_TYPES.ObjectExpression && isFlowLiteral(a))) {
    const serialised = serialiseFlow(node, (n) => sourceCode.getText(n));
    if (serialised.skeletonKnown) {
      let lines = lineIndexes.get(sourceCode.ast);
      if (!lines) {
        lines = new LineIndex(sourceCode.text);
        lineIndexes.set(sourceCode.ast, lines);
      }
      const loaded = loadFlow(serialised.text, { filePath: CODE_FLOW_FILE, host: { lines, map: serialised.map } });
      if (loaded.status === "flow") found = { serialised, document: loaded.document, flow: loaded.flow };
    }
  }
  codeFlows.set(node, found);
  return found;
}

/** The plugin's rules by name (without the `connect-lint/` prefix). */
export const eslintRules: Readonly<Record<string, TSESLint.RuleModule<string, Options>>> = Object.fromEntries(
  perFlowRules.map((r) => [r.name, toEslintRule(r)]),
);
