import { substitutePlaceholders, type TemplateSyntax } from "./placeholders.js";
import { MapBuilder } from "./offset-map.js";
import type { Decoded } from "./decode.js";
import { get, intrinsic, stringValue, type TemplateNode } from "./tree.js";
import type { ContainerKind, ExtractResult, SourceDiagnostic, SourceDocument, SourceReference } from "./types.js";

export const CFN_FLOW = "AWS::Connect::ContactFlow";
export const CFN_MODULE = "AWS::Connect::ContactFlowModule";

const SHORT_INTRINSIC = /"(!(?:Ref|GetAtt|Sub|Join|ImportValue|FindInMap|Select|Split|If|Base64|GetAZs|Cidr|Transform)\b[^"\n]*)"/g;
const LONG_INTRINSIC = /"((?:Fn::(?:GetAtt|Sub|Join|ImportValue|FindInMap|Select|Split|If|Base64|GetAZs|Cidr|Transform)))"\s*:/g;

/** Whether the parsed root is a template holding Connect flow resources. */
export function connectResources(root: TemplateNode): [string, TemplateNode][] | undefined {
  const resources = get(root, "Resources");
  if (resources?.kind !== "map") return undefined;
  const found = resources.entries.filter(([, r]) => {
    const type = stringValue(get(r, "Type"));
    return type === CFN_FLOW || type === CFN_MODULE;
  });
  return found.length > 0 ? found.map(([k, v]) => [k, v]) : undefined;
}

/** `!GetAtt A.B`, `{"Fn::GetAtt": [A, B]}`, `!Ref A`, `!Sub "${A.B}"` naming a resource of the template. */
function referenceOf(node: TemplateNode, resources: ReadonlyMap<string, "flow" | "module" | undefined>): SourceReference | undefined {
  const call = intrinsic(node);
  if (call === undefined) return undefined;
  const [fn, arg] = call;
  let target: string | undefined;
  let attribute: string | undefined;
  if (fn === "Fn::GetAtt") {
    if (arg.kind === "string") {
      const dot = arg.value.indexOf(".");
      target = dot < 0 ? arg.value : arg.value.slice(0, dot);
      attribute = dot < 0 ? undefined : arg.value.slice(dot + 1);
    } else if (arg.kind === "seq") {
      target = stringValue(arg.items[0]);
      attribute = stringValue(arg.items[1]);
    }
  } else if (fn === "Ref") {
    target = stringValue(arg);
  } else if (fn === "Fn::Sub") {
    const m = /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(stringValue(arg) ?? "");
    target = m?.[1];
    attribute = m?.[2];
  }
  return target !== undefined && resources.has(target) ? makeReference(target, attribute, resources.get(target)) : undefined;
}

function makeReference(resource: string, attribute: string | undefined, connectKind: "flow" | "module" | undefined): SourceReference {
  return {
    resource,
    ...(attribute !== undefined ? { attribute } : {}),
    ...(connectKind !== undefined ? { connectKind } : {}),
  };
}

/**
 * `Fn::Join` of strings and intrinsics (what CDK synthesizes for a flow with tokens in it): the
 * strings are joined, each intrinsic becomes the `Fn::Sub` placeholder that means the same
 * (`${Res.Attr}` for `Fn::GetAtt`, `${Name}` for `Ref`, `${Fn::ImportValue}` ...), mapped to the whole
 * intrinsic in the host. Undefined when the arguments are not a delimiter and a list.
 */
function joined(arg: TemplateNode): Decoded | undefined {
  if (arg.kind !== "seq" || arg.items[0]?.kind !== "string" || arg.items[1]?.kind !== "seq") return undefined;
  const delimiter = arg.items[0].decode();
  const b = new MapBuilder(arg.items[1].start);
  const append = (d: Decoded): void => {
    for (let k = 0; k < d.text.length; k++) b.atomic(d.text.charAt(k), d.map.toHost(k), d.map.toHostEnd(k + 1));
  };
  arg.items[1].items.forEach((item, k) => {
    if (k > 0) append(delimiter);
    if (item.kind === "string") {
      append(item.decode());
      return;
    }
    const call = intrinsic(item);
    let text = "${?}";
    if (call?.[0] === "Ref") text = `\${${stringValue(call[1]) ?? "?"}}`;
    else if (call?.[0] === "Fn::GetAtt") {
      const target = call[1];
      text = `\${${target.kind === "seq" ? target.items.map((t) => stringValue(t) ?? "?").join(".") : (stringValue(target) ?? "?")}}`;
    } else if (call !== undefined) text = `\${${call[0]}}`;
    b.atomic(text, item.start, item.end);
  });
  return b.build();
}

function describe(node: TemplateNode): string {
  const call = intrinsic(node);
  if (call !== undefined) return call[0];
  return node.kind === "map" ? "a mapping" : node.kind === "seq" ? "a list" : node.kind === "string" ? "a string" : "a number, boolean or null";
}

