import { describe, expect, it } from "vitest";
import { createMenuMatcher, invalidMenuPattern, normalizeKey, spokenWords } from "../src/utils/menu-prompt.js";

const both = createMenuMatcher(["en", "es"], []);
const keys = (text: string): string[] => both.offered(spokenWords(text)).map((o) => `${o.key} ${o.phrase}`);

describe("menu prompt offers", () => {
  it("reads English verbs, key words and lists", () => {
    expect(keys("For billing, press one; for anything else, press the star key.")).toEqual(["1 press one", "* press the star"]);
    expect(keys("Press 1, 2 or 3 for help.")).toEqual(["1 Press 1", "2 Press 1, 2", "3 Press 1, 2 or 3"]);
    expect(keys("1 for sales, 2 for support, or dial 0 for the operator.")).toEqual(["1 1 for", "2 2 for", "0 dial 0"]);
    expect(keys("To hear these options again, press pound. To end, hit 9.")).toEqual(["9 hit 9", "# press pound"]);
  });

  it("reads Spanish verbs, articles and key words", () => {
    expect(keys("Para español, oprima el dos. Presione la tecla asterisco para repetir. 3 para ventas.")).toEqual([
      "2 oprima el dos",
      "3 3 para",
      "* Presione la tecla asterisco",
    ]);
    expect(keys("Marque 1 o 2.")).toEqual(["1 Marque 1", "2 Marque 1 o 2"]);
  });

  it("reads SSML as spoken words", () => {
    expect(spokenWords('<speak>Press <emphasis level="strong">two</emphasis> &amp; wait&#33; &#xZZ; &#99999999;</speak>')).toBe(
      "Press two & wait! &#xZZ; &#99999999;",
    );
    expect(keys("<speak>Press <say-as interpret-as=\"digits\">4</say-as> for parts.</speak>")).toEqual(["4 Press 4"]);
  });

  it("does not take numbers, prices, times or dates for keys", () => {
    expect(keys("Dial 911 in an emergency. Call 1-800-555-0100. It costs $1.99 for 2 minutes. Open 9:00 to 17:00.")).toEqual([]);
    expect(keys("You pressed 1, 2 times. Please enter 4 digits.")).toEqual([]);
  });

  it("uses only the languages asked for, plus extra patterns", () => {
    const english = createMenuMatcher(["en"], ["appuyez sur (\\d)"]);
    expect(english.offered("Oprima 2. Appuyez sur 3.").map((o) => o.key)).toEqual(["3"]);
  });

  it("normalizes keys and checks extra patterns", () => {
    expect(["0", "nine", "Nueve", "hash", "gato", "10", "ten"].map(normalizeKey)).toEqual(["0", "9", "9", "#", "#", undefined, undefined]);
    expect(invalidMenuPattern(["appuyez sur (\\d)"])).toBeUndefined();
    expect(invalidMenuPattern(["appuyez sur \\d"])).toBe('patterns entry "appuyez sur \\\\d" has no capture group for the key (e.g. "appuyez sur (\\d)")');
    expect(invalidMenuPattern(["(unclosed"])).toMatch(/^patterns entry "\(unclosed" is not a valid regular expression \(/);
  });
});
