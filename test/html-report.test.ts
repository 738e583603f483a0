/**
 * The HTML audit report in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) opens the report of the sample flows from a file:// URL and the test checks the
 * rendered page: a diagram per flow, every finding, the links between findings and blocks, the
 * filters, no network access. It also opens a 300-block flow and 500 generated flows and prints the
 * load times. Set UPDATE_SCREENSHOT=1 to rewrite docs/report-screenshot.png.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { LintResult } from "@connect-lint/core";
import { html } from "@connect-lint/reporters";
import type { ReporterContext } from "@connect-lint/reporters";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Installs Debian's chromium when it is missing (as root); the reason it cannot run otherwise. */
function chromiumUnavailable(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  if (process.platform !== "linux" || !fs.existsSync("/usr/bin/apt-get")) return `${CHROMIUM} is missing and this is not a Debian system with apt-get`;
  if (process.getuid?.() !== 0) return `${CHROMIUM} is missing and installing it needs root (apt-get install chromium)`;
  process.stdout.write("html report test: installing chromium with apt-get (about a minute)\n");
  const r = spawnSync("sh", ["-c", "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium"], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0 || !fs.existsSync(CHROMIUM)) return `apt-get install chromium failed: ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" / ")}`;
  return undefined;
}

interface Report {
  results: LintResult[];
  context: ReporterContext;
}
interface InputModule {
  lintForReport: (input: { groups: { files: (string | { filePath: string; text: string })[] }[]; cwd: string; ruleSettings?: Record<string, string> }) => Report;
}
interface SampleModule {
  sampleReport: () => Report;
}
interface GeneratorModule {
  generateFlow: (options: { seed: number; blocks: number; name?: string }) => { text: string };
  generateFlows: (options: { count: number; seed: number; minBlocks: number; maxBlocks: number }) => Iterable<{ fileName: string; text: string }>;
}

async function load<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(path.join(ROOT, file)).href)) as T;
}

const unavailable = chromiumUnavailable();
if (unavailable !== undefined) process.stdout.write(`html report browser test skipped: ${unavailable}\n`);

