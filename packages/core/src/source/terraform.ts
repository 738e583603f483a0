import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Decoded } from "./decode.js";
import {
  decodeHclString,
  decodeHeredoc,
  expressionEnd,
  HclError,
  readBody,
  readHeredoc,
  readIdent,
  skipBalanced,
  skipString,
  skipTrivia,
  topLevelBlocks,
  type Attribute,
} from "./hcl.js";
import { CharMap, MapBuilder } from "./offset-map.js";
import { neutral, substitutePlaceholders, type TemplateSyntax } from "./placeholders.js";
import type { ExtractOptions, ExtractResult, PlaceholderSpan, SourceDiagnostic, SourceDocument, SourceReference } from "./types.js";

export const TF_FLOW = "aws_connect_contact_flow";
export const TF_MODULE = "aws_connect_contact_flow_module";
const TEMPLATE_FILE = /\.(tftpl|tpl)$/i;
/** `aws_connect_contact_flow.name.attr` (or a module) in an expression. */
const FLOW_ADDRESS = /^(aws_connect_contact_flow(?:_module)?)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?$/;

export function isTemplatePath(hostPath: string): boolean {
  return TEMPLATE_FILE.test(hostPath);
}

function defaultReadFile(absPath: string): string | undefined {
  try {
    return readFileSync(absPath, "utf8");
  } catch {
    return undefined;
  }
}

function flowReference(expression: string): SourceReference | undefined {
  const m = FLOW_ADDRESS.exec(expression.trim());
  if (m === null) return undefined;
  const [, type, name, attribute] = m;
  return {
    resource: `${type ?? ""}.${name ?? ""}`,
    ...(attribute !== undefined ? { attribute } : {}),
    connectKind: type === TF_MODULE ? "module" : "flow",
  };
}

/** The literal value of a quoted string without interpolations, else undefined. */
function literal(text: string, a: Attribute | undefined): string | undefined {
  if (a === undefined || text.charAt(a.start) !== '"' || a.end !== skipString(text, a.start)) return undefined;
  const decoded = decodeHclString(text, a.start, a.end).text;
  return decoded.includes("${") || decoded.includes("%{") ? undefined : decoded;
}

type Locals = ReadonlyMap<string, Attribute>;

/**
 * The value of a path expression relative to the `.tf` file's folder: a quoted string whose only
 * interpolations are `path.module`, `path.root`, `path.cwd` (all taken as that folder) and locals of
 * the same file that are such strings themselves. Undefined when it depends on anything else.
 */
function stringOf(text: string, start: number, end: number, locals: Locals, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const expr = text.slice(start, end).trim();
  const bare = /^(path\.(?:module|root|cwd)|local\.[A-Za-z_][A-Za-z0-9_-]*)$/.exec(expr)?.[1];
  if (bare !== undefined) return resolveName(text, bare, locals, depth);
  if (!expr.startsWith('"') || skipString(text, start) !== end) return undefined;
  const raw = decodeHclString(text, start, end).text;
  let value = "";
  let last = 0;
  for (const m of raw.matchAll(/\$\{\s*([^}]*?)\s*\}/g)) {
    const resolved = resolveName(text, m[1] ?? "", locals, depth);
    if (resolved === undefined) return undefined;
    value += raw.slice(last, m.index) + resolved;
    last = m.index + m[0].length;
  }
  value += raw.slice(last);
  return value.includes("%{") ? undefined : value;
}

function resolveName(text: string, name: string, locals: Locals, depth: number): string | undefined {
  if (/^path\.(module|root|cwd)$/.test(name)) return ".";
  const local = /^local\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(name)?.[1];
  const attribute = local === undefined ? undefined : locals.get(local);
  return attribute === undefined ? undefined : stringOf(text, attribute.start, attribute.end, locals, depth + 1);
}

function pathOf(text: string, hostPath: string, start: number, end: number, locals: Locals): string | undefined {
  const raw = stringOf(text, start, end, locals);
  if (raw === undefined) return undefined;
  return path.isAbsolute(raw) ? path.normalize(raw) : path.join(path.dirname(hostPath), raw);
}

