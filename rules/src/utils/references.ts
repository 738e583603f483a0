/**
 * Flow-data references: the JSONPath expressions (`$.Attributes.x`, `$.External.y`,
 * `$.Lex.Slots.z`, `$.StoredCustomerInput`, `$['Attributes']['my key']`, ...) that a flow writes in
 * parameter values to read contact data at run time.
 *
 * `findReferences(text)` scans any string (a prompt, an SSML document, a parameter that holds a single
 * reference) and returns every reference with its offsets; `parseReference(text)` reads a string that
 * must be exactly one reference; `namespaceInfo(name)` says what a namespace (`Attributes`,
 * `Customer`, ...) holds. The scanner only reads syntax: it does not check that a path exists.
 *
 * Grammar accepted after `$` (one or more segments):
 * - `.Name`: letters, digits and `_`, with inner `-` (`$.Attributes.first-name`); the first segment
 *   must start with a letter or `_`, so `$.99` and `$5` are prices, not references;
 * - `['name']` or `["name"]`: any characters except the closing quote and backslash;
 * - `[0]`: an array index (kept as the segment `"0"`);
 * - `.['name']`, a dot before a bracket, as some real flows write it, is read like `['name']`.
 * A dot that is not followed by a name character ends the reference, so the full stop in
 * `"Hello $.External.givenName."` is not part of it.
 */

/** One reference found in a string. Offsets count UTF-16 code units, like JavaScript string indexes. */
export interface FlowDataReference {
  /** The reference as written, e.g. `$.Attributes.CustomerSSN` or `$['Attributes']['my key']`. */
  readonly text: string;
  /** Offset of the `$` in the scanned string. */
  readonly start: number;
  /** Offset just after the reference (`text === scanned.slice(start, end)`). */
  readonly end: number;
  /** The path segments after `$`, unquoted: `["Attributes", "CustomerSSN"]`. Never empty. */
  readonly segments: readonly string[];
  /** The first segment, e.g. `Attributes`, `External`, `Lex`, `StoredCustomerInput`. */
  readonly namespace: string;
  /**
   * The segments after the namespace joined with `.`: the attribute or field name, e.g.
   * `CustomerSSN`, `Slots.AccountNumber`; `""` for a reference that is only a namespace
   * (`$.StoredCustomerInput`).
   */
  readonly name: string;
  /** Canonical form: dotted where segments are plain names, bracketed otherwise (`$.Attributes['my key']`). */
  readonly path: string;
  /** True when the scanned string is exactly this reference (no other text around it). */
  readonly whole: boolean;
}

/** What a namespace holds. */
export interface NamespaceInfo {
  /** The namespace as written in a path, e.g. `Attributes`. */
  readonly name: string;
  /** How messages name a value of it, with an article: `a contact attribute`. */
  readonly label: string;
  /**
   * True when the namespace holds data about, or given by, the customer (their number, their
   * profile, what they typed or said, values looked up for them), or data a flow author stored and
   * that may be such data (contact, flow and Lambda attributes). False for system data (queue,
   * agent, channel, instance).
   */
  readonly customerData: boolean;
  /**
   * True when the value comes from the caller on this contact (what they typed, said or entered, the
   * number they call from): reading it back to the same caller tells them nothing new.
   */
  readonly fromCaller?: boolean;
}

// From the "List of available contact attributes and their JSONPath references" page of the
// Amazon Connect administrator guide. Namespaces not listed here are unknown (`namespaceInfo`
// returns undefined).
const NAMESPACES: readonly NamespaceInfo[] = [
  { name: "Attributes", label: "a contact attribute", customerData: true },
  { name: "FlowAttributes", label: "a flow attribute", customerData: true },
  { name: "External", label: "a value returned by a Lambda function", customerData: true },
  { name: "Lex", label: "a value from the Amazon Lex bot", customerData: true, fromCaller: true },
  { name: "StoredCustomerInput", label: "the digits the customer keyed in", customerData: true, fromCaller: true },
  { name: "Customer", label: "a Customer Profiles field", customerData: true },
  { name: "CustomerEndpoint", label: "the customer's phone number or e-mail address", customerData: true, fromCaller: true },
  { name: "CustomerId", label: "the customer ID", customerData: true },
  { name: "CustomerCallbackNumber", label: "the customer's callback number", customerData: true, fromCaller: true },
  { name: "AdditionalEmailRecipients", label: "the customer's e-mail recipients", customerData: true },
  { name: "Case", label: "a Cases field", customerData: true },
  { name: "Modules", label: "a flow module result", customerData: true },
  { name: "Views", label: "a value the customer entered in a view", customerData: true, fromCaller: true },
  { name: "SystemEndpoint", label: "the contact center's number or address", customerData: false },
  { name: "Queue", label: "a queue attribute", customerData: false },
  { name: "Agent", label: "an agent attribute", customerData: false },
  { name: "Metrics", label: "a queue metric", customerData: false },
  { name: "Channel", label: "the channel", customerData: false },
  { name: "ContactId", label: "the contact ID", customerData: false },
  { name: "InitialContactId", label: "the initial contact ID", customerData: false },
  { name: "PreviousContactId", label: "the previous contact ID", customerData: false },
  { name: "InstanceARN", label: "the instance ARN", customerData: false },
  { name: "AwsRegion", label: "the AWS Region", customerData: false },
  { name: "Name", label: "the contact name", customerData: false },
  { name: "Description", label: "the contact description", customerData: false },
  { name: "LanguageCode", label: "the language", customerData: false },
  { name: "TextToSpeechVoice", label: "the text-to-speech voice", customerData: false },
  { name: "MediaStreams", label: "a media stream attribute", customerData: false },
  { name: "Media", label: "a media attribute", customerData: false },
  { name: "SegmentAttributes", label: "a segment attribute", customerData: false },
  { name: "Tags", label: "a contact tag", customerData: false },
];
const namespaces = new Map<string, NamespaceInfo>(NAMESPACES.map((n) => [n.name, n]));

