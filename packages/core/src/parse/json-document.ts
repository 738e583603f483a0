import { momoa } from "../lazy.js";
import { JsonLocator } from "./locator.js";
import type { ContainerItems, Span } from "./locator.js";
import { DEFAULT_LIMITS, tooDeeplyNestedMessage } from "../limits.js";
import { countKeys, findDuplicateKeys, scanJson } from "./scan.js";
import type { DuplicateKey } from "./scan.js";
import type { ContainerTable } from "./containers.js";

/** A 1-based line and column. Columns count UTF-16 code units, as editors and ESLint do. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A range in the text: `start` inclusive, `end` exclusive. */
export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

export type { ContainerItems, Span } from "./locator.js";
export type { DuplicateKey } from "./scan.js";

/**
 * Where a document's text sits in the file the user has (the host): a flow embedded in a
 * CloudFormation template, a Terraform heredoc or API output is a document of its own, and its
 * positions are reported in the host file.
 */
export interface OffsetMap {
  /**
   * The host offset where document character `offset` starts; past the end of the document, the host
   * offset just after its last character.
   */
  toHost(offset: number): number;
  /**
   * The host offset just after document character `offset - 1`: the exclusive end of a range, which
   * then does not stretch over host text that produced nothing (a block scalar's indentation, a line
   * break folded away, an escape's backslash).
   */
  toHostEnd(offset: number): number;
}

export interface HostText {
  /** Line starts of the host file's text. */
  readonly lines: LineIndex;
  readonly map: OffsetMap;
}

export interface ParseFailure {
  readonly ok: false;
  readonly message: string;
  /** Line and column, in the host file when there is one. */
  readonly range: SourceRange;
  /** Offsets in the document's text (after a byte-order mark). */
  readonly span: Span;
  /** Set when the text was not parsed because it nests deeper than the limit (not a syntax error). */
  readonly reason?: "too-deeply-nested";
}

export interface ParseSuccess {
  readonly ok: true;
  readonly document: JsonDocument;
}

export type ParseOutcome = ParseSuccess | ParseFailure;

const BOM = "\uFEFF";

export interface ParseOptions {
  /** Text nested deeper than this is not parsed (default `DEFAULT_LIMITS.maxNestingDepth`). */
  readonly maxNestingDepth?: number | undefined;
  /** Where the text sits in a host file; positions are then reported in the host. */
  readonly host?: HostText | undefined;
}

/**
 * Parses JSON text. Never throws.
 *
 * The value comes from `JSON.parse` (fast, and it decides what is valid JSON); positions come from
 * scanning the text along the path of a pointer only when a position is first asked for (see
 * `JsonLocator`), so a file with no findings never pays for them, and a large file with a few
 * findings pays a few passes over its text, not a syntax tree. A leading byte-order mark is ignored; positions are those
 * of the text after it.
 */
