import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { LintMessage, LintResult } from "@connect-lint/core";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { DOMParser, onWarningStopParsing } from "@xmldom/xmldom";
import type { Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { checkstyle, compact, github, gitlab, html, json, junit, markdown, reporters, sarif, stylish } from "../src/index.js";
import type { Reporter } from "../src/index.js";
import { escapeData, escapeProperty } from "../src/github.js";
import type { CodeQualityIssue } from "../src/gitlab.js";
import { GITHUB_COMMENT_LIMIT, MARKDOWN_MAX_CHARS, MARKDOWN_MAX_ROWS, markdownCell } from "../src/markdown.js";
import { FINGERPRINT_KEY } from "../src/sarif.js";
import { displayFile } from "../src/shared.js";
import { STYLISH_WIDTH, shortBlockId, wrap } from "../src/stylish.js";
import { xmlAttr, xmlText } from "../src/xml.js";
import { cleanResults, context, results, SPECIAL_MESSAGE } from "./fixture.js";

const EXTENSIONS: Readonly<Record<string, string>> = {
  stylish: "txt",
  compact: "txt",
  json: "json",
  sarif: "sarif",
  junit: "xml",
  checkstyle: "xml",
  github: "txt",
  gitlab: "json",
  markdown: "md",
  html: "html",
};

const activeCount = results.reduce((n, r) => n + r.messages.length, 0);
const suppressedCount = results.reduce((n, r) => n + r.suppressedMessages.length, 0);
const names = Object.keys(reporters);

function reporterNamed(name: string): Reporter {
  const reporter = reporters[name];
  if (!reporter) throw new Error(`no reporter ${name}`);
  return reporter;
}

/** The fixture with the special message's control character removed, as XML can carry it. */
const XML_SAFE_SPECIAL = SPECIAL_MESSAGE.replace("\u0007", "");

describe("every reporter", () => {
  it("is registered under its --format name", () => {
    expect(names).toEqual(["stylish", "compact", "json", "sarif", "junit", "checkstyle", "github", "gitlab", "markdown", "html"]);
    expect(reporters).toMatchObject({ stylish, compact, json, sarif, junit, checkstyle, github, gitlab, markdown, html });
  });

  it.each(names)("%s matches its snapshot on the shared fixture", async (name) => {
    const output = reporterNamed(name)(results, context);
    await expect(output).toMatchFileSnapshot(`__snapshots__/fixture.${name}.${EXTENSIONS[name] ?? "txt"}`);
  });

  it.each(names)("%s gives the same bytes for the same input", (name) => {
    const reporter = reporterNamed(name);
    const first = reporter(results, context);
    expect(reporter(structuredClone(results), structuredClone(context))).toBe(first);
  });

  it.each(names)("%s shows paths relative to cwd with forward slashes", (name) => {
    const output = reporterNamed(name)(results, context);
    // Only JSON (ESLint-compatible, filePath as given) and SARIF (its %SRCROOT% base) hold the cwd.
    const withCwd = name === "sarif" ? 1 : 0;
    if (name !== "json") expect(output.split("/work/project").length - 1).toBe(withCwd);
    if (name !== "json") expect(output).toContain("flows/sub dir/suppressed ü.json".replace(/ /g, name === "sarif" ? "%20" : " ").replace("ü", name === "sarif" ? "%C3%BC" : "ü"));
  });

  it.each(names)("%s handles no results and a clean file", (name) => {
    const reporter = reporterNamed(name);
    expect(typeof reporter([], context)).toBe("string");
    expect(typeof reporter(cleanResults, context)).toBe("string");
  });
});

describe("displayFile", () => {
  it("is relative to cwd with forward slashes, and keeps non-absolute paths", () => {
    expect(displayFile("/work/project/flows/a.json", "/work/project")).toBe("flows/a.json");
    expect(displayFile("/work/other/a.json", "/work/project")).toBe("../other/a.json");
    expect(displayFile("<text>", "/work/project")).toBe("<text>");
  });
});

describe("compact", () => {
  it("prints one line per active finding, and nothing else", () => {
    const lines = compact(results, context).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(activeCount);
    for (const line of lines) expect(line).toMatch(/^[^:]+:\d+:\d+: (error|warning) .* \[[a-z-]+\]$/);
    expect(lines).toContain("flows/broken.json:3:1: error Unexpected token } in JSON [parse-error]");
    expect(lines).toContain(
      `flows/main-flow.json:12:7: error Prompt "Welcome" <b>&</b> 'hi': 100% done, then next line and | pipes \`code\` — café 日本 😀 \u0007bell [valid-action-parameters]`,
    );
  });

  it("is empty when there are no findings", () => {
    expect(compact([], context)).toBe("");
    expect(compact(cleanResults, context)).toBe("");
  });
});

describe("github", () => {
  const lines = github(results, context).trimEnd().split("\n");

  it("escapes data and properties as @actions/core does", () => {
    expect(escapeData("50% done,\r\nnext: yes")).toBe("50%25 done,%0D%0Anext: yes");
    expect(escapeProperty("a%b,c:d\ne\r")).toBe("a%25b%2Cc%3Ad%0Ae%0D");
  });

  it("writes one command per active finding with escaped message", () => {
    expect(lines).toHaveLength(activeCount);
    expect(lines).toContain(
      "::error file=flows/main-flow.json,line=12,col=7,endLine=12,endColumn=30,title=valid-action-parameters::" +
        `Prompt "Welcome" <b>&</b> 'hi': 100%25 done, then%0Anext line%0D%0Aand | pipes \`code\` — café 日本 😀 \u0007bell`,
    );
    expect(lines).toContain("::error file=flows/broken.json,line=3,col=1,endLine=3,endColumn=2,title=parse-error::Unexpected token } in JSON");
  });

  it("uses ::warning for warnings and leaves columns out of multi-line findings", () => {
    expect(lines).toContain(
      '::warning file=flows/main-flow.json,line=20,endLine=28,title=no-dangling-connector::Branch Error of block "Play prompt" leads nowhere',
    );
  });

  it("escapes : , % and line breaks in the file property", () => {
    const odd: LintResult = { ...only(cleanResults), filePath: "/work/project/a,b:c%d.json", messages: [message({ message: "x" })], errorCount: 1 };
    expect(github([odd], context)).toBe("::error file=a%2Cb%3Ac%25d.json,line=1,col=1,endLine=1,endColumn=2,title=some-rule::x\n");
  });

  it("ignores suppressed findings and is empty when clean", () => {
    expect(github(results, context)).not.toContain("Unknown action type Foo");
    expect(github([], context)).toBe("");
    expect(github(cleanResults, context)).toBe("");
  });
});

describe("gitlab", () => {
  const issues = JSON.parse(gitlab(results, context)) as CodeQualityIssue[];

  it("has one issue per active finding with the fields GitLab reads", () => {
    expect(issues).toHaveLength(activeCount);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(["check_name", "description", "fingerprint", "location", "severity"]);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(issue.location.lines.begin).toBeGreaterThanOrEqual(1);
      expect(issue.location.path).not.toMatch(/^\//);
    }
    expect(issues.find((i) => i.check_name === "valid-action-parameters")).toMatchObject({
      description: SPECIAL_MESSAGE,
      severity: "major",
      location: { path: "flows/main-flow.json", lines: { begin: 12, end: 12 } },
    });
  });

  it("maps fatal to blocker, error to major, warning to minor", () => {
    const severity = (rule: string) => issues.filter((i) => i.check_name === rule).map((i) => i.severity);
    expect(severity("parse-error")).toEqual(["blocker"]);
    expect(severity("valid-action-parameters")).toEqual(["major"]);
    expect(severity("no-dangling-connector")).toEqual(["minor", "minor"]);
  });

  it("has unique fingerprints that do not change when lines move", () => {
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    const moved = results.map((r) => ({ ...r, messages: r.messages.map((m) => ({ ...m, line: m.line + 5, endLine: m.endLine + 5 })) }));
    const again = JSON.parse(gitlab(moved, context)) as CodeQualityIssue[];
    expect(again.map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint));
  });

  it("is an empty array when clean, and leaves suppressed findings out", () => {
    expect(gitlab([], context)).toBe("[]\n");
    expect(gitlab(cleanResults, context)).toBe("[]\n");
    expect(issues.some((i) => i.description === "Unknown action type Foo")).toBe(false);
  });
});

