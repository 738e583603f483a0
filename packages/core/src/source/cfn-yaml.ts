import type { Scalar } from "yaml";
import { yaml } from "../lazy.js";
import { coarse, decodeYamlBlockScalar, decodeYamlFlowScalar, type Decoded } from "./decode.js";
import type { TemplateNode } from "./tree.js";

export type YamlTreeOutcome = { ok: true; root: TemplateNode } | { ok: false; message: string; offset: number };

interface SourceToken {
  readonly type: string;
  readonly offset: number;
  readonly indent?: number;
  readonly source?: string;
  readonly props?: readonly { readonly type: string; readonly offset: number; readonly source: string }[];
}

/** Host text and map of a string scalar, checked against the value `yaml` resolved (coarse when they differ). */
function decodeScalar(text: string, node: Scalar<string>, fallbackStart: number, fallbackEnd: number): Decoded {
  const token = node.srcToken as SourceToken | undefined;
  let decoded: Decoded | undefined;
  if (token?.type === "block-scalar" && token.props !== undefined && token.source !== undefined) {
    const header = token.props.find((p) => p.type === "block-scalar-header");
    const lastProp = token.props[token.props.length - 1];
    if (header !== undefined && lastProp !== undefined) {
      const start = lastProp.offset + lastProp.source.length;
      decoded = decodeYamlBlockScalar(text, header.source, start, start + token.source.length, token.indent ?? 0);
    }
  } else if (token?.source !== undefined) {
    const quote = token.type === "double-quoted-scalar" ? '"' : token.type === "single-quoted-scalar" ? "'" : "";
    decoded = decodeYamlFlowScalar(text, token.offset, token.offset + token.source.length, quote);
  }
  return decoded?.text === node.value ? decoded : coarse(node.value, fallbackStart, fallbackEnd);
}

function convert(text: string, node: unknown): TemplateNode {
  const range = (node as { range?: [number, number, number] | null }).range;
  const start = range?.[0] ?? 0;
  const end = range?.[1] ?? start;
  let converted: TemplateNode;
  if (yaml().isScalar(node) && typeof node.value === "string") {
    const scalar = node as Scalar<string>;
    converted = { kind: "string", value: scalar.value, start, end, decode: () => decodeScalar(text, scalar, start, end) };
  } else if (yaml().isMap(node)) {
    const entries: (readonly [string, TemplateNode])[] = [];
    for (const pair of node.items) {
      if (!yaml().isPair(pair)) continue;
      const key = yaml().isScalar(pair.key) ? String(pair.key.value) : "";
      entries.push([key, pair.value === null ? { kind: "other", start: end, end } : convert(text, pair.value)]);
    }
    converted = { kind: "map", start, end, entries };
  } else if (yaml().isSeq(node)) {
    converted = { kind: "seq", start, end, items: node.items.map((item) => convert(text, item)) };
  } else {
    converted = { kind: "other", start, end };
  }
  const tag = (node as { tag?: string }).tag;
  if (!yaml().isAlias(node) && tag?.startsWith("!") === true && !tag.startsWith("!!")) {
    const name = tag.slice(1);
    const key = name === "Ref" || name === "Condition" ? name : `Fn::${name}`;
    return { kind: "map", start, end, entries: [[key, converted]] };
  }
  return converted;
}

/**
 * Parses YAML text (a CloudFormation template: short-form tags such as `!Sub` and `!GetAtt` are kept
 * as tags and turned into the long form, never an error) into a `TemplateNode` tree. Never throws.
 */
export function parseYamlTree(text: string): YamlTreeOutcome {
  try {
    const doc = yaml().parseDocument(text, { keepSourceTokens: true, uniqueKeys: false, prettyErrors: false, strict: false });
    const error = doc.errors[0];
    if (error !== undefined) return { ok: false, message: error.message.split("\n")[0] ?? error.message, offset: error.pos[0] };
    return { ok: true, root: convert(text, doc.contents) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), offset: 0 };
  }
}
