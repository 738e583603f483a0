import { pathToFileURL } from "node:url";
import { BUILTIN_DIAGNOSTICS, compareStrings } from "@connect-lint/core";
import type { LintMessage } from "@connect-lint/core";
import { describeRule, findings } from "./shared.js";
import type { Reporter, RuleInfo } from "./types.js";

/** The key of connect-lint's entry in `partialFingerprints`; bump the version if the recipe changes. */
export const FINGERPRINT_KEY = "connectLint/v1";

const SRCROOT = "%SRCROOT%";

type Level = "error" | "warning" | "note" | "none";

interface ReportingDescriptor {
  id: string;
  shortDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration: { enabled?: boolean; level?: Level };
  properties?: { tags: string[] };
}

/** A file path as shown, as a relative URI reference: each segment percent-encoded. */
function toUri(file: string): string {
  return file
    .split("/")
    .map((segment) => (segment === ".." || segment === "." ? segment : encodeURIComponent(segment)))
    .join("/");
}

/** The run's base: the working directory as a `file:` URL ending in `/`. */
function baseUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith("/") ? href : `${href}/`;
}

function descriptor(rule: RuleInfo): ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    helpUri: rule.helpUri,
    defaultConfiguration:
      rule.recommended === "off" ? { enabled: false } : { level: rule.recommended === "error" ? "error" : "warning" },
    properties: { tags: [rule.type] },
  };
}

function builtinDescriptor(ruleId: string): ReportingDescriptor {
  const builtin = BUILTIN_DIAGNOSTICS.get(ruleId);
  const { description } = describeRule(ruleId, []);
  return {
    id: ruleId,
    ...(description === undefined ? {} : { shortDescription: { text: description } }),
    defaultConfiguration: { level: builtin?.level ?? "warning" },
  };
}

/** A region valid in SARIF: 1-based, the end not before the start. */
function region(m: LintMessage): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const startLine = Math.max(1, m.line);
  const startColumn = Math.max(1, m.column);
  const endLine = Math.max(startLine, m.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, m.endColumn) : Math.max(1, m.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/**
 * SARIF 2.1.0: one run of the `connect-lint` driver with a rule descriptor for every rule of the
 * registry plus each built-in diagnostic (`parse-error`, `unused-suppression`, …) that occurs.
 * Each finding is a result with its rule, level, message, a physical location relative to
 * `%SRCROOT%` (the working directory), the block as a logical location, and a stable partial
 * fingerprint. Suppressed findings are results too, with an external, accepted suppression.
 */
export const sarif: Reporter = (results, context) => {
  const all = findings(results, context.cwd, { suppressed: true });
  const rules = context.rules.map(descriptor);
  const known = new Set(context.rules.map((r) => r.id));
  const extra = [...new Set(all.map((f) => f.message.ruleId).filter((id) => !known.has(id)))].sort(compareStrings);
  rules.push(...extra.map(builtinDescriptor));
  const index = new Map(rules.map((r, i) => [r.id, i]));

  const sarifResults = all.map(({ file, resource, message: m, suppressed, fingerprint }) => ({
    ruleId: m.ruleId,
    ruleIndex: index.get(m.ruleId) ?? -1,
    level: m.severity === 2 ? "error" : "warning",
    message: { text: m.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(file), uriBaseId: SRCROOT },
          region: region(m),
        },
        ...(m.actionId === undefined && resource === undefined
          ? {}
          : {
              logicalLocations: [
                ...(resource === undefined ? [] : [{ name: resource, kind: "resource" }]),
                ...(m.actionId === undefined ? [] : [{ name: m.actionId, kind: "object" }]),
              ],
            }),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(suppressed ? { suppressions: [{ kind: "external", status: "accepted" }] } : {}),
    ...(m.pointer === undefined ? {} : { properties: { pointer: m.pointer } }),
  }));

  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "connect-lint",
            semanticVersion: context.version,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: baseUri(context.cwd) } },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};
