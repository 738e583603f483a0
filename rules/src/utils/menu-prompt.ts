/**
 * The keys a menu prompt offers: "press 1 for billing", "for sales, press two", "1 for sales, 2 for
 * support", "para español oprima 2", "presione la tecla asterisco". Built-in wording for English and
 * Spanish; extra patterns from rule options (a regular expression whose first capture group is the
 * key, as a digit or a key word).
 */

export type MenuLanguage = "en" | "es";

export interface OfferedKey {
  /** `0`-`9`, `*` or `#`. */
  readonly key: string;
  /** The words that offer it, for messages, e.g. `press 2`. */
  readonly phrase: string;
}

const KEY_WORDS: Readonly<Record<string, string>> = {
  zero: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  star: "*",
  asterisk: "*",
  pound: "#",
  hash: "#",
  cero: "0",
  uno: "1",
  dos: "2",
  tres: "3",
  cuatro: "4",
  cinco: "5",
  seis: "6",
  siete: "7",
  ocho: "8",
  nueve: "9",
  asterisco: "*",
  numeral: "#",
  almohadilla: "#",
  gato: "#",
};

/** A key as written (a single digit, a symbol or a key word) -> the key, or undefined. */
export function normalizeKey(written: string): string | undefined {
  const w = written.trim().toLowerCase();
  if (/^[0-9*#]$/.test(w)) return w;
  return Object.prototype.hasOwnProperty.call(KEY_WORDS, w) ? KEY_WORDS[w] : undefined;
}

// A single key: a digit that is not part of a longer number, a symbol, or a key word.
const DIGIT = String.raw`(?<![\d.,:])[0-9](?![\d.,:]\d|\d)`;
const EN_WORD = String.raw`zero|one|two|three|four|five|six|seven|eight|nine|star|asterisk|pound|hash`;
const ES_WORD = String.raw`cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|asterisco|numeral|almohadilla|gato`;

/** Built-in patterns per language: the verb (and optional article) before a key; a digit before "for"/"para". */
const BUILT_IN: Readonly<Record<MenuLanguage, readonly string[]>> = {
  en: [
    String.raw`\b(?:press|push|dial|select|choose|hit|touch|key(?: in)?)\s+(?:the\s+)?(?:number\s+|digit\s+)?(${DIGIT}|\*|#|\b(?:${EN_WORD})\b)`,
    String.raw`(?:^|[\s,;:(])(${DIGIT})\s+for\b`,
  ],
  es: [
    String.raw`\b(?:oprima|oprime|presione|presiona|pulse|pulsa|marque|marca|digite|digita|teclee|teclea|seleccione|selecciona)\s+(?:(?:el|la)\s+)?(?:(?:n[uú]mero|tecla|d[ií]gito)\s+)?(${DIGIT}|\*|#|\b(?:${ES_WORD})\b)`,
    String.raw`(?:^|[\s,;:(])(${DIGIT})\s+para\b`,
  ],
};

/** Further keys after an offer: "press 1, 2 or 3", "oprima 1 o 2". */
const MORE_KEYS = new RegExp(String.raw`^(?:\s*,\s*|\s+(?:or|o|u)\s+)(${DIGIT}|\*|#|\b(?:${EN_WORD}|${ES_WORD})\b)`, "iu");

export interface MenuMatcher {
  offered(wording: string): OfferedKey[];
}

/** Compiles the built-in patterns of the languages and the extra patterns (case-insensitive, Unicode). */
export function createMenuMatcher(languages: readonly MenuLanguage[], extra: readonly string[]): MenuMatcher {
  const sources = [...languages.flatMap((l) => BUILT_IN[l]), ...extra];
  const regexes: RegExp[] = [];
  for (const source of sources) {
    try {
      regexes.push(new RegExp(source, "giu"));
    } catch {
      // validateOptions rejects extra patterns that do not compile; built-ins always do.
    }
  }
  return {
    offered(wording: string): OfferedKey[] {
      const found = new Map<string, OfferedKey>();
      for (const regex of regexes) {
        regex.lastIndex = 0;
        for (const m of wording.matchAll(regex)) {
          const written = m[1];
          if (written === undefined) continue;
          const phrase = m[0].trim().replace(/^[,;:(]\s*/, "");
          const add = (w: string, p: string): void => {
            const key = normalizeKey(w);
            if (key !== undefined && !found.has(key)) found.set(key, { key, phrase: p });
          };
          add(written, phrase);
          // Keys listed after the first: "press 1, 2 or 3".
          let rest = wording.slice(m.index + m[0].length);
          let more = phrase;
          for (let next = MORE_KEYS.exec(rest); next?.[1] !== undefined; next = MORE_KEYS.exec(rest)) {
            more += next[0];
            add(next[1], more.replace(/\s+/g, " "));
            rest = rest.slice(next[0].length);
          }
        }
      }
      return [...found.values()].sort((a, b) => keyOrder(a.key) - keyOrder(b.key));
    },
  };
}

/** Keys in keypad order: 1-9, 0, *, #. */
export function keyOrder(key: string): number {
  const i = "1234567890*#".indexOf(key);
  return i < 0 ? 99 : i;
}

/** A description of the first extra pattern that does not compile or has no capture group, or undefined. */
export function invalidMenuPattern(patterns: readonly string[]): string | undefined {
  for (const source of patterns) {
    let regex: RegExp;
    try {
      regex = new RegExp(source, "iu");
    } catch (error) {
      return `patterns entry ${JSON.stringify(source)} is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
    }
    const groups = (new RegExp(`${regex.source}|`, "u").exec("")?.length ?? 1) - 1;
    if (groups < 1) return `patterns entry ${JSON.stringify(source)} has no capture group for the key (e.g. "appuyez sur (\\d)")`;
  }
  return undefined;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The spoken words of a prompt: SSML tags removed, character entities decoded, white space collapsed. */
export function spokenWords(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#")) {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}
