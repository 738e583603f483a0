#!/usr/bin/env node
// Benchmark (not a test): how fast connect-lint is, measured in one run on one machine, against the
// cost of reading and parsing the same files and against ESLint with @eslint/json.
//
// Usage: pnpm bench            (builds first)
//        node scripts/bench.js [--quick] [--json FILE] [--skip-eslint] [--skip-memory]
//
// Sections (see BENCHMARKS.md for the figures and the goals):
//   1. throughput: generated flows (and the real corpus in ../shared/corpus/flows when present),
//      in-process: read + JSON.parse vs read + lint with the recommended rules;
//   2. ESLint 10 + @eslint/json recommended (Node API, in-process) vs connect-lint on the same files;
//   3. scaling: one flow of 100 .. 100,000 blocks;
//   4. cold start: `connect-lint --version` and one small flow, as whole processes;
//   5. --concurrency: the whole CLI over the generated flows with 1, 2 and auto threads;
//   6. peak memory: the whole CLI over 10,000 generated flow files.
// Times are medians of several runs after warm-up runs, taken with process.hrtime.bigint().
import { Buffer } from "node:buffer";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { generateFlow, generateFlows } from "./lib/generate-flows.js";
import { machine, median, runProcess, since, timeIt, timeProcess } from "./lib/measure.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
const skipEslint = args.includes("--skip-eslint");
const skipMemory = args.includes("--skip-memory");

const { lintText, resolveRules } = await import(path.join(root, "packages/core/dist/index.js"));
const { rules, recommended } = await import(path.join(root, "rules/dist/index.js"));
const { run } = await import(path.join(root, "packages/cli/dist/main.js"));
const bin = path.join(root, "packages/cli/bin/connect-lint.js");
const enabled = resolveRules(rules, recommended);
const NO_LIMITS = { maxFileSize: Number.MAX_SAFE_INTEGER, maxNestingDepth: 1000 };

const started = process.hrtime.bigint();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "connect-lint-bench-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const report = { machine: machine(), enabledRules: enabled.length, sections: {} };
const log = (line = "") => console.log(line);
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

log(`connect-lint benchmark — ${report.machine.cpu}, ${report.machine.nproc} CPUs, ${report.machine.memory}, Node.js ${report.machine.node}`);
log(`load average at start: ${report.machine.load}; ${enabled.length} rules enabled (recommended)${quick ? "; --quick" : ""}`);

// ---------------------------------------------------------------------------------------------
// Data: generated flows on disk, the corpus when present.
// ---------------------------------------------------------------------------------------------

function writeFlows(dir, options) {
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let blocks = 0;
  let count = 0;
  for (const flow of generateFlows(options)) {
    fs.writeFileSync(path.join(dir, flow.fileName), flow.text);
    bytes += Buffer.byteLength(flow.text);
    blocks += flow.blocks;
    count++;
  }
  return { dir, count, bytes, blocks };
}

const generated = writeFlows(path.join(tmp, "generated"), { count: quick ? 200 : 1000, seed: 1, minBlocks: 10, maxBlocks: 80 });
const corpusDir = path.resolve(root, process.env.CONNECT_LINT_CORPUS ?? "../shared/corpus/flows");
const datasets = [{ name: "generated", ...generated, files: listJson(generated.dir) }];
if (fs.existsSync(corpusDir)) {
  const files = listJson(corpusDir);
  datasets.push({ name: "corpus", dir: corpusDir, count: files.length, bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0), files });
}

function listJson(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(dir, f));
}

// ---------------------------------------------------------------------------------------------
// 1. Throughput: lint vs read + JSON.parse, in-process.
// ---------------------------------------------------------------------------------------------

log("\n## Throughput (in-process, recommended rules)\n");
log("| files | size | read + JSON.parse | read + lint | lint / parse | files/s | MB/s |");
log("| --- | --- | --- | --- | --- | --- | --- |");
report.sections.throughput = [];
for (const data of datasets) {
  const readParse = await timeIt(
    () => {
      for (const file of data.files) {
        try {
          JSON.parse(fs.readFileSync(file, "utf8"));
        } catch {
          // an invalid file costs its failed parse
        }
      }
    },
    { runs: quick ? 3 : 7, warmup: 2 },
  );
  let problems = 0;
  const lint = await timeIt(
    () => {
      problems = 0;
      for (const file of data.files) {
        const result = lintText(fs.readFileSync(file, "utf8"), { filePath: file, rules: enabled, explicit: false });
        if (result) problems += result.messages.length;
      }
    },
    { runs: quick ? 3 : 7, warmup: 2 },
  );
  const row = { name: data.name, files: data.count, bytes: data.bytes, readParseMs: readParse.ms, lintMs: lint.ms, ratio: lint.ms / readParse.ms, problems };
  report.sections.throughput.push(row);
  log(
    `| ${data.name}: ${String(data.count)} | ${mib(data.bytes)} | ${fmt(readParse.ms)} ms | ${fmt(lint.ms)} ms | ${row.ratio.toFixed(1)}x | ${(data.count / (lint.ms / 1000)).toFixed(0)} | ${(data.bytes / 1e6 / (lint.ms / 1000)).toFixed(1)} |`,
  );
}

