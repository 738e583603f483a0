/**
 * The packages are publishable: packed as npm would publish them and installed into an empty
 * project, `npx connect-lint` runs. (Installs third-party dependencies from the npm registry.)
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "connect-lint-pack-"));
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function sh(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${String(r.status)}):\n${r.stderr}`);
  return r.stdout;
}

describe("npm pack", () => {
  it("the packed CLI installs into an empty folder and runs", () => {
    const packs = path.join(tmp, "packs");
    fs.mkdirSync(packs);
    for (const dir of ["packages/core", "rules", "packages/reporters", "packages/cli"]) {
      sh("pnpm", ["pack", "--pack-destination", packs], path.join(root, dir));
    }
    const tarballs = fs.readdirSync(packs).sort();
    expect(tarballs).toEqual(["connect-lint-cli-0.1.0.tgz", "connect-lint-core-0.1.0.tgz", "connect-lint-reporters-0.1.0.tgz", "connect-lint-rules-0.1.0.tgz"]);
    const project = path.join(tmp, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), '{"name": "uses-connect-lint", "private": true}\n');
    sh("npm", ["install", ...tarballs.map((t) => path.join(packs, t))], project);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "packages/cli/package.json"), "utf8")) as { version: string };
    expect(sh("npx", ["--no-install", "connect-lint", "--version"], project)).toBe(`${pkg.version}\n`);
    // The installed CLI lints a flow and ships its schemas and rule docs.
    fs.copyFileSync(path.join(root, "fixtures/flows/agent-whisper.json"), path.join(project, "flow.json"));
    expect(spawnSync("npx", ["--no-install", "connect-lint", "flow.json"], { cwd: project, encoding: "utf8" }).status).toBe(0);
    expect(fs.existsSync(path.join(project, "node_modules/@connect-lint/cli/connect-lint.schema.json"))).toBe(true);
    expect(fs.existsSync(path.join(project, "node_modules/@connect-lint/rules/docs/no-dangling-connector.md"))).toBe(true);
  }, 180_000);
});