/** The arguments of the call whose `(` is at `open`. */
function callArguments(text: string, open: number): { start: number; end: number }[] {
  const close = skipBalanced(text, open) - 1;
  const args: { start: number; end: number }[] = [];
  let i = open + 1;
  for (;;) {
    i = skipTrivia(text, i, true);
    if (i >= close) return args;
    const end = expressionEnd(text, i);
    if (end === i) return args;
    args.push({ start: i, end });
    const j = skipTrivia(text, end, true);
    i = text.charAt(j) === "," ? j + 1 : j;
  }
}

interface Emitted {
  readonly text: string;
  readonly map: CharMap;
  readonly placeholders: PlaceholderSpan[];
  readonly references: Map<string, SourceReference>;
}

/** The placeholder pass over decoded text, composed with the decoding map. */
function render(decoded: Decoded, syntax: TemplateSyntax, patterns: readonly RegExp[], variables?: ReadonlyMap<string, SourceReference>): Emitted {
  const substituted = substitutePlaceholders(decoded.text, syntax, patterns);
  const references = new Map<string, SourceReference>();
  for (const p of substituted.placeholders) {
    const placeholder = substituted.text.slice(p.start, p.end);
    const inner = /^\$\{\s*(.*?)\s*\}$/s.exec(placeholder)?.[1];
    if (inner === undefined || references.has(placeholder)) continue;
    const ref = variables?.get(inner) ?? flowReference(inner);
    if (ref !== undefined) references.set(placeholder, ref);
  }
  return { text: substituted.text, map: decoded.map.compose(substituted.map), placeholders: substituted.placeholders, references };
}

/**
 * `jsonencode(...)` of an HCL value as compact JSON. Structural characters, keys, strings, numbers
 * and literals map to the HCL characters they come from (`=` maps to `:`; commas that HCL leaves out
 * map to an empty range after the previous value); any other expression (`var.x`, a function call, a
 * conditional) becomes a JSON string placeholder of its text.
 */
class JsonEncoder {
  readonly b: MapBuilder;
  readonly placeholders: PlaceholderSpan[] = [];
  readonly references = new Map<string, SourceReference>();

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.b = new MapBuilder(start);
  }

  value(start: number, end: number): void {
    const { text, b } = this;
    const c = text.charAt(start);
    if (c === "{" || c === "[") {
      this.collection(start);
      return;
    }
    if (c === '"' && skipString(text, start) === end) {
      this.string(decodeHclString(text, start, end), start, end);
      return;
    }
    if (c === "<" && text.startsWith("<<", start)) {
      const heredoc = readHeredoc(text, start);
      this.string(decodeHeredoc(text, heredoc), start, heredoc.end, false);
      return;
    }
    const raw = text.slice(start, end);
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw) || raw === "true" || raw === "false" || raw === "null") {
      b.linear(raw, start);
      return;
    }
    b.atomic('"', start, start);
    const chars = neutral(raw);
    this.placeholders.push({ start: b.length, end: b.length + chars.length, kind: "substitution", inserted: true });
    b.linear(chars, start);
    b.atomic('"', end, end);
    const ref = flowReference(raw);
    if (ref !== undefined) this.references.set(chars, ref);
  }

  /**
   * A JSON string of decoded HCL template text; interpolations in it become placeholders. The quotes
   * map to those of a quoted string, or to nothing around a heredoc (`quoted` false).
   */
  private string(decoded: Decoded, start: number, end: number, quoted = true): void {
    const { b } = this;
    b.atomic('"', start, quoted ? start + 1 : start);
    const inner = substitutePlaceholders(decoded.text, "terraform", []);
    const map = decoded.map.compose(inner.map);
    let p = 0;
    for (let k = 0; k < inner.text.length; k++) {
      const span = inner.placeholders[p];
      if (span?.start === k) this.placeholders.push({ start: b.length, end: b.length + (span.end - span.start), kind: span.kind, inserted: false });
      if (span?.end === k + 1) p++;
      const ch = inner.text.charAt(k);
      const json = JSON.stringify(ch).slice(1, -1);
      b.atomic(json, map.toHost(k), map.toHostEnd(k + 1));
    }
    b.atomic('"', quoted ? end - 1 : end, end);
  }

  private collection(open: number): void {
    const { text, b } = this;
    const object = text.charAt(open) === "{";
    const closeChar = object ? "}" : "]";
    b.linear(text.charAt(open), open);
    let i = open + 1;
    let first = true;
    let lastEnd = open + 1;
    for (;;) {
      i = skipTrivia(text, i, true);
      let comma: number | undefined;
      if (text.charAt(i) === ",") {
        comma = i;
        i = skipTrivia(text, i + 1, true);
      }
      if (text.charAt(i) === closeChar) {
        b.linear(closeChar, i);
        return;
      }
      if (i >= text.length) throw new HclError(`unclosed "${text.charAt(open)}"`, open);
      if (!first) {
        if (comma !== undefined) b.linear(",", comma);
        else b.atomic(",", lastEnd, lastEnd);
      }
      first = false;
      if (object) {
        let keyEnd: number;
        if (text.charAt(i) === '"') {
          keyEnd = skipString(text, i);
          this.string(decodeHclString(text, i, keyEnd), i, keyEnd);
        } else {
          const key = readIdent(text, i);
          if (key === undefined) throw new HclError(`unexpected "${text.charAt(i)}" in an object key`, i);
          keyEnd = i + key.length;
          b.atomic('"', i, i);
          b.linear(key, i);
          b.atomic('"', keyEnd, keyEnd);
        }
        i = skipTrivia(text, keyEnd, false);
        if (text.charAt(i) !== "=" && text.charAt(i) !== ":") throw new HclError('expected "=" after an object key', i);
        b.linear(":", i);
        i = skipTrivia(text, i + 1, false);
      }
      const end = expressionEnd(text, i);
      if (end === i) throw new HclError(`unexpected "${text.charAt(i)}"`, i);
      this.value(i, end);
      lastEnd = end;
      i = end;
    }
  }
}

