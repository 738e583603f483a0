/**
 * End-to-end: `--concurrency` lints in worker threads and must print exactly what one thread prints
 * (same bytes, same order, same exit code), over the sample flows plus generated ones.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain JavaScript script, shared with `pnpm golden`
import { FORMATS as GOLDEN_FORMATS } from "../scripts/golden.js";

/** Every format the golden test covers. */
const FORMATS = GOLDEN_FORMATS as readonly string[];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "packages/cli/bin/connect-lint.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "connect-lint-concurrency-"));
const generated = path.join(tmp, "generated");

interface GeneratedFlow {
  readonly fileName: string;
  readonly text: string;
}
interface Generator {
  readonly generateFlows: (options: { count: number; seed: number; minBlocks?: number; maxBlocks?: number }) => Iterable<GeneratedFlow>;
}

beforeAll(async () => {
  // The benchmark's generator: realistic flows, a few with defects, deterministic.
  const { generateFlows } = (await import(pathToFileURL(path.join(root, "scripts/lib/generate-flows.js")).href)) as Generator;
  fs.mkdirSync(generated, { recursive: true });
  for (const flow of generateFlows({ count: 200, seed: 11, minBlocks: 5, maxBlocks: 40 })) fs.writeFileSync(path.join(generated, flow.fileName), flow.text);
  // Files that are not clean flows, so that every kind of result crosses the thread boundary.
  fs.writeFileSync(path.join(generated, "broken.json"), '{"Version": "2019-10-30", "Actions": [');
  fs.writeFileSync(path.join(generated, "binary.json"), Buffer.from([0x7b, 0x00, 0x7d]));
  fs.writeFileSync(path.join(generated, "package.json"), '{"name": "not-a-flow"}');
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const INPUTS = ["fixtures/flows", "fixtures/flows/not-json.json"];

describe("--concurrency gives the same output as one thread", () => {
  it.each(["stylish", "json"])("--format %s with 1, 2 and auto threads", (format) => {
    const runs = ["1", "2", "auto"].map((c) => cli(["--no-config-lookup", "--concurrency", c, "--format", format, ...INPUTS, generated]));
    const [one, ...others] = runs;
    if (!one) throw new Error("no run");
    expect(one.code).toBe(1);
    expect(one.stdout.length).toBeGreaterThan(1000);
    for (const other of others) {
      expect(other.code).toBe(one.code);
      expect(other.stderr).toBe(one.stderr);
      expect(other.stdout).toBe(one.stdout);
    }
    if (format === "json") {
      const results = JSON.parse(one.stdout) as { filePath: string }[];
      // Every generated flow and every sample flow has a result (non-flows found in a folder are skipped).
      expect(results.length).toBeGreaterThanOrEqual(200 + 10);
      const paths = results.map((r) => r.filePath);
      expect(paths).toEqual([...paths].sort());
    }
  });

  // Every other format, over the sample flows, the containers (several results per file) and the
  // generated flows: byte-identical between one thread and two.
  it.each(FORMATS.filter((f) => f !== "stylish" && f !== "json"))("--format %s with 1 and 2 threads", (format) => {
    const args = ["--no-config-lookup", "--format", format, ...INPUTS, "fixtures/containers", generated];
    const one = cli([...args, "--concurrency", "1"]);
    const two = cli([...args, "--concurrency", "2"]);
    expect(one.code).toBe(1);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
  });

  it("with --cache, cold and warm, in both modes", () => {
    const cacheFile = path.join(tmp, "cache");
    const args = ["--no-config-lookup", "--format", "json", "--cache", "--cache-location", cacheFile, ...INPUTS, generated];
    const reference = cli(["--no-config-lookup", "--format", "json", ...INPUTS, generated]);
    const cold = cli([...args, "--concurrency", "2"]);
    const warmThreads = cli([...args, "--concurrency", "2"]);
    const warmSingle = cli([...args, "--concurrency", "1"]);
    for (const r of [cold, warmThreads, warmSingle]) {
      expect(r.code).toBe(reference.code);
      expect(r.stdout).toBe(reference.stdout);
    }
  });

  it("in the project fixtures (configuration files, inventories, cross-flow rules)", () => {
    const projects = path.join(root, "fixtures/projects");
    const names = fs.existsSync(projects) ? fs.readdirSync(projects, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
    for (const name of names) {
      const dir = path.join(projects, name);
      const argsFile = path.join(dir, "args.txt");
      const args = fs.existsSync(argsFile) ? fs.readFileSync(argsFile, "utf8").split("\n").filter((l) => l.trim() !== "") : ["."];
      const runs = ["1", "3"].map((c) =>
        spawnSync(process.execPath, [bin, "--format", "json", "--concurrency", c, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } }),
      );
      expect(runs[1]?.stdout, name).toBe(runs[0]?.stdout);
      // Past the CPUs, --concurrency says it uses fewer threads; nothing else may differ.
      expect(runs[1]?.stderr.replace(/^connect-lint: --concurrency 3: using \d+ threads, one per CPU .*\n/, ""), name).toBe(runs[0]?.stderr);
      expect(runs[1]?.status, name).toBe(runs[0]?.status);
    }
  });

  it("rejects a bad value", () => {
    for (const value of ["0", "-1", "two", ""]) {
      const r = cli([`--concurrency=${value}`, "fixtures/flows"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--concurrency takes a number of threads/);
    }
  });
});
