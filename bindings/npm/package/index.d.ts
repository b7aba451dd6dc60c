/** A span found in a text. */
export interface Span {
  /** Start offset, in the units asked for (UTF-16 string indices by default). */
  start: number;
  /** End offset, exclusive: `text.slice(start, end)` is the span with the default units. */
  end: number;
  /** "PERSON", "PLACE" or "NUMBER". */
  label: string;
  /** The span's text. */
  text: string;
}

export interface RecognizeOptions {
  /**
   * "utf16" (default): JavaScript string indices. "codepoints": Unicode code points, as
   * spanlight's CLI, spaCy, Prodigy and brat count them.
   */
  units?: 'utf16' | 'codepoints';
}

export type Format = 'spanlight' | 'spacy' | 'prodigy' | 'doccano' | 'label-studio' | 'conll';

export interface ConvertOptions {
  from: Format;
  to: Format;
}

/**
 * The people, places and numbers in `text`, sorted and non-overlapping.
 * @throws {Error} if `text` is not a string or holds an unpaired surrogate, or `units` is unknown.
 */
export function recognize(text: string, options?: RecognizeOptions): Span[];

/**
 * The documents of `input` (one per line for the JSONL formats) written in another format.
 * @throws {Error} naming the first bad line or document; nothing is half converted.
 */
export function convert(input: string, options: ConvertOptions): string;

/** The package version. */
export const version: string;
