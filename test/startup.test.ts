/**
 * `--version` and `--help` alone are answered by the bin without loading the linter; they must say
 * exactly what the full CLI says, and the help's list of formats must be the reporters'.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "@connect-lint/cli";
import { reporters } from "@connect-lint/reporters";
import { FORMAT_NAMES, HELP } from "../packages/cli/dist/help.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "packages/cli/bin/connect-lint.js");

async function inProcess(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback): void {
      stdout += chunk.toString();
      callback();
    },
  });
  const code = await run(argv, { stdin: process.stdin, stdout: sink, stderr: sink, cwd: root, env: {} });
  return { code, stdout };
}

describe("start-up shortcuts", () => {
  it("lists exactly the reporters' formats", () => {
    expect([...FORMAT_NAMES]).toEqual(Object.keys(reporters));
    expect(HELP).toContain(Object.keys(reporters).join(", "));
  });

  it.each([["--version"], ["-v"], ["--help"], ["-h"]])("%s from the bin is what the CLI says", async (flag) => {
    const fromBin = spawnSync(process.execPath, [bin, flag], { cwd: root, encoding: "utf8" });
    const full = await inProcess([flag]);
    expect(fromBin.status).toBe(0);
    expect(full.code).toBe(0);
    expect(fromBin.stdout).toBe(full.stdout);
    expect(fromBin.stdout.length).toBeGreaterThan(4);
  });

  it("goes through the full parser when other arguments come with them", () => {
    const r = spawnSync(process.execPath, [bin, "--version", "--no-such-option"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no-such-option/);
  });
});
