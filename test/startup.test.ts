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

/**
 * The modules a run of the bin loads: CommonJS ones from NODE_DEBUG=module, ES modules from a load
 * hook. Both sets are paths under node_modules, e.g. `yaml@2.9.1/node_modules/yaml/dist/index.js`.
 */
function loadedModules(args: string[]): string[] {
  const hook = "export async function load(url, context, next) { process.stderr.write(`LOADED ${url}\\n`); return next(url, context); }";
  const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const r = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(register)}`, bin, "--no-config-lookup", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_DEBUG: "module" },
  });
  expect(r.status === 0 || r.status === 1, r.stderr.slice(-2000)).toBe(true);
  // `load "/path" for module` (CommonJS) and `LOADED file:///path` (ES modules).
  return [...r.stderr.matchAll(/^(?:MODULE \d+: load "|LOADED file:\/\/)[^\s"]*\/node_modules\/\.pnpm\/([^\s"]+)/gm)].map((m) => m[1] as string);
}

describe("start-up cost", () => {
  const packageOf = (file: string): string => (/^[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file);

  it("lints a JSON flow without loading ajv's compiler, yaml, picomatch, cosmiconfig, diff, dagre or momoa", () => {
    const loaded = loadedModules(["fixtures/flows/agent-whisper.json"]);
    const packages = new Set(loaded.map(packageOf));
    // What a lint needs: the graph library, and ajv's runtime helpers that the generated validators use.
    expect(packages).toContain("@dagrejs/graphlib");
    expect(loaded.filter((f) => packageOf(f) === "ajv").every((f) => f.includes("/ajv/dist/runtime/"))).toBe(true);
    for (const lazy of ["yaml", "picomatch", "cosmiconfig", "diff", "@dagrejs/dagre", "@humanwhocodes/momoa"]) expect(packages, lazy).not.toContain(lazy);
  });

  it("loads momoa when a file is not valid JSON, for the message", () => {
    const packages = new Set(loadedModules(["fixtures/flows/not-json.json"]).map(packageOf));
    expect(packages).toContain("@humanwhocodes/momoa");
  });

  it("loads yaml when a YAML template is read", () => {
    const packages = new Set(loadedModules(["fixtures/containers/cloudformation/flows.yaml"]).map(packageOf));
    expect(packages).toContain("yaml");
  });
});
