import type { OffsetMap } from "./offset-map.js";

/** Where an embedded flow was found. */
export type ContainerKind =
  | "cloudformation-json"
  | "cloudformation-yaml"
  | "terraform"
  | "terraform-template"
  | "api-describe";

/** A span of a document's text that holds a value only known at deployment. */
export interface PlaceholderSpan {
  /** Offset in the document text (inclusive). */
  readonly start: number;
  /** Offset in the document text (exclusive). */
  readonly end: number;
  /**
   * `substitution`: `${...}`, `{{...}}` or a user pattern, standing for a value;
   * `directive`: a Terraform template directive (`%{ if }`, `%{ for }`, `%{ endif }` ...).
   */
  readonly kind: "substitution" | "directive";
  /**
   * True when the placeholder stood outside a JSON string in the host (`"Parameters": ${jsonencode(x)}`):
   * the extractor wrapped it in quotes (a substitution; the span excludes the quotes) or blanked it with
   * spaces (a directive), so the value's JSON type is unknown too.
   */
  readonly inserted: boolean;
}

/** What a placeholder refers to, when it names another resource of the same host file. */
export interface SourceReference {
  /** CloudFormation logical ID or Terraform address (`aws_connect_contact_flow.other`). */
  readonly resource: string;
  /** `ContactFlowArn`, `Arn`, `arn`, `id`, ... (absent for a bare `!Ref`). */
  readonly attribute?: string;
  /** Set when the referenced resource is itself a Connect flow or flow module in this host file. */
  readonly connectKind?: "flow" | "module";
}

/** One flow (or flow module) found in a source file. */
export interface SourceDocument {
  /** The Flow-language JSON to parse. */
  readonly text: string;
  /** The file the positions are in (for `templatefile()`, `file()` and `filename =`: that file). */
  readonly hostPath: string;
  /** The file that declared the flow (the template or `.tf` file); equals `hostPath` unless the flow was read from another file. */
  readonly declaredIn: string;
  readonly container: ContainerKind;
  /** CloudFormation logical ID, Terraform address, `ContactFlow`/`ContactFlowModule` for API output, the file name for a template. */
  readonly resource: string;
  /** `module` for a flow module resource; `flow` for a flow resource; absent when the host does not say. */
  readonly kind?: "flow" | "module";
  /** The host-given flow type (CloudFormation/Terraform/API `Type`), e.g. `CONTACT_FLOW`, when it is a literal. */
  readonly flowType?: string;
  /** The host-given name, when it is a literal. */
  readonly name?: string;
  /** Document offsets to `hostPath` offsets. */
  readonly map: OffsetMap;
  /** Spans of `text` that are deployment placeholders, in order. */
  readonly placeholders: readonly PlaceholderSpan[];
  /** Placeholder text as it appears in `text` (e.g. `${Other.ContactFlowArn}`) to the resource it names. */
  readonly references: ReadonlyMap<string, SourceReference>;
}

/** A problem the container itself reveals. */
export interface SourceDiagnostic {
  readonly ruleId: "invalid-container" | "unresolved-flow-content" | "unrendered-template" | "intrinsic-in-content";
  /** 1 warning, 2 error. */
  readonly severity: 1 | 2;
  readonly message: string;
  readonly hostPath: string;
  /** Offsets in the text of `hostPath`. */
  readonly start: number;
  readonly end: number;
  readonly resource?: string;
}

export interface ExtractOptions {
  /** More placeholder syntaxes (e.g. `/##\w+##/g`, `/\$\{M:\w+:M\}/g`); the flag `g` is added when missing. */
  readonly placeholderPatterns?: readonly RegExp[];
  /** Reads a file referenced by a Terraform resource; `undefined` when it does not exist. Default: `fs.readFileSync`. */
  readonly readFile?: (absPath: string) => string | undefined;
}

export interface ExtractResult {
  readonly documents: SourceDocument[];
  readonly diagnostics: SourceDiagnostic[];
}
