import type { ValueNode } from "@humanwhocodes/momoa";
import { momoa } from "../lazy.js";
import { decodeJsonString } from "./decode.js";
import { coarse } from "./decode.js";
import type { TemplateNode } from "./tree.js";

export type JsonTreeOutcome = { ok: true; root: TemplateNode } | { ok: false; message: string; offset: number };

function convert(text: string, node: ValueNode): TemplateNode {
  const start = node.loc.start.offset;
  const end = node.loc.end.offset;
  switch (node.type) {
    case "String": {
      const value = node.value;
      return {
        kind: "string",
        value,
        start,
        end,
        decode: () => decodeJsonString(text, start, end) ?? coarse(value, start, end),
      };
    }
    case "Object":
      return { kind: "map", start, end, entries: node.members.map((m) => [m.name.type === "String" ? m.name.value : m.name.name, convert(text, m.value)] as const) };
    case "Array":
      return { kind: "seq", start, end, items: node.elements.map((e) => convert(text, e.value)) };
    default:
      return { kind: "other", start, end };
  }
}

/** Parses JSON text into a `TemplateNode` tree with host offsets. Never throws. */
export function parseJsonTree(text: string): JsonTreeOutcome {
  try {
    return { ok: true, root: convert(text, momoa().parse(text, { mode: "json" }).body) };
  } catch (error) {
    const e = error as { message?: unknown; offset?: unknown };
    return {
      ok: false,
      message: typeof e.message === "string" ? e.message.replace(/\s*\(\d+:\d+\)$/, "") : String(error),
      offset: typeof e.offset === "number" ? e.offset : 0,
    };
  }
}