// --- SARIF -------------------------------------------------------------------------------------------

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> };
    logicalLocations?: { name: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string }[];
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; semanticVersion: string; informationUri?: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string }; defaultConfiguration: Record<string, unknown> }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as Record<string, unknown>;
// unicodeRegExp: false: the schema's `language` pattern has a stray `]` that is invalid under the `u` flag.
const ajv = new Ajv04.default({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

function expectValidSarif(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

describe("sarif", () => {
  const log = expectValidSarif(sarif(results, context));
  const run = only(log.runs);

  it("validates against the SARIF 2.1.0 schema, also with no results and clean files", () => {
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(only(expectValidSarif(sarif([], context)).runs).results).toEqual([]);
    expect(only(expectValidSarif(sarif(cleanResults, context)).runs).results).toEqual([]);
  });

  it("describes the log, the tool and the source root", () => {
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: "connect-lint", semanticVersion: "1.2.3" });
    expect(run.tool.driver.informationUri).toBeUndefined();
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///work/project/" } });
  });

  it("has a descriptor per registry rule, then the built-in ids that occur", () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...context.rules.map((r) => r.id), "parse-error", "unused-suppression"]);
    expect(run.tool.driver.rules[0]).toEqual({
      id: "flow-naming-convention",
      shortDescription: { text: "Flow names follow a pattern" },
      helpUri: "https://example.test/rules/flow-naming-convention",
      defaultConfiguration: { enabled: false },
      properties: { tags: ["suggestion"] },
    });
    expect(run.tool.driver.rules.find((r) => r.id === "valid-action-type")?.defaultConfiguration).toEqual({ level: "error" });
    expect(run.tool.driver.rules.find((r) => r.id === "no-dangling-connector")?.defaultConfiguration).toEqual({ level: "warning" });
    const parseError = run.tool.driver.rules.find((r) => r.id === "parse-error");
    expect(parseError?.defaultConfiguration).toEqual({ level: "error" });
    expect(parseError?.helpUri).toBeUndefined();
  });

  it("has a result per finding, suppressed ones included, pointing at its rule", () => {
    expect(run.results).toHaveLength(activeCount + suppressedCount);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(r.locations[0]?.physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    }
    const special = run.results.find((r) => r.ruleId === "valid-action-parameters");
    expect(special).toMatchObject({
      level: "error",
      message: { text: SPECIAL_MESSAGE },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "flows/main-flow.json" }, region: { startLine: 12, startColumn: 7, endLine: 12, endColumn: 30 } },
          logicalLocations: [{ name: "a1b2c3d4-0000-4000-8000-000000000001", kind: "object" }],
        },
      ],
    });
    expect(run.results.find((r) => r.ruleId === "parse-error")?.locations[0]?.logicalLocations).toBeUndefined();
    expect(run.results.filter((r) => r.level === "warning").map((r) => r.ruleId)).toContain("no-dangling-connector");
  });

  it("percent-encodes artifact URIs", () => {
    const uris = new Set(run.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    expect(uris).toContain("flows/sub%20dir/suppressed%20%C3%BC.json");
    expect(uris).toContain("connect-lint-suppressions.json");
  });

  it("marks suppressed findings with an external, accepted suppression", () => {
    const suppressed = run.results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.message.text).sort()).toEqual(["Block is unreachable", "Unknown action type Foo"]);
    for (const r of suppressed) expect(r.suppressions).toEqual([{ kind: "external", status: "accepted" }]);
    // In file order, a suppressed finding sits at its position among the active ones.
    const inFile = run.results.filter((r) => r.locations[0]?.physicalLocation.artifactLocation.uri.startsWith("flows/sub"));
    expect(inFile.map((r) => r.locations[0]?.physicalLocation.region.startLine)).toEqual([10, 30, 40]);
  });

  it("has stable, unique partial fingerprints", () => {
    const prints = run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(prints).size).toBe(prints.length);
    const gitlabPrints = (JSON.parse(gitlab(results, context)) as CodeQualityIssue[]).map((i) => i.fingerprint);
    for (const p of gitlabPrints) expect(prints).toContain(p);
  });

  it("keeps regions valid when a finding has no real position", () => {
    const odd: LintResult = { ...only(cleanResults), messages: [message({ line: 0, column: 0, endLine: 0, endColumn: 0 })], errorCount: 1 };
    const region = only(only(only(expectValidSarif(sarif([odd], context)).runs).results).locations).physicalLocation.region;
    expect(region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });
});

