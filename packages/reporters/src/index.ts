import { json } from "./json.js";
import { stylish } from "./stylish.js";
import type { Reporter } from "./types.js";

export type { Reporter, ReporterContext } from "./types.js";
export { json, stylish };

/** Reporters by the name given to `--format`. */
export const reporters: Readonly<Record<string, Reporter>> = { stylish, json };
