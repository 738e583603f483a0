/**
 * "Did you mean …?": the one place that picks the known name an unknown one was probably meant to be
 * (rule names in configuration, action types, parameter names). Edit distance is computed here
 * rather than with a library: the inputs are short names, and the few lines below are smaller than
 * any dependency that would also need the same-words and tie rules.
 */

/** Edit distance (Levenshtein: insertions, deletions, substitutions); for short inputs (names). */
export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

export interface DidYouMeanOptions {
  /** Compare without regard to case; a candidate equal to the name but for case is then the answer. */
  readonly ignoreCase?: boolean;
  /** A candidate with the same words in another order (`TimeLimitSeconds` / `SecondsTimeLimit`) is the answer. */
  readonly sameWords?: boolean;
  /**
   * The largest edit distance accepted between `name` and `candidate`. Default: a third of the
   * name's length, at least 2.
   */
  readonly maxDistance?: (name: string, candidate: string) => number;
  /** Give no answer when two candidates are equally close (instead of the first of them). */
  readonly unique?: boolean;
}

const defaultMaxDistance = (name: string): number => Math.max(2, Math.floor(name.length / 3));

/**
 * The candidate `name` was probably meant to be, or undefined: the closest candidate within the
 * accepted distance (the first of equally close ones, unless `unique`), after the exact matches
 * `ignoreCase` and `sameWords` allow.
 */
export function didYouMean(name: string, candidates: readonly string[], options: DidYouMeanOptions = {}): string | undefined {
  const fold = (s: string): string => (options.ignoreCase ? s.toLowerCase() : s);
  const wanted = fold(name);
  if (options.ignoreCase) {
    const sameCase = candidates.find((c) => c.toLowerCase() === wanted);
    if (sameCase !== undefined) return sameCase;
  }
  if (options.sameWords) {
    const words = wordKey(name);
    const sameWords = candidates.find((c) => wordKey(c) === words);
    if (sameWords !== undefined) return sameWords;
  }
  const maxDistance = options.maxDistance ?? defaultMaxDistance;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of candidates) {
    const limit = maxDistance(name, candidate);
    const other = fold(candidate);
    // The distance is at least the difference in length: skip the computation when that is too far.
    if (Math.abs(other.length - wanted.length) > limit) continue;
    const d = levenshtein(wanted, other);
    if (d > limit) continue;
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return options.unique && tie ? undefined : best;
}

/** The words of a camel-case name, lower-cased and sorted: `TimeLimitSeconds` -> `limit seconds time`. */
function wordKey(name: string): string {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [])
    .map((w) => w.toLowerCase())
    .sort()
    .join(" ");
}
