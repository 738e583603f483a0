import type { Decoded } from "./decode.js";

/**
 * A CloudFormation template reduced to what the extractor needs, the same for JSON and YAML: YAML
 * short-form tags become the long form (`!Sub x` is `{"Fn::Sub": x}`, `!Ref x` is `{"Ref": x}`).
 * Offsets are those of the host text.
 */
export type TemplateNode = TemplateString | TemplateMap | TemplateSeq | TemplateOther;

interface Spanned {
  readonly start: number;
  readonly end: number;
}
export interface TemplateString extends Spanned {
  readonly kind: "string";
  readonly value: string;
  /** The value with a map to the host (escapes, folding and indentation accounted for). */
  decode(): Decoded;
}
export interface TemplateMap extends Spanned {
  readonly kind: "map";
  readonly entries: readonly (readonly [string, TemplateNode])[];
}
export interface TemplateSeq extends Spanned {
  readonly kind: "seq";
  readonly items: readonly TemplateNode[];
}
export interface TemplateOther extends Spanned {
  readonly kind: "other";
}

export function get(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  if (node?.kind !== "map") return undefined;
  for (const [k, v] of node.entries) if (k === key) return v;
  return undefined;
}

export function stringValue(node: TemplateNode | undefined): string | undefined {
  return node?.kind === "string" ? node.value : undefined;
}

/** The only key of a one-entry map (an intrinsic function call such as `{"Fn::Sub": ...}`). */
export function intrinsic(node: TemplateNode | undefined): readonly [string, TemplateNode] | undefined {
  if (node?.kind !== "map" || node.entries.length !== 1) return undefined;
  const entry = node.entries[0];
  return entry !== undefined && (entry[0] === "Ref" || entry[0].startsWith("Fn::")) ? entry : undefined;
}
