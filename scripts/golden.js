#!/usr/bin/env node
// The output of every format of the built CLI over fixed inputs, kept in test/golden/ so that a change
// that should not alter behaviour (a refactor) is proved not to, byte for byte, and a change that should
// shows its effect on every format in review. test/golden.test.ts compares; this script writes.
//
// Usage: node scripts/golden.js [--update] [--out DIR]
//   --update   rewrite test/golden/ (fixtures: every output; ../shared/corpus: one SHA-256 per output)
//   --out DIR  write every output, corpus included, as files into DIR (to diff two builds by hand)
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const GOLDEN_DIR = path.join(root, "test/golden");
export const CORPUS_DIR = path.resolve(root, "../shared/corpus");
export const FORMATS = ["stylish", "compact", "json", "sarif", "junit", "checkstyle", "github", "gitlab", "markdown"];

/** The input sets: name -> [cwd, args]. Fixture sets are kept whole; corpus sets as hashes. */
export function inputSets() {
  const fixtures = {
    flows: [root, ["fixtures/flows"]],
    rules: [root, ["fixtures/rules", "--no-config-lookup", "--rule", "flow-naming-convention: warn"]],
    graph: [root, ["fixtures/graph", "--no-config-lookup"]],
    containers: [root, ["fixtures/containers", "--no-config-lookup", "--rule", "no-transfer-cycle: error"]],
    diff: [root, ["fixtures/diff", "--no-config-lookup"]],
  };
  for (const name of fs.readdirSync(path.join(root, "fixtures/projects")).sort()) {
    fixtures[`project-${name}`] = [path.join(root, "fixtures/projects", name), ["."]];
  }
  const corpus = {};
  if (fs.existsSync(path.join(CORPUS_DIR, "flows"))) {
    corpus["corpus"] = [CORPUS_DIR, ["flows", "--no-config-lookup"]];
    corpus["corpus-all"] = [CORPUS_DIR, ["flows", "--no-config-lookup", "--rule", "max-flow-complexity: warn", "--rule", "no-unused-flow: warn"]];
  }
  return { fixtures, corpus };
}

/** Runs the CLI in this process (no start-up per run); the output with absolute paths made portable. */
async function runCli(cwd, args) {
  const { run } = await import(pathToFileURL(path.join(root, "packages/cli/dist/main.js")).href);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => (out += c));
  stderr.on("data", (c) => (err += c));
  const stdin = new PassThrough();
  stdin.end();
  const code = await run(args, { stdin, stdout, stderr, cwd, env: { NO_COLOR: "1" } });
  const portable = (s) => s.split(CORPUS_DIR).join("<corpus>").split(root).join("<root>");
  return `${portable(out)}\n-- exit ${String(code)}\n${portable(err)}`;
}

/** name.format -> output, for one group of input sets. */
export async function goldenOutputs(sets) {
  const out = new Map();
  for (const [name, [cwd, args]] of Object.entries(sets)) {
    for (const format of FORMATS) out.set(`${name}.${format}`, await runCli(cwd, [...args, "--format", format]));
  }
  return out;
}

export function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { fixtures, corpus } = inputSets();
  const outAt = process.argv.indexOf("--out");
  if (outAt > 0) {
    const dir = path.resolve(process.argv[outAt + 1]);
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of await goldenOutputs({ ...fixtures, ...corpus })) fs.writeFileSync(path.join(dir, name), text);
  } else if (process.argv.includes("--update")) {
    fs.rmSync(GOLDEN_DIR, { recursive: true, force: true });
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    for (const [name, text] of await goldenOutputs(fixtures)) fs.writeFileSync(path.join(GOLDEN_DIR, name), text);
    if (Object.keys(corpus).length > 0) {
      const hashes = Object.fromEntries([...(await goldenOutputs(corpus))].map(([name, text]) => [name, sha256(text)]));
      fs.writeFileSync(path.join(GOLDEN_DIR, "corpus.sha256.json"), `${JSON.stringify(hashes, null, 2)}\n`);
    }
  } else {
    console.error("usage: node scripts/golden.js --update | --out DIR");
    process.exit(2);
  }
}
