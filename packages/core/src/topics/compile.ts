import { parseTerm } from "./taxonomy";
import { projectTerms } from "./projects";
import type { Taxonomy, Topic } from "../model/topic";

/*
 * The taxonomy compiled for matching: a few regexes per topic, built once per taxonomy object
 * (cached), because scoring runs on every ingested post. `hits` finds a topic's terms in one piece
 * of a post's text; `score.ts` weighs them.
 *
 * Performance (matching is the largest CPU cost of ingestion):
 * - Most topics don't occur in a given post. Every hit starts where no letter/digit precedes it
 *   and spells out its phrase's words, so one walk over the text through a trie of all phrases
 *   (case-folded, see `Prefilter`) finds the few topics that may match, and where their phrases
 *   may start (`locate`); only there are their regexes tried, anchored (`ruleMatches`), and they
 *   decide. A topic with a phrase the walk can't hold (non-ASCII) is searched whole, and only when
 *   the text contains that phrase's non-ASCII word.
 * - A regex that starts with a lookbehind makes V8 try every alternative at every position, while
 *   one that starts with literal text lets it skip ahead quickly. So the compiled regexes carry
 *   only the "no letter/digit after" guard; `find` checks the character before each hit in code.
 */

/** Characters that separate words inside a phrase: whitespace, hyphen, underscore, Unicode dashes. */
const SEP_CLASS = "[\\s\\-_\\u2010-\\u2015]";
const SPLIT = new RegExp(`${SEP_CLASS}+`, "u");
/**
 * A letter or digit of a script that separates words with spaces: terms must not start or end
 * inside a word ("AI" must not hit "said"). Chinese, Japanese, Korean and Thai text runs words
 * together, so their characters are boundaries: "部署Kubernetes应用" and "Kubernetesクラスタ" name
 * Kubernetes, and a term written in those scripts matches anywhere in a run of them.
 */
const WORD_CHAR = "(?:(?![\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}\\p{scx=Thai}])[\\p{L}\\p{N}])";
/** The end is guarded in the regex; the start is checked by `find` (see `WORD_BEFORE`). */
const NOT_WORD_AFTER = `(?!${WORD_CHAR})`;
/** Sticky and empty: `test` at lastIndex i tells whether a word character (code point) ends at i. */
const WORD_BEFORE = new RegExp(`(?<=${WORD_CHAR})`, "uy");
/** Sticky: `test` at lastIndex i tells whether a word character (code point) starts at i. */
const WORD_AT = new RegExp(WORD_CHAR, "uy");
/** Masks negative phrases and joins a post's parts: not a letter (keeps boundaries), not a separator. */
export const MASK = "\u0000";

/**
 * How much a term says: a name of the topic or a project that implies it (`strong`), a project the
 * Landscape catalog files under the topic (`project`, see projects.ts), a generic word that hints at
 * it ("platform" near "developers", `weak`), or a word a team's corrections taught (`team`, weak too).
 */
export type TermStrength = "strong" | "project" | "weak" | "team";

/** Terms of one strength as one alternation; with `cue`, a hit counts only if a cue occurs in the post. */
interface Rule {
  strength: TermStrength;
  /** From the topic's aliases: its own names and the parts of what it is (see `Hit.alias`). */
  alias?: boolean;
  re: RegExp;
  /** The same, sticky: tried only where the prefilter saw a phrase start (see `Starts`). */
  at: RegExp;
  cue?: RegExp;
}

/**
 * Where a topic's phrases may start in a text, ascending, as the prefilter walk found them; or
 * `SCAN` when one of its phrases is beyond the walk (non-ASCII) and the text must be searched whole.
 */
export type Starts = number[] | typeof SCAN;
export const SCAN = "scan";

export interface CompiledTopic {
  topic: Topic;
  rules: Rule[];
  /** Case-insensitive: occurrences are masked before matching this topic. */
  negative?: RegExp;
}

/** One occurrence of a topic's term in a piece of text. */
export interface Hit {
  strength: TermStrength;
  /** The text as written in the post. */
  text: string;
  /** Where it starts in the text searched. */
  index: number;
  /**
   * Found among the topic's aliases: its names and the parts of what it is (Kubernetes' kubectl,
   * ResourceQuota, admission control), not a product built on it or with it (`related`).
   */
  alias?: boolean;
}

