/**
 * Flows written in code: an object literal with `Version`, `StartAction` and `Actions` is written out
 * as JSON text, and every value and key written is anchored to the source range of its syntax node.
 * The anchors are the JSON text's position map into the source file (`HostText`), so connect-lint's
 * own loading, rules and position resolution run on the literal unchanged and report in the source.
 *
 * Values that are not literals (identifiers, calls, member expressions, template literals with
 * expressions) are not known until the code runs. They are written as deployment placeholders
 * (`"${name}"`), which the rules already leave alone, and their pointers are recorded so that findings
 * at or inside them are dropped. Spread elements and computed keys make their object or array
 * partial: its own members are written, and findings about the container itself (a missing member) are
 * dropped. When the flow's skeleton (StartAction, the Actions list, an action's Identifier, Type or
 * Transitions) is not fully known, the graph the rules reason about is not known either, and the
 * literal is not linted at all: no finding is better than a false one.
 */
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import type { TSESTree } from "@typescript-eslint/utils";
import { pointerOf } from "@connect-lint/core";
import type { OffsetMap } from "@connect-lint/core";

/** The keys that make an object literal a flow. */
const FLOW_KEYS = ["Version", "StartAction", "Actions"] as const;

/** The name of a non-computed property key, or undefined. */
export function staticKey(property: TSESTree.ObjectLiteralElement): string | undefined {
  if (property.type !== AST_NODE_TYPES.Property || property.computed) return undefined;
  const key = property.key;
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return typeof key.value === "string" || typeof key.value === "number" ? String(key.value) : undefined;
}

/** True when the object literal has the three keys of a flow. */
export function isFlowLiteral(node: TSESTree.ObjectExpression): boolean {
  const keys = new Set<string>();
  for (const p of node.properties) {
    const k = staticKey(p);
    if (k !== undefined) keys.add(k);
  }
  return FLOW_KEYS.every((k) => keys.has(k));
}

/** The JSON text of a flow literal, its map into the source, and what in it is not known. */
export interface SerialisedFlow {
  readonly text: string;
  readonly map: OffsetMap;
  /** Pointers of values only known at run time (written as placeholders). */
  readonly unknown: readonly string[];
  /** Pointers of objects and arrays with spreads or computed keys (their own members are written). */
  readonly partial: readonly string[];
  /** True when StartAction, Actions and each action's Identifier, Type and Transitions are all literal. */
  readonly skeletonKnown: boolean;
}

interface Anchor {
  readonly json: number;
  readonly source: number;
}

/** Serialises flow literals; `getText` gives a node's source text (for placeholder names). */
export function serialiseFlow(node: TSESTree.ObjectExpression, getText: (node: TSESTree.Node) => string): SerialisedFlow {
  const writer = new Writer(getText);
  writer.value(node, "");
  const anchors = writer.anchors;
  const dynamic = [...writer.unknown, ...writer.partial, ...writer.templates];
  return {
    text: writer.text,
    map: new AnchorMap(anchors),
    unknown: writer.unknown,
    partial: writer.partial,
    skeletonKnown: !dynamic.some(isSkeleton),
  };
}

/** The parts of a flow its graph is made of. */
function isSkeleton(pointer: string): boolean {
  return pointer === "" || pointer === "/StartAction" || pointer === "/Actions" || /^\/Actions\/\d+(?:\/(?:Identifier|Type)|\/Transitions(?:\/.*)?)?$/.test(pointer);
}

/** True when a finding at `pointer` is about a value the code only knows at run time. */
export function isAboutUnknown(pointer: string, flow: SerialisedFlow): boolean {
  return flow.partial.includes(pointer) || flow.unknown.some((u) => pointer === u || pointer.startsWith(`${u}/`));
}

class Writer {
  text = "";
  readonly anchors: Anchor[] = [];
  readonly unknown: string[] = [];
  readonly partial: string[] = [];
  /** Template literals with expressions: strings with placeholders in them, known in part. */
  readonly templates: string[] = [];
  readonly #getText: (node: TSESTree.Node) => string;

  constructor(getText: (node: TSESTree.Node) => string) {
    this.#getText = getText;
  }

