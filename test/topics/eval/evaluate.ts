/**
 * Scores the matcher on a labeled set (see LABELING.md): per-topic and overall (micro) precision
 * and recall, and every miss. Used by quality.test.ts and, by hand, `npx tsx test/topics/eval/report.ts dev`.
 */
import { addToTally, focusOf, matchTopics, type TopicEvidence } from "../../../packages/core/src/topics";
import type { Taxonomy, TopicTally } from "../../../packages/core/src/model/topic";

export interface LabeledItem {
  id: string;
  source: string;
  /** The blog or conference the item comes from: items of one feed share a feed prior. */
  feed: string;
  kind: "article" | "talk";
  lang: string;
  title: string;
  summary: string;
  categories: string[];
  lead?: string;
  event?: string;
  organizations?: string[];
  /** The gold labels: where the two annotators agree, their labels; where not, the adjudicator's. */
  topics: string[];
  /** What each of the two annotators said on their own, from LABELING.md alone. */
  annotators: [string[], string[]];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Evaluation {
  perTopic: Map<string, Counts>;
  total: Counts;
  misses: string[];
}

export const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);
export const precision = (c: Counts) => ratio(c.tp, c.tp + c.fp);
export const recall = (c: Counts) => ratio(c.tp, c.tp + c.fn);

export function evidenceOf(item: LabeledItem, feedFocus?: TopicEvidence["feedFocus"]): TopicEvidence {
  return {
    title: item.title,
    summary: item.summary,
    categories: item.categories,
    ...(item.lead ? { lead: item.lead } : {}),
    ...(item.event ? { event: item.event } : {}),
    ...(item.organizations ? { organizations: item.organizations } : {}),
    ...(feedFocus ? { feedFocus } : {}),
  };
}

/**
 * Each item's topics as Recap would tag it in production: with its feed's prior learned from what
 * the matcher tagged the feed's *other* posts with (never from labels). `history` is every post
 * known of each feed (both splits: in production a feed's history is all it has published).
 */
export function tagAll(items: readonly LabeledItem[], taxonomy: Taxonomy, history: readonly LabeledItem[] = items): string[][] {
  const byFeed = new Map<string, { id: string; topics: string[] }[]>();
  for (const post of history) {
    const list = byFeed.get(post.feed) ?? [];
    list.push({ id: post.id, topics: matchTopics(evidenceOf(post), taxonomy) });
    byFeed.set(post.feed, list);
  }
  return items.map((item) => {
    const others = (byFeed.get(item.feed) ?? []).filter((post) => post.id !== item.id);
    const tally: TopicTally | undefined =
      others.length > 0
        ? addToTally(
            undefined,
            others.map((post) => post.topics),
          )
        : undefined;
    return matchTopics(evidenceOf(item, focusOf(tally)), taxonomy);
  });
}

export function evaluate(items: readonly LabeledItem[], taxonomy: Taxonomy, history: readonly LabeledItem[] = items): Evaluation {
  const ids = taxonomy.topics.map((t) => t.id);
  const perTopic = new Map<string, Counts>(ids.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const misses: string[] = [];
  const tagged = tagAll(items, taxonomy, history);
  items.forEach((item, i) => {
    const expected = new Set(item.topics);
    const actual = new Set(tagged[i]);
    for (const id of ids) {
      const c = perTopic.get(id)!;
      if (expected.has(id) && actual.has(id)) c.tp++;
      else if (actual.has(id)) {
        c.fp++;
        misses.push(`FP ${id}: [${item.id}] ${item.title}`);
      } else if (expected.has(id)) {
        c.fn++;
        misses.push(`FN ${id}: [${item.id}] ${item.title}`);
      }
    }
  });
  const total = [...perTopic.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { perTopic, total, misses };
}

export function report(name: string, items: readonly LabeledItem[], result: Evaluation, withMisses = true): string {
  const pct = (x: number) => x.toFixed(3);
  const row = (label: string, c: Counts) =>
    `${label.padEnd(24)} ${String(c.tp + c.fn).padStart(4)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}  ${pct(precision(c))}  ${pct(recall(c))}`;
  return [
    `Topic tagging on the ${name} split: ${items.length} labeled items`,
    `${"topic".padEnd(24)} ${"pos".padStart(4)} ${"tp".padStart(4)} ${"fp".padStart(4)} ${"fn".padStart(4)}  prec   recall`,
    ...[...result.perTopic].map(([id, c]) => row(id, c)),
    row("overall (micro)", result.total),
    ...(withMisses && result.misses.length > 0 ? ["", ...result.misses] : []),
  ].join("\n");
}

/**
 * How each annotator alone scores against the gold labels: the agreement a second careful reader
 * reaches, which is what "a reader would agree with" can mean at best.
 */
export function annotatorScores(items: readonly LabeledItem[]): Counts[] {
  return [0, 1].map((which) => {
    const counts: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const item of items) {
      const gold = new Set(item.topics);
      const said = new Set(item.annotators[which]);
      for (const id of said) gold.has(id) ? counts.tp++ : counts.fp++;
      for (const id of gold) if (!said.has(id)) counts.fn++;
    }
    return counts;
  });
}
