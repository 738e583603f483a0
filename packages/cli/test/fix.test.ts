import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigResolver, DEFAULT_CONFIG } from "@connect-lint/core";
import { presets, rules } from "@connect-lint/rules";
import { fixFile } from "../src/fix.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "connect-lint-fixfile-"));
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const FLOW = `{
  "Version": "2019-10-30",
  "StartAction": "bye",
  "Metadata": { "ActionMetadata": { "bye": { "position": { "x": 1, "y": 1 } }, "gone": { "position": { "x": 2, "y": 2 } } } },
  "Actions": [{ "Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {} }]
}
`;
const FIXED = FLOW.replace(', "gone": { "position": { "x": 2, "y": 2 } }', "");

function configFor(file: string) {
  const resolver = new ConfigResolver({ config: DEFAULT_CONFIG, filepath: undefined, baseDir: dir }, { registry: rules, presets, cliRules: {}, cliFlowType: undefined });
  return resolver.forFile(file);
}

describe("fixFile", () => {
  it("writes the fixed text atomically, keeping a byte-order mark", async () => {
    const file = path.join(dir, "bom.json");
    fs.writeFileSync(file, "\uFEFF" + FLOW);
    const done = await fixFile(file, configFor(file), false, { unreachable: false, keep: false });
    expect(done.status).toBe("written");
    expect(done.fixed).toBe(1);
    expect(fs.readFileSync(file, "utf8")).toBe("\uFEFF" + FIXED);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("does not touch a file whose content changed after it was read", async () => {
    const file = path.join(dir, "changed.json");
    fs.writeFileSync(file, FLOW);
    const edited = FLOW.replace('"x": 1', '"x": 10');
    const done = await fixFile(file, configFor(file), false, { unreachable: false, keep: false }, {
      beforeWrite: () => {
        fs.writeFileSync(file, edited);
      },
    });
    expect(done).toEqual({ filePath: file, status: "changed-on-disk", fixed: 0, problem: "it changed after it was read" });
    expect(fs.readFileSync(file, "utf8")).toBe(edited);
  });

  it("a dry run computes the fix and writes nothing", async () => {
    const file = path.join(dir, "dry.json");
    fs.writeFileSync(file, FLOW);
    const done = await fixFile(file, configFor(file), true, { unreachable: false, keep: false });
    expect(done.status).toBe("dry-run");
    expect(done.after).toBe(FIXED);
    expect(fs.readFileSync(file, "utf8")).toBe(FLOW);
  });
});
