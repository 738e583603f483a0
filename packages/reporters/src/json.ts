import type { Reporter } from "./types.js";

/** ESLint-compatible JSON: an array of results, one per file. */
export const json: Reporter = (results) => JSON.stringify(results) + "\n";