/**
 * Which topics may match a text: a trie over every term's literal text (its words,
 * case-folded by `fold`, the last one without the plural/"y" ending), walked from each position
 * where a hit could start. Separators may follow a node that ends a word, as in the regexes. It
 * yields a superset of the matching topics (cues, case, negatives and non-ASCII word boundaries
 * are left to the regexes).
 */
interface Prefilter {
  /** Folded ASCII unit → column in `next`, -1 if no phrase contains it. */
  column: Int16Array;
  columns: number;
  /** Child of a node by column: next[node * columns + column]; 0 is none (the root is node 0). */
  next: Int32Array;
  /** 1 for a node at the end of a word that another word follows: separators may come next. */
  sepAfter: Uint8Array;
  /** Topic indexes of the phrases that end at a node. */
  ends: (number[] | undefined)[];
  /**
   * Phrases with a character `fold` doesn't handle (CJK, accented letters): the topic, and a word of
   * the phrase that holds such a character, lower-cased, which any text the phrase matches contains.
   */
  nonAscii: { topic: number; needle: string }[];
  /** Topics with a phrase with no literal text (only possible in unvalidated data). */
  always: number[];
}

export interface Compiled {
  topics: CompiledTopic[];
  prefilter: Prefilter;
  /** Lookup key of each topic's id and label → its id (a publisher category naming the topic). */
  names: Map<string, string>;
}

const cache = new WeakMap<Taxonomy, Compiled>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Regex source for a phrase: words joined by optional separators ("platform-engineering",
 * "platform engineering", "#platformengineering"), the last word allowing a simple plural.
 * `literal` is the text every match of it spells out (up to case), word by word, with
 * separators between words: the words, the last one without its optional ending.
 */
function compilePhrase(phrase: string): { source: string; literal: string[] } {
  const words = phrase.trim().split(SPLIT).filter(Boolean);
  const last = words.pop() ?? "";
  let tail = escapeRegExp(last);
  let lastLiteral = last;
  if (/[^aeiou]y$/.test(last)) {
    lastLiteral = last.slice(0, -1);
    tail = `${escapeRegExp(lastLiteral)}(?:y|ies)`; // vulnerability → vulnerabilities
  } else if (/\p{L}$/u.test(last)) tail = `${tail}(?:e?s)?`; // LLMs, service meshes, CVEs
  return {
    source: [...words.map(escapeRegExp), tail].join(`${SEP_CLASS}*`),
    literal: [...words, lastLiteral].filter(Boolean),
  };
}

/** Global regex for the phrases, guarded after only: use it through `find`. */
function alternation(phrases: string[], flags: "iu" | "u"): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  // Longest first, so an alternation prefers "Argo CD" over "Argo" (matters once matches are scored).
  const sources = [...phrases].sort((a, b) => b.length - a.length).map((p) => compilePhrase(p).source);
  return new RegExp(`(?:${sources.join("|")})${NOT_WORD_AFTER}`, `g${flags}`);
}

/** Whether a UTF-16 unit is an ASCII letter or digit. */
function asciiWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

/** Whether a letter or digit (a whole code point, as a `u` lookbehind sees it) ends at index i. */
function wordBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 0x80) return asciiWord(c);
  WORD_BEFORE.lastIndex = i;
  return WORD_BEFORE.test(text);
}

/** Whether a hit at i would start inside a word: a letter/digit of a spaced script on both sides. */
function insideWord(text: string, i: number): boolean {
  if (!wordBefore(text, i)) return false;
  // A term that starts in Chinese or Japanese script ("関数", "可观测性") follows a Latin word with no
  // space between them ("Lambda関数", "Kubernetes可观测性"), as a Latin term may follow such text.
  WORD_AT.lastIndex = i;
  return WORD_AT.test(text);
}

/**
 * The leftmost hit of `re` (from `alternation`) at or after `from` that does not start inside a
 * word: the same match the regex with a leading lookbehind guard would find. A candidate preceded
 * by a letter/digit is rejected and the scan resumes one code point later, so a hit overlapping
 * it (or another alternative at a later index) is still found.
 */
export function find(re: RegExp, text: string, from = 0): RegExpExecArray | null {
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (!insideWord(text, m.index)) return m;
    re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
  }
  return null;
}

