/** What the end-to-end tests share: where things are, temporary folders, and running the built CLI. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = path.join(ROOT, "packages/cli/bin/connect-lint.js");

/** A fresh temporary folder, removed when the test file is done. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `connect-lint-${prefix}-`));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly input?: string | Buffer;
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs the built CLI as a user would, with no standard input unless given and FORCE_COLOR unset. */
export function runCli(args: readonly string[], options: RunOptions): Run {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input ?? "", encoding: "utf8", env, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A maker of fresh project folders below one temporary folder: `project({ "flows/a.json": "…" })`
 * writes the files (creating folders) and returns the project's path.
 */
export function projectMaker(prefix: string): (files: Record<string, string>) => string {
  const base = tempDir(prefix);
  let counter = 0;
  return (files) => {
    const dir = path.join(base, `p${String(counter++)}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
}
