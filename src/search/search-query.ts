// What the shopper typed, made safe to search with: pure functions, no database.
import editDistanceOf from 'damerau-levenshtein';

const editDistance = (a: string, b: string): number => editDistanceOf(a, b).steps;

export type SearchTerm =
  | { kind: 'empty' }
  | { kind: 'barcode'; codes: string[] }
  | { kind: 'name'; text: string };

const MAX_LENGTH = 100;

/** Trimmed, single-spaced, without control characters or broken UTF-16, at most 100 characters. */
export function toCleanQuery(raw: string | undefined): string {
  if (raw === undefined) return '';
  const wellFormed = Buffer.from(raw, 'utf8').toString('utf8');
  return wellFormed
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_LENGTH)
    .trim();
}

/**
 * A barcode (EAN-8, UPC-12, EAN-13, GTIN-14; spaces and dashes allowed) or a name. OFF stores a
 * UPC-12 as its EAN-13 form with a leading zero, so both are tried.
 */
export function toSearchTerm(query: string): SearchTerm {
  if (query === '') return { kind: 'empty' };
  const digits = query.replace(/[\s-]/g, '');
  if (/^[0-9]{8}$|^[0-9]{12,14}$/.test(digits)) {
    const codes = [digits];
    if (digits.length === 12) codes.push(`0${digits}`);
    if (digits.length === 14 && digits.startsWith('0')) codes.push(digits.slice(1));
    return { kind: 'barcode', codes };
  }
  return { kind: 'name', text: query };
}

/** For LIKE patterns: the folded text with its wildcards escaped (backslash is LIKE's escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The words worth a substring match: trigram indexes need at least 3 characters. */
export function toSearchWords(folded: string, max = 5): string[] {
  return [...new Set(folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3))].slice(0, max);
}

/**
 * French words too common to narrow a search ("pâtes à la bolognaise"): left out of the words
 * searched, so "à la" alone finds nothing rather than every product.
 */
const STOP_WORDS = new Set([
  'a',
  'au',
  'aux',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'un',
  'une',
]);
const MAX_WORDS = 8;

/**
 * The tsquery terms of a folded query: its words but stop words, each of 3 letters or more also
 * matching as a prefix (`nute:*` finds "nutella", `pate:*` "pâtes"); shorter ones are whole
 * words, so "lu" finds the brand LU, not every "lucky" and "lupin". Only letters and digits
 * remain, so no tsquery operator can slip in.
 */
export function toQueryWords(folded: string): string[] {
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '' && !STOP_WORDS.has(word));
  return [...new Set(words)].slice(0, MAX_WORDS).map((word) => (word.length >= 3 ? `${word}:*` : word));
}

/** The vocabulary's words (search_words): 3 to 40 characters, a letter among them. */
export function isVocabularyWord(word: string): boolean {
  return [...word].length >= 3 && [...word].length <= 40 && /\p{L}/u.test(word);
}

/** What the vocabulary says of a prefix term (`nute:*`). */
export interface PrefixWords {
  /** Product rows holding its words (a row holding two of them counts twice). */
  hits: number;
  /** Its words ("nutella", "nutellino"), or null when too many to list (a prefix of 3 letters). */
  words: string[] | null;
}

/**
 * What the GIN index looks up for the terms of `toQueryWords`, as tsquery input. A prefix
 * ("pomme:*") makes the index read every row id of every word it starts (26,000 at 1M products,
 * 13 ms), while its words looked up exactly ("pomme" | "pommes") let it skip to the rows that
 * the query's other words hold (0.6 ms). So each prefix is replaced by its words; a prefix of
 * too many words to list, or a number, is left to the filter unless nothing else is looked up.
 * The caller checks every term on the rows found: `vocabulary` changes the speed, never the result.
 */
export function toIndexQuery(terms: readonly string[], vocabulary: ReadonlyMap<string, PrefixWords>): string {
  const lookedUp = terms.flatMap((term) => {
    // A whole short word ("lu"): one exact lookup.
    if (!term.endsWith(':*')) return [toTsqueryInput(term)];
    const words = vocabulary.get(term)?.words;
    // Too many words, or not a vocabulary prefix ("100:*"): left to the filter.
    if (words === undefined || words === null) return [];
    // No word starts it: it finds nothing, at once.
    if (words.length === 0) return [toTsqueryInput(term)];
    return [`(${words.map((word) => `'${word.replace(/['\\]/g, '\\$&')}'`).join(' | ')})`];
  });
  return (lookedUp.length > 0 ? lookedUp : terms.map(toTsqueryInput)).join(' & ');
}

/** `nute:*` → `'nute':*`: a term of toQueryWords (letters and digits) as tsquery input. */
function toTsqueryInput(term: string): string {
  return term.endsWith(':*') ? `'${term.slice(0, -2)}':*` : `'${term}'`;
}

/** Words spelling correction may replace: 3 characters or more, with a letter (not "100", "lu"). */
export function toCorrectableWords(folded: string): string[] {
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3 && /\p{L}/u.test(word));
  return [...new Set(words.filter((word) => !STOP_WORDS.has(word)))].slice(0, MAX_WORDS);
}

export interface VocabularyWord {
  word: string;
  /** Product rows holding it: the more, the likelier a shopper meant it. */
  frequency: number;
}

/**
 * The edits a typed word may be away from the word meant: one for a word of up to 4 characters
 * ("lati" → "lait"), two beyond ("camenbret" → "camembert"). An edit is a letter added, dropped,
 * changed, or two neighbours swapped (Damerau–Levenshtein).
 */
export function maxEdits(word: string): number {
  return [...word].length <= 4 ? 1 : 2;
}

/**
 * The vocabulary word a shopper most likely meant by `word`: among `candidates` (its nearest
 * words by trigrams, `word` itself left out), the fewest edits away within `edits` (`maxEdits` by
 * default), then the most frequent, then the first alphabetically; null if none is close enough
 * or held by at least `minFrequency` product rows.
 */
export function chooseCorrection(
  word: string,
  candidates: readonly VocabularyWord[],
  { edits: allowed = maxEdits(word), minFrequency = 0 }: { edits?: number; minFrequency?: number } = {},
): string | null {
  let best: { word: string; edits: number; frequency: number } | null = null;
  for (const candidate of candidates) {
    if (candidate.word === word || candidate.frequency < minFrequency) continue;
    const edits = editDistance(word, candidate.word);
    if (edits > allowed) continue;
    if (
      best === null ||
      edits < best.edits ||
      (edits === best.edits && candidate.frequency > best.frequency) ||
      (edits === best.edits && candidate.frequency === best.frequency && candidate.word < best.word)
    ) {
      best = { word: candidate.word, edits, frequency: candidate.frequency };
    }
  }
  return best?.word ?? null;
}

/** The folded query with each corrected word replaced, everything else (spaces, punctuation) kept. */
export function applyCorrections(folded: string, corrections: ReadonlyMap<string, string>): string {
  return folded.replace(/[\p{L}\p{N}]+/gu, (word) => corrections.get(word) ?? word);
}
