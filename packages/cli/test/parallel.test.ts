import { describe, expect, it } from "vitest";
import { AUTO_MAX_THREADS, AUTO_MIN_FILES, threadCount } from "../src/parallel.js";

describe("threadCount", () => {
  it("takes a number as given, at least 1, at most one per file and at most one per CPU", () => {
    expect(threadCount(3, 1000, { cpus: 1, load: 9 })).toBe(1);
    expect(threadCount(3, 1000, { cpus: 4, load: 9 })).toBe(3);
    expect(threadCount(1000, 1000, { cpus: 2, load: 0 })).toBe(2);
    expect(threadCount(8, 5, { cpus: 16, load: 0 })).toBe(5);
    expect(threadCount(0, 5, { cpus: 16, load: 0 })).toBe(1);
  });

  it("auto never uses threads on fewer than 3 CPUs, where they were slower than one", () => {
    expect(threadCount("auto", 10_000, { cpus: 2, load: 0 })).toBe(1);
    expect(threadCount("auto", 10_000, { cpus: 1, load: 0 })).toBe(1);
  });

  it("auto uses one thread below AUTO_MIN_FILES files", () => {
    expect(threadCount("auto", AUTO_MIN_FILES - 1, { cpus: 8, load: 0 })).toBe(1);
    expect(threadCount("auto", AUTO_MIN_FILES, { cpus: 8, load: 0 })).toBe(AUTO_MAX_THREADS);
  });

  it("auto counts only the CPUs the load average leaves idle", () => {
    expect(threadCount("auto", 1000, { cpus: 4, load: 0.2 })).toBe(4);
    expect(threadCount("auto", 1000, { cpus: 4, load: 1.6 })).toBe(2);
    expect(threadCount("auto", 1000, { cpus: 3, load: 1 })).toBe(2);
    expect(threadCount("auto", 1000, { cpus: 4, load: 7 })).toBe(1);
    expect(threadCount("auto", 1000, { cpus: 3, load: 0 })).toBe(3);
  });
});