/**
 * A UTF-16 unit as the prefilter compares it: ASCII letters lower-cased, and the only non-ASCII
 * characters that `/iu` equates with ASCII ones (KELVIN SIGN ≡ k, LONG S ≡ s) folded to them;
 * -1 for any other non-ASCII unit.
 */
function fold(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  return c === 0x212a ? 0x6b : c === 0x17f ? 0x73 : -1;
}

/** A unit `fold` can't handle: only then can a phrase in `Prefilter.nonAscii` match. */
const UNFOLDABLE = /[^\u0000-\u007f\u017f\u212a]/;
/** Sticky: `test` at lastIndex i tells whether the unit at i is a separator (all are in the BMP). */
const SEP_AT = new RegExp(SEP_CLASS, "y");

function isSep(text: string, i: number, c: number): boolean {
  if (c < 0x80) return c === 0x20 || c === 0x2d || c === 0x5f || (c >= 0x09 && c <= 0x0d);
  SEP_AT.lastIndex = i;
  return SEP_AT.test(text);
}

/** A word's UTF-16 units, folded (see `fold`). */
function foldWord(word: string): number[] {
  const units: number[] = [];
  for (let j = 0; j < word.length; j++) units.push(fold(word.charCodeAt(j)));
  return units;
}

function buildPrefilter(topics: readonly Topic[]): Prefilter {
  const children: Map<number, number>[] = [new Map()];
  const sepAfter: number[] = [0];
  const ends: (number[] | undefined)[] = [undefined];
  const nonAscii: Prefilter["nonAscii"] = [];
  const always: number[] = [];
  // Topics are added in order, so comparing with the last entry dedupes.
  const add = (list: number[], i: number) => {
    if (list.at(-1) !== i) list.push(i);
  };
  topics.forEach((topic, i) => {
    for (const raw of termsOf(topic)) {
      const literal = compilePhrase(parseTerm(raw).phrase).literal;
      const words = literal.map(foldWord);
      const unfoldable = words.findIndex((w) => w.includes(-1));
      if (words.length === 0) add(always, i);
      else if (unfoldable !== -1) nonAscii.push({ topic: i, needle: literal[unfoldable]!.toLowerCase() });
      else {
        let node = 0;
        words.forEach((word, k) => {
          for (const f of word) {
            let child = children[node]!.get(f);
            if (child === undefined) {
              child = children.length;
              children.push(new Map());
              sepAfter.push(0);
              ends.push(undefined);
              children[node]!.set(f, child);
            }
            node = child;
          }
          if (k < words.length - 1) sepAfter[node] = 1;
        });
        add((ends[node] ??= []), i);
      }
    }
  });
  const column = new Int16Array(0x80).fill(-1);
  let columns = 0;
  for (const map of children) for (const f of map.keys()) if (column[f] === -1) column[f] = columns++;
  const next = new Int32Array(children.length * columns);
  children.forEach((map, node) => {
    for (const [f, child] of map) next[node * columns + column[f]!] = child;
  });
  return { column, columns, next, sepAfter: Uint8Array.from(sepAfter), ends, nonAscii, always };
}

/**
 * Where (by topic index) each topic's phrases may start in `text`, from one walk through the trie
 * (see `Prefilter`): undefined for the topics that cannot occur at all, the most common case.
 */
export function locate(pf: Prefilter, count: number, text: string): (Starts | undefined)[] {
  const starts: (Starts | undefined)[] = new Array(count);
  for (const i of pf.always) starts[i] = SCAN;
  if (pf.nonAscii.length > 0 && UNFOLDABLE.test(text)) {
    const lower = text.toLowerCase();
    for (const { topic, needle } of pf.nonAscii) if (lower.includes(needle)) starts[topic] = SCAN;
  }
  const { column, columns, next, sepAfter, ends } = pf;
  const n = text.length;
  for (let p = 0; p < n; p++) {
    // After an ASCII letter/digit no hit can start; after other characters `ruleMatches` decides.
    if (p > 0 && asciiWord(text.charCodeAt(p - 1))) continue;
    let node = 0;
    for (let q = p; q < n; q++) {
      const c = text.charCodeAt(q);
      const f = fold(c);
      const col = f >= 0 ? column[f]! : -1;
      const child = col >= 0 ? next[node * columns + col]! : 0;
      if (child !== 0) {
        node = child;
        const topics = ends[node];
        if (topics) {
          for (const i of topics) {
            const list = starts[i];
            if (list === undefined) starts[i] = [p];
            else if (list !== SCAN && list.at(-1) !== p) list.push(p);
          }
        }
      } else if (sepAfter[node] !== 1 || !isSep(text, q, c)) break;
    }
  }
  return starts;
}