// --- XML ---------------------------------------------------------------------------------------------

/**
 * Parses XML strictly: any warning or error of the parser fails the test. xmldom lets a bare `&` and
 * characters XML 1.0 forbids through, so those are checked first.
 */
function parseXml(text: string): Element {
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  expect(text).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  expect(text).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
  const root = new DOMParser({ onError: onWarningStopParsing }).parseFromString(text, "text/xml").documentElement;
  if (!root) throw new Error("no root element");
  return root;
}
function children(element: Element | undefined, name: string): Element[] {
  if (!element) throw new Error(`no element to find <${name}> in`);
  return Array.from(element.childNodes).filter((n): n is Element => n.nodeType === n.ELEMENT_NODE && n.nodeName === name);
}
function attributes(element: Element | undefined): Record<string, string> {
  if (!element) throw new Error("no element");
  return Object.fromEntries(Array.from(element.attributes).map((a) => [a.name, a.value]));
}
function only<T>(items: readonly T[]): T {
  if (items.length !== 1) throw new Error(`expected one item, got ${String(items.length)}`);
  return items[0] as T;
}

describe("xml escaping", () => {
  it("escapes markup, keeps line breaks in attributes, and drops characters XML 1.0 forbids", () => {
    expect(xmlText(`a & b < c > "d" 'e'\r\n\t`)).toBe("a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;&#13;\n\t");
    expect(xmlAttr("x\ny\r\tz")).toBe("x&#10;y&#13;&#9;z");
    expect(xmlText("a\u0000b\u0007c\uFFFEd\uD800e😀")).toBe("abcde😀");
  });
});

