/**
 * Scores the recap extractor on real recap posts (GUIDE.md says how they were collected and
 * labeled): talks found, their speakers and events, write-ups found as articles, and extra items.
 * Used by quality.test.ts and, by hand, `npx tsx test/recaps/eval/report.ts dev`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { extractRecap, type RecapItem } from "../../../packages/core/src/recaps";

export interface ExpectedTalk {
  title: string;
  code?: string;
  speakers: string[];
  organizations?: string[];
  section: string | null;
  links: string[];
}

export interface RecapCase {
  slug: string;
  html: string;
  source: string;
  platform: string;
  language: string;
  baseUrl: string;
  talks: ExpectedTalk[];
  articles: { title: string; url: string }[];
}

/** Counts over one post or many: expected talks and articles, what was found, what was extra. */
export interface Totals {
  talks: number;
  talksFound: number;
  speakersRight: number;
  eventsRight: number;
  articles: number;
  articlesFound: number;
  extracted: number;
  extra: number;
}

export interface CaseScore extends Totals {
  slug: string;
  misses: string[];
}

const here = new URL(".", import.meta.url);

/**
 * Every case, by split. `split.json` fixed the split once, when the cases were collected (by a hash
 * of each slug: `split.mjs`); a case added later goes to one split by hand and stays there.
 */
export function loadCases(): { dev: RecapCase[]; test: RecapCase[] } {
  const dir = new URL("posts/", here);
  const split = JSON.parse(readFileSync(new URL("split.json", here), "utf8")) as { dev: string[]; test: string[] };
  const load = (slug: string): RecapCase => {
    const expected = JSON.parse(readFileSync(new URL(`${slug}.json`, dir), "utf8")) as Omit<RecapCase, "slug" | "html">;
    return { ...expected, slug, html: readFileSync(new URL(`${slug}.html`, dir), "utf8") };
  };
  return { dev: split.dev.map(load), test: split.test.map(load) };
}

/** Every case in `posts/`, by slug: what split.json must account for. */
export function caseSlugs(): string[] {
  return readdirSync(new URL("posts/", here))
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -5))
    .sort();
}

/** Letters and digits only, lowercased: quotes, dashes and spacing differ between renderers. */
const norm = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function sameTitle(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  if (x === y) return true;
  // One is the other with a kind label or a subtitle more ("Keynote: X", "X — a deep dive").
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 12 && (long.startsWith(short) || long.endsWith(short));
}

const sameUrl = (a: string, b: string) => a.replace(/\/$/, "") === b.replace(/\/$/, "");

export function scoreCase(c: RecapCase): CaseScore {
  const { items } = extractRecap(c.html, { baseUrl: c.baseUrl, marked: true });
  const used = new Set<RecapItem>();
  const misses: string[] = [];
  let talksFound = 0;
  let speakersRight = 0;
  let eventsRight = 0;
  for (const talk of c.talks) {
    const found =
      items.find((item) => !used.has(item) && item.kind === "talk" && sameTitle(item.title, talk.title)) ??
      items.find(
        (item) =>
          !used.has(item) &&
          item.kind === "talk" &&
          talk.links.length > 0 &&
          item.links.some((l) => talk.links.some((u) => sameUrl(u, l.url))),
      );
    if (!found) {
      misses.push(`talk not found: ${talk.title}`);
      continue;
    }
    used.add(found);
    talksFound++;
    const names = (list: string[]) => list.map(norm).sort().join("|");
    if (names(found.speakers) === names(talk.speakers)) speakersRight++;
    else misses.push(`speakers of "${talk.title}": ${JSON.stringify(found.speakers)}, expected ${JSON.stringify(talk.speakers)}`);
    if (norm(found.section ?? "") === norm(talk.section ?? "")) eventsRight++;
    else misses.push(`event of "${talk.title}": ${JSON.stringify(found.section ?? null)}, expected ${JSON.stringify(talk.section)}`);
  }
  let articlesFound = 0;
  for (const article of c.articles) {
    const found = items.find((item) => !used.has(item) && item.kind === "article" && item.links.some((l) => sameUrl(l.url, article.url)));
    if (found) {
      used.add(found);
      articlesFound++;
    } else misses.push(`article not found: ${article.title}`);
  }
  const extras = items.filter((item) => !used.has(item));
  for (const extra of extras) misses.push(`extra ${extra.kind}: ${extra.title}`);
  return {
    slug: c.slug,
    talks: c.talks.length,
    talksFound,
    speakersRight,
    eventsRight,
    articles: c.articles.length,
    articlesFound,
    extracted: items.length,
    extra: extras.length,
    misses,
  };
}

export function totals(scores: CaseScore[]): Totals {
  const sum = (key: keyof Totals) => scores.reduce((n, s) => n + s[key], 0);
  return {
    talks: sum("talks"),
    talksFound: sum("talksFound"),
    speakersRight: sum("speakersRight"),
    eventsRight: sum("eventsRight"),
    articles: sum("articles"),
    articlesFound: sum("articlesFound"),
    extracted: sum("extracted"),
    extra: sum("extra"),
  };
}

const pct = (n: number, d: number) => (d === 0 ? "  -  " : `${((100 * n) / d).toFixed(0).padStart(3)}%`);

/** Talks / speakers / events / articles found versus expected, per case and overall. */
export function report(split: string, scores: CaseScore[], withMisses: boolean): string {
  const row = (name: string, s: Totals) =>
    `${name.padEnd(58)} talks ${s.talksFound}/${s.talks} ${pct(s.talksFound, s.talks)}  speakers ${pct(s.speakersRight, s.talksFound)}  events ${pct(s.eventsRight, s.talksFound)}  articles ${s.articlesFound}/${s.articles}  extra ${s.extra}/${s.extracted}`;
  const lines = [`Recap extraction on the ${split} split: ${scores.length} real posts`];
  for (const score of scores) {
    lines.push(row(score.slug, score));
    if (withMisses) lines.push(...score.misses.map((miss) => `    ${miss}`));
  }
  lines.push(row("overall", totals(scores)));
  return lines.join("\n");
}
