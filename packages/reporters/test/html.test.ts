import { ProjectIndex, buildFlow, classifyDocument, makeResult, parseJson, projectFlow } from "@connect-lint/core";
import type { Flow, LintMessage, LintResult } from "@connect-lint/core";
import { describe, expect, it } from "vitest";
import { HTML_INLINE_BLOCKS, html } from "../src/html.js";
import { blockName, drawFlow } from "../src/html/diagram.js";
import { esc, truncate } from "../src/html/escape.js";
import { DAGRE_MAX_NODES, layeredLayout, layout, layoutGraph } from "../src/html/layout.js";
import { drawProjectMap } from "../src/html/project-map.js";
import type { ReporterContext } from "../src/index.js";
import { context, results, SPECIAL_MESSAGE } from "./fixture.js";

const ARN = "arn:aws:connect:us-east-1:111122223333:instance/11111111-2222-3333-4444-555555555555";

/** A small flow: prompt -> queue -> disconnect, a prompt error to a deleted block, an unconnected error, an island. */
function mainFlowJson(positions = true): Record<string, unknown> {
  const at = (x: number, y: number) => (positions ? { position: { x, y } } : {});
  return {
    Version: "2019-10-30",
    StartAction: "hooks",
    Metadata: {
      name: "Main",
      type: "contactFlow",
      ...(positions ? { entryPointPosition: { x: 20, y: 40 } } : {}),
      ActionMetadata: {
        a1: at(180, 40),
        a2: { ...at(440, 40), parameters: { QueueId: { displayName: "Sales queue" } } },
        a3: at(700, 40),
        island: at(440, 300),
        hooks: { ...at(180, 300), parameters: { EventHooks: { CustomerQueue: { displayName: "Queue music" } } } },
        hooks2: { ...at(180, 420), parameters: { EventHooks: { CustomerQueue: { displayName: "Gone flow" } } } },
      },
    },
    Actions: [
      { Identifier: "a1", Type: "MessageParticipant", Parameters: { Text: "Welcome <b>to</b> us" }, Transitions: { NextAction: "a2", Errors: [{ ErrorType: "NoMatchingError", NextAction: "gone" }] } },
      { Identifier: "a2", Type: "UpdateContactTargetQueue", Parameters: { QueueId: `${ARN}/queue/q1` }, Transitions: { NextAction: "a3", Errors: [{ ErrorType: "NoMatchingError", NextAction: "" }] } },
      { Identifier: "a3", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      { Identifier: "island", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
      { Identifier: "hooks", Type: "UpdateContactEventHooks", Parameters: { EventHooks: { CustomerQueue: `${ARN}/contact-flow/f2` } }, Transitions: { NextAction: "hooks2", Errors: [] } },
      { Identifier: "hooks2", Type: "UpdateContactEventHooks", Parameters: { EventHooks: { CustomerQueue: `${ARN}/contact-flow/f9` } }, Transitions: { NextAction: "a1", Errors: [] } },
    ],
  };
}

const queueFlowJson = {
  Version: "2019-10-30",
  StartAction: "m",
  Metadata: { name: "Queue music", type: "customerQueue", entryPointPosition: { x: 0, y: 0 }, ActionMetadata: { m: { position: { x: 150, y: 0 } } } },
  Actions: [{ Identifier: "m", Type: "EndFlowExecution", Parameters: {}, Transitions: {} }],
};

function parsed(filePath: string, value: Record<string, unknown>): { flow: Flow; project: ReturnType<typeof projectFlow> } {
  const json = parseJson(JSON.stringify(value, null, 2));
  if (!json.ok) throw new Error(json.message);
  const kind = classifyDocument(json.document.value);
  if (kind !== "flow" && kind !== "module") throw new Error(kind);
  const flow = buildFlow(json.document.value as Record<string, unknown>, kind, { filePath });
  return { flow, project: projectFlow(filePath, flow, json.document) };
}

function message(ruleId: string, severity: 1 | 2, line: number, text: string, extra: Partial<LintMessage> = {}): LintMessage {
  return { ruleId, messageId: ruleId, severity, message: text, line, column: 3, endLine: line, endColumn: 9, ...extra };
}

const MAIN = "/work/project/flows/main.json";
const QUEUE = "/work/project/flows/queue.json";

function scenario(positions = true): { results: LintResult[]; context: ReporterContext } {
  const main = parsed(MAIN, mainFlowJson(positions));
  const queue = parsed(QUEUE, queueFlowJson);
  const mainResult = makeResult(
    MAIN,
    [
      message("valid-action-parameters", 2, 12, SPECIAL_MESSAGE, { actionId: "a1", pointer: "/Actions/0/Parameters/Text" }),
      message("no-dangling-connector", 1, 30, "The NoMatchingError connector is not connected", { pointer: "/Actions/1/Transitions/Errors/0/NextAction" }),
      message("flow-naming-convention", 1, 1, "Flow name should match ^[A-Z]{2}"),
    ],
    { kind: "flow", flowName: "Main", flowType: "CONTACT_FLOW" },
  );
  const withSuppressed: LintResult = {
    ...mainResult,
    suppressedMessages: [message("no-unreachable-block", 1, 50, "Block is unreachable", { actionId: "island" })],
  };
  const queueResult = makeResult(QUEUE, [], { kind: "flow", flowName: "Queue music", flowType: "CUSTOMER_QUEUE" });
  return {
    results: [withSuppressed, queueResult],
    context: {
      ...context,
      report: {
        flows: new Map([
          [MAIN, main.flow],
          [QUEUE, queue.flow],
        ]),
        project: new ProjectIndex([main.project, queue.project]),
        suppressions: [{ filePath: MAIN, rule: "no-unreachable-block", actionId: "island", reason: "Kept for the <pilot> & rollback", expires: "2027-01-31" }],
        complianceRules: ["no-hardcoded-arn", "valid-action-parameters"],
      },
    },
  };
}

/** The markup of the element with this start tag prefix, up to its end tag (no nesting of the same tag inside). */
function element(output: string, start: string, tag: string): string {
  const from = output.indexOf(start);
  expect(from, `no ${start}`).toBeGreaterThanOrEqual(0);
  const end = output.indexOf(`</${tag}>`, from);
  return output.slice(from, end + tag.length + 3);
}

function blockGroup(output: string, flowKey: string, block: string): string {
  const from = output.indexOf(`data-block="${block}" id="${flowKey}-${block}"`);
  expect(from, `no block ${block}`).toBeGreaterThanOrEqual(0);
  const start = output.lastIndexOf("<g ", from);
  // a block group holds at most one nested <g> (the badge)
  let end = output.indexOf("</g>", from);
  const badge = output.indexOf('<g class="badge">', from);
  if (badge >= 0 && badge < end) end = output.indexOf("</g>", end + 4);
  return output.slice(start, end + 4);
}

describe("html reporter", () => {
  it("is one self-contained document: no external script, style, image or font", () => {
    const { results: r, context: c } = scenario();
    const out = html(r, c);
    expect(out.startsWith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")).toBe(true);
    expect(out.endsWith("</script></body></html>\n")).toBe(true);
    expect(out).not.toMatch(/<script[^>]+src=|<link\b|<img\b|@import|url\(http|<iframe/);
    // The only absolute URLs are the rule documentation links and the SVG namespace.
    const urls = [...new Set(out.match(/https?:\/\/[^"'\s)<]+/g))].sort();
    expect(urls).toEqual([
      "http://www.w3.org/2000/svg",
      "https://example.test/rules/flow-naming-convention",
      "https://example.test/rules/no-dangling-connector",
      "https://example.test/rules/no-unreachable-block",
      "https://example.test/rules/valid-action-parameters",
    ]);
  });

  it("gives the same bytes twice and prints no time stamp unless given one", () => {
    const a = scenario();
    const b = scenario();
    const first = html(a.results, a.context);
    expect(html(b.results, b.context)).toBe(first);
    expect(first).not.toMatch(/generated \d/);
    const stamped = html(a.results, { ...a.context, report: { ...a.context.report, generatedAt: "2026-12-07T01:00:00Z" } });
    expect(stamped).toContain("connect-lint 1.2.3 · 2 files · 1 error, 2 warnings, 1 suppressed · generated 2026-12-07T01:00:00Z</p>");
  });

  it("summarises flows, findings by rule and by flow type, compliance results and suppressions with their reasons", () => {
    const { results: r, context: c } = scenario();
    const out = html(r, c);
    expect(out).toContain('<div class="card"><div class="n">2</div><div class="l">Flows linted</div></div><div class="card"><div class="n">0</div><div class="l">Modules linted</div></div>');
    expect(out).toContain('<div class="card error"><div class="n">1</div><div class="l">Errors</div></div><div class="card warning"><div class="n">2</div><div class="l">Warnings</div></div><div class="card suppressed"><div class="n">1</div><div class="l">Suppressed</div></div>');
    const byRule = element(out, "<h3>Findings by rule</h3>", "table");
    expect(byRule.match(/<tr><td>.*?<\/tr>/g)).toEqual([
      '<tr><td><a href="https://example.test/rules/flow-naming-convention" title="Flow names follow a pattern"><code>flow-naming-convention</code></a></td><td class="num">0</td><td class="num">1</td><td class="num">0</td></tr>',
      '<tr><td><a href="https://example.test/rules/no-dangling-connector" title="Every branch leads somewhere"><code>no-dangling-connector</code></a></td><td class="num">0</td><td class="num">1</td><td class="num">0</td></tr>',
      '<tr><td><a href="https://example.test/rules/no-unreachable-block" title="Every block can be reached"><code>no-unreachable-block</code></a></td><td class="num">0</td><td class="num">0</td><td class="num">1</td></tr>',
      '<tr><td><a href="https://example.test/rules/valid-action-parameters" title="Block parameters are valid"><code>valid-action-parameters</code></a></td><td class="num">1</td><td class="num">0</td><td class="num">0</td></tr>',
    ]);
    const byType = element(out, "<h3>Findings by flow type</h3>", "table");
    expect(byType.match(/<tr><td>.*?<\/tr>/g)).toEqual([
      '<tr><td>Customer queue flow</td><td class="num">1</td><td class="num">0</td><td class="num">0</td><td class="num">0</td></tr>',
      '<tr><td>Inbound flow</td><td class="num">1</td><td class="num">1</td><td class="num">2</td><td class="num">1</td></tr>',
    ]);
    const compliance = element(out, '<h3 id="compliance">', "table");
    expect(compliance).toContain('<code>no-hardcoded-arn</code></td><td></td><td><span class="pass">Passed</span></td></tr>');
    expect(compliance).toContain('<code>valid-action-parameters</code></a></td><td>Block parameters are valid</td><td><span class="fail">Failed</span>: 1 error</td></tr>');
    // A compliance rule the configuration left off did not run: it is not shown as passed.
    const offRun = html(r, { ...c, report: { ...c.report, enabledRules: ["valid-action-parameters"] } });
    expect(element(offRun, '<h3 id="compliance">', "table")).toContain('<code>no-hardcoded-arn</code></td><td></td><td><span class="muted">Not run: off in the configuration</span></td></tr>');
    const suppressions = element(out, '<h3 id="suppressions">', "table");
    expect(suppressions).toContain(
      '<tr><td><a href="#file-f0">flows/main.json</a></td><td><strong>Disconnect / hang up</strong><br><span class="muted">island</span></td>',
    );
    expect(suppressions).toContain("<td>Block is unreachable</td><td>Kept for the &lt;pilot&gt; &amp; rollback</td><td>2027-01-31</td></tr>");
  });

  it("lists every finding with its block, position, escaped message, rule link and filter attributes", () => {
    const { results: r, context: c } = scenario();
    const out = html(r, c);
    const rows = element(out, '<section class="file" id="file-f0"', "table").match(/<tr data-sev[\s\S]*?<\/tr>/g);
    expect(rows).toEqual([
      '<tr data-sev="warning" data-rule="flow-naming-convention"><td><span class="sev warning">warning</span></td><td><span class="muted">—</span></td><td class="num">1:3</td><td class="msg">Flow name should match ^[A-Z]{2}</td><td><a href="https://example.test/rules/flow-naming-convention" title="Flow names follow a pattern"><code>flow-naming-convention</code></a></td></tr>',
      `<tr data-sev="error" data-rule="valid-action-parameters" data-block="b0"><td><span class="sev error">error</span></td><td><strong>Play prompt</strong><br><span class="muted">a1</span></td><td class="num">12:3</td><td class="msg">${esc(SPECIAL_MESSAGE)}</td><td><a href="https://example.test/rules/valid-action-parameters" title="Block parameters are valid"><code>valid-action-parameters</code></a></td></tr>`,
      '<tr data-sev="warning" data-rule="no-dangling-connector" data-block="b1"><td><span class="sev warning">warning</span></td><td><strong>Set working queue</strong><br><span class="muted">a2</span></td><td class="num">30:3</td><td class="msg">The NoMatchingError connector is not connected</td><td><a href="https://example.test/rules/no-dangling-connector" title="Every branch leads somewhere"><code>no-dangling-connector</code></a></td></tr>',
      '<tr data-sev="suppressed" data-rule="no-unreachable-block" data-block="b3" class="sup"><td><span class="sev suppressed">suppressed</span></td><td><strong>Disconnect / hang up</strong><br><span class="muted">island</span></td><td class="num">50:3</td><td class="msg">Block is unreachable<span class="reason">Suppressed: Kept for the &lt;pilot&gt; &amp; rollback (until 2027-01-31)</span></td><td><a href="https://example.test/rules/no-unreachable-block" title="Every block can be reached"><code>no-unreachable-block</code></a></td></tr>',
    ]);
    expect(esc(SPECIAL_MESSAGE)).toBe("Prompt &quot;Welcome&quot; &lt;b&gt;&amp;&lt;/b&gt; &#39;hi&#39;: 100% done, then\nnext line\r\nand | pipes `code` — café 日本 😀 bell");
    expect(out).toContain(
      '<select id="filter-rule"><option value="">All rules</option><option value="flow-naming-convention">flow-naming-convention</option><option value="no-dangling-connector">no-dangling-connector</option><option value="no-unreachable-block">no-unreachable-block</option><option value="valid-action-parameters">valid-action-parameters</option></select>',
    );
    expect(out).toContain('<span class="shown" id="filter-shown">Showing 4 of 4 findings</span>');
  });

  it("draws each flow from the designer's positions, with block names, ports, marks, dangling connectors and unreachable blocks", () => {
    const { results: r, context: c } = scenario();
    const out = html(r, c);
    expect(out.match(/<svg class="flow"/g)).toHaveLength(2);
    expect(out).toContain("<summary>Diagram: 6 blocks · designer layout · 1 unreachable · 2 dangling connectors</summary>");
    expect(blockGroup(out, "f0", "b0")).toBe(
      '<g class="block mark-error" data-block="b0" id="f0-b0" tabindex="0"><title>Play prompt: a1\nIdentifier a1</title>' +
        '<rect class="body" x="180" y="40" width="200" height="86" rx="6"/><rect class="head" x="180" y="40" width="200" height="4" rx="2"/>' +
        '<text class="type" x="190" y="59">Play prompt</text><text class="name" x="190" y="75">a1</text>' +
        '<text class="port" x="370" y="97">Success</text><circle class="port-dot" cx="380" cy="93" r="3.5"/>' +
        '<text class="port open" x="370" y="115">NoMatchingError</text><circle class="port-dot" cx="380" cy="111" r="3.5"/>' +
        '<g class="badge"><circle cx="378" cy="42" r="10"/><text x="378" y="46">1</text></g></g>',
    );
    expect(blockGroup(out, "f0", "b1")).toContain('<g class="block mark-warning" data-block="b1" id="f0-b1" tabindex="0"><title>Set working queue: a2\nIdentifier a2</title><rect class="body" x="440" y="40"');
    expect(blockGroup(out, "f0", "b2")).toBe(
      '<g class="block" data-block="b2" id="f0-b2" tabindex="0"><title>Disconnect / hang up: a3\nIdentifier a3</title>' +
        '<rect class="body" x="700" y="40" width="200" height="44" rx="6"/><rect class="head" x="700" y="40" width="200" height="4" rx="2"/>' +
        '<text class="type" x="710" y="59">Disconnect / hang up</text><text class="name" x="710" y="75">a3</text></g>',
    );
    expect(blockGroup(out, "f0", "b3")).toContain(
      '<g class="block mark-suppressed unreachable" data-block="b3" id="f0-b3" tabindex="0"><title>Disconnect / hang up: island\nIdentifier island\nunreachable from the entry</title>',
    );
    expect(blockGroup(out, "f0", "b3")).toContain('<text class="tag" x="440" y="296">Unreachable</text>');
    // The NoMatchingError of a1 leads to a deleted block; the one of a2 is not connected.
    expect(out.match(/<g class="dangling">.*?<\/g>/g)).toEqual([
      '<g class="dangling"><title>NoMatchingError leads to &quot;gone&quot;, which is not a block of the flow</title><path d="M380 111h44"/><circle cx="430" cy="111" r="6"/><path class="x" d="M427 108l6 6m0 -6l-6 6"/><text x="440" y="115">missing block</text></g>',
      '<g class="dangling"><title>NoMatchingError is not connected</title><path d="M640 111h44"/><circle cx="690" cy="111" r="6"/><path class="x" d="M687 108l6 6m0 -6l-6 6"/><text x="700" y="115">not connected</text></g>',
    ]);
    expect(out).toContain('<g class="entry"><rect x="20" y="40" width="110" height="36" rx="18"/><text x="75" y="62">Entry</text></g>');
    // Entry -> hooks, a1 Success -> a2, a2 Success -> a3, hooks -> hooks2 -> a1: block top + 20 to the port's row.
    const edges = element(out, '<g class="edges" style="marker-end:url(#f0-arrow)">', "g");
    expect(edges.match(/<path [^>]*>/g)).toEqual([
      '<path class="edge" d="M130 58C170 58 140 320 180 320"/>',
      '<path class="edge" d="M380 93C420 93 400 60 440 60"/>',
      '<path class="edge" d="M640 93C680 93 660 60 700 60"/>',
      '<path class="edge" d="M380 353C480 353 80 440 180 440"/>',
      '<path class="edge" d="M380 473C480 473 80 60 180 60"/>',
    ]);
  });

  it("lays out with dagre, left to right, when the export records no positions", () => {
    const { results: r, context: c } = scenario(false);
    const out = html(r, c);
    expect(out).toContain("<summary>Diagram: 6 blocks · automatic layout (no designer positions) · 1 unreachable · 2 dangling connectors</summary>");
    const x = (block: string): number => Number(/<rect class="body" x="(-?[\d.]+)"/.exec(blockGroup(out, "f0", block))?.[1]);
    const entry = Number(/<g class="entry"><rect x="(-?[\d.]+)"/.exec(out)?.[1]);
    expect(entry).toBeLessThan(x("b0"));
    expect(x("b0")).toBeLessThan(x("b1"));
    expect(x("b1")).toBeLessThan(x("b2"));
    // Dagre is deterministic: the same flow gives the same drawing.
    expect(html(scenario(false).results, c)).toBe(out);
  });

  it("draws the project map: flows as links to their sections, event hooks, broken references", () => {
    const { results: r, context: c } = scenario();
    const out = html(r, c);
    expect(out).toContain("<p class=\"muted\">2 flows and modules; 2 links, <strong class=\"fail\">1 broken reference</strong>. Click a flow to go to its diagram.</p>");
    const map = element(out, '<svg class="map"', "svg");
    expect(map).toContain('<a href="#file-f0" class="node flow"><title>Main (Inbound flow)</title>');
    expect(map).toContain('<a href="#file-f1" class="node flow"><title>Queue music (Customer queue flow)</title>');
    expect(map).toContain('<g class="node broken"><title>Gone flow: no flow in the project is named &quot;Gone flow&quot;</title>');
    expect(map).toContain('<text class="sub" x="');
    expect(map.match(/<path class="link[^"]*"/g)).toEqual(['<path class="link hook"', '<path class="link hook broken"']);
    expect(map).toContain("<title>Main → Queue music: CustomerQueue</title>");
    expect(map).toContain("<title>Main → Gone flow: CustomerQueue (broken reference)</title>");
  });

  it("puts the flows that nothing links in a grid below the linked ones", () => {
    const flows = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].map((n) => parsed(`/work/project/flows/${n}.json`, { ...queueFlowJson, Metadata: { ...queueFlowJson.Metadata, name: `Flow ${n}` } }).project);
    const map = drawProjectMap(new ProjectIndex(flows), new Map());
    expect(map.edges).toBe(0);
    // Ten flows, no links: ceil(sqrt(10 / 2)) = 3 columns, 230 wide and 46 high with 18 between.
    expect(map.svg.match(/<rect x="\d+" y="\d+"/g)).toEqual([
      '<rect x="0" y="0"', '<rect x="248" y="0"', '<rect x="496" y="0"',
      '<rect x="0" y="64"', '<rect x="248" y="64"', '<rect x="496" y="64"',
      '<rect x="0" y="128"', '<rect x="248" y="128"', '<rect x="496" y="128"',
      '<rect x="0" y="192"',
    ]);
  });

  it("works on findings alone, without flows or a project", () => {
    const out = html(results, context);
    expect(out).not.toContain('<svg class="flow"');
    expect(out).not.toContain('id="project"');
    expect(out).not.toContain('id="compliance"');
    // Every finding, active and suppressed, has a row; findings keep their Identifier when there is no flow to name the block.
    const all = results.reduce((n, res) => n + res.messages.length + res.suppressedMessages.length, 0);
    expect(out.match(/<tr data-sev=/g)).toHaveLength(all);
    expect(out).toContain('<td><code>a1b2c3d4-0000-4000-8000-000000000001</code></td>');
    expect(out).toContain('<span class="reason">Suppressed.</span>');
    expect(out).toContain("<td><span class=\"muted\">not recorded</span></td>");
  });

  it("keeps diagrams in templates, closed, when the report is large", () => {
    const { results: r, context: c } = scenario();
    const main = c.report?.flows?.get(MAIN);
    if (!main) throw new Error("no flow");
    const many: LintResult[] = [];
    const flows = new Map<string, Flow>();
    const copies = Math.ceil(HTML_INLINE_BLOCKS / main.actions.length) + 1;
    for (let i = 0; i < copies; i++) {
      const file = `/work/project/flows/copy-${String(i).padStart(4, "0")}.json`;
      many.push({ ...(r[1] as LintResult), filePath: file });
      flows.set(file, main);
    }
    const out = html(many, { ...c, report: { flows } });
    expect(out.match(/<details class="diagram"><summary>/g)).toHaveLength(copies);
    expect(out.match(/<div class="canvas"><template><svg class="flow"/g)).toHaveLength(copies);
    expect(out).toContain(`<p class="muted">${String(copies * 6)} blocks in all: open a flow's diagram to draw it.</p>`);
  });
});

describe("odd flows", () => {
  it("draws blocks without Identifier or Type, duplicate Identifiers, bad positions and a StartAction that leads nowhere", () => {
    const { flow } = parsed(MAIN, {
      Version: "2019-10-30",
      StartAction: "nowhere",
      Metadata: { entryPointPosition: "here", ActionMetadata: { dup: { position: { x: "1", y: 2 } } } },
      Actions: [
        { Identifier: "dup", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
        { Type: "MessageParticipant", Parameters: { Text: 42 }, Transitions: { NextAction: "dup" } },
        { Identifier: "dup", Parameters: [], Transitions: { Conditions: [{ NextAction: "dup", Condition: { Operator: "Equals", Operands: [1, null] } }] } },
      ],
    });
    const d = drawFlow(flow, "f0", new Map([["b2", { mark: "error", errors: 1, warnings: 0, suppressed: 0 }]]));
    // Without an entry block nothing is marked unreachable (valid-flow-structure reports the StartAction).
    expect(d).toMatchObject({ blocks: 3, layout: "automatic", unpositioned: 3, unreachable: 0, dangling: 0 });
    expect(d.svg).toContain("<title>Play prompt: #2 (no Identifier)\nno Identifier</title>");
    expect(d.svg).toContain('<g class="block mark-error" data-block="b2" id="f0-b2" tabindex="0"><title>Block: dup\nIdentifier dup</title>');
    expect(d.svg).toContain(">= 1</text>");
    // No entry edge: the start leads to no block.
    expect(element(d.svg, '<g class="edges"', "g").match(/<path /g)).toHaveLength(2);
  });
});

describe("block names", () => {
  it("are the names rule messages use: an Identifier a person chose, else the designer's display name, else the block's text", () => {
    const { flow } = parsed(MAIN, mainFlowJson());
    expect(flow.actions.map((a) => blockName(flow, a))).toEqual(["a1", "a2", "a3", "island", "hooks", "hooks2"]);
    const json = mainFlowJson();
    const actions = json.Actions as Record<string, unknown>[];
    const generated = ["0b9c4a47-9a55-4d7c-8c4e-5f6a7b8c9d01", "1c9c4a47-9a55-4d7c-8c4e-5f6a7b8c9d02"];
    actions[0] = { ...actions[0], Identifier: generated[0] };
    actions[1] = { ...actions[1], Identifier: generated[1] };
    const meta = (json.Metadata as { ActionMetadata: Record<string, unknown> }).ActionMetadata;
    meta[generated[1] ?? ""] = meta.a2;
    const named = parsed(MAIN, json).flow;
    expect(named.actions.slice(0, 2).map((a) => blockName(named, a))).toEqual(["Welcome to us", "Sales queue"]);
  });

  it("are truncated with an ellipsis in the diagram, whole in the tooltip", () => {
    expect(truncate("A very long prompt text that goes on and on", 20)).toBe("A very long prompt \u2026");
    expect(truncate("short", 20)).toBe("short");
    const json = mainFlowJson();
    const actions = json.Actions as Record<string, unknown>[];
    const id = "0b9c4a47-9a55-4d7c-8c4e-5f6a7b8c9d01";
    actions[0] = { ...actions[0], Identifier: id, Parameters: { Text: "Thank you for calling the support line of the company" } };
    const { flow } = parsed(MAIN, json);
    const d = drawFlow(flow, "f0", new Map());
    // The name is the block's text, cut at a word by the naming rule; the diagram shortens it further.
    expect(d.svg).toContain(`<title>Play prompt: Thank you for calling the support line…\nIdentifier ${id}\n`);
    expect(d.svg).toContain('<text class="name" x="10" y="35">Thank you for calling the sup\u2026</text>');
  });
});

describe("layout", () => {
  it("lays a large graph out in layers, breadth first from the first node, without dagre", () => {
    const g = layoutGraph({ multigraph: false, nodesep: 10, ranksep: 50 });
    for (const [v, h] of [["entry", 30], ["a", 40], ["b", 60], ["c", 40], ["island", 40]] as const) g.setNode(v, { width: 100, height: h });
    g.setEdge("entry", "a");
    g.setEdge("a", "b");
    g.setEdge("a", "c");
    g.setEdge("c", "a");
    layeredLayout(g);
    const at = (v: string): [number | undefined, number | undefined] => [g.node(v).x, g.node(v).y];
    expect([at("entry"), at("a"), at("b"), at("c"), at("island")]).toEqual([
      [50, 15],
      [200, 20],
      [350, 30],
      [350, 90],
      [50, 60],
    ]);
    expect(g.edge("a", "b").points).toEqual([]);
  });

  it("uses dagre up to DAGRE_MAX_NODES nodes and the layered layout above, so a huge flow cannot hang or overflow the stack", () => {
    const chain = (n: number) => {
      const g = layoutGraph({ multigraph: false, nodesep: 10, ranksep: 50 });
      for (let i = 0; i < n; i++) g.setNode(`n${String(i)}`, { width: 100, height: 40 });
      for (let i = 1; i < n; i++) g.setEdge(`n${String(i - 1)}`, `n${String(i)}`);
      layout(g);
      return g;
    };
    // dagre routes edges (three points for adjacent ranks); the layered layout leaves them empty.
    expect(chain(DAGRE_MAX_NODES).edge("n0", "n1").points).toHaveLength(3);
    const big = chain(5000);
    expect(big.edge("n0", "n1").points).toEqual([]);
    expect(big.node("n4999").x).toBe(4999 * 150 + 50);
  });
});
