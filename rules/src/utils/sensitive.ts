/**
 * Sensitive data detectors: which names (attribute names, profile fields, slot names) look like they
 * hold sensitive customer data, and which literal values in a text are sensitive (card numbers,
 * SSN-shaped numbers, e-mail addresses, phone numbers).
 *
 * Names are matched on WORD TOKENS, never on substrings. `nameWords` splits a name at every
 * character that is not a letter or digit (`card_number`, `card-number`, `Slots.card`), at camelCase
 * humps (`acctBalance` -> acct, balance), at the end of an acronym (`SSNLast4` -> ssn, last, 4;
 * `CustomerSSN` -> customer, ssn) and between letters and digits (`cvv2` -> cvv, 2). A term matches
 * when a run of consecutive tokens spells it, with or without the breaks between its words: the term
 * "card number" matches `CardNumber`, `card_number` and `cardnumber`; the term "date of birth"
 * matches `dateOfBirth` and `DATE_OF_BIRTH`. A token that merely contains a term does not match:
 * `Accountant`, `spinach`, `Scorecard`, `LoadBalancer` are not sensitive. The price is that an
 * all-lowercase compound whose first part is not a term (`customerssn`) is not recognised.
 */

/** Built-in terms (words separated by single spaces), most specific first within a family. */
export const SENSITIVE_TERMS: readonly string[] = [
  "social security",
  "social insurance",
  "ssn",
  "itin",
  "tax id",
  "tax number",
  "taxpayer",
  "national id",
  "national insurance",
  "passport",
  "driver license",
  "drivers license",
  "driving licence",
  "card number",
  "card",
  "cvv",
  "cvc",
  "security code",
  "pin",
  "password",
  "passwd",
  "passcode",
  "passphrase",
  "secret",
  "otp",
  "one time password",
  "one time passcode",
  "one time code",
  "verification code",
  "security answer",
  "maiden name",
  "date of birth",
  "birth date",
  "birthday",
  "dob",
  "account number",
  "account",
  "acct",
  "balance",
  "iban",
  // Not bank routing numbers (ABA routing number, sort code, BSB): they name a bank branch and are
  // published by the banks themselves.
];

