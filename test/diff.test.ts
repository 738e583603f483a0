import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type * as Format from "../packages/cli/src/diff/format.js";
import { ROOT, runCli, tempDir } from "./helpers.js";

const FIXTURES = path.join(ROOT, "fixtures/diff");
const expected = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const pair = (c: string): string[] => ["diff", `fixtures/diff/${c}/old.json`, `fixtures/diff/${c}/new.json`, "--no-config-lookup"];

describe("connect-lint diff OLD NEW", () => {
  it("names every kind of change, in each format, and exits 1 when the change introduces an error", () => {
    for (const [format, file] of [
      ["stylish", "rewired/expected.stylish.txt"],
      ["json", "rewired/expected.json"],
      ["markdown", "rewired/expected.md"],
    ] as const) {
      const r = runCli([...pair("rewired"), "-f", format], { cwd: ROOT });
      expect([r.code, r.stderr]).toEqual([1, ""]);
      expect(r.stdout).toBe(expected(file));
    }
  });

  it("summarises a layout-only change in one line and exits 0", () => {
    const r = runCli(pair("layout-only"), { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected("layout-only/expected.stylish.txt"));
    expect(r.stdout).toContain("  ⋯ 7 blocks moved on the canvas (layout only)\n");
  });

  it("writes to a file with -o and says what is wrong with bad input", () => {
    const dir = tempDir("diff");
    const out = path.join(dir, "diff.md");
    expect(runCli([...pair("rewired"), "-f", "markdown", "-o", out], { cwd: ROOT }).stdout).toBe("");
    expect(fs.readFileSync(out, "utf8")).toBe(expected("rewired/expected.md"));
    expect(runCli(["diff", "fixtures/diff/rewired/old.json"], { cwd: ROOT })).toMatchObject({
      code: 2,
      stderr: "connect-lint: diff takes two files (diff OLD NEW) or --base REV [PATH ...]. See connect-lint diff --help.\n",
    });
    expect(runCli(["diff", "nope.json", "fixtures/diff/rewired/new.json"], { cwd: ROOT })).toMatchObject({ code: 2, stderr: `connect-lint: No such file: ${path.join(ROOT, "nope.json")}\n` });
    expect(runCli([...pair("rewired"), "-f", "sarif"], { cwd: ROOT })).toMatchObject({ code: 2, stderr: 'connect-lint: diff: --format takes stylish, json or markdown, got "sarif".\n' });
  });
});

describe("connect-lint diff of flows in a template", () => {
  it("compares the flows of two versions of a CloudFormation template resource by resource", () => {
    const dir = tempDir("diff-cfn");
    const template = fs.readFileSync(path.join(ROOT, "fixtures/containers/cloudformation/flows.yaml"), "utf8");
    fs.writeFileSync(path.join(dir, "old.yaml"), template);
    fs.writeFileSync(path.join(dir, "new.yaml"), template.replace("Name: Queue flow", "Name: Queue flow 2"));
    const r = runCli(["diff", "old.yaml", "new.yaml", "--no-config-lookup", "-f", "json"], { cwd: dir });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { files: { path: string; resource?: string; status: string; flow: { path: string; before: string | null; after: string | null }[] }[] };
    // Only the flow that changed: the other resources of the template are left out.
    expect(out.files.map((f) => [f.path, f.resource, f.status])).toEqual([["new.yaml", "QueueFlow", "changed"]]);
    expect(out.files.find((f) => f.resource === "QueueFlow")?.flow).toEqual([{ path: "name", before: '"Queue flow"', after: '"Queue flow 2"' }]);
  });
});

describe("connect-lint diff --base REV", () => {
  it("compares every flow changed in git since the revision with the working tree", () => {
    const dir = tempDir("diff-git");
    const git = (...args: string[]): string => execFileSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" } });
    git("init", "-q");
    fs.mkdirSync(path.join(dir, "flows"));
    fs.copyFileSync(path.join(FIXTURES, "rewired/old.json"), path.join(dir, "flows/new.json"));
    fs.copyFileSync(path.join(FIXTURES, "layout-only/old.json"), path.join(dir, "flows/same.json"));
    fs.writeFileSync(path.join(dir, "notes.txt"), "not a flow\n");
    git("add", ".");
    git("commit", "-qm", "base");
    fs.copyFileSync(path.join(FIXTURES, "rewired/new.json"), path.join(dir, "flows/new.json"));
    fs.writeFileSync(path.join(dir, "notes.txt"), "changed, still not a flow\n");
    const r = runCli(["diff", "--base", "HEAD", "--no-config-lookup"], { cwd: dir });
    expect(r.code).toBe(1);
    // The same report as comparing the two files, for the one flow that changed.
    expect(r.stdout).toBe(expected("rewired/expected.stylish.txt").replace("fixtures/diff/rewired/new.json", "flows/new.json"));
    expect(runCli(["diff", "--base", "no-such-rev"], { cwd: dir })).toMatchObject({ code: 2, stderr: 'connect-lint: --base: "no-such-rev" is not a commit of this repository.\n' });
    expect(runCli(["diff", "--base", "HEAD", "flows/same.json", "--no-config-lookup"], { cwd: dir })).toMatchObject({ code: 0, stdout: "No flow changed.\n" });

    // The GitHub Action's diff-summary input appends the markdown to the job summary.
    const summary = path.join(dir, "summary.md");
    const action = spawnSync("bash", [path.join(ROOT, "action/run.sh")], {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: path.join(dir, "output.txt"),
        RUNNER_TEMP: dir,
        INPUT_PATHS: "flows",
        INPUT_ARGS: "--no-config-lookup",
        INPUT_DIFF_SUMMARY: "true",
        INPUT_DIFF_BASE: "HEAD",
      },
    });
    expect(action.status).toBe(0);
    const written = fs.readFileSync(summary, "utf8");
    expect(written).toMatch(/^## connect-lint\n/);
    expect(written.slice(written.indexOf("## connect-lint: flow changes"))).toBe(
      expected("rewired/expected.md").replace("fixtures/diff/rewired/new.json", "flows/new.json"),
    );
  });
});

describe("markdown for a pull-request comment", () => {
  it("stays under GitHub's 65,536-character limit and says how many files it left out", async () => {
    const { formatDiff } = (await import(path.join(ROOT, "packages/cli/dist/diff/format.js"))) as typeof Format;
    const message = { ruleId: "no-dangling-connector", messageId: "notConnected", severity: 2 as const, message: "x".repeat(300), line: 1, column: 1, endLine: 1, endColumn: 2 };
    const files = Array.from({ length: 400 }, (_, i) => ({
      path: `flows/f${String(i)}.json`,
      flowName: `F${String(i)}`,
      status: "added" as const,
      diff: null,
      findings: { introduced: [message], fixed: [] },
    }));
    const text = formatDiff(files, "markdown");
    expect(text.length).toBeLessThan(65_536);
    const shown = (text.match(/^### /gm) ?? []).length;
    expect(shown).toBeGreaterThan(50);
    expect(text).toContain(`_${String(400 - shown)} more changed flow files not shown (GitHub's comment size limit); run \`connect-lint diff\` locally for the full report._`);
  });
});