/** Extracts the flows of the Connect resources of a `.tf` file. */
export function extractTerraform(hostPath: string, text: string, options: ExtractOptions, patterns: readonly RegExp[]): ExtractResult | null {
  const documents: SourceDocument[] = [];
  const diagnostics: SourceDiagnostic[] = [];
  const readFile = options.readFile ?? defaultReadFile;
  let found = false;
  try {
    const blocks = topLevelBlocks(text);
    const locals = new Map<string, Attribute>();
    for (const block of blocks) {
      if (block.type === "locals") for (const a of readBody(text, block.open).attributes) locals.set(a.name, a);
    }
    for (const block of blocks) {
      const type = block.labels[0]?.value;
      const label = block.labels[1]?.value;
      if (block.type !== "resource" || (type !== TF_FLOW && type !== TF_MODULE) || label === undefined) continue;
      found = true;
      const address = `${type}.${label}`;
      const kind = type === TF_MODULE ? "module" : "flow";
      const diagnose = (ruleId: SourceDiagnostic["ruleId"], severity: 1 | 2, message: string, start: number, end: number): void => {
        diagnostics.push({ ruleId, severity, message, hostPath, start, end, resource: address });
      };
      const { attributes } = readBody(text, block.open);
      const attr = (name: string): Attribute | undefined => attributes.find((a) => a.name === name);
      const name = literal(text, attr("name"));
      const flowType = kind === "flow" ? literal(text, attr("type")) : undefined;
      const push = (emitted: Emitted, docPath: string, container: "terraform"): void => {
        documents.push({
          text: emitted.text,
          hostPath: docPath,
          declaredIn: hostPath,
          container,
          resource: address,
          kind,
          ...(flowType !== undefined ? { flowType } : {}),
          ...(name !== undefined ? { name } : {}),
          map: emitted.map,
          placeholders: emitted.placeholders,
          references: emitted.references,
        });
      };
      const unresolved = (what: string, a: Attribute): void => {
        diagnose("unresolved-flow-content", 1, `The flow of ${address} could not be read: ${what}; it was not linted.`, a.start, a.end);
      };
      const fromFile = (a: Attribute, argStart: number, argEnd: number, syntax: TemplateSyntax, variables?: ReadonlyMap<string, SourceReference>): void => {
        const file = pathOf(text, hostPath, argStart, argEnd, locals);
        if (file === undefined) {
          const each = /\beach\.(key|value)\b/.test(text.slice(argStart, argEnd)) && attr("for_each") !== undefined;
          unresolved(
            each
              ? `its path ${text.slice(argStart, argEnd)} changes with for_each; lint the files it deploys on their own`
              : `its path ${text.slice(argStart, argEnd)} depends on values not in this file`,
            a,
          );
          return;
        }
        const content = readFile(file);
        if (content === undefined) {
          unresolved(`the file ${file} does not exist`, a);
          return;
        }
        const bom = content.startsWith("\uFEFF") ? 1 : 0;
        const body = content.slice(bom);
        push(render({ text: body, map: CharMap.identity(body.length, bom) }, syntax, patterns, variables), file, "terraform");
      };

      const filename = attr("filename");
      const content = attr("content");
      if (filename !== undefined) {
        const file = pathOf(text, hostPath, filename.start, filename.end, locals);
        if (file !== undefined && isTemplatePath(file)) {
          diagnose(
            "unrendered-template",
            2,
            `${address} deploys the template ${path.basename(file)} with filename =, so its placeholders reach Connect unrendered; use content = templatefile(...) instead.`,
            filename.start,
            filename.end,
          );
        } else {
          fromFile(filename, filename.start, filename.end, "none");
        }
        continue;
      }
      if (content === undefined) {
        diagnose("invalid-container", 2, `${address} has neither content nor filename.`, block.start, block.open);
        continue;
      }
      const c = text.charAt(content.start);
      const callee = readIdent(text, content.start);
      if (c === "<" && text.startsWith("<<", content.start)) {
        push(render(decodeHeredoc(text, readHeredoc(text, content.start)), "terraform", patterns), hostPath, "terraform");
      } else if (c === '"') {
        push(render(decodeHclString(text, content.start, content.end), "terraform", patterns), hostPath, "terraform");
      } else if ((callee === "file" || callee === "templatefile" || callee === "jsonencode") && text.charAt(skipTrivia(text, content.start + callee.length, false)) === "(") {
        const open = skipTrivia(text, content.start + callee.length, false);
        const args = callArguments(text, open);
        const first = args[0];
        if (first === undefined) {
          diagnose("invalid-container", 2, `${address}: ${callee}() needs an argument.`, content.start, content.end);
        } else if (callee === "jsonencode") {
          const encoder = new JsonEncoder(text, first.start);
          encoder.value(first.start, first.end);
          const built = encoder.b.build();
          const substituted = substitutePlaceholders(built.text, "none", patterns);
          push(
            {
              text: substituted.text,
              map: built.map.compose(substituted.map),
              placeholders: substituted.placeholders.length > 0 ? [...encoder.placeholders, ...substituted.placeholders].sort((x, y) => x.start - y.start) : encoder.placeholders,
              references: encoder.references,
            },
            hostPath,
            "terraform",
          );
        } else if (callee === "file") {
          fromFile(content, first.start, first.end, "none");
        } else {
          const variables = new Map<string, SourceReference>();
          const vars = args[1];
          if (vars !== undefined && text.charAt(vars.start) === "{") {
            for (const v of readBody(text, vars.start).attributes) {
              const ref = flowReference(text.slice(v.start, v.end));
              if (ref !== undefined) variables.set(v.name, ref);
            }
          }
          fromFile(content, first.start, first.end, "terraform", variables);
        }
      } else {
        unresolved(`its content is ${text.slice(content.start, content.end).split("\n")[0] ?? ""}, whose value is not in this file`, content);
      }
    }
  } catch (error) {
    const offset = error instanceof HclError ? error.offset : 0;
    diagnostics.push({
      ruleId: "invalid-container",
      severity: 2,
      message: `Could not read this Terraform file: ${error instanceof Error ? error.message : String(error)}.`,
      hostPath,
      start: offset,
      end: offset,
    });
    return { documents, diagnostics };
  }
  return found ? { documents, diagnostics } : null;
}

/** A template file (`*.tftpl`, `*.tpl`) that holds a flow, linted on its own. */
export function extractTemplate(hostPath: string, text: string, patterns: readonly RegExp[]): ExtractResult | null {
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  const body = text.slice(bom);
  const emitted = render({ text: body, map: CharMap.identity(body.length, bom) }, "terraform", patterns);
  return {
    documents: [
      {
        text: emitted.text,
        hostPath,
        declaredIn: hostPath,
        container: "terraform-template",
        resource: path.basename(hostPath),
        map: emitted.map,
        placeholders: emitted.placeholders,
        references: emitted.references,
      },
    ],
    diagnostics: [],
  };
}