/** Every term of a topic, of every strength, the catalog's too (the prefilter must know them all). */
function termsOf(topic: Topic): string[] {
  return [...topic.aliases, ...topic.related, ...projectTerms(topic.id), ...(topic.weak ?? []), ...(topic.teamCues ?? [])];
}

function compileRules(strength: TermStrength, terms: readonly string[], alias = false): Rule[] {
  const plain: string[] = [];
  const exact: string[] = [];
  // Terms that need the same cues share one rule: the catalog's homonyms of a topic all need its
  // context words, and a regex per term would cost a cold start tens of milliseconds.
  const cued = new Map<string, { phrases: string[]; flags: "u" | "iu"; cues: string[] }>();
  for (const raw of terms) {
    const t = parseTerm(raw);
    const flags = t.caseSensitive ? "u" : "iu";
    if (t.cues.length === 0) (t.caseSensitive ? exact : plain).push(t.phrase);
    else {
      const key = `${flags} ${t.cues.join("|")}`;
      const group = cued.get(key) ?? cued.set(key, { phrases: [], flags, cues: t.cues }).get(key)!;
      group.phrases.push(t.phrase);
    }
  }
  const rules: Rule[] = [...cued.values()].map((g) => ({
    strength,
    ...(alias ? { alias } : {}),
    ...both(alternation(g.phrases, g.flags)!),
    cue: alternation(g.cues, "iu")!,
  }));
  for (const [phrases, flags] of [
    [plain, "iu"],
    [exact, "u"],
  ] as const) {
    const re = alternation(phrases, flags);
    if (re) rules.unshift({ strength, ...(alias ? { alias } : {}), ...both(re) });
  }
  return rules;
}

function compileTopic(topic: Topic): CompiledTopic {
  return {
    topic,
    rules: [
      // Aliases before related terms: where both match the same words, the alias is kept.
      ...compileRules("strong", topic.aliases, true),
      ...compileRules("strong", topic.related),
      ...compileRules("project", projectTerms(topic.id)),
      ...compileRules("weak", topic.weak ?? []),
      ...compileRules("team", topic.teamCues ?? []),
    ],
    negative: alternation([...topic.negative, ...(topic.teamNegative ?? [])], "iu"),
  };
}

/** Separators anywhere in a lookup key (global: `replace` starts it at 0 and leaves it there). */
const SEPS = new RegExp(SEP_CLASS, "gu");

/** Lookup key for findTopic/suggestTopics: case, width and separators don't matter. */
export function key(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/^#/, "").replace(SEPS, "");
}

/** A topic by lookup key (see `key`): the first of id, label, alias, related to have it; in each, the first topic. */
export interface TopicIndex {
  get(k: string): Topic | undefined;
}

/** The names `topicIndex` looks in, in priority order. */
const LEVELS: ((t: Topic) => string[])[] = [
  (t) => [t.id],
  (t) => [t.label],
  (t) => t.aliases.map((a) => parseTerm(a).phrase),
  (t) => t.related.map((a) => parseTerm(a).phrase),
];

const indexes = new WeakMap<Taxonomy, TopicIndex>();

/**
 * Lookup key → topic, by priority: id, label, alias, related. Apart from the matcher: finding
 * `/recap gitops` needs only names, and compiling every topic's rules would cost a cold Slack
 * function about 100 ms. Each level's keys are made the first time a lookup reaches it: an id
 * (`/recap gitops`) needs the ids' alone, not the ~2,000 aliases and related names (~6 ms cold).
 */
export function topicIndex(taxonomy: Taxonomy): TopicIndex {
  let index = indexes.get(taxonomy);
  if (!index) indexes.set(taxonomy, (index = lazyIndex(taxonomy.topics)));
  return index;
}

