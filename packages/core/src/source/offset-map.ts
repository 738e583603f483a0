/**
 * Position maps from a document's text (the flow JSON handed to the parser) back to the text of the
 * file it was found in (the host). Every character of the document knows the host range that produced
 * it: one host character for plain text, the whole escape (`\n`, `\u00e9`, `''`) for a decoded escape,
 * nothing (an empty range) for a character the extractor inserted, such as the quotes around a
 * placeholder that stood outside a JSON string.
 */
import type { OffsetMap } from "../parse/json-document.js";

export type { OffsetMap };

/** A map from document characters to host ranges, built character by character. */
export class CharMap implements OffsetMap {
  /** Host start of each document character. */
  readonly starts: Int32Array;
  /** Host end (exclusive) of each document character. */
  readonly ends: Int32Array;
  /** Host offset of an empty document / after the last character. */
  private readonly hostEmpty: number;

  constructor(starts: Int32Array, ends: Int32Array, hostEmpty: number) {
    this.starts = starts;
    this.ends = ends;
    this.hostEmpty = hostEmpty;
  }

  get length(): number {
    return this.starts.length;
  }

  toHost(offset: number): number {
    const n = this.starts.length;
    if (n === 0) return this.hostEmpty;
    if (offset >= n) return this.ends[n - 1] ?? this.hostEmpty;
    return this.starts[Math.max(0, Math.trunc(offset))] ?? this.hostEmpty;
  }

  toHostEnd(offset: number): number {
    const n = this.starts.length;
    if (n === 0) return this.hostEmpty;
    if (offset <= 0) return this.starts[0] ?? this.hostEmpty;
    return this.ends[Math.min(n, Math.trunc(offset)) - 1] ?? this.hostEmpty;
  }

  /** The map of a text derived from this map's document by `inner` (inner's "host" is this document). */
  compose(inner: CharMap): CharMap {
    const n = inner.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const s = inner.starts[i] ?? 0;
      const e = inner.ends[i] ?? 0;
      starts[i] = this.toHost(s);
      // An empty range (an inserted character) stays empty at the start of where it was inserted.
      ends[i] = e > s ? this.toHostEnd(e) : (starts[i] ?? 0);
    }
    return new CharMap(starts, ends, this.toHost(inner.hostEmpty));
  }

  /** The identity map of a text taken verbatim from the host at `hostStart`. */
  static identity(length: number, hostStart = 0): CharMap {
    const starts = new Int32Array(length);
    const ends = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      starts[i] = hostStart + i;
      ends[i] = hostStart + i + 1;
    }
    return new CharMap(starts, ends, hostStart + length);
  }
}

/** Builds a document text and its `CharMap` together. */
export class MapBuilder {
  private text = "";
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(private readonly hostEmpty: number) {}

  get length(): number {
    return this.starts.length;
  }

  /** Characters copied one for one from host offset `hostStart`. */
  linear(chars: string, hostStart: number): void {
    this.text += chars;
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(hostStart + i);
      this.ends.push(hostStart + i + 1);
    }
  }

  /** Characters that together stand for the host range [hostStart, hostEnd) (an escape, an insertion). */
  atomic(chars: string, hostStart: number, hostEnd: number): void {
    this.text += chars;
    for (let left = chars.length; left > 0; left--) {
      this.starts.push(hostStart);
      this.ends.push(hostEnd);
    }
  }

  build(): { text: string; map: CharMap } {
    const hostEmpty = this.ends.length > 0 ? (this.ends[this.ends.length - 1] ?? this.hostEmpty) : this.hostEmpty;
    return { text: this.text, map: new CharMap(Int32Array.from(this.starts), Int32Array.from(this.ends), hostEmpty) };
  }
}

/**
 * The host range of the document range [start, end): from where character `start` starts to where
 * character `end - 1` ends. An empty range maps to an empty range at `toHost(start)`.
 */
export function toHostRange(map: OffsetMap, start: number, end: number): { start: number; end: number } {
  const hostStart = map.toHost(start);
  return { start: hostStart, end: end > start ? Math.max(hostStart, map.toHostEnd(end)) : hostStart };
}
