#!/usr/bin/env node
// Benchmark (not a test): how fast connect-lint is, measured in one run on one machine, against the
// cost of reading and parsing the same files and against ESLint with @eslint/json.
//
// Usage: pnpm bench            (builds first)
//        node scripts/bench.js [--quick] [--json FILE] [--skip-eslint] [--skip-memory]
//        CONNECT_LINT_BENCH_ROOT=../other-checkout node scripts/bench.js   (that checkout's build)
//
// Sections (see BENCHMARKS.md for the figures and the goals):
//   1. throughput: generated flows (and the real corpus in ../shared/corpus/flows when present),
//      in-process: read + JSON.parse vs read + lint with the recommended rules;
//   2. ESLint 10 + @eslint/json recommended (Node API, in-process) vs connect-lint on the same files;
//   3. scaling: one flow of 100 .. 100,000 blocks;
//   4. cold start: `connect-lint --version` and one small flow, as whole processes;
//   5. --concurrency: the whole CLI over the generated flows with 1, 2 and auto threads;
//   6. peak memory: the whole CLI over 10,000 generated flow files;
//   7. whole processes over the corpus copied ten times (2,460 files): `connect-lint --format json`
//      vs a node script that reads and JSON.parses the same files vs the ESLint CLI with @eslint/json;
//   8. folder discovery with container detection on plain flows, vs the `**/*.json` search before it;
//   9. the ESLint plugin (@connect-lint/eslint-plugin) vs connect-lint run() on the same flows.
// Times are medians of several runs after warm-up runs, taken with process.hrtime.bigint().
import { Buffer } from "node:buffer";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateFlow, generateFlows } from "./lib/generate-flows.js";
import { machine, median, runProcess, since, timeIt, timeProcess } from "./lib/measure.js";

