/** Characters that XML 1.0 does not allow anywhere, lone surrogates included. */
const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/**
 * Text content: markup characters escaped, characters XML 1.0 forbids removed; line breaks kept,
 * carriage returns as character references (a parser would turn a literal CR LF into LF).
 */
export function xmlText(text: string): string {
  return text.replace(INVALID, "").replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * An attribute value (to put between double quotes): as {@link xmlText}, and tabs and line breaks
 * as character references, which attribute-value normalization would otherwise turn into spaces.
 */
export function xmlAttr(text: string): string {
  return text.replace(INVALID, "").replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}

/** `name="value"` pairs, in the given order. */
export function xmlAttrs(attributes: readonly (readonly [string, string | number])[]): string {
  return attributes.map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`).join("");
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