/** Splits a name into lower-case word tokens (see the module comment). */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([A-Za-z])(\d)/g, "$1 $2")
    .replace(/(\d)([A-Za-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

/** A term in matching form: its words run together (`card number` -> `cardnumber`). */
function compact(term: string): string {
  return nameWords(term).join("");
}

export interface SensitiveNameOptions {
  /** Extra patterns: regular expression sources, tested case-insensitively (see `createNameMatcher`). */
  readonly extraPatterns?: readonly string[];
  /** Built-in terms to drop, in any spelling (`account`, `Date_Of_Birth`); also drops an identical extra pattern. */
  readonly ignore?: readonly string[];
}

/** Matches names against the sensitive terms. */
export interface SensitiveNameMatcher {
  /** The term or pattern the name matches, for messages (`card number`, `/member.?id/`), or undefined. */
  match(name: string): string | undefined;
  /** Extra patterns that are not valid regular expressions and were skipped. */
  readonly invalidPatterns: readonly string[];
}

/**
 * Builds a matcher from the built-in terms, minus `ignore`, plus `extraPatterns`. A name matches a
 * built-in term by word tokens (module comment). An extra pattern is a regular expression source
 * tested case-insensitively against the name as written (`Slots.MemberId`) and against its words
 * joined by single spaces (`slots member id`), so `member id` and `^memberid$` both work. An extra
 * pattern that does not compile is skipped, never thrown.
 */
export function createNameMatcher(options: SensitiveNameOptions = {}): SensitiveNameMatcher {
  const ignored = new Set((options.ignore ?? []).map(compact));
  const ignoredRaw = new Set(options.ignore ?? []);
  const terms = new Map<string, string>();
  for (const term of SENSITIVE_TERMS) {
    const key = compact(term);
    if (!ignored.has(key)) terms.set(key, term);
  }
  const maxTermLength = Math.max(0, ...[...terms.keys()].map((k) => k.length));
  const patterns: { source: string; regex: RegExp }[] = [];
  const invalidPatterns: string[] = [];
  for (const source of options.extraPatterns ?? []) {
    if (ignoredRaw.has(source)) continue;
    try {
      patterns.push({ source, regex: new RegExp(source, "iu") });
    } catch {
      invalidPatterns.push(source);
    }
  }
  return {
    invalidPatterns,
    match(name: string): string | undefined {
      const words = nameWords(name);
      // The longest run that spells a term wins, so `AccountNumber` reports "account number".
      let best: string | undefined;
      let bestLength = 0;
      for (let i = 0; i < words.length; i++) {
        let run = "";
        for (let j = i; j < words.length; j++) {
          run += words[j] ?? "";
          if (run.length > maxTermLength) break;
          const term = terms.get(run);
          if (term !== undefined && run.length > bestLength) {
            best = term;
            bestLength = run.length;
          }
        }
      }
      if (best !== undefined) return best;
      const spaced = words.join(" ");
      for (const p of patterns) {
        if (p.regex.test(name) || p.regex.test(spaced)) return `/${p.source}/`;
      }
      return undefined;
    },
  };
}

/**
 * Last words of names that hold the text of a prompt rather than data: a flow that plays
 * `$.External.offerMessage` or `$.Attributes.greetingPrompt` reads its wording from a Lambda function
 * or an attribute (a common way to manage prompts outside the flow).
 */
const PROMPT_WORDS = new Set([
  "message",
  "messages",
  "msg",
  "prompt",
  "prompts",
  "text",
  "ssml",
  "greeting",
  "announcement",
  "intro",
  "outro",
  "play",
  "wording",
  "script",
  "speech",
  "phrase",
  // An error text to play (`lookupError`, `paymentErrorText`), worded like a message.
  "error",
  "errors",
]);

/**
 * Whether a name looks like it holds prompt wording: one of its word tokens is `Message`, `Prompt`,
 * `Text`, `SSML`, `Greeting`, ... (`offerMessage`, `errorMessage2`, `confirmationMessageFinal`,
 * `udPlay`).
 */
export function isPromptTextName(name: string): boolean {
  return nameWords(name).some((w) => PROMPT_WORDS.has(w));
}

// ---------------------------------------------------------------------------------------------
// Literal values.
// ---------------------------------------------------------------------------------------------

/** The Luhn (mod 10) check of a string of digits; false for anything that is not all digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export type LiteralKind = "card" | "ssn" | "email" | "phone";

/** A sensitive value written literally in a text. */
export interface SensitiveLiteral {
  readonly kind: LiteralKind;
  /** The value as written. Never put it in a message: use `masked`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** What it is, masked, for messages: `a card number ending 1111`, `an e-mail address (j•••@example.com)`. */
  readonly description: string;
}

const MASK = "•";

/** Masks an e-mail address: first character of the local part, then `•••`, then the domain. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  return `${address.slice(0, 1)}${MASK.repeat(3)}${address.slice(at)}`;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

// A run of 13 to 19 digits, optionally broken by single spaces or dashes, not part of a longer run.
const CARD = /(?<![\w.+-])\d(?:[ -]?\d){12,18}(?![\w-]|[ -]\d|\.\d)/g;
const SSN = /(?<![\w.+-])(\d{3})-(\d{2})-(\d{4})(?![\w-]|\.\d)/g;
const EMAIL = /(?<![\w.+%-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;
// International: + then 8 to 15 digits, separators of at most two characters between digits.
const PHONE_INTL = /(?<![\w+])\+\d(?:[ .()-]{0,2}\d){7,14}(?![\w]|[ .-]\d)/g;
// North American: (206) 555-0100, 206-555-0100, 206.555.0100, 206 555 0100, optional leading 1.
const PHONE_NANP = /(?<![\w+.-])(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-]|[ .-]?\d)/g;
// National with a trunk 0, in groups: 020 7946 0958, 07700 900123, 01 23 45 67 89, (020) 7946 0958.
// The digit after the trunk 0 is never 0 (00 starts an international number).
const PHONE_TRUNK = /(?<![\w+.-])(?:\(0[1-9]\d{0,3}\) ?|0[1-9]\d{0,3}[ -])\d{2,6}(?:[ -]\d{2,6}){0,3}(?![\w-]|[ -]\d|\.\d)/g;

/** Role mailboxes: a business's own address, not a customer's. */
const ROLE_MAILBOXES = new Set([
  "support",
  "help",
  "helpdesk",
  "info",
  "contact",
  "contactus",
  "service",
  "services",
  "customerservice",
  "customercare",
  "care",
  "sales",
  "billing",
  "admin",
  "noreply",
  "donotreply",
  "feedback",
  "hello",
  "enquiries",
  "inquiries",
  "team",
  "office",
  "privacy",
  "security",
  "webmaster",
  "postmaster",
  "abuse",
  "complaints",
]);

/** Toll-free area codes of the North American numbering plan: business numbers, never a customer's. */
const NANP_TOLL_FREE = new Set(["800", "833", "844", "855", "866", "877", "888"]);

function isTollFree(digits: string, international: boolean): boolean {
  if (international) {
    if (digits.startsWith("800")) return true; // +800 universal freephone
    if (digits.startsWith("1")) return NANP_TOLL_FREE.has(digits.slice(1, 4));
    return /^4480[08]/.test(digits); // +44 800, +44 808
  }
  if (digits.length === 11 && digits.startsWith("1")) return NANP_TOLL_FREE.has(digits.slice(1, 4));
  if (digits.length === 10 && !digits.startsWith("0")) return NANP_TOLL_FREE.has(digits.slice(0, 3));
  return /^080[08]/.test(digits); // 0800, 0808 (United Kingdom and others)
}

function overlaps(found: readonly SensitiveLiteral[], start: number, end: number): boolean {
  return found.some((f) => start < f.end && f.start < end);
}

function lastFour(digits: string): string {
  return digits.slice(-4);
}

/** Card numbers: 13 to 19 digits that pass Luhn, start like a card (2 to 6), grouped consistently. */
function cardAt(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length < 13 || digits.length > 19 || !/^[2-6]/.test(digits) || !luhnValid(digits)) return false;
  const separators = new Set(text.replace(/\d/g, ""));
  if (separators.size > 1) return false;
  if (separators.size === 0) return true;
  const groups = text.split(/[ -]/);
  return groups.every((g, i) => g.length >= 3 || i === groups.length - 1) && groups.every((g) => g.length <= 6);
}

function ssnValid(area: string, group: string, serial: string): boolean {
  return area !== "000" && area !== "666" && group !== "00" && serial !== "0000";
}

/**
 * Every sensitive literal in `text`: card numbers (Luhn), SSN-shaped numbers (`123-45-6789`), e-mail
 * addresses other than role mailboxes (`support@`, `info@`, ...), and phone numbers other than
 * toll-free ones (international `+...` with 8 to 15 digits; North American `(206) 555-0100`,
 * `206-555-0100`, `206.555.0100`, `1 206 555 0100`; national numbers with a trunk 0 written in groups,
 * `020 7946 0958`). Bare digit runs without separators are not phone numbers (they are more often
 * order or reference numbers), nor are times, prices, years or short menu digits. In order of
 * position; overlapping matches are reported once (card, then SSN, then phone).
 */
export function findSensitiveLiterals(text: string): SensitiveLiteral[] {
  const found: SensitiveLiteral[] = [];
  const add = (kind: LiteralKind, m: RegExpExecArray, description: string): void => {
    const start = m.index;
    const end = start + m[0].length;
    if (!overlaps(found, start, end)) found.push({ kind, text: m[0], start, end, description });
  };
  for (const m of text.matchAll(CARD)) {
    if (cardAt(m[0])) add("card", m, `a card number ending ${lastFour(digitsOf(m[0]))}`);
  }
  for (const m of text.matchAll(SSN)) {
    const [, area = "", group = "", serial = ""] = m;
    if (ssnValid(area, group, serial)) add("ssn", m, `an SSN-shaped number (${MASK.repeat(3)}-${MASK.repeat(2)}-${serial})`);
  }
  for (const m of text.matchAll(EMAIL)) {
    const local = m[0].slice(0, m[0].indexOf("@")).toLowerCase().replace(/[._-]/g, "");
    if (!ROLE_MAILBOXES.has(local)) add("email", m, `an e-mail address (${maskEmail(m[0])})`);
  }
  for (const m of text.matchAll(PHONE_INTL)) {
    const digits = digitsOf(m[0]);
    if (digits.length >= 8 && digits.length <= 15 && !isTollFree(digits, true)) add("phone", m, `a phone number ending ${lastFour(digits)}`);
  }
  for (const m of text.matchAll(PHONE_NANP)) {
    const digits = digitsOf(m[0]);
    const national = digits.length === 11 ? digits.slice(1) : digits;
    if (!/^[2-9]\d\d[2-9]/.test(national) || isTollFree(digits, false)) continue;
    add("phone", m, `a phone number ending ${lastFour(digits)}`);
  }
  for (const m of text.matchAll(PHONE_TRUNK)) {
    const digits = digitsOf(m[0]);
    if (digits.length < 10 || digits.length > 11 || isTollFree(digits, false)) continue;
    add("phone", m, `a phone number ending ${lastFour(digits)}`);
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Whether an allow-list entry covers a literal: the same text, ignoring case and surrounding space;
 * or, for numbers, the same digits once spaces, dashes, dots and brackets are removed
 * (`206-555-0100` covers `(206) 555-0100`).
 */
export function literalAllowed(literal: SensitiveLiteral, allow: readonly string[]): boolean {
  const text = literal.text.trim().toLowerCase();
  const digits = digitsOf(literal.text);
  return allow.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (e === text) return true;
    return literal.kind !== "email" && digits !== "" && digitsOf(e) === digits;
  });
}

/**
 * For rule options: a description of the first entry of `sensitivePatterns` that is not a valid
 * regular expression (compiled as the matcher compiles it), or undefined.
 */
export function invalidSensitivePattern(patterns: readonly string[]): string | undefined {
  for (const source of patterns) {
    try {
      new RegExp(source, "iu");
    } catch (error) {
      return `sensitivePatterns entry ${JSON.stringify(source)} is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return undefined;
}
