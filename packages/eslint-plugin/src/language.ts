/**
 * `connect-lint/flow`: a language for ESLint's languages API (ESLint >= 9.7) whose files are flow
 * exports. Parsing is connect-lint's own loading step (`loadFlow`), so the plugin and the CLI agree on
 * what a file is and where everything in it sits. The syntax tree is deliberately small: a file node
 * with one document node per flow it holds. The rules do the rest with connect-lint's model.
 *
 * A file yields documents through `documentsOf`: today a flow export is one document whose text is the
 * whole file. A container (a CloudFormation template with flows in it) yields one document per flow,
 * each with the `host` position map of its text in the file; the core reports positions in the host
 * file through it, so nothing else here changes.
 *
 * The SourceCode is written here rather than built on @eslint/plugin-kit's TextSourceCodeBase: JSON
 * has no comments, tokens or inline configuration, so what ESLint asks of it is a handful of one-line
 * methods, and the plugin then depends on nothing of ESLint's at run time (eslint is a peer).
 */
import { LineIndex, extractDocuments, loadFlow, mightHoldConnectResources, parseFlowTypeName } from "@connect-lint/core";
import type { FlowOrigin, GivenFlowType, HostText, LoadOutcome, Position, SourceRange } from "@connect-lint/core";

/** 1-based lines and columns, as the language declares (`lineStart`, `columnStart`). */
export interface FlowLocation {
  readonly start: Position;
  readonly end: Position;
}

/** One flow in a file: loaded, with where it is. */
export interface FlowDocumentNode {
  readonly type: "FlowDocument";
  readonly range: [number, number];
  readonly loc: FlowLocation;
  /**
   * The loaded flow (`status: "flow"`), a pre-2022 export read into the same model (`legacy`: only the
   * rules with `meta.legacy` look at it, as in the CLI), or a JSON text that is not a flow (`other`),
   * which no rule looks at.
   */
  readonly outcome: Extract<LoadOutcome, { status: "flow" | "legacy" | "other" }>;
  /** The resource that holds the flow in its host file (embedded flows only). */
  readonly resource: string | undefined;
}

/** The root: the whole file. */
export interface FlowFileNode {
  readonly type: "FlowFile";
  readonly range: [number, number];
  readonly loc: FlowLocation;
  readonly documents: readonly FlowDocumentNode[];
}

export type FlowNode = FlowFileNode | FlowDocumentNode;

/** A flow's text inside a file, and what is known of it from outside (its origin). */
export interface FlowText {
  readonly text: string;
  readonly origin: FlowOrigin;
}

/**
 * The flow texts a file holds. A flow export is one text, the file itself. The container layer
 * (templates, Terraform, API output) plugs in here: it returns one `FlowText` per embedded flow with
 * `origin.host` set to the flow's position map in the file and `origin.resource` naming its resource.
 */
export type DocumentsOf = (text: string, filePath: string) => readonly FlowText[] | undefined;

/** The file is one flow export. */
export const wholeFile: DocumentsOf = (text, filePath) => [{ text, origin: { filePath } }];

/**
 * The default: the flows of a container (a CloudFormation template, Terraform, API output) with their
 * position maps into the file, as the CLI reads them, else the file as one flow export. Flows a
 * Terraform file reads from another file (templatefile(), file()) are linted in that file.
 */
export const flowsOfFile: DocumentsOf = (text, filePath) => {
  const extracted = mightHoldConnectResources(filePath, text) ? extractDocuments(filePath, text) : null;
  if (!extracted) return wholeFile(text, filePath);
  const lines = new LineIndex(text);
  return extracted.documents
    .filter((d) => d.hostPath === filePath)
    .map((d) => {
      const type = d.flowType === undefined ? undefined : parseFlowTypeName(d.flowType);
      return {
        text: d.text,
        origin: {
          filePath,
          flowType: type && { type, source: { kind: "container" as const, detail: `${d.resource} Type ${d.flowType ?? ""}` } },
          flowName: d.name,
          defaultName: d.resource,
          resource: d.resource,
          kind: d.kind,
          host: { lines, map: d.map },
        },
      };
    });
};

interface ParseError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type FlowParseResult = { readonly ok: true; readonly ast: FlowFileNode } | { readonly ok: false; readonly errors: readonly ParseError[] };

/** What ESLint passes to `parse` and `createSourceCode` (the subset used here). */
export interface FlowFile {
  readonly body: string | Uint8Array;
  readonly path: string;
  readonly physicalPath?: string;
}


/** Steps of a traversal, in the shape ESLint's traverser reads (`kind` 1 is a node visit). */
interface VisitStep {
  readonly kind: 1;
  readonly type: "visit";
  readonly target: FlowNode;
  readonly phase: 1 | 2;
  readonly args: readonly [FlowNode, FlowNode | undefined];
}

export class FlowSourceCode {
  readonly text: string;
  readonly ast: FlowFileNode;
  readonly #lines: LineIndex;
  #lineTexts: string[] | undefined;
  readonly visitorKeys: Readonly<Record<string, readonly string[]>> = VISITOR_KEYS;

  constructor(text: string, ast: FlowFileNode) {
    this.text = text;
    this.ast = ast;
    this.#lines = new LineIndex(text);
  }

  /** The lines of the text (ESLint's formatters and `getLines` read them). */
  get lines(): string[] {
    this.#lineTexts ??= this.text.split(/\r\n|[\r\n]/u);
    return this.#lineTexts;
  }

  getLines(): string[] {
    return this.lines;
  }

