/**
 * Every format's output over the fixtures (and, when ../shared/corpus exists, over the corpus) is
 * byte-identical to test/golden/. A change that alters output on purpose rewrites the golden files
 * with `node scripts/golden.js --update`, so review shows what changed in every format.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain JavaScript script, shared with `pnpm golden`
import { GOLDEN_DIR, goldenOutputs, inputSets, sha256 } from "../scripts/golden.js";

type Sets = Record<string, [string, string[]]>;
const { fixtures, corpus } = (inputSets as () => { fixtures: Sets; corpus: Sets })();
const outputs = goldenOutputs as (sets: Sets) => Promise<Map<string, string>>;

describe("golden output of every format", () => {
  it("over the fixtures", async () => {
    const got = await outputs(fixtures);
    const expected = fs.readdirSync(GOLDEN_DIR as string).filter((f) => f !== "corpus.sha256.json").sort();
    expect([...got.keys()].sort()).toEqual(expected);
    for (const [name, text] of got) expect(text, name).toBe(fs.readFileSync(path.join(GOLDEN_DIR as string, name), "utf8"));
  }, 120_000);

  it.skipIf(Object.keys(corpus).length === 0)("over ../shared/corpus", async () => {
    const hashes = JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR as string, "corpus.sha256.json"), "utf8")) as Record<string, string>;
    const got = await outputs(corpus);
    for (const [name, text] of got) expect((sha256 as (t: string) => string)(text), name).toBe(hashes[name]);
  }, 120_000);
});