describe("checkstyle", () => {
  const root = parseXml(checkstyle(results, context));
  const files = children(root, "file");

  it("has a <file> per linted file, clean ones included", () => {
    expect(root.nodeName).toBe("checkstyle");
    expect(attributes(root)).toEqual({ version: "4.3" });
    expect(files.map((f) => f.getAttribute("name"))).toEqual([
      "connect-lint-suppressions.json",
      "flows/broken.json",
      "flows/clean.json",
      "flows/main-flow.json",
      "flows/sub dir/suppressed ü.json",
    ]);
    expect(children(files[2], "error")).toEqual([]);
  });

  it("has an <error> per active finding with line, column, severity, message and source", () => {
    expect(files.reduce((n, f) => n + children(f, "error").length, 0)).toBe(activeCount);
    expect(attributes(only(children(files[1], "error")))).toEqual({
      line: "3",
      column: "1",
      severity: "error",
      message: "Unexpected token } in JSON",
      source: "connect-lint.parse-error",
    });
    const special = children(files[3], "error").find((e) => e.getAttribute("source") === "connect-lint.valid-action-parameters");
    expect(special?.getAttribute("message")).toBe(XML_SAFE_SPECIAL);
    expect(only(children(files[4], "error")).getAttribute("severity")).toBe("warning");
  });

  it("is an empty <checkstyle> for no results", () => {
    expect(children(parseXml(checkstyle([], context)), "file")).toEqual([]);
  });
});

describe("junit", () => {
  const root = parseXml(junit(results, context));
  const suites = children(root, "testsuite");

  it("has a <testsuite> per file with counts", () => {
    expect(root.nodeName).toBe("testsuites");
    expect(attributes(root)).toEqual({
      name: "connect-lint",
      tests: String(activeCount + suppressedCount + 1),
      failures: String(activeCount),
      errors: "0",
      skipped: "2",
    });
    expect(suites.map((s) => s.getAttribute("name"))).toEqual([
      "connect-lint-suppressions.json",
      "flows/broken.json",
      "flows/clean.json",
      "flows/main-flow.json",
      "flows/sub dir/suppressed ü.json",
    ]);
    expect(attributes(suites[3])).toMatchObject({ tests: "4", failures: "4", errors: "0", skipped: "0" });
    expect(attributes(suites[4])).toMatchObject({ tests: "3", failures: "1", errors: "0", skipped: "2" });
  });

  it("has one passing <testcase> for a clean file", () => {
    const testcase = only(children(suites[2], "testcase"));
    expect(attributes(testcase)).toEqual({ classname: "flows/clean.json", name: "connect-lint" });
    expect(testcase.childNodes).toHaveLength(0);
  });

  it("has a failing <testcase> per finding, typed by severity", () => {
    const cases = children(suites[3], "testcase");
    expect(cases.map((c) => c.getAttribute("name"))).toEqual([
      "flow-naming-convention 1:1",
      "valid-action-parameters 12:7",
      "no-dangling-connector 20:5",
      "no-dangling-connector 20:5",
    ]);
    for (const c of cases) expect(c.getAttribute("classname")).toBe("flows/main-flow.json");
    const failure = only(children(cases[1], "failure"));
    expect(attributes(failure)).toEqual({ type: "error", message: XML_SAFE_SPECIAL });
    expect(failure.textContent).toBe(`flows/main-flow.json:12:7: error ${XML_SAFE_SPECIAL} [valid-action-parameters]`);
    expect(only(children(cases[2], "failure")).getAttribute("type")).toBe("warning");
    expect(only(children(only(children(suites[1], "testcase")), "failure")).getAttribute("type")).toBe("error");
  });

  it("lists suppressed findings as skipped test cases", () => {
    const skipped = children(suites[4], "testcase").flatMap((c) => children(c, "skipped"));
    expect(skipped.map((s) => s.getAttribute("message"))).toEqual(["Suppressed: Block is unreachable", "Suppressed: Unknown action type Foo"]);
  });

  it("is an empty <testsuites> for no results", () => {
    const empty = parseXml(junit([], context));
    expect(attributes(empty)).toMatchObject({ tests: "0", failures: "0" });
    expect(children(empty, "testsuite")).toEqual([]);
  });
});

