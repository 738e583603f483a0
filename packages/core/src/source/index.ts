import { parseYamlTree } from "./cfn-yaml.js";
import { parseJsonTree } from "./cfn-json.js";
import { CFN_FLOW, connectResources, extractCloudFormation } from "./cloudformation.js";
import { extractApi } from "./api.js";
import { globalPatterns } from "./placeholders.js";
import { extractTemplate, extractTerraform, isTemplatePath, TF_FLOW } from "./terraform.js";
import type { ExtractOptions, ExtractResult } from "./types.js";

export { CharMap, toHostRange } from "./offset-map.js";
export type {
  ContainerKind,
  ExtractOptions,
  ExtractResult,
  PlaceholderSpan,
  SourceDiagnostic,
  SourceDocument,
  SourceReference,
} from "./types.js";

const API_OBJECT = /"ContactFlow(?:Module)?"\s*:\s*\{|"Content"\s*:\s*"/;

function extension(hostPath: string): string {
  const base = hostPath.slice(Math.max(hostPath.lastIndexOf("/"), hostPath.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot < 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/**
 * Whether the file can hold a Connect flow in a container, by substrings only (no parse): a `.tf`
 * file that names `aws_connect_contact_flow`, a `.tftpl`/`.tpl` template that looks like a flow, a
 * `.json`/`.yaml`/`.yml`/`.template` file that names `AWS::Connect::ContactFlow`, or that holds an
 * escaped `\"Actions\"` key and a `"Content"` string or `ContactFlow` object (API output). Two
 * substring scans for a plain flow export, no parse.
 */
export function mightHoldConnectResources(hostPath: string, text: string): boolean {
  const ext = extension(hostPath);
  if (ext === "tf") return text.includes(TF_FLOW);
  if (isTemplatePath(hostPath)) return text.includes('"StartAction"') || text.includes('"Actions"');
  if (ext === "json") {
    // An embedded flow is a JSON string, so its "Actions" key appears escaped; a plain export has no
    // \" before a key, and a needle that starts with a rare character is found fast.
    return text.includes(CFN_FLOW) || (text.includes('\\"Actions\\"') && API_OBJECT.test(text));
  }
  if (ext !== "yaml" && ext !== "yml" && ext !== "template") return false;
  return text.includes(CFN_FLOW) || (text.includes('\\"Actions\\"') && API_OBJECT.test(text));
}

function firstSignificant(text: string): string {
  const m = /[^\s\uFEFF]/.exec(text);
  return m?.[0] ?? "";
}

/**
 * The flows a file holds in a container (CloudFormation JSON/YAML, Terraform, a Terraform template,
 * `describe-contact-flow` output), with the problems the container reveals. `null` when the file is
 * not a container (a plain flow export, or a template/JSON/YAML/HCL file with no Connect resource).
 * Never throws.
 */
export function extractDocuments(hostPath: string, text: string, options: ExtractOptions = {}): ExtractResult | null {
  if (!mightHoldConnectResources(hostPath, text)) return null;
  try {
    return extract(hostPath, text, options);
  } catch (error) {
    // A safety net: the extractors report bad input as diagnostics; this catches what they did not foresee.
    return {
      documents: [],
      diagnostics: [
        {
          ruleId: "invalid-container",
          severity: 2,
          message: `Could not read the flows in this file: ${error instanceof Error ? error.message : String(error)}.`,
          hostPath,
          start: 0,
          end: 0,
        },
      ],
    };
  }
}

function extract(hostPath: string, text: string, options: ExtractOptions): ExtractResult | null {
  const patterns = globalPatterns(options.placeholderPatterns);
  const ext = extension(hostPath);
  if (ext === "tf") return extractTerraform(hostPath, text, options, patterns);
  if (isTemplatePath(hostPath)) return extractTemplate(hostPath, text, patterns);
  const json = ext !== "yaml" && ext !== "yml" && firstSignificant(text) === "{";
  // A byte-order mark becomes a space so offsets stay those of the host text.
  const parsed = json ? parseJsonTree(text.replace(/^\uFEFF/, " ")) : parseYamlTree(text);
  if (!parsed.ok) {
    if (!text.includes(CFN_FLOW)) return null;
    return {
      documents: [],
      diagnostics: [
        {
          ruleId: "invalid-container",
          severity: 2,
          message: `Could not read this CloudFormation template (${json ? "JSON" : "YAML"}): ${parsed.message}.`,
          hostPath,
          start: parsed.offset,
          end: parsed.offset,
        },
      ],
    };
  }
  if (connectResources(parsed.root) !== undefined) {
    return extractCloudFormation(hostPath, parsed.root, json ? "cloudformation-json" : "cloudformation-yaml", patterns);
  }
  return json ? extractApi(hostPath, parsed.root, patterns) : null;
}
