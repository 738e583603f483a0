/**
 * Cross-flow fixtures: each fixtures/projects/<name>/ folder is a project (flows, modules, a
 * configuration, maybe an inventory). The built CLI, run in the folder as
 * `connect-lint --format compact --no-color <args>` (args from `args.txt`, one per line, default
 * "."), must print exactly `expected.out` and exit 1 when it holds an error line, else 0.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "packages/cli/bin/connect-lint.js");
const projects = path.join(root, "fixtures/projects");
const names = fs.existsSync(projects) ? fs.readdirSync(projects, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];

describe.runIf(names.length > 0)("project fixtures", () => {
  it.each(names)("%s", (name) => {
    const dir = path.join(projects, name);
    const argsFile = path.join(dir, "args.txt");
    const args = fs.existsSync(argsFile) ? fs.readFileSync(argsFile, "utf8").split("\n").filter((l) => l.trim() !== "") : ["."];
    const r = spawnSync(process.execPath, [bin, "--format", "compact", "--no-color", ...args], { cwd: dir, encoding: "utf8" });
    const expected = fs.readFileSync(path.join(dir, "expected.out"), "utf8");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(expected);
    expect(r.status).toBe(expected.includes(': error ') ? 1 : 0);
  });
});