// --- Markdown ----------------------------------------------------------------------------------------

describe("markdown", () => {
  const text = markdown(results, context);
  const rows = text.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| File") && !l.startsWith("| ---"));

  it("has a heading, a summary line and a table row per active finding", () => {
    expect(text.startsWith("## connect-lint\n\n")).toBe(true);
    expect(text).toContain("**3 errors, 4 warnings** in 4 of 5 files (1 could not be parsed). 2 findings suppressed.\n");
    expect(text).toContain("| File | Line | Severity | Rule | Message |\n| --- | ---: | --- | --- | --- |\n");
    expect(rows).toHaveLength(activeCount);
  });

  it("escapes | ` and line breaks, and HTML, so each row stays one row of five cells", () => {
    const special = rows.find((r) => r.includes("valid-action-parameters"));
    expect(special).toBe(
      "| flows/main-flow.json | 12:7 | error | [valid-action-parameters](https://example.test/rules/valid-action-parameters) | " +
        "Prompt \"Welcome\" &lt;b&gt;&amp;&lt;/b&gt; 'hi': 100% done, then<br>next line<br>and \\| pipes \\`code\\` — café 日本 😀 bell |",
    );
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(7);
    expect(markdownCell("a|b\nc`d*e_f[g]")).toBe("a\\|b<br>c\\`d\\*e\\_f\\[g\\]");
  });

  it("links rules to their help and marks fatal findings", () => {
    expect(rows.find((r) => r.includes("parse-error"))).toBe("| flows/broken.json | 3:1 | error (fatal) | parse-error | Unexpected token } in JSON |");
    expect(text).toContain("[no-dangling-connector](https://example.test/rules/no-dangling-connector)");
  });

  it("says so when clean or when nothing was linted", () => {
    expect(markdown(cleanResults, context)).toBe("## connect-lint\n\nNo problems found in 1 file.\n");
    expect(markdown([], context)).toBe("## connect-lint\n\nNo files were linted.\n");
    const onlySuppressed = results.filter((r) => r.filePath.includes("sub dir")).map((r) => ({ ...r, messages: [], warningCount: 0 }));
    expect(markdown(onlySuppressed, context)).toBe("## connect-lint\n\nNo problems found in 1 file. 2 findings suppressed.\n");
  });

  it(`lists at most ${String(MARKDOWN_MAX_ROWS)} findings`, () => {
    const many = Array.from({ length: MARKDOWN_MAX_ROWS + 50 }, (_, i) => message({ line: i + 1, message: `finding ${String(i)}` }));
    const big: LintResult = { ...only(cleanResults), messages: many, errorCount: many.length };
    const out = markdown([big], context);
    expect(out.split("\n").filter((l) => l.startsWith("| flows/"))).toHaveLength(MARKDOWN_MAX_ROWS);
    expect(out.endsWith(
      "\n… and 50 more findings not shown (a comment holds 65,536 characters at most). The full report is in the job log, or run connect-lint with --format stylish or --format sarif.\n",
    )).toBe(true);
  });

  it("stays under GitHub's 65,536-character comment limit with many long findings, and says what it left out", () => {
    const long = "x".repeat(2000);
    const many = Array.from({ length: 5000 }, (_, i) => message({ line: i + 1, ruleId: i % 3 === 0 ? "no-unreachable-block" : "no-dangling-connector", message: `finding ${String(i)} ${long}` }));
    const files: LintResult[] = [0, 1].map((f) => ({ ...only(cleanResults), filePath: `/work/project/flows/${"deep/".repeat(100)}f${String(f)}.json`, messages: many, errorCount: many.length }));
    const out = markdown(files, context);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(MARKDOWN_MAX_CHARS).toBeLessThan(GITHUB_COMMENT_LIMIT);
    const rows = out.split("\n").filter((l) => l.startsWith("| flows/"));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]).toMatch(/^\| flows\/(deep\/)+.{0,10}… \| 1:1 \| error \| \[no-unreachable-block\]\(https:\/\/example\.test\/rules\/no-unreachable-block\) \| finding 0 x+… \|$/);
    expect(out).toContain("| Rule | Errors | Warnings |\n| --- | ---: | ---: |\n| no-dangling-connector | 6666 | 0 |\n| no-unreachable-block | 3334 | 0 |\n\n| File |");
    expect(out.endsWith(`\n… and ${String(10000 - rows.length)} more findings not shown (a comment holds 65,536 characters at most). The full report is in the job log, or run connect-lint with --format stylish or --format sarif.\n`)).toBe(true);
  });
});

