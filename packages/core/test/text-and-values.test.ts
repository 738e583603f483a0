/** The shared "did you mean" and the one definition of a dynamic value. */
import { describe, expect, it } from "vitest";
import { DEFAULT_VALUES, createValueClassifier, didYouMean, hasOwn, isDynamicValue, levenshtein } from "@connect-lint/core";

describe("levenshtein", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("Loop", "Loop")).toBe(0);
  });
});

describe("didYouMean", () => {
  it("by default takes the closest name within a third of its length (at least 2), the first of equals", () => {
    expect(didYouMean("no-unreachable-blok", ["no-unused-flow", "no-unreachable-block"])).toBe("no-unreachable-block");
    expect(didYouMean("abc", ["abd", "abe"])).toBe("abd");
    expect(didYouMean("foo", ["no-unreachable-block"])).toBeUndefined();
  });

  it("gives no answer on a tie when asked for a unique one", () => {
    expect(didYouMean("abc", ["abd", "abe"], { unique: true })).toBeUndefined();
  });

  it("prefers the same name in another case, then the same words in another order", () => {
    expect(didYouMean("textToSpeechVoice", ["TextToSpeechVoice", "TextToSpeechVoices"], { ignoreCase: true })).toBe("TextToSpeechVoice");
    expect(didYouMean("SecondsTimeLimit", ["TimeLimitSeconds"], { sameWords: true, maxDistance: () => 1 })).toBe("TimeLimitSeconds");
  });

  it("uses the distance limit it is given, per candidate", () => {
    expect(didYouMean("TimeoutSeconds", ["TimeLimitSeconds"], { maxDistance: () => 4 })).toBe("TimeLimitSeconds");
    expect(didYouMean("TimeoutSeconds", ["TimeLimitSeconds"], { maxDistance: () => 3 })).toBeUndefined();
  });
});

describe("dynamic values", () => {
  it("treats JSONPath and the start of ${…} or {{…}} as dynamic, anywhere in a string", () => {
    expect(["$.Attributes.x", "Hello $.Customer.Name", "${Token}", "{{name}}"].map(isDynamicValue)).toEqual([true, true, true, true]);
    expect(["1", "$", "{x}", "%%NAME%%"].map(isDynamicValue)).toEqual([false, false, false, false]);
    expect(isDynamicValue(42)).toBe(false);
  });

  it("knows the built-in placeholders, closed", () => {
    expect(["arn:${AWS::Region}", "{{flows.main}}", "%%QUEUE%%"].map((v) => DEFAULT_VALUES.isPlaceholder(v))).toEqual([true, true, true]);
    expect(["${open", "$.Attributes.x", "##NAME##"].map((v) => DEFAULT_VALUES.isPlaceholder(v))).toEqual([false, false, false]);
  });

  it("adds placeholder syntaxes a project declares", () => {
    const values = createValueClassifier([/\$\{M:\w+:M\}/, /##\w+##/g]);
    expect(values.isPlaceholder("arn:aws:connect:${M:region:M}:1")).toBe(true);
    expect(values.isPlaceholder("##QUEUE_ARN##")).toBe(true);
    // A global pattern is used without its state: the same answer twice.
    expect(values.isPlaceholder("##QUEUE_ARN##")).toBe(true);
    expect(values.isDynamic("##QUEUE_ARN##")).toBe(true);
    expect(values.isDynamic("QUEUE_ARN")).toBe(false);
    expect(DEFAULT_VALUES.isDynamic("##QUEUE_ARN##")).toBe(false);
  });
});

describe("hasOwn", () => {
  it("sees own keys only", () => {
    expect(hasOwn({ a: 1 }, "a")).toBe(true);
    expect(hasOwn({ a: 1 }, "constructor")).toBe(false);
  });
});