/**
 * True when the reference reads a value the caller gave on this contact (`fromCaller`); Lex session
 * attributes are excluded: the bot's own code sets them, often from back-end lookups.
 */
export function isFromCaller(ref: FlowDataReference): boolean {
  if (namespaceInfo(ref.namespace)?.fromCaller !== true) return false;
  return !(ref.namespace === "Lex" && ref.segments[1] === "SessionAttributes");
}

/** What the namespace holds, or undefined for a namespace the catalog of references does not know. */
export function namespaceInfo(namespace: string): NamespaceInfo | undefined {
  return namespaces.get(namespace);
}

const NAME_SEGMENT = /[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/y;
const FIRST_NAME_SEGMENT = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/y;
const BRACKET_SEGMENT = /\[\s*(?:'([^'\\]*)'|"([^"\\]*)"|(\d+))\s*\]/y;
const PLAIN_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/;

function stickyMatch(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** Reads the segments of a reference whose `$` is at `start`; undefined when none follows. */
function readAt(text: string, start: number): { segments: string[]; end: number } | undefined {
  const segments: string[] = [];
  let at = start + 1;
  for (;;) {
    // `.['name']` (a dot before a bracket) is written by some flows and read like `['name']`.
    if (text[at] === "." && text[at + 1] === "[" && segments.length > 0 && stickyMatch(BRACKET_SEGMENT, text, at + 1)) at += 1;
    if (text[at] === ".") {
      const m = stickyMatch(segments.length === 0 ? FIRST_NAME_SEGMENT : NAME_SEGMENT, text, at + 1);
      if (!m) break;
      segments.push(m[0]);
      at = at + 1 + m[0].length;
      continue;
    }
    if (text[at] === "[") {
      const m = stickyMatch(BRACKET_SEGMENT, text, at);
      if (!m) break;
      const segment = m[1] ?? m[2] ?? m[3] ?? "";
      // The namespace itself must be a name, not an index.
      if (segments.length === 0 && m[3] !== undefined) break;
      segments.push(segment);
      at += m[0].length;
      continue;
    }
    break;
  }
  return segments.length === 0 ? undefined : { segments, end: at };
}

/** The canonical path of segments: `$.Attributes.x`, `$.Attributes['my key']`, `$.External.items[0]`. */
export function formatReferencePath(segments: readonly string[]): string {
  let path = "$";
  for (const s of segments) {
    if (PLAIN_SEGMENT.test(s)) path += `.${s}`;
    else if (/^\d+$/.test(s)) path += `[${s}]`;
    else path += `['${s}']`;
  }
  return path;
}

function makeReference(text: string, start: number, end: number, segments: string[]): FlowDataReference {
  return {
    text: text.slice(start, end),
    start,
    end,
    segments,
    namespace: segments[0] ?? "",
    name: segments.slice(1).join("."),
    path: formatReferencePath(segments),
    whole: start === 0 && end === text.length,
  };
}

/**
 * Every flow-data reference in `text`, in order. A `$` that no path segment follows (`$5`, `US$`,
 * `$.`) is not a reference. Never throws.
 */
export function findReferences(text: string): FlowDataReference[] {
  const found: FlowDataReference[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf("$", from);
    if (start < 0) break;
    const read = readAt(text, start);
    if (read) {
      found.push(makeReference(text, start, read.end, read.segments));
      from = read.end;
    } else {
      from = start + 1;
    }
  }
  return found;
}

/**
 * Reads a string that must be exactly one reference (surrounding white space allowed), e.g. the
 * value of a "static or single JSONPath" parameter, or an entry of an allow list. Undefined when the
 * string is anything else.
 */
export function parseReference(text: string): FlowDataReference | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("$")) return undefined;
  const read = readAt(trimmed, 0);
  if (read?.end !== trimmed.length) return undefined;
  return makeReference(trimmed, 0, read.end, read.segments);
}

/**
 * Whether a reference matches a path pattern: an exact path in either notation
 * (`$.Attributes.AccountType`, `$['Attributes']['AccountType']`), or a path ending in `.*`, which
 * matches every reference under it (`$.Queue.*`, `$.Attributes.*`). Names are case-sensitive, as in
 * Amazon Connect.
 */
export function referenceMatches(reference: FlowDataReference, pattern: string): boolean {
  const trimmed = pattern.trim();
  const wildcard = trimmed.endsWith(".*");
  const parsed = parseReference(wildcard ? trimmed.slice(0, -2) : trimmed);
  if (!parsed) return false;
  const want = parsed.segments;
  if (wildcard ? reference.segments.length <= want.length : reference.segments.length !== want.length) return false;
  return want.every((s, i) => reference.segments[i] === s);
}