describe("json", () => {
  it("is the results as given, suppressed messages included", () => {
    expect(JSON.parse(json(results, context))).toEqual(results);
  });
});

describe("stylish", () => {
  it("shows relative paths and a summary, and nothing when clean", () => {
    const out = stylish(results, context);
    expect(out).toContain("\nflows/main-flow.json\n");
    expect(out).toContain("7 problems (3 errors, 4 warnings)");
    expect(stylish(cleanResults, context)).toBe("");
  });

  it("keeps every line within 120 columns: a short first line with the block, the message wrapped under it", () => {
    const long = `Play prompt "Welcome" puts $.Attributes.CustomerSSN into Text, which the customer hears; ${"and more words ".repeat(30)}${"z".repeat(150)}`;
    const found: LintResult = {
      ...only(cleanResults),
      messages: [
        message({ line: 1, column: 7607, ruleId: "no-sensitive-content-in-transfer-flow", message: long, actionId: "f25f9200-7f29-4eb6-a779-9991a504d1da" }),
        message({ line: 1, column: 9, severity: 1, ruleId: "flow-naming-convention", message: "Short.", actionId: "a-hand-written-identifier-that-is-long" }),
      ],
      errorCount: 1,
      warningCount: 1,
    };
    const lines = stylish([found], context).split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(STYLISH_WIDTH);
    expect(lines.slice(0, 5)).toEqual([
      "",
      "flows/clean.json",
      "  1:7607  error    no-sensitive-content-in-transfer-flow  block f25f9200",
      `    Play prompt "Welcome" puts $.Attributes.CustomerSSN into Text, which the customer hears; and more words and more`,
      "    words and more words and more words and more words and more words and more words and more words and more words and",
    ]);
    expect(lines.slice(-7)).toEqual([
      `    ${"z".repeat(116)}`,
      `    ${"z".repeat(34)}`,
      "  1:9     warning  flow-naming-convention  block a-hand-written-identifi…",
      "    Short.",
      "",
      "\u2716 2 problems (1 error, 1 warning)",
      "",
    ]);
  });

  it("shortens block ids: a UUID to its first 8 characters, a long name with an ellipsis", () => {
    expect(shortBlockId("f25f9200-7f29-4eb6-a779-9991a504d1da")).toBe("f25f9200");
    expect(shortBlockId("welcome")).toBe("welcome");
    expect(shortBlockId("a-hand-written-identifier-that-is-long")).toBe("a-hand-written-identifi…");
    expect(wrap("one two three", 7)).toEqual(["one two", "three"]);
    expect(wrap("abcdefghij k", 4)).toEqual(["abcd", "efgh", "ij k"]);
    expect(wrap("a\nb", 10)).toEqual(["a", "b"]);
  });
});

function message(overrides: Partial<LintMessage> = {}): LintMessage {
  return { ruleId: "some-rule", messageId: "m", severity: 2, message: "m", line: 1, column: 1, endLine: 1, endColumn: 2, ...overrides };
}
