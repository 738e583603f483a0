#!/usr/bin/env node
// `--version` and `--help` alone answer without loading the linter (a few milliseconds instead of the
// few hundred it takes to load the rules, the reporters and their dependencies); anything else,
// those options among others included, goes through the full argument parser in main.js.
const args = process.argv.slice(2);

// A reader that stops early (`connect-lint --list-rules | head -1`) closes the pipe: the rest of the
// output has nowhere to go, which is not an error. Stop writing quietly; the run still ends with its
// own exit code.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
});
const only = args.length === 1 ? args[0] : undefined;

if (only === "--version" || only === "-v") {
  const { readFileSync } = await import("node:fs");
  process.stdout.write(`${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`);
} else if (only === "--help" || only === "-h") {
  const { HELP } = await import("../dist/help.js");
  process.stdout.write(HELP);
} else {
  const { run } = await import("../dist/main.js");
  process.exitCode = await run(args, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
}
