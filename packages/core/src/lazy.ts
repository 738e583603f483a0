/**
 * Dependencies loaded the first time a run uses them, not at start-up: most runs lint JSON flows
 * and never need a YAML parser, a syntax tree, glob matching or the ajv compiler. Loaded with
 * `require` (each ships CommonJS): the code that needs them is synchronous. One place, so that what
 * a plain run loads is decided here (test/startup.test.ts checks it).
 */
import { createRequire } from "node:module";
import type * as Momoa from "@humanwhocodes/momoa";
import type * as Yaml from "yaml";
import type Picomatch from "picomatch";
import type * as Ajv from "ajv";
import type * as Ajv2020 from "ajv/dist/2020.js";

const require = createRequire(import.meta.url);

/** A function giving the module `name`, required on its first call. */
function lazily(name: string): () => unknown {
  let loaded: unknown;
  return () => (loaded ??= require(name) as unknown);
}

/** momoa: messages for syntax errors, CloudFormation JSON templates. */
export const momoa = lazily("@humanwhocodes/momoa") as () => typeof Momoa;
/** yaml: CloudFormation YAML templates. */
export const yaml = lazily("yaml") as () => typeof Yaml;
/** picomatch: the configuration's file patterns. */
export const picomatch = lazily("picomatch") as () => typeof Picomatch;
/** ajv: a schema not generated at build time (see schema/validators.ts). */
export const ajv = lazily("ajv") as () => typeof Ajv;
export const ajv2020 = lazily("ajv/dist/2020.js") as () => typeof Ajv2020;
