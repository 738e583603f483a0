import type { DocumentKind } from "./model/flow.js";

import type { Fix } from "./fix/apply.js";

/** One finding, in ESLint's shape plus flow-specific fields. */
export interface LintMessage {
  /** The rule, or a built-in diagnostic (`parse-error`, `legacy-format`, `not-a-flow`, `internal-error`). */
  readonly ruleId: string;
  readonly messageId: string;
  /** 1 warning, 2 error. */
  readonly severity: 1 | 2;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** True when the file could not be linted at all (it is not valid JSON). */
  readonly fatal?: true;
  /** Identifier of the block the finding is about, if any. */
  readonly actionId?: string;
  /** JSON pointer of the value the finding points at. */
  readonly pointer?: string;
  /** The fix `--fix` applies: one edit of the file's text (offsets after a byte-order mark), as ESLint's. */
  readonly fix?: Fix;
  /** Changes offered, not applied by a plain `--fix` (`--fix-unreachable` applies no-unreachable-block's). */
  readonly suggestions?: readonly { readonly desc: string; readonly fix: Fix }[];
}

/** The result for one file, in ESLint's shape plus flow-specific fields. */
export interface LintResult {
  readonly filePath: string;
  readonly messages: readonly LintMessage[];
  readonly suppressedMessages: readonly LintMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly fatalErrorCount: number;
  /** Errors with a fix. */
  readonly fixableErrorCount: number;
  /** Warnings with a fix. */
  readonly fixableWarningCount: number;
  /** What the file is. `unparsable` when it is not valid JSON; `suppressions` for findings about the suppressions file. */
  readonly kind: DocumentKind | "unparsable" | "suppressions";
  /** The flow's name, when the file is a flow or module. */
  readonly flowName: string | null;
  /** The flow's type (API name), when known. */
  readonly flowType: string | null;
  /**
   * For a flow embedded in a container (a CloudFormation template, a Terraform file, API output): the
   * resource that holds it (logical ID, Terraform address). Absent for a plain export, so one file can
   * have several results, one per flow in it.
   */
  readonly resource?: string;
}

/** Orders messages by position, then rule, then text: the same input always gives the same bytes. */
export function compareMessages(a: LintMessage, b: LintMessage): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit order, independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function makeResult(
  filePath: string,
  messages: LintMessage[],
  extra: { kind: LintResult["kind"]; flowName?: string | null; flowType?: string | null; resource?: string | undefined },
): LintResult {
  messages.sort(compareMessages);
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount++;
    else warningCount++;
    if (m.fix) {
      if (m.severity === 2) fixableErrorCount++;
      else fixableWarningCount++;
    }
    if (m.fatal) fatalErrorCount++;
  }
  return {
    filePath,
    messages,
    suppressedMessages: [],
    errorCount,
    warningCount,
    fatalErrorCount,
    fixableErrorCount,
    fixableWarningCount,
    kind: extra.kind,
    flowName: extra.flowName ?? null,
    flowType: extra.flowType ?? null,
    ...(extra.resource === undefined ? {} : { resource: extra.resource }),
  };
}
