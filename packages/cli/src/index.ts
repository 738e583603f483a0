export { EXIT, run, version } from "./main.js";
export type { CliIo } from "./main.js";
export { discoverFiles, UsageError } from "./discover.js";
export { writeFileAtomic } from "./write.js";