export function parseJson(input: string, options: ParseOptions = {}): ParseOutcome {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  // Checked before parsing, without recursion: code that walks the value (and a syntax tree) may
  // recurse, so text nested deeper than the limit is never parsed at all. The same pass counts the
  // keys: a parsed value with fewer has keys written twice in an object, which JSON.parse hides.
  const maxDepth = options.maxNestingDepth ?? DEFAULT_LIMITS.maxNestingDepth;
  const { tooDeep, keys, containers } = scanJson(text, maxDepth);
  if (tooDeep !== undefined) {
    const span = { start: tooDeep, end: tooDeep + 1 };
    return {
      ok: false,
      message: tooDeeplyNestedMessage(text.charAt(tooDeep), maxDepth),
      range: new JsonDocument(text, undefined, options.host).rangeOf(span),
      span,
      reason: "too-deeply-nested",
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return describeSyntaxError(new JsonDocument(text, undefined, options.host), error);
  }
  const duplicates = countKeys(value) === keys ? [] : findDuplicateKeys(text, maxDepth);
  return { ok: true, document: new JsonDocument(text, value, options.host, duplicates, containers) };
}

/** The escaping of one reference token in a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  const text = String(token);
  return text.includes("~") || text.includes("/") ? text.replace(/~/g, "~0").replace(/\//g, "~1") : text;
}

/** Builds a JSON pointer from tokens. */
export function pointerOf(...tokens: readonly (string | number)[]): string {
  let pointer = "";
  for (const t of tokens) pointer += "/" + escapePointerToken(t);
  return pointer;
}

/** Splits a JSON pointer into its unescaped tokens. `""` is the whole document. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  const tokens = pointer.slice(1).split("/");
  return pointer.includes("~") ? tokens.map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~")) : tokens;
}

/** A JSON pointer as a path users read: `/Actions/0/Type` -> `Actions[0].Type`; `""` -> `document`. */
export function pointerToPath(pointer: string): string {
  if (pointer === "") return "document";
  let path = "";
  for (const token of pointerTokens(pointer)) {
    if (/^(0|[1-9][0-9]*)$/.test(token)) path += `[${token}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(token)) path += path === "" ? token : `.${token}`;
    else path += `[${JSON.stringify(token)}]`;
  }
  return path;
}

/**
 * Line starts of a text, computed once: converts offsets into 1-based lines and columns (columns count
 * UTF-16 code units, as editors and ESLint do).
 */
export class LineIndex {
  readonly text: string;
  #lineStarts: number[] | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** Converts a 0-based offset into the text to a 1-based line and column. */
  positionAt(offset: number): Position {
    const starts = this.#starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  #starts(): number[] {
    this.#lineStarts ??= lineStarts(this.text);
    return this.#lineStarts;
  }
}

/**
 * A parsed JSON text: its value, and the spans (offsets) of the values and keys in it. Lines and
 * columns are derived from spans at the edge (`locate`, `rangeOf`), in the host file when the text is
 * embedded in one.
 */
export class JsonDocument {
  readonly text: string;
  readonly value: unknown;
  /** Where the text sits in a host file, when it is embedded in one. */
  readonly host: HostText | undefined;
  /** Keys written more than once in an object (JSON.parse kept the last of each). */
  readonly duplicateKeys: readonly DuplicateKey[];
  #locatorState: JsonLocator | null | undefined;
  #lines: LineIndex | undefined;
  /** Where the text's containers are, from the pass before parsing (else scanned when first needed). */
  readonly #containers: ContainerTable | undefined;

  constructor(text: string, value: unknown, host?: HostText, duplicateKeys: readonly DuplicateKey[] = [], containers?: ContainerTable) {
    this.text = text;
    this.value = value;
    this.host = host;
    this.duplicateKeys = duplicateKeys;
    this.#containers = containers;
  }

  /**
   * The JSON pointer of the container that has, at its own level, the key (or value) at `offset`:
   * for a {@link DuplicateKey}, the object it is written twice in. `""` for the root.
   */
  containerPointerAt(offset: number): string {
    const locator = this.#locator();
    if (!locator) return "";
    try {
      return pointerOf(...locator.containerOf(offset));
    } catch {
      return "";
    }
  }

  /**
   * The span (offsets in `text`) of the value at `pointer`, or of its key when `key` is true (for a
   * member of an object). Falls back to the nearest existing ancestor when the pointer names something
   * that is not there (e.g. a missing required key: the span of the object that lacks it).
   */
  span(pointer: string, options: { key?: boolean } = {}): Span {
    const locator = this.#locator();
    if (!locator) return { start: 0, end: this.text.length };
    let found: ReturnType<JsonLocator["resolve"]>;
    try {
      found = locator.resolve(pointerTokens(pointer));
    } catch {
      // JSON.parse accepted the text, so this cannot happen; positions degrade to the whole text
      // rather than failing the lint.
      this.#locatorState = null;
      return { start: 0, end: this.text.length };
    }
    return options.key && found.key ? found.key : found.value;
  }

  /** The span of the value at `pointer`, or undefined when the pointer names something that is not there. */
  find(pointer: string): Span | undefined {
    const locator = this.#locator();
    if (!locator) return undefined;
    try {
      return locator.find(pointerTokens(pointer));
    } catch {
      return undefined; // see `span`
    }
  }

  /** The members or elements of the array or object at `pointer` (for edits: see fix/fixer.ts); undefined for anything else. */
  itemsAt(pointer: string): { readonly span: Span; readonly items: ContainerItems } | undefined {
    const span = this.find(pointer);
    const locator = this.#locator();
    if (!span || !locator) return undefined;
    try {
      const items = locator.items(span.start);
      return items ? { span, items } : undefined;
    } catch {
      return undefined;
    }
  }

  /** `span`, as lines and columns (in the host file when there is one). */
  locate(pointer: string, options: { key?: boolean } = {}): SourceRange {
    return this.rangeOf(this.span(pointer, options));
  }

  /** A span of `text` as lines and columns, in the host file when there is one. */
  rangeOf(span: Span): SourceRange {
    const host = this.host;
    if (!host) return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
    const start = host.map.toHost(span.start);
    const end = span.end > span.start ? Math.max(host.map.toHostEnd(span.end), start) : start;
    return { start: host.lines.positionAt(start), end: host.lines.positionAt(end) };
  }

  /** Converts a 0-based offset into `text` to a 1-based line and column of `text` (not of the host). */
  positionAt(offset: number): Position {
    this.#lines ??= new LineIndex(this.text);
    return this.#lines.positionAt(offset);
  }

  #locator(): JsonLocator | null {
    if (this.#locatorState === undefined) this.#locatorState = new JsonLocator(this.text, this.#containers);
    return this.#locatorState;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes("\r")) {
    // The usual case: indexOf finds line feeds many times faster than a loop over every character.
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

const TOKEN_NAMES: Readonly<Record<string, string>> = {
  LBrace: "'{'",
  RBrace: "'}'",
  LBracket: "'['",
  RBracket: "']'",
  Colon: "':'",
  Comma: "','",
  String: "string",
  Number: "number",
  Boolean: "boolean",
  Null: "null",
};

/** Turns a JSON syntax error into a message and a position, using momoa to find where. */
function describeSyntaxError(doc: JsonDocument, jsonError: unknown): ParseFailure {
  const text = doc.text;
  if (text.trim() === "") {
    return { ok: false, message: "File is empty: expected a JSON object", ...point(doc, 0) };
  }
  try {
    momoa().parse(text, { mode: "json" });
  } catch (error) {
    if (error instanceof Error && "offset" in error && typeof error.offset === "number") {
      const message = error.message
        .replace(/\s*\(\d+:\d+\)\s*$/, "")
        .replace(/Unexpected token (\w+) found\.?/, (_m, name: string) => `Unexpected ${TOKEN_NAMES[name] ?? name}`)
        .replace(/Unexpected character (.+) found\.?/, "Unexpected character $1")
        .replace(/Unexpected end of input found\.?/, "Unexpected end of file");
      // The end of input is where the text ends (momoa gives offset 0 when whitespace follows the
      // last token).
      const offset = /end of input/i.test(error.message) ? text.trimEnd().length : Math.min(error.offset, text.length);
      // momoa blames the last token of a truncated file; say what really happened.
      const truncated = offset < text.length && text.slice(offset + 1).trim() === "" && /^Unexpected '[,:[{]'$/.test(message);
      const said = truncated ? `Unexpected end of file after ${message.slice("Unexpected ".length)} (is the file truncated?)` : message;
      return { ok: false, message: `Invalid JSON: ${said}`, ...point(doc, offset) };
    }
  }
  // momoa accepted what JSON.parse rejected (e.g. a raw control character in a string): use the
  // position V8 gives, if any.
  const raw = jsonError instanceof Error ? jsonError.message : String(jsonError);
  const at = /at position (\d+)/.exec(raw);
  const offset = at?.[1] === undefined ? 0 : Math.min(Number(at[1]), text.length);
  const reason = raw.replace(/ in JSON at position \d+.*$/s, "").replace(/,\s*".*$/s, "");
  return { ok: false, message: `Invalid JSON: ${reason}`, ...point(doc, offset) };
}

function point(doc: JsonDocument, offset: number): { range: SourceRange; span: Span } {
  // One character wide, unless there is none: at the end of the text, or a line break (a raw line
  // break in a string), whose width would end the range past the end of its line.
  const c = doc.text.charCodeAt(offset);
  const width = offset < doc.text.length && c !== 10 && c !== 13 ? 1 : 0;
  const span = { start: offset, end: offset + width };
  return { range: doc.rangeOf(span), span };
}
