// Small measuring helpers for scripts/bench.js.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

/** Milliseconds since `start` (a process.hrtime.bigint() value). */
export function since(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns the median wall time in ms and all samples. */
export async function timeIt(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(since(start));
  }
  return { ms: median(samples), samples };
}

/**
 * Runs a command as a whole process; resolves to its wall time (ms), exit code, CPU time (ms, user +
 * system, from the child's own resource usage) and peak resident memory (bytes). The child is run
 * through scripts/lib/rusage.js, which reports its process.resourceUsage() on exit.
 */
export function runProcess(command, args, { cwd, rusage = true } = {}) {
  return new Promise((resolve, reject) => {
    const reportFile = rusage ? `${os.tmpdir()}/connect-lint-bench-rusage-${process.pid}-${Math.random().toString(36).slice(2)}.json` : undefined;
    const fullArgs = rusage ? [new URL("./rusage.js", import.meta.url).pathname, reportFile, ...args] : args;
    const start = process.hrtime.bigint();
    const child = spawn(command, fullArgs, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = since(start);
      let usage;
      if (reportFile) {
        try {
          usage = JSON.parse(fs.readFileSync(reportFile, "utf8"));
          fs.rmSync(reportFile, { force: true });
        } catch {
          usage = undefined;
        }
      }
      resolve({ ms, code, stderr, cpuMs: usage ? (usage.userCPUTime + usage.systemCPUTime) / 1000 : undefined, maxRss: usage ? usage.maxRSS * 1024 : undefined });
    });
  });
}

/** Median wall time (and CPU time, peak RSS of the median run) of a whole process over `runs` runs after `warmup`. */
export async function timeProcess(command, args, { runs = 10, warmup = 2, cwd, expectCodes = [0, 1] } = {}) {
  for (let i = 0; i < warmup; i++) await runProcess(command, args, { cwd });
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await runProcess(command, args, { cwd });
    if (!expectCodes.includes(r.code)) throw new Error(`${command} ${args.join(" ")} exited with ${String(r.code)}: ${r.stderr}`);
    results.push(r);
  }
  return {
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs ?? NaN)),
    maxRss: Math.max(...results.map((r) => r.maxRss ?? 0)),
    samples: results.map((r) => r.ms),
  };
}

/** The machine, as BENCHMARKS.md records it. */
export function machine() {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const line = fs
      .readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) cpu = line.split(":")[1].trim();
  } catch {
    // not Linux
  }
  return {
    cpu,
    nproc: os.availableParallelism(),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    load: os.loadavg().map((l) => l.toFixed(2)).join(" "),
  };
}