function lazyIndex(topics: readonly Topic[]): TopicIndex {
  const levels: Map<string, Topic>[] = [];
  return {
    get(k) {
      for (let i = 0; i < LEVELS.length; i++) {
        const found = (levels[i] ??= indexLevel(topics, LEVELS[i]!)).get(k);
        if (found) return found;
      }
      return undefined;
    },
  };
}

function indexLevel(topics: readonly Topic[], names: (t: Topic) => string[]): Map<string, Topic> {
  const level = new Map<string, Topic>();
  for (const t of topics) {
    for (const name of names(t)) {
      const k = key(name);
      if (k && !level.has(k)) level.set(k, t);
    }
  }
  return level;
}

export function compiled(taxonomy: Taxonomy): Compiled {
  let c = cache.get(taxonomy);
  if (!c) {
    c = {
      topics: taxonomy.topics.map(compileTopic),
      prefilter: buildPrefilter(taxonomy.topics),
      names: new Map(taxonomy.topics.flatMap((t) => [[key(t.id), t.id] as const, [key(t.label), t.id] as const])),
    };
    cache.set(taxonomy, c);
  }
  return c;
}

/** At most this many hits of one rule in one piece of text are counted. */
const MAX_HITS_PER_RULE = 4;

function both(re: RegExp): Pick<Rule, "re" | "at"> {
  return { re, at: new RegExp(re.source, re.flags.replace("g", "y")) };
}

/** Matches of one rule, leftmost first, not overlapping: found by scanning, or tried at each start. */
function ruleMatches(rule: Rule, text: string, starts: Starts): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  if (starts === SCAN) {
    for (let m = find(rule.re, text); m !== null && found.length < MAX_HITS_PER_RULE;) {
      found.push(m);
      const end = m.index + m[0].length;
      m = find(rule.re, text, end > m.index ? end : end + 1);
    }
    return found;
  }
  let after = 0;
  for (const start of starts) {
    if (start < after || insideWord(text, start)) continue;
    rule.at.lastIndex = start;
    const m = rule.at.exec(text);
    if (m === null) continue;
    found.push(m);
    if (found.length >= MAX_HITS_PER_RULE) break;
    after = start + Math.max(m[0].length, 1);
  }
  return found;
}

function rawHits(ct: CompiledTopic, text: string, context: string, starts: Starts): Hit[] {
  const hits: Hit[] = [];
  for (const rule of ct.rules) {
    const found = ruleMatches(rule, text, starts);
    if (found.length === 0 || (rule.cue && find(rule.cue, context) === null)) continue;
    for (const m of found) hits.push({ strength: rule.strength, text: m[0], index: m.index, ...(rule.alias ? { alias: true } : {}) });
  }
  return hits;
}

/**
 * The topic's terms in `text` (negative phrases masked out first), tried where `starts` says a
 * phrase may begin; cues are looked for in `context`, the whole post, so "Score" in a title counts
 * when the summary says "workload".
 */
export function hits(ct: CompiledTopic, text: string, context: string, starts: Starts = SCAN): Hit[] {
  const found = rawHits(ct, text, context, starts);
  // Fast path: most texts have no hit, and masking is only needed when they do. Masking keeps
  // every offset (a masked character for each one), so the starts still hold.
  if (found.length === 0 || !ct.negative) return found;
  const masked = maskNegatives(ct.negative, text);
  return masked === text ? found : rawHits(ct, masked, maskNegatives(ct.negative, context), starts);
}

/** Every occurrence of `negative` (leftmost first, not overlapping) replaced by mask characters. */
function maskNegatives(negative: RegExp, text: string): string {
  let out = "";
  let last = 0;
  for (let m = find(negative, text); m !== null;) {
    const end = m.index + m[0].length;
    out += text.slice(last, m.index) + MASK.repeat(m[0].length);
    last = end;
    // Phrases contain a letter or digit, so a match is never empty; step on anyway if it were.
    m = find(negative, text, end > m.index ? end : end + 1);
  }
  return last === 0 ? text : out + text.slice(last);
}

/** NFKC folds full-width and compatibility forms ("Ｋ８ｓ", ligatures); invisible characters go. */
export function normalizeText(s: string): string {
  return s.normalize("NFKC").replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "");
}
