// Runs a Node.js script in this process and, when the process exits, writes its resource usage
// (process.resourceUsage(): CPU times in microseconds, maxRSS in KiB) as JSON to a file.
// Usage: node scripts/lib/rusage.js REPORT.json SCRIPT.js [args...]
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [report, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on("exit", () => {
  fs.writeFileSync(report, JSON.stringify(process.resourceUsage()));
});
await import(pathToFileURL(path.resolve(script)).href);
