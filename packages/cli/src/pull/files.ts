/** File names for pulled flows, and JSON written as the AWS CLI prints it. */

/** Longest file-name stem, in UTF-16 code units (names stay well under the 255 bytes file systems allow). */
const MAX_STEM = 80;

/** Characters Windows forbids in file names (`/` everywhere), and `%` of deployment placeholders. */
const FORBIDDEN = '<>:"/\\|?*%';

/** Names Windows reserves whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file-name stem from a flow's name that is safe on Linux, macOS and Windows: characters those
 * forbid (`<>:"/\|?*`), control characters and `%` (placeholders) become `_`;
 * leading dots (hidden files) and trailing dots and spaces go; reserved device names get a `_`.
 */
export function safeStem(name: string): string {
  let stem = Array.from(name.normalize("NFC"), (ch) => (ch < " " || ch === "\u007f" || FORBIDDEN.includes(ch) ? "_" : ch))
    .join("")
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (stem.length > MAX_STEM) {
    stem = stem.slice(0, MAX_STEM);
    // Do not cut a surrogate pair in two.
    if (/[\ud800-\udbff]$/.test(stem)) stem = stem.slice(0, -1);
    stem = stem.replace(/[.\s]+$/, "");
  }
  if (RESERVED.test(stem)) stem = `${stem}_`;
  return stem;
}

export interface Named {
  readonly Id: string;
  readonly Name: string;
}

/**
 * One file name per resource, `<stem>.json`, in the order given. Names that would be the same on a
 * case-insensitive file system (macOS, Windows) all get their id: `<stem>--<id>.json`, so no flow
 * takes a name by coming first, and the result depends only on the set of names and ids. A name
 * with nothing safe in it is its id.
 */
export function fileNames(items: readonly Named[]): string[] {
  const stems = items.map((item) => safeStem(item.Name) || safeStem(item.Id) || "unnamed");
  const count = new Map<string, number>();
  for (const stem of stems) count.set(stem.toLowerCase(), (count.get(stem.toLowerCase()) ?? 0) + 1);
  const names = items.map((item, i) => {
    const stem = stems[i] ?? "";
    return (count.get(stem.toLowerCase()) ?? 0) > 1 ? `${stem}--${safeStem(item.Id)}.json` : `${stem}.json`;
  });
  // Two flows with the same name and id differing only in case would still collide: number them.
  const seen = new Map<string, number>();
  return names.map((name) => {
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? name : `${name.slice(0, -".json".length)}--${String(n)}.json`;
  });
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * A time as the AWS CLI prints it (Python's `isoformat()`), in UTC so that the output does not
 * depend on the machine's time zone: `2024-05-01T10:20:30.123000+00:00`, no fraction when zero.
 */
export function cliTimestamp(date: Date): string {
  const ms = date.getUTCMilliseconds();
  const fraction = ms === 0 ? "" : `.${String(ms).padStart(3, "0")}000`;
  return (
    `${String(date.getUTCFullYear()).padStart(4, "0")}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}` +
    `T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}${fraction}+00:00`
  );
}

/** An SDK output as the AWS CLI's JSON output: no `$metadata`, times as text, 4-space indent, final newline. */
export function cliJson(value: unknown): string {
  return (
    JSON.stringify(
      value,
      function (this: Record<string, unknown>, key, v: unknown) {
        if (key === "$metadata") return undefined;
        // JSON.stringify has called Date#toJSON already: read the Date itself.
        const raw = this[key];
        return raw instanceof Date ? cliTimestamp(raw) : v;
      },
      4,
    ) + "\n"
  );
}

/** Code-unit order (not the locale's), so the output is the same on every machine. */
export function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}