/** Extracts every Connect flow and flow module of a parsed CloudFormation template. */
export function extractCloudFormation(
  hostPath: string,
  root: TemplateNode,
  container: ContainerKind,
  patterns: readonly RegExp[],
): ExtractResult {
  const documents: SourceDocument[] = [];
  const diagnostics: SourceDiagnostic[] = [];
  const resourcesNode = get(root, "Resources");
  const resources = new Map<string, "flow" | "module" | undefined>();
  if (resourcesNode?.kind === "map") {
    for (const [id, r] of resourcesNode.entries) {
      const type = stringValue(get(r, "Type"));
      resources.set(id, type === CFN_FLOW ? "flow" : type === CFN_MODULE ? "module" : undefined);
    }
  }
  const parameters = get(root, "Parameters");
  for (const [id, resource] of connectResources(root) ?? []) {
    const kind = resources.get(id) === "module" ? "module" : "flow";
    const label = kind === "module" ? CFN_MODULE : CFN_FLOW;
    const diagnose = (ruleId: SourceDiagnostic["ruleId"], severity: 1 | 2, message: string, start: number, end: number): void => {
      diagnostics.push({ ruleId, severity, message, hostPath, start, end, resource: id });
    };
    const properties = get(resource, "Properties");
    const content = get(properties, "Content");
    if (content === undefined) {
      diagnose("invalid-container", 2, `${label} "${id}" has no Properties.Content.`, resource.start, resource.start);
      continue;
    }
    let decoded: Decoded | undefined;
    let syntax: TemplateSyntax = "none";
    const variables = new Map<string, SourceReference>();
    const call = intrinsic(content);
    if (content.kind === "string") {
      decoded = content.decode();
    } else if (call?.[0] === "Fn::Sub") {
      syntax = "cfn-sub";
      const arg = call[1];
      if (arg.kind === "string") {
        decoded = arg.decode();
      } else if (arg.kind === "seq" && arg.items[0]?.kind === "string") {
        decoded = arg.items[0].decode();
        const vars = arg.items[1];
        if (vars?.kind === "map") {
          for (const [name, value] of vars.entries) {
            const ref = referenceOf(value, resources);
            if (ref !== undefined) variables.set(name, ref);
          }
        }
      }
    } else if (call?.[0] === "Fn::Join") {
      decoded = joined(call[1]);
      if (decoded !== undefined) syntax = "cfn-sub";
    }
    if (decoded === undefined) {
      if (call !== undefined && ["Fn::Transform", "Ref", "Fn::ImportValue", "Fn::FindInMap", "Fn::If", "Fn::Select", "Fn::Base64"].includes(call[0])) {
        const target = stringValue(call[1]) ?? "?";
        const what =
          call[0] === "Ref"
            ? `a Ref to ${get(parameters, target) !== undefined ? "the parameter " : ""}"${target}"`
            : call[0] === "Fn::Transform"
              ? `Fn::Transform (${stringValue(get(call[1], "Name")) ?? "a macro"})`
              : call[0];
        diagnose(
          "unresolved-flow-content",
          1,
          `The flow of ${label} "${id}" could not be read: its Content is ${what}, whose value is not in this file; it was not linted.`,
          content.start,
          content.end,
        );
      } else {
        diagnose(
          "invalid-container",
          2,
          call?.[0] === "Fn::Sub" || call?.[0] === "Fn::Join"
            ? `${label} "${id}": ${call[0]} must be given ${call[0] === "Fn::Sub" ? "a string or [string, {variables}]" : "[delimiter, [parts]]"}.`
            : `${label} "${id}": Content must be a string or Fn::Sub of a string, not ${describe(content)}.`,
          content.start,
          content.end,
        );
      }
      continue;
    }
    for (const pattern of [SHORT_INTRINSIC, LONG_INTRINSIC]) {
      pattern.lastIndex = 0;
      for (const m of decoded.text.matchAll(pattern)) {
        const text = m[1] ?? "";
        const at = m.index + 1;
        diagnose(
          "intrinsic-in-content",
          2,
          `${label} "${id}": "${text}" is written inside the Content string, so CloudFormation never evaluates it and Connect receives it as literal text.${syntax === "cfn-sub" ? " Use ${...} substitution instead." : " Use Fn::Sub with ${...} instead."}`,
          decoded.map.toHost(at),
          decoded.map.toHostEnd(at + text.length),
        );
      }
    }
    const substituted = substitutePlaceholders(decoded.text, syntax, patterns);
    const references = new Map<string, SourceReference>();
    for (const p of substituted.placeholders) {
      const text = substituted.text.slice(p.start, p.end);
      if (references.has(text)) continue;
      const m = /^\$\{([A-Za-z0-9:]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(text);
      const name = m?.[1];
      if (name === undefined) continue;
      const viaVariable = m?.[2] === undefined ? variables.get(name) : undefined;
      if (viaVariable !== undefined) references.set(text, viaVariable);
      else if (!variables.has(name) && resources.has(name)) references.set(text, makeReference(name, m?.[2], resources.get(name)));
    }
    const name = stringValue(get(properties, "Name"));
    const flowType = kind === "flow" ? stringValue(get(properties, "Type")) : undefined;
    documents.push({
      text: substituted.text,
      hostPath,
      declaredIn: hostPath,
      container,
      resource: id,
      kind,
      ...(flowType !== undefined ? { flowType } : {}),
      ...(name !== undefined ? { name } : {}),
      map: decoded.map.compose(substituted.map),
      placeholders: substituted.placeholders,
      references,
    });
  }
  return { documents, diagnostics };
}
