import fs from "node:fs";

/** The plugin's version: the version of the rules it ships with (all packages are versioned together). */
export const VERSION: string = (JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
