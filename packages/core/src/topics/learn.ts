/**
 * What a team's correction of a post's topics means for the post and what it teaches, as pure
 * functions: the corrected topics, and the cue a correction leaves for the next posts.
 *
 * - "Not about <topic>": the evidence that weighed most for the wrong tag, with the word next to it
 *   ("on Kubernetes", "Chaos Mesh"), becomes a negative cue: that phrase no longer counts for the
 *   topic. The neighbouring word keeps the cue narrow: the topic's own name elsewhere still counts.
 * - "Also about <topic>": the post title's most distinctive phrase (two neighbouring content words,
 *   else its longest content word) becomes a positive cue: weak evidence, capped (see score.ts), so
 *   it tips a case and never tags a post alone.
 */
import { stableId } from "../shared/hash";
import { normalizeText } from "./compile";
import type { TopicEvidence, TopicScore } from "./score";
import { topicsInOrder } from "./taxonomy";
import type { Taxonomy } from "../model/topic";
import { PLAIN_TERM } from "./team";
import type { TeamCue } from "../model/topic";
import type { PostCorrections, Verdict } from "../model/topic";
export type { PostCorrections, Verdict } from "../model/topic";

/** The matcher's topics with the team's word on top, in taxonomy order. */
export function applyCorrections(topics: readonly string[], corrections: PostCorrections | undefined, taxonomy: Taxonomy): string[] {
  if (!corrections) return [...topics];
  const wanted = new Set([...topics.filter((id) => !corrections.not.includes(id)), ...corrections.also]);
  return taxonomy.topics.map((topic) => topic.id).filter((id) => wanted.has(id));
}

/**
 * A post's topics as stored: its own, with those of the items it lists when it is a recap, then
 * the team's word on top. Ingestion, recap syncs, retag and corrections all store this.
 */
export function storedTopics(
  taxonomy: Taxonomy,
  own: readonly string[],
  post: { listed?: readonly { topics: readonly string[] }[]; corrections?: PostCorrections },
): string[] {
  const withItems = post.listed ? topicsInOrder(taxonomy, [...own], ...post.listed.map((entry) => [...entry.topics])) : [...own];
  return applyCorrections(withItems, post.corrections, taxonomy);
}

/** The post's corrections after a verdict on one topic. */
export function correct(corrections: PostCorrections | undefined, verdict: Verdict, topicId: string): PostCorrections {
  const not = (corrections?.not ?? []).filter((id) => id !== topicId);
  const also = (corrections?.also ?? []).filter((id) => id !== topicId);
  if (verdict === "not") not.push(topicId);
  if (verdict === "also") also.push(topicId);
  return { not, also };
}

/** Short and stable: the same topic, polarity and phrase always give the same id (idempotent writes). */
export function cueIdOf(topicId: string, polarity: TeamCue["polarity"], phrase: string): string {
  return stableId(`${topicId}\n${polarity}\n${phrase.toLowerCase()}`).slice(0, 8);
}

const PART_OF: Record<string, keyof TopicEvidence | undefined> = { title: "title", summary: "summary", lead: "lead" };
const WORD = "[\\p{L}\\p{N}][\\p{L}\\p{N}'’.]*";
const WORD_BEFORE = new RegExp(`(${WORD})[ \\t]+$`, "u");
const WORD_AFTER = new RegExp(`^[ \\t]+(${WORD})`, "u");
/** Neighbours that would make a cue broad ("and Argo CD" would hide Argo CD after any "and"). */
const WEAK_NEIGHBOURS = new Set(["a", "an", "and", "as", "at", "by", "for", "from", "of", "or", "the", "to", "vs", "with", "&"]);

/** Where `phrase` stands as a whole word sequence in `text` (not inside a longer word), or -1. */
function wholeAt(text: string, phrase: string): number {
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const before = text.slice(0, at);
    const after = text.slice(at + phrase.length);
    if (!/[\p{L}\p{N}]$/u.test(before) && !/^[\p{L}\p{N}]/u.test(after)) return at;
  }
  return -1;
}

/** A cue as the taxonomy's term syntax can hold it (plain words), or undefined. */
export function asCue(phrase: string): string | undefined {
  const cue = phrase
    .replace(/[’‘]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[^\p{L}\p{N}+#]+$/u, "")
    .trim();
  return cue && PLAIN_TERM.test(cue) ? cue : undefined;
}

/**
 * The phrase that made a wrong tag, with its neighbouring word: the strongest piece of text
 * evidence (title, summary or lead; a category, event or prior is not a phrase to unlearn).
 * Undefined when there is none, or the term stands alone ("Kubernetes" as the whole title), or its
 * only neighbours are words that would make the cue broad ("and", "the").
 */
export function negativeCue(evidence: TopicEvidence, score: TopicScore | undefined): string | undefined {
  const pieces = (score?.evidence ?? []).filter((piece) => PART_OF[piece.source] && piece.strength !== "team");
  for (const piece of pieces.sort((a, b) => b.points - a.points)) {
    const raw = evidence[PART_OF[piece.source]!];
    if (typeof raw !== "string") continue;
    const text = normalizeText(raw);
    const at = wholeAt(text, piece.text);
    if (at === -1) continue;
    const before = WORD_BEFORE.exec(text.slice(0, at))?.[1];
    const after = WORD_AFTER.exec(text.slice(at + piece.text.length))?.[1];
    for (const phrase of [
      before && !WEAK_NEIGHBOURS.has(before.toLowerCase()) ? `${before} ${piece.text}` : undefined,
      after && !WEAK_NEIGHBOURS.has(after.toLowerCase()) ? `${piece.text} ${after}` : undefined,
    ]) {
      const cue = phrase && asCue(phrase);
      if (cue) return cue;
    }
  }
  return undefined;
}

/** Words that say nothing about a subject: they never become a cue. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be but by can do does for from has have how i in into is it its just lessons learned learn " +
    "more most new not of on or our out over part that the their them then there these this those to up us using " +
    "use very was we what when where which who why will with without you your yours about after again all also " +
    "announcing introducing update updates guide guides tips tricks best practices way ways better first next " +
    "year years week weeks day days time today thing things make making made get getting run running build " +
    "building built moved go going one two three part series story stories look looking inside deep dive hello welcome"
  ).split(" "),
);
const MIN_WORD = 4;

/** A post title's most distinctive phrase: two neighbouring content words, else its longest one. */
export function positiveCue(title: string): string | undefined {
  const words = title.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const content = (word: string | undefined) => word !== undefined && word.length >= MIN_WORD && !STOP_WORDS.has(word) && !/^\d/.test(word);
  for (let i = 0; i + 1 < words.length; i++) if (content(words[i]) && content(words[i + 1])) return asCue(`${words[i]} ${words[i + 1]}`);
  const longest = words.filter(content).sort((a, b) => b.length - a.length)[0];
  return longest && asCue(longest);
}