// ---------------------------------------------------------------------------------------------
// 2. ESLint 10 + @eslint/json as a peer reference, in-process, on the same files.
// ---------------------------------------------------------------------------------------------

const discard = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

async function connectLintRun(argv, cwd) {
  const code = await run(argv, { stdin: process.stdin, stdout: discard(), stderr: discard(), cwd, env: { NO_COLOR: "1" } });
  if (code !== 0 && code !== 1) throw new Error(`connect-lint ${argv.join(" ")} exited with ${String(code)}`);
}

if (!skipEslint) {
  log("\n## ESLint 10 + @eslint/json (recommended) vs connect-lint, in-process, same files\n");
  log("| files | ESLint + @eslint/json | connect-lint run() | connect-lint lintText loop | speed-up (run) |");
  log("| --- | --- | --- | --- | --- |");
  const { ESLint } = await import("eslint");
  const json = (await import("@eslint/json")).default;
  report.sections.eslint = [];
  for (const data of datasets) {
    const eslint = new ESLint({
      cwd: data.dir,
      overrideConfigFile: true,
      cache: false,
      overrideConfig: [{ files: ["**/*.json"], language: "json/json", ...json.configs.recommended }],
    });
    const eslintTime = await timeIt(() => eslint.lintFiles(data.files), { runs: quick ? 2 : 3, warmup: 1 });
    const cliTime = await timeIt(() => connectLintRun(["--no-config-lookup", "--format", "json", data.dir], data.dir), { runs: quick ? 2 : 5, warmup: 1 });
    const loop = report.sections.throughput.find((t) => t.name === data.name);
    const row = { name: data.name, files: data.count, eslintMs: eslintTime.ms, connectLintRunMs: cliTime.ms, connectLintLoopMs: loop.lintMs, speedup: eslintTime.ms / cliTime.ms };
    report.sections.eslint.push(row);
    log(`| ${data.name}: ${String(data.count)} | ${fmt(eslintTime.ms)} ms | ${fmt(cliTime.ms)} ms | ${fmt(loop.lintMs)} ms | ${row.speedup.toFixed(1)}x |`);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Scaling: one flow of 100 .. 100,000 blocks (minified, as the console exports them).
// ---------------------------------------------------------------------------------------------

log("\n## Scaling: one flow, recommended rules (minified JSON)\n");
log("| blocks | size | JSON.parse | lint | lint per 1,000 blocks | problems |");
log("| --- | --- | --- | --- | --- | --- |");
report.sections.scaling = [];
for (const blocks of quick ? [100, 1000, 10000] : [100, 1000, 10000, 100000]) {
  const { text } = generateFlow({ seed: 7, blocks, minified: true });
  const runs = blocks >= 100000 ? 3 : blocks >= 10000 ? 5 : 9;
  const parse = await timeIt(() => JSON.parse(text), { runs, warmup: 1 });
  let problems = 0;
  const lint = await timeIt(
    () => {
      problems = lintText(text, { filePath: "big.json", rules: enabled, explicit: true, limits: NO_LIMITS }).messages.length;
    },
    { runs, warmup: 1 },
  );
  const row = { blocks, bytes: text.length, parseMs: parse.ms, lintMs: lint.ms, perThousand: lint.ms / (blocks / 1000), problems };
  report.sections.scaling.push(row);
  log(`| ${blocks.toLocaleString("en")} | ${mib(text.length)} | ${fmt(parse.ms)} ms | ${fmt(lint.ms)} ms | ${fmt(row.perThousand)} ms | ${String(problems)} |`);
}

// ---------------------------------------------------------------------------------------------
// 4. Cold start: whole processes.
// ---------------------------------------------------------------------------------------------

log("\n## Cold start (whole process, median wall time; CPU = user + system)\n");
log("| command | wall | CPU |");
log("| --- | --- | --- |");
const small = path.join(root, "fixtures/flows/inbound-main-menu.json");
const cold = [
  ["node -e 0 (Node.js itself)", process.execPath, ["-e", "0"]],
  ["connect-lint --version", process.execPath, [bin, "--version"]],
  ["connect-lint --help", process.execPath, [bin, "--help"]],
  ["connect-lint one-flow.json", process.execPath, [bin, small]],
];
report.sections.coldStart = [];
const coldWall = new Map(cold.map(([name]) => [name, []]));
for (let round = 0; round < (quick ? 5 : 15) + 2; round++) {
  for (const [name, command, argv] of cold) {
    const r = await runProcess(command, argv, { cwd: root, rusage: false });
    if (round >= 2) coldWall.get(name).push(r.ms);
  }
}
for (const [name, command, argv] of cold) {
  // CPU time comes from runs through scripts/lib/rusage.js, which needs a script to run.
  const cpu = argv[0] === "-e" ? { cpuMs: NaN } : await timeProcess(command, argv, { runs: 5, warmup: 1, cwd: root });
  const row = { name, ms: median(coldWall.get(name)), cpuMs: cpu.cpuMs };
  report.sections.coldStart.push(row);
  log(`| \`${name}\` | ${fmt(row.ms)} ms | ${Number.isNaN(row.cpuMs) ? "-" : `${fmt(row.cpuMs)} ms`} |`);
}

// ---------------------------------------------------------------------------------------------
// 5. --concurrency: the whole CLI over the generated flows.
// ---------------------------------------------------------------------------------------------

log(`\n## --concurrency (whole CLI over ${String(generated.count)} generated flows, --format json)\n`);
log("| threads | wall | CPU | peak RSS | speed-up |");
log("| --- | --- | --- | --- | --- |");
report.sections.concurrency = [];
const outputs = new Set();
// Rounds alternate the thread counts, so that a change in the machine's load hits them alike.
const threadCounts = ["1", "2", "auto"];
const samples = new Map(threadCounts.map((c) => [c, []]));
for (let round = 0; round < (quick ? 2 : 4) + 1; round++) {
  for (const c of threadCounts) {
    const out = path.join(tmp, `out-${c}.json`);
    const r = await runProcess(process.execPath, [bin, "--no-config-lookup", "--concurrency", c, "--format", "json", "-o", out, generated.dir], { cwd: root });
    if (r.code !== 0 && r.code !== 1) throw new Error(`CLI failed: ${r.stderr}`);
    outputs.add(fs.readFileSync(out, "utf8"));
    if (round > 0) samples.get(c).push(r); // round 0 warms the file cache
  }
}
const single = median(samples.get("1").map((r) => r.ms));
for (const c of threadCounts) {
  const runs = samples.get(c);
  const row = { threads: c, ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), maxRss: Math.max(...runs.map((r) => r.maxRss)) };
  row.speedup = single / row.ms;
  report.sections.concurrency.push(row);
  log(`| ${c} | ${fmt(row.ms)} ms | ${fmt(row.cpuMs)} ms | ${mib(row.maxRss)} | ${row.speedup.toFixed(2)}x |`);
}
log(`\nOutputs identical across thread counts: ${outputs.size === 1 ? "yes" : "NO"}`);
report.sections.concurrencyIdentical = outputs.size === 1;

// ---------------------------------------------------------------------------------------------
// 6. Peak memory: the whole CLI over 10,000 flow files.
// ---------------------------------------------------------------------------------------------

if (!skipMemory) {
  const count = quick ? 2000 : 10000;
  const big = writeFlows(path.join(tmp, "many"), { count, seed: 2, minBlocks: 5, maxBlocks: 60 });
  log(`\n## Peak memory (whole CLI over ${count.toLocaleString("en")} flow files, ${mib(big.bytes)}, --format json to a file)\n`);
  log("| threads | wall | peak RSS |");
  log("| --- | --- | --- |");
  report.sections.memory = [];
  for (const c of ["1", "auto"]) {
    const r = await runProcess(process.execPath, [bin, "--no-config-lookup", "--concurrency", c, "--format", "json", "-o", path.join(tmp, "many.json"), big.dir], { cwd: root });
    if (r.code !== 0 && r.code !== 1) throw new Error(`CLI failed: ${r.stderr}`);
    report.sections.memory.push({ threads: c, files: count, bytes: big.bytes, ms: r.ms, maxRss: r.maxRss });
    log(`| ${c} | ${fmt(r.ms)} ms | ${mib(r.maxRss)} |`);
  }
}

log(`\nBenchmark took ${(since(started) / 1000).toFixed(0)} s; load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}.`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(report, null, 2) + "\n");
