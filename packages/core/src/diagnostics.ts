/**
 * The diagnostics connect-lint reports itself: they are not rules, have no options and no doc page,
 * and some cannot be suppressed. One registry, read by the linter, the suppressions and the reporters.
 */
export interface BuiltinDiagnostic {
  readonly description: string;
  /** The severity it is reported with. */
  readonly level: "error" | "warning";
  /** False for findings that mean the file was not linted at all, or that connect-lint failed. */
  readonly suppressible: boolean;
}

export const BUILTIN_DIAGNOSTICS: ReadonlyMap<string, BuiltinDiagnostic> = new Map<string, BuiltinDiagnostic>([
  ["parse-error", { description: "The file is not valid JSON and could not be linted.", level: "error", suppressible: false }],
  ["legacy-format", { description: "The file is a pre-2022 flow designer export: linted with the rules that apply to it; the API does not accept it as it is.", level: "warning", suppressible: true }],
  ["not-a-flow", { description: "The file is not an Amazon Connect flow.", level: "error", suppressible: true }],
  ["internal-error", { description: "A rule failed on the file; this is a bug in connect-lint.", level: "error", suppressible: false }],
  ["file-too-large", { description: "The file is larger than limits.maxFileSize and was not linted.", level: "error", suppressible: true }],
  ["too-deeply-nested", { description: "The file's JSON nests deeper than limits.maxNestingDepth and was not linted.", level: "error", suppressible: true }],
  ["duplicate-key", { description: "A key is written twice in one JSON object; readers keep only the last value.", level: "error", suppressible: true }],
  ["unused-suppression", { description: "A suppression entry matches no finding.", level: "warning", suppressible: true }],
  ["expired-suppression", { description: "A suppression entry has expired.", level: "warning", suppressible: true }],
  ["ignored-file", { description: "A file named on the command line is ignored by configuration.", level: "warning", suppressible: true }],
  ["invalid-container", { description: "A template or Terraform file holding flows could not be read (malformed YAML or HCL, a Content that is neither a string nor Fn::Sub).", level: "error", suppressible: false }],
  ["unresolved-flow-content", { description: "A flow resource's content is not in the repository (Fn::Transform, a parameter, a missing template); it was not linted.", level: "warning", suppressible: true }],
  ["unrendered-template", { description: "A Terraform template is deployed with filename =, so its placeholders reach Amazon Connect unrendered.", level: "error", suppressible: true }],
  ["intrinsic-in-content", { description: "A CloudFormation intrinsic function is written inside a Content string, where CloudFormation never evaluates it.", level: "error", suppressible: true }],
]);

/** The ids of the built-in diagnostics. */
export type BuiltinDiagnosticId =
  | "parse-error"
  | "legacy-format"
  | "not-a-flow"
  | "internal-error"
  | "file-too-large"
  | "too-deeply-nested"
  | "duplicate-key"
  | "unused-suppression"
  | "expired-suppression"
  | "ignored-file"
  | "invalid-container"
  | "unresolved-flow-content"
  | "unrendered-template"
  | "intrinsic-in-content";

export function isBuiltinDiagnostic(ruleId: string): boolean {
  return BUILTIN_DIAGNOSTICS.has(ruleId);
}
