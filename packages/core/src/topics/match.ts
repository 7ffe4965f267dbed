import { parseTerm, type Taxonomy, type Topic } from "./taxonomy";

/*
 * Topic matching. The taxonomy is compiled into a few regexes per topic once (cached per taxonomy
 * object), because matchTopics runs on every ingested post. Quality is meant to improve through
 * the data file (aliases, cues, negatives); a scoring matcher can later replace `topicHits`
 * without changing the compiled shape much.
 */

/** Characters that separate words inside a phrase: whitespace, hyphen, underscore, Unicode dashes. */
const SEP_CLASS = "[\\s\\-_\\u2010-\\u2015]";
const SPLIT = new RegExp(`${SEP_CLASS}+`, "u");
/** A letter or digit: aliases must not start or end inside a word ("AI" must not hit "said"). */
const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
const NOT_WORD_AFTER = "(?![\\p{L}\\p{N}])";
/** Masks negative phrases and joins title/summary: not a letter (keeps boundaries), not a separator. */
const MASK = "\u0000";

interface CompiledTopic {
  topic: Topic;
  /** All plain terms, case-insensitive, as one alternation. */
  plain?: RegExp;
  /** All "=" terms, case-sensitive. */
  exact?: RegExp;
  /** Terms with cues: the term and one of its cues must both occur. */
  cued: { term: RegExp; cue: RegExp }[];
  /** Global, case-insensitive: occurrences are masked before matching this topic. */
  negative?: RegExp;
}

interface Compiled {
  topics: CompiledTopic[];
  /** Lookup key (see `key`) → topic, filled in priority order: id, label, alias, related. */
  index: Map<string, Topic>;
}

const cache = new WeakMap<Taxonomy, Compiled>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Regex source for a phrase: words joined by optional separators ("platform-engineering",
 * "platform engineering", "#platformengineering"), the last word allowing a simple plural.
 */
function phraseSource(phrase: string): string {
  const words = phrase.trim().split(SPLIT).filter(Boolean).map(escapeRegExp);
  const last = words.pop() ?? "";
  let tail = last;
  if (/[^aeiou]y$/.test(last)) tail = `${last.slice(0, -1)}(?:y|ies)`; // vulnerability → vulnerabilities
  else if (/\p{L}$/u.test(last)) tail = `${last}(?:e?s)?`; // LLMs, service meshes, CVEs
  return [...words, tail].join(`${SEP_CLASS}*`);
}

function alternation(phrases: string[], flags: string): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  // Longest first, so an alternation prefers "Argo CD" over "Argo" (matters once matches are scored).
  const sources = [...phrases].sort((a, b) => b.length - a.length).map(phraseSource);
  return new RegExp(`${NOT_WORD_BEFORE}(?:${sources.join("|")})${NOT_WORD_AFTER}`, flags);
}

function compileTopic(topic: Topic): CompiledTopic {
  const plain: string[] = [];
  const exact: string[] = [];
  const cued: CompiledTopic["cued"] = [];
  for (const raw of [...topic.aliases, ...topic.related]) {
    const t = parseTerm(raw);
    const flags = t.caseSensitive ? "u" : "iu";
    if (t.cues.length > 0) cued.push({ term: alternation([t.phrase], flags)!, cue: alternation(t.cues, "iu")! });
    else (t.caseSensitive ? exact : plain).push(t.phrase);
  }
  return {
    topic,
    plain: alternation(plain, "iu"),
    exact: alternation(exact, "u"),
    cued,
    negative: alternation(topic.negative, "giu"),
  };
}

/** Lookup key for findTopic/suggestTopics: case, width and separators don't matter. */
function key(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/^#/, "").replace(new RegExp(SEP_CLASS, "gu"), "");
}

function buildIndex(topics: readonly Topic[]): Map<string, Topic> {
  const index = new Map<string, Topic>();
  const levels: ((t: Topic) => string[])[] = [
    (t) => [t.id],
    (t) => [t.label],
    (t) => t.aliases.map((a) => parseTerm(a).phrase),
    (t) => t.related.map((a) => parseTerm(a).phrase),
  ];
  for (const level of levels) {
    for (const t of topics) {
      for (const name of level(t)) {
        const k = key(name);
        if (k && !index.has(k)) index.set(k, t);
      }
    }
  }
  return index;
}

function compiled(taxonomy: Taxonomy): Compiled {
  let c = cache.get(taxonomy);
  if (!c) {
    c = { topics: taxonomy.topics.map(compileTopic), index: buildIndex(taxonomy.topics) };
    cache.set(taxonomy, c);
  }
  return c;
}

function topicHits(ct: CompiledTopic, text: string): boolean {
  return (
    (ct.plain?.test(text) ?? false) ||
    (ct.exact?.test(text) ?? false) ||
    ct.cued.some((c) => c.term.test(text) && c.cue.test(text))
  );
}

/** NFKC folds full-width and compatibility forms ("Ｋ８ｓ", ligatures); invisible characters go. */
function normalizeText(s: string): string {
  return s.normalize("NFKC").replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "");
}

/** Topic ids whose terms occur in the title or summary, in taxonomy order. */
export function matchTopics(text: { title: string; summary?: string }, taxonomy: Taxonomy): string[] {
  const { topics } = compiled(taxonomy);
  // The mask character between the parts stops a phrase spanning the end of the title.
  const full = normalizeText(`${text.title}\n${MASK}\n${text.summary ?? ""}`);
  const ids: string[] = [];
  for (const ct of topics) {
    if (!topicHits(ct, full)) continue; // fast path: most topics don't occur at all
    if (ct.negative) {
      const masked = full.replace(ct.negative, (m) => MASK.repeat(m.length));
      if (masked !== full && !topicHits(ct, masked)) continue;
    }
    ids.push(ct.topic.id);
  }
  return ids;
}

/** A topic by id, label, alias or (last) related project name; case and separators ignored. */
export function findTopic(query: string, taxonomy: Taxonomy): Topic | undefined {
  const k = key(query.trim());
  if (!k) return undefined;
  const { index } = compiled(taxonomy);
  // Then try a singular: "service meshes", "LLMs".
  return index.get(k) ?? index.get(k.replace(/s$/, "")) ?? index.get(k.replace(/es$/, ""));
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Lower is better; undefined means "not similar". */
function similarity(q: string, candidate: string): number | undefined {
  if (candidate === q) return 0;
  if (q.length >= 2 && candidate.startsWith(q)) return 0.5;
  if (q.length >= 3 && candidate.includes(q)) return 0.75;
  const allowed = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
  if (Math.abs(candidate.length - q.length) > allowed) return undefined;
  const d = editDistance(q, candidate);
  return d <= allowed ? d : undefined;
}

/** "Did you mean": closest topics by prefix, substring or edit distance over id/label/aliases/related. */
export function suggestTopics(query: string, taxonomy: Taxonomy, max = 3): Topic[] {
  const q = key(query.trim());
  if (!q || max <= 0) return [];
  const scored: { topic: Topic; score: number; order: number }[] = [];
  taxonomy.topics.forEach((topic, order) => {
    const names = [topic.id, topic.label, ...[...topic.aliases, ...topic.related].map((a) => parseTerm(a).phrase)];
    let best: number | undefined;
    for (const name of names) {
      const s = similarity(q, key(name));
      if (s !== undefined && (best === undefined || s < best)) best = s;
    }
    if (best !== undefined) scored.push({ topic, score: best, order });
  });
  return scored
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, max)
    .map((s) => s.topic);
}