// CONNECT_LINT_BENCH_ROOT: measure another checkout's build with this script (a before/after comparison).
const root = path.resolve(process.env.CONNECT_LINT_BENCH_ROOT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
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

// ---------------------------------------------------------------------------------------------
// 7. Whole processes over the corpus ×10: connect-lint, a read + JSON.parse script, ESLint.
// ---------------------------------------------------------------------------------------------

const corpusData = datasets.find((d) => d.name === "corpus");
let corpus10;
if (corpusData) {
  corpus10 = path.join(tmp, "corpus10");
  for (let copy = 0; copy < 10; copy++) {
    const dir = path.join(corpus10, `copy-${String(copy)}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of corpusData.files) fs.copyFileSync(file, path.join(dir, path.basename(file)));
  }
  const files = corpusData.files.length * 10;
  const readParse = path.join(tmp, "read-parse.mjs");
  fs.writeFileSync(
    readParse,
    [
      'import fs from "node:fs"; import path from "node:path";',
      "const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []));",
      "for (const f of walk(process.argv[2])) { try { JSON.parse(fs.readFileSync(f, 'utf8')); } catch {} }",
    ].join("\n"),
  );
  const eslintConfig = path.join(tmp, "eslint.config.mjs");
  fs.writeFileSync(
    eslintConfig,
    `import json from ${JSON.stringify(import.meta.resolve("@eslint/json"))};\nexport default [{ files: ["**/*.json"], language: "json/json", ...json.configs.recommended }];\n`,
  );
  const eslintBin = path.join(root, "node_modules/eslint/bin/eslint.js");
  const commands = [
    ["node read-parse.mjs (read + JSON.parse)", [readParse, corpus10]],
    ["connect-lint --format json", [bin, "--no-config-lookup", "--format", "json", "-o", path.join(tmp, "corpus10.json"), corpus10]],
  ];
  if (!skipEslint && fs.existsSync(eslintBin)) {
    commands.push(["eslint + @eslint/json recommended", [eslintBin, "--no-config-lookup", "-c", eslintConfig, "--format", "json", "-o", path.join(tmp, "eslint10.json"), corpus10]]);
  }
  log(`\n## Whole processes over the corpus ×10 (${String(files)} files, ${mib(corpusData.bytes * 10)})\n`);
  log("| command | wall | CPU | peak RSS | vs read + parse |");
  log("| --- | --- | --- | --- | --- |");
  const rounds = quick ? 3 : 5;
  const byCommand = new Map(commands.map(([name]) => [name, []]));
  // Rounds alternate the commands, so that a change in the machine's load hits them alike; round 0 warms the file cache.
  for (let round = 0; round <= rounds; round++) {
    for (const [name, argv] of commands) {
      if (name.startsWith("eslint") && round > 3) continue; // the slowest by far: three timed runs
      const r = await runProcess(process.execPath, argv, { cwd: tmp });
      if (r.code !== 0 && r.code !== 1) throw new Error(`${name} failed: ${r.stderr}`);
      if (round > 0) byCommand.get(name).push(r);
    }
  }
  report.sections.corpus10 = [];
  const baseMs = median(byCommand.get(commands[0][0]).map((r) => r.ms));
  for (const [name] of commands) {
    const runs = byCommand.get(name);
    const row = { name, files, ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), maxRss: Math.max(...runs.map((r) => r.maxRss)) };
    row.ratio = row.ms / baseMs;
    report.sections.corpus10.push(row);
    log(`| \`${name}\` | ${fmt(row.ms)} ms | ${fmt(row.cpuMs)} ms | ${mib(row.maxRss)} | ${row.ratio.toFixed(1)}x |`);
  }
  const cl = report.sections.corpus10.find((r) => r.name.startsWith("connect-lint"));
  const es = report.sections.corpus10.find((r) => r.name.startsWith("eslint"));
  if (cl && es) log(`\nESLint + @eslint/json is ${(es.ms / cl.ms).toFixed(1)}x slower than connect-lint (wall), ${(es.cpuMs / cl.cpuMs).toFixed(1)}x (CPU).`);
}

// ---------------------------------------------------------------------------------------------
// 8. Folder discovery with container detection, on plain flows.
// ---------------------------------------------------------------------------------------------

{
  const { discoverFiles } = await import(path.join(root, "packages/cli/dist/discover.js"));
  const { mightHoldConnectResources } = await import(path.join(root, "packages/core/dist/index.js"));
  const tinyglobby = await import(pathToFileURL(createRequire(path.join(root, "packages/cli/package.json")).resolve("tinyglobby")).href);
  const dir = corpus10 ?? generated.dir;
  const ignore = ["**/node_modules/**", "**/.git/**"];
  // Before containers: a folder search for *.json, each file read and linted as a flow.
  const before = await timeIt(
    async () => {
      const files = await tinyglobby.glob("**/*.json", { cwd: dir, absolute: true, ignore, dot: false, followSymbolicLinks: false });
      for (const file of files.sort()) fs.readFileSync(file, "utf8");
    },
    { runs: quick ? 5 : 9, warmup: 2 },
  );
  // Now: the search for flows and their containers, and the container check of each file.
  let found = 0;
  const now = await timeIt(
    async () => {
      const files = await discoverFiles([dir], dir);
      found = 0;
      for (const file of files) if (!mightHoldConnectResources(file.path, fs.readFileSync(file.path, "utf8"))) found++;
    },
    { runs: quick ? 5 : 9, warmup: 2 },
  );
  const lintRun = report.sections.corpus10?.find((r) => r.name.startsWith("connect-lint"));
  const row = { dir: corpus10 ? "corpus ×10" : "generated", plainFlows: found, beforeMs: before.ms, nowMs: now.ms, extraMs: now.ms - before.ms, ...(lintRun ? { shareOfRun: (now.ms - before.ms) / lintRun.ms } : {}) };
  report.sections.discovery = row;
  log(`\n## Folder discovery with container detection (${row.dir}, ${String(found)} plain flows, in-process)\n`);
  log("| search | time |");
  log("| --- | --- |");
  log(`| before containers: \`**/*.json\`, read | ${fmt(before.ms)} ms |`);
  log(`| now: flows, templates, Terraform; read; container check | ${fmt(now.ms)} ms (+${fmt(row.extraMs)} ms${lintRun ? `, ${(100 * row.shareOfRun).toFixed(1)} % of the whole connect-lint run above` : ""}) |`);
}

// ---------------------------------------------------------------------------------------------
// 9. The ESLint plugin vs the CLI on the same flows, in-process.
// ---------------------------------------------------------------------------------------------

if (!skipEslint) {
  const { ESLint } = await import("eslint");
  const plugin = (await import(path.join(root, "packages/eslint-plugin/dist/index.js"))).default;
  const data = corpusData ?? datasets[0];
  const eslint = new ESLint({ cwd: data.dir, overrideConfigFile: true, cache: false, overrideConfig: [...plugin.configs.recommended] });
  let pluginMessages = 0;
  const viaPlugin = await timeIt(
    async () => {
      pluginMessages = 0;
      for (const r of await eslint.lintFiles(data.files)) pluginMessages += r.messages.length;
    },
    { runs: quick ? 2 : 5, warmup: 1 },
  );
  const viaCli = await timeIt(() => connectLintRun(["--no-config-lookup", "--format", "json", ...data.files], data.dir), { runs: quick ? 2 : 5, warmup: 1 });
  const row = { name: data.name, files: data.count, pluginMs: viaPlugin.ms, cliMs: viaCli.ms, perFileMs: (viaPlugin.ms - viaCli.ms) / data.count, messages: pluginMessages };
  report.sections.eslintPlugin = row;
  log(`\n## ESLint plugin vs the CLI (${data.name}: ${String(data.count)} flows, in-process, recommended)\n`);
  log("| ESLint + @connect-lint/eslint-plugin | connect-lint run() | ratio | overhead per file |");
  log("| --- | --- | --- | --- |");
  log(`| ${fmt(viaPlugin.ms)} ms | ${fmt(viaCli.ms)} ms | ${(viaPlugin.ms / viaCli.ms).toFixed(1)}x | ${row.perFileMs.toFixed(2)} ms |`);
}

log(`\nBenchmark took ${(since(started) / 1000).toFixed(0)} s; load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}.`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(report, null, 2) + "\n");
