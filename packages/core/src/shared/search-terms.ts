/**
 * The words a post is found by, and how a search's words become the same terms: one tokenizer for
 * the word index written at ingest and for the query, so that whatever a post was indexed under, the
 * same word typed into `/recap search` finds it.
 *
 * - Case and accents fold away ("Café" → "cafe"); English words are stemmed (Porter2: "deploying",
 *   "deployments" → "deploy"); English stop words ("the", "with") are never terms.
 * - A word written in camel case is also found by its parts ("ArgoCD" → "argocd", "argo", "cd";
 *   "OpenTelemetry" → "opentelemetry", "open", "telemetry").
 * - Chinese, Japanese and Korean are written without spaces: their runs become overlapping pairs of
 *   characters ("可观测性" → "可观", "观测", "测性"), so any word of two characters or more inside a
 *   run is found; the query checks the whole word afterwards (`phrases`).
 * - Single letters, digits and CJK characters are not terms (they would each index half the store).
 * - Texts are compared in compatibility form (NFKC: half-width katakana, ligatures, decomposed
 *   accents all read as their usual letters), with curly quotes and long dashes as plain ones.
 */
import stem from "wink-porter2-stemmer";
import { eng } from "stopword";

/** Terms longer than this are cut: a sort key stays short, and no real word is that long. */
const MAX_TERM_LENGTH = 40;
/**
 * The most word terms one post is indexed under: every term of its title, people and event come
 * first, then its summary's words. A summary is at most 500 characters, so in practice none is cut.
 */
export const MAX_TERMS_PER_POST = 120;
/**
 * The most CJK character pairs, besides: a CJK text has a pair per character, so a summary of 500
 * yields about 400 rows. Its first 200 or so characters are searchable word by word (the title's
 * pairs come first); past that, its words in Latin letters (product names) still are.
 */
export const MAX_CJK_PAIRS_PER_POST = 200;

const STOP_WORDS = new Set(eng);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+/gu;

/** Case- and accent-insensitive form of a text (quotes and dashes as their plain ASCII forms). */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[‘’ʼ′]/gu, "'")
    .replace(/[‐‑‒–—―−]/gu, "-")
    .toLowerCase();
}

/**
 * The distinct terms of some texts, in the order first met. With `parts` (indexing), a camel-case
 * word's parts too; a query looks a word up whole, so "OpenTelemetry" also finds "opentelemetry".
 */
function termsOf(texts: string[], parts: boolean): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const term of termsOfText(text, parts)) {
      terms.add(term);
    }
  }
  return [...terms];
}

/** What a post is found by: its title, a talk's speakers, organizations and event, then its summary. */
export function postTerms(post: {
  title: string;
  summary?: string;
  speakers?: string[];
  organizations?: string[];
  listedIn?: { section?: string };
}): string[] {
  const all = new Set([
    ...termsOf([post.title, ...(post.speakers ?? []), ...(post.organizations ?? []), post.listedIn?.section ?? ""], true),
    ...termsOf([post.summary ?? ""], true),
  ]);
  const words = [...all].filter((term) => !CJK.test(term));
  const pairs = [...all].filter((term) => CJK.test(term));
  return [...words.slice(0, MAX_TERMS_PER_POST), ...pairs.slice(0, MAX_CJK_PAIRS_PER_POST)];
}

/** The text a search's phrases are checked against (the same fields the terms come from). */
export function searchableText(post: Parameters<typeof postTerms>[0]): string {
  const named = [post.title, ...(post.speakers ?? []), ...(post.organizations ?? []), post.listedIn?.section ?? ""];
  return fold([...named, post.summary ?? ""].join(" "));
}

/** A search's words as index terms, and the words that must also appear as written. */
export interface SearchQuery {
  /** Every one must be a term of a match. Empty when every word was a stop word or a single letter. */
  terms: string[];
  /**
   * Folded words a match's text must contain as written: a word with punctuation ("argo-cd",
   * "k8s.io", "1.30") and a CJK word (its terms are only its character pairs).
   */
  phrases: string[];
}

export function searchQuery(words: string[]): SearchQuery {
  const folded = words.map(fold).filter(Boolean);
  return {
    terms: termsOf(words, false),
    // A word of punctuation alone ("-") is nothing to look for.
    phrases: [...new Set(folded.filter((word) => /[\p{L}\p{N}]/u.test(word) && (!/^[\p{L}\p{N}]+$/u.test(word) || CJK.test(word))))],
  };
}

/** True when the post's text holds every phrase of the query (its terms are the index's business). */
export function holdsPhrases(post: Parameters<typeof postTerms>[0], query: SearchQuery): boolean {
  if (query.phrases.length === 0) return true;
  const text = searchableText(post);
  return query.phrases.every((phrase) => text.includes(phrase));
}

function* termsOfText(text: string, parts: boolean): Generator<string> {
  // Marks belong to their letters (a decomposed "é", Devanagari's vowel signs): split between words only.
  for (const word of text.normalize("NFKC").split(/[^\p{L}\p{M}\p{N}]+/u)) {
    if (!word) continue;
    for (const run of word.match(CJK_RUNS) ?? []) {
      if (CJK.test(run)) yield* characterPairs(run);
      else yield* wordTerms(run, parts);
    }
  }
}

function* characterPairs(run: string): Generator<string> {
  const characters = [...run];
  for (let i = 0; i + 1 < characters.length; i++) yield characters[i]! + characters[i + 1]!;
}

/** A word, and its camel-case parts when it has several ("ArgoCD" → argocd, argo, cd). */
function* wordTerms(word: string, withParts: boolean): Generator<string> {
  const whole = term(word);
  if (whole) yield whole;
  if (!withParts) return;
  const parts = word.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u);
  if (parts.length < 2) return;
  for (const part of parts) {
    const found = term(part);
    if (found && found !== whole) yield found;
  }
}

/** One word as a term, or undefined for a stop word or a single character. */
function term(word: string): string | undefined {
  const folded = fold(word);
  if ([...folded].length < 2 || STOP_WORDS.has(folded)) return undefined;
  // Porter2's rules are for words of letters: "k8s" or "v1beta1" stay as they are.
  const stemmed = /^[a-z]+$/.test(folded) ? stem(folded) : folded;
  return [...stemmed].slice(0, MAX_TERM_LENGTH).join("");
}