describe.skipIf(unavailable !== undefined)("html report in Chromium", () => {
  const dir = tempDir("html-report");
  let browser: Browser;
  let sample: Report;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  /** Writes a report and opens it; returns the load time in ms (navigation to the load event). */
  async function open(target: Page, report: Report, name: string): Promise<number> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, html(report.results, report.context));
    const started = performance.now();
    await target.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return Math.round(performance.now() - started);
  }

  async function newPage(width = 1400, height = 1000): Promise<Page> {
    const p = await browser.newPage({ viewport: { width, height } });
    p.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url());
    });
    p.on("pageerror", (e) => errors.push(String(e)));
    p.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    return p;
  }

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    sample = (await load<SampleModule>("scripts/html-report.js")).sampleReport();
    page = await newPage();
    const ms = await open(page, sample, "sample.html");
    process.stdout.write(`html report: sample report (${String(sample.results.length)} files) loaded in ${String(ms)} ms\n`);
  }, 120_000);

  afterAll(async () => {
    await browser.close();
  });

  it("draws one diagram per flow and module, and loads nothing from the network", async () => {
    const flows = sample.results.filter((r) => r.kind === "flow" || r.kind === "module" || r.kind === "legacy");
    expect(flows.length).toBe(15);
    const drawn: { title: string; diagrams: number }[] = [];
    for (const s of await page.locator("section.file").all()) {
      drawn.push({ title: (await s.locator("h3 span").first().textContent()) ?? "", diagrams: await s.locator("details.diagram svg.flow").count() });
    }
    expect(drawn.filter((d) => d.diagrams === 1).map((d) => d.title)).toEqual(flows.map((r) => r.flowName));
    expect(drawn.filter((d) => d.diagrams === 0).map((d) => d.title)).toEqual(["fixtures/flows/not-json.json"]);
    // Every block of every flow is drawn, and the map has a node per flow of the Flow language (a legacy export is drawn, not mapped).
    const blocks: number[] = [];
    for (const svg of await page.locator("svg.flow").all()) blocks.push(await svg.locator("g.block").count());
    expect(blocks).toEqual(flows.map((r) => sample.context.report?.flows?.get(r.filePath)?.actions.length));
    expect(await page.locator("svg.map a.node").count()).toBe(14);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows every finding, with its message and rule link", async () => {
    const expected = sample.results.flatMap((r) => [...r.messages, ...r.suppressedMessages].map((m) => m.message)).sort();
    const rows = page.locator("table.findings tr[data-sev]");
    expect(await rows.count()).toBe(expected.length);
    const shown: string[] = [];
    for (const row of await rows.all()) {
      // Sections off screen are not rendered (content-visibility): scroll to each row as a reader would.
      await row.scrollIntoViewIfNeeded();
      expect(await row.isVisible()).toBe(true);
      shown.push((await row.textContent()) ?? "");
    }
    expect(shown.map((t) => expected.find((m) => t.includes(m)) ?? `(missing) ${t}`).sort()).toEqual(expected);
    expect(await page.locator("#filter-shown").textContent()).toBe(`Showing ${String(expected.length)} of ${String(expected.length)} findings`);
    const link = page.locator('table.findings tr[data-rule="no-dangling-connector"] a').first();
    expect(await link.getAttribute("href")).toBe(sample.context.rules.find((r) => r.id === "no-dangling-connector")?.helpUri);
  });

  it("highlights a finding's block when the finding is clicked, and a block's findings when the block is clicked", async () => {
    const section = page.locator("section.file", { hasText: "Inbound_Support" });
    const row = section.locator('tr[data-rule="no-unsupported-block"]');
    await row.click();
    const block = section.locator(`g.block[data-block="${String(await row.getAttribute("data-block"))}"]`);
    expect(await block.getAttribute("class")).toBe("block mark-error hl");
    expect(await row.getAttribute("class")).toBe("hl");
    expect(await block.isVisible()).toBe(true);
    // The other way: the two unreachable blocks each have one finding.
    const island = section.locator("g.block.unreachable").first();
    await section.locator("button[data-zoom=fit]").click();
    await island.click();
    expect(await island.getAttribute("class")).toBe("block mark-warning unreachable hl");
    const lit = await Promise.all((await section.locator("tr.hl").all()).map((tr) => tr.getAttribute("data-rule")));
    expect(lit).toEqual(["no-unreachable-block"]);
    expect(await block.getAttribute("class")).toBe("block mark-error");
  });

  it("filters findings by severity and by rule", async () => {
    const visible = async (): Promise<string[]> =>
      Promise.all(
        (await page.locator("table.findings tr[data-sev]:visible").all()).map(async (tr) => `${(await tr.getAttribute("data-sev")) ?? ""} ${(await tr.getAttribute("data-rule")) ?? ""}`),
      );
    await page.locator('input[data-filter-sev][value="error"]').uncheck();
    expect(await visible()).toEqual([
      "warning no-unreachable-block",
      "warning no-unreachable-block",
      "warning legacy-format",
      "suppressed no-sensitive-content-in-transfer-flow",
    ]);
    expect(await page.locator("#filter-shown").textContent()).toBe("Showing 4 of 13 findings");
    await page.locator('input[data-filter-sev][value="error"]').check();
    await page.locator("#filter-rule").selectOption("no-unreachable-block");
    expect(await visible()).toEqual(["warning no-unreachable-block", "warning no-unreachable-block"]);
    await page.locator("#filter-rule").selectOption("");
    expect((await visible()).length).toBe(13);
  });

  it("keeps a screenshot", async () => {
    const shot = await newPage(1360, 1000);
    await open(shot, sample, "screenshot.html");
    const section = shot.locator("section.file", { hasText: "Inbound_Support" });
    // A finding clicked: its block is highlighted and the diagram zooms to it.
    await section.locator('tr[data-rule="no-dangling-connector"]').first().click();
    await section.locator("h3").scrollIntoViewIfNeeded();
    await shot.evaluate("document.querySelector('section.file:has(tr.hl)').scrollIntoView(); window.scrollBy(0, -36);");
    await shot.mouse.move(0, 0);
    const file = process.env.UPDATE_SCREENSHOT === "1" ? path.join(ROOT, "docs/report-screenshot.png") : path.join(os.tmpdir(), "connect-lint-report-screenshot.png");
    await shot.screenshot({ path: file });
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    process.stdout.write(`html report: screenshot in ${file}\n`);
    await shot.close();
  });

  it("opens a 300-block flow, legible with zoom", async () => {
    const { generateFlow } = await load<GeneratorModule>("scripts/lib/generate-flows.js");
    const { lintForReport } = await load<InputModule>("scripts/lib/html-report-input.js");
    const report = lintForReport({ cwd: dir, groups: [{ files: [{ filePath: path.join(dir, "big.json"), text: generateFlow({ seed: 3, blocks: 300, name: "Big" }).text }] }] });
    const p = await newPage();
    const ms = await open(p, report, "big.html");
    const blocks = await p.locator("svg.flow g.block").count();
    process.stdout.write(`html report: a ${String(blocks)}-block flow loaded in ${String(ms)} ms\n`);
    expect(blocks).toBe(report.context.report?.flows?.get(path.join(dir, "big.json"))?.actions.length);
    const svg = p.locator("svg.flow");
    const before = (await svg.getAttribute("viewBox")) ?? "";
    for (let i = 0; i < 4; i++) await p.locator("#file-f0 button[data-zoom=in]").click();
    const after = (await svg.getAttribute("viewBox")) ?? "";
    const width = (viewBox: string): number => Number(viewBox.split(" ")[2]);
    expect(width(after)).toBeCloseTo(width(before) / 1.3 ** 4, 0);
    // At actual size a block is drawn as wide as in the designer (200 px), whatever the flow's size.
    const rect = p.locator("svg.flow g.block rect.body").first();
    await p.locator("#file-f0 button[data-zoom=fit]").click();
    const fitted = (await rect.boundingBox())?.width ?? 0;
    await p.locator("#file-f0 button[data-zoom='1']").click();
    const actual = (await rect.boundingBox())?.width ?? 0;
    process.stdout.write(`html report: a block of the 300-block flow is ${fitted.toFixed(1)} px wide fitted, ${actual.toFixed(1)} px at 100%\n`);
    expect(Math.abs(actual - 200)).toBeLessThan(3); // 200 plus the border's width
    await p.close();
  }, 120_000);

  it("opens 500 flows without drawing them all, and draws one when opened", async () => {
    const { generateFlows } = await load<GeneratorModule>("scripts/lib/generate-flows.js");
    const { lintForReport } = await load<InputModule>("scripts/lib/html-report-input.js");
    const files = [...generateFlows({ count: 500, seed: 11, minBlocks: 10, maxBlocks: 60 })].map((f) => ({ filePath: path.join(dir, "many", f.fileName), text: f.text }));
    // Rendering is what is measured: one rule is enough to give the report a few findings.
    const report = lintForReport({ cwd: dir, groups: [{ files }], ruleSettings: { "no-dangling-connector": "error" } });
    const p = await newPage();
    const ms = await open(p, report, "many.html");
    const size = fs.statSync(path.join(dir, "many.html")).size;
    process.stdout.write(`html report: 500 flows (${String(Math.round(size / 1024))} KiB) loaded in ${String(ms)} ms\n`);
    expect(await p.locator("section.file details.diagram > .canvas > template").count()).toBe(500);
    expect(await p.locator("svg.flow").count()).toBe(0);
    const first = p.locator("section.file").nth(0);
    const started = performance.now();
    await first.locator("details.diagram > summary").click();
    // The diagram is drawn on the details' toggle event, which the browser fires after the click
    // returns: wait for it (under load it can come a moment later), then check there is exactly one.
    await first.locator("svg.flow").waitFor({ state: "attached", timeout: 30_000 });
    expect(await first.locator("svg.flow").count()).toBe(1);
    expect(await p.locator("svg.flow").count()).toBe(1);
    process.stdout.write(`html report: one of the 500 diagrams drawn in ${String(Math.round(performance.now() - started))} ms when opened\n`);
    expect(errors).toEqual([]);
    await p.close();
  }, 180_000);
});