  /** Writes `json` for the source range of `node`, anchoring both ends. */
  #emit(json: string, node: TSESTree.Node): void {
    this.anchors.push({ json: this.text.length, source: node.range[0] });
    this.text += json;
    this.anchors.push({ json: this.text.length, source: node.range[1] });
  }

  #placeholder(node: TSESTree.Node, pointer: string): void {
    this.unknown.push(pointer);
    const source = this.#getText(node).replace(/\s+/g, " ");
    this.#emit(JSON.stringify(`\${${source}}`), node);
  }

  value(expression: TSESTree.Node, pointer: string): void {
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        this.#object(node, pointer);
        return;
      case AST_NODE_TYPES.ArrayExpression:
        this.#array(node, pointer);
        return;
      case AST_NODE_TYPES.Literal: {
        const v: unknown = node.value;
        if (v === null && !("regex" in node) && !("bigint" in node)) this.#emit("null", node);
        else if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) this.#emit(JSON.stringify(v), node);
        else this.#placeholder(node, pointer);
        return;
      }
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === "-" && node.argument.type === AST_NODE_TYPES.Literal && typeof node.argument.value === "number") {
          this.#emit(JSON.stringify(-node.argument.value), node);
        } else {
          this.#placeholder(node, pointer);
        }
        return;
      case AST_NODE_TYPES.TemplateLiteral: {
        if (node.expressions.length > 0) this.templates.push(pointer);
        let text = "";
        node.quasis.forEach((quasi, i) => {
          text += quasi.value.cooked ?? quasi.value.raw;
          const expression = node.expressions[i];
          if (expression) text += `\${${this.#getText(expression).replace(/\s+/g, " ")}}`;
        });
        this.#emit(JSON.stringify(text), node);
        return;
      }
      default:
        this.#placeholder(node, pointer);
    }
  }

  #object(node: TSESTree.ObjectExpression, pointer: string): void {
    this.anchors.push({ json: this.text.length, source: node.range[0] });
    this.text += "{";
    let first = true;
    let partial = false;
    for (const property of node.properties) {
      const key = staticKey(property);
      if (key === undefined || property.type !== AST_NODE_TYPES.Property) {
        partial = true;
        continue;
      }
      if (!first) this.text += ",";
      first = false;
      this.#emit(JSON.stringify(key), property.key);
      this.text += ":";
      const member = `${pointer}${pointerOf(key)}`;
      if (property.kind !== "init" || property.method) this.#placeholder(property.value, member);
      else this.value(property.value, member);
    }
    if (partial) this.partial.push(pointer);
    this.text += "}";
    this.anchors.push({ json: this.text.length, source: node.range[1] });
  }

  #array(node: TSESTree.ArrayExpression, pointer: string): void {
    this.anchors.push({ json: this.text.length, source: node.range[0] });
    this.text += "[";
    let index = 0;
    let partial = false;
    for (const element of node.elements) {
      if (element?.type === AST_NODE_TYPES.SpreadElement) {
        partial = true;
        continue;
      }
      if (index > 0) this.text += ",";
      const at = `${pointer}/${String(index)}`;
      // A hole (`[a, , b]`) is undefined at run time, which JSON.stringify writes as null.
      if (element === null) this.text += "null";
      else this.value(element, at);
      index++;
    }
    if (partial) this.partial.push(pointer);
    this.text += "]";
    this.anchors.push({ json: this.text.length, source: node.range[1] });
  }
}

/** Type-only wrappers (`as const`, `satisfies T`, `x!`, `<T>x`) are not part of the value. */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/**
 * JSON offsets to source offsets. Every value and key written has an anchor at its start and its end,
 * and the spans connect-lint resolves are exactly those; any other offset maps to the anchor before it.
 */
class AnchorMap implements OffsetMap {
  readonly #json: number[];
  readonly #source: number[];

  constructor(anchors: readonly Anchor[]) {
    this.#json = anchors.map((a) => a.json);
    this.#source = anchors.map((a) => a.source);
  }

  toHost(offset: number): number {
    let low = 0;
    let high = this.#json.length - 1;
    if (high < 0) return 0;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#json[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    // Anchors never share an offset: a comma, colon or bracket lies between any two of them.
    return this.#source[low] ?? 0;
  }

  /** A span's end is the end anchor of its value or key, so it maps like a start. */
  toHostEnd(offset: number): number {
    return this.toHost(offset);
  }
}