  getLoc(node: { readonly loc: FlowLocation }): FlowLocation {
    return node.loc;
  }

  getRange(node: { readonly range: [number, number] }): [number, number] {
    return node.range;
  }

  getText(node?: { readonly range: [number, number] }): string {
    return node ? this.text.slice(node.range[0], node.range[1]) : this.text;
  }

  getParent(node: FlowNode): FlowNode | undefined {
    return node.type === "FlowDocument" ? this.ast : undefined;
  }

  getAncestors(node: FlowNode): FlowNode[] {
    return node.type === "FlowDocument" ? [this.ast] : [];
  }

  /** JSON has no comments, so no inline configuration or disable directives. */
  getInlineConfigNodes(): [] {
    return [];
  }

  getDisableDirectives(): { problems: []; directives: [] } {
    return { problems: [], directives: [] };
  }

  applyInlineConfig(): { configs: []; problems: [] } {
    return { configs: [], problems: [] };
  }

  /** A 1-based position of an offset in the text. */
  positionAt(offset: number): Position {
    return this.#lines.positionAt(offset);
  }

  *traverse(): Iterable<VisitStep> {
    const root = this.ast;
    yield { kind: 1, type: "visit", target: root, phase: 1, args: [root, undefined] };
    for (const document of root.documents) {
      yield { kind: 1, type: "visit", target: document, phase: 1, args: [document, root] };
      yield { kind: 1, type: "visit", target: document, phase: 2, args: [document, root] };
    }
    yield { kind: 1, type: "visit", target: root, phase: 2, args: [root, undefined] };
  }
}

const VISITOR_KEYS: Readonly<Record<string, readonly string[]>> = { FlowFile: ["documents"], FlowDocument: [] };

export interface FlowLanguageOptions {
  /** The flow texts a file holds; the default reads the file as one flow export. */
  readonly documentsOf?: DocumentsOf;
}

/** The `connect-lint/flow` language. */
export class FlowLanguage {
  readonly fileType = "text";
  readonly lineStart = 1;
  readonly columnStart = 1;
  readonly nodeTypeKey = "type";
  readonly visitorKeys = VISITOR_KEYS;
  readonly defaultLanguageOptions = {};
  readonly #documentsOf: DocumentsOf;

  constructor(options: FlowLanguageOptions = {}) {
    this.#documentsOf = options.documentsOf ?? flowsOfFile;
  }

  /**
   * `flowType` (as the CLI's `--flow-type` or a configuration `flowType`: `CUSTOMER_QUEUE`,
   * `customerQueue` or `Customer queue flow`) is the one option; it wins over `Metadata.type`. Other
   * keys (JavaScript's, which a shared config may set for every file) are ignored.
   */
  validateLanguageOptions(languageOptions: Readonly<Record<string, unknown>>): void {
    const given = languageOptions.flowType;
    if (given === undefined) return;
    if (typeof given !== "string" || parseFlowTypeName(given) === undefined) {
      throw new Error(`languageOptions.flowType: ${JSON.stringify(given)} is not a flow type (use an API name such as CONTACT_FLOW or CUSTOMER_QUEUE).`);
    }
  }

  /** Loads the file's flows. Invalid JSON and legacy exports are parse errors (ESLint shows them as fatal). */
  parse(file: FlowFile, context?: { readonly languageOptions?: Readonly<Record<string, unknown>> }): FlowParseResult {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    const filePath = file.physicalPath ?? file.path;
    const lines = new LineIndex(text);
    const texts = this.#documentsOf(text, filePath) ?? [];
    const flowType = givenFlowType(context?.languageOptions?.flowType);
    const documents: FlowDocumentNode[] = [];
    const errors: ParseError[] = [];
    for (const { text: flowText, origin } of texts) {
      const outcome = loadFlow(flowText, flowType && !origin.flowType ? { ...origin, flowType } : origin);
      const span = spanInFile(flowText, origin.host, text);
      const where = { range: span, loc: { start: lines.positionAt(span[0]), end: lines.positionAt(span[1]) } };
      switch (outcome.status) {
        case "failed":
          // A file that is not JSON and does not mention StartAction (a tsconfig.json with comments)
          // is not a flow: left alone, as valid JSON that is not a flow is.
          if (mentionsFlow(flowText)) errors.push(parseError(outcome.message, outcome.range));
          break;
        default:
          documents.push({ type: "FlowDocument", ...where, outcome, resource: origin.resource });
      }
    }
    if (errors.length > 0) return { ok: false, errors };
    const end = lines.positionAt(text.length);
    return { ok: true, ast: { type: "FlowFile", range: [0, text.length], loc: { start: { line: 1, column: 1 }, end }, documents } };
  }

  createSourceCode(file: FlowFile, result: { readonly ast: FlowFileNode }): FlowSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return new FlowSourceCode(text, result.ast);
  }
}

function givenFlowType(value: unknown): GivenFlowType | undefined {
  const type = typeof value === "string" ? parseFlowTypeName(value) : undefined;
  return type && { type, source: { kind: "config", detail: "languageOptions.flowType" } };
}

function mentionsFlow(text: string): boolean {
  return text.includes('"StartAction"') || text.includes('"Actions"');
}

function parseError(message: string, range: SourceRange): ParseError {
  return { message, line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** The offsets in the file of a flow's text: the whole file, or its place in the host. */
function spanInFile(flowText: string, host: HostText | undefined, fileText: string): [number, number] {
  if (!host) return [0, fileText.length];
  return [host.map.toHost(0), host.map.toHost(flowText.length)];
}
