export { EXIT, displayPath, run, version } from "./main.js";
export type { CliIo } from "./main.js";
export { discoverFiles, UsageError } from "./discover.js";
export { parseOptions, parseRuleOption } from "./options.js";
export { writeFileAtomic } from "./write.js";
export { COMPLIANCE_RULES, htmlReportData, readParsedFlow, suppressionEntries } from "./report-data.js";
export type { ReportDataInput } from "./report-data.js";
export type { ParsedFlow } from "./lint-file.js";
