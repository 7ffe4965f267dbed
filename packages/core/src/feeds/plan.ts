/**
 * What to do with one item of a feed's document, decided without touching storage: nothing (it is
 * as the feed last said it), an edit of the post it became, or a new post. refresh.ts carries the
 * plan out through the store's ports; this is where the rules live.
 */
import type { NormalizedItem, Post } from "../model/post";
import { topicEvidence } from "../topics/evidence";
import { mayBeRecap } from "../recaps/candidate";
import { stableId } from "../shared/hash";
import type { FeedItemIdentity, PostContent } from "../ports/store";
import { matchTopics } from "../topics";
import type { Taxonomy } from "../model/topic";
import type { Feed } from "../model/feed";

const HOUR = 3_600_000;
/** Items dated further back than this when first seen are backfill, not news. */
export const FRESHNESS_WINDOW_MS = 48 * HOUR;

/** What is known when an item is planned: what the feed said last time, and the poll's context. */
export interface PlanContext {
  feed: Feed;
  /** The identity the feed's item had after the last poll, if the feed carried it before. */
  known: FeedItemIdentity | undefined;
  taxonomy: Taxonomy;
  /** Per topic, the share of the feed's posts that carry it (the feed's focus). */
  focus: Readonly<Record<string, number>> | undefined;
  now: Date;
}

export type ItemPlan =
  /** The item is exactly as the feed last gave it: no write at all. */
  | { kind: "unchanged" }
  /**
   * The publisher edited an item already stored: its content is replaced, never making it news
   * again. `topics` is what the item's text gets now; the team's corrections and a recap's talks
   * still win over it when the edit is applied.
   */
  | { kind: "edit"; identity: FeedItemIdentity; content: PostContent; recap: boolean }
  /** A post seen for the first time (or stored by another feed, which the executor finds out). */
  | { kind: "new"; identity: FeedItemIdentity; post: Post; recap: boolean };

export function planItem(item: NormalizedItem, context: PlanContext): ItemPlan {
  const { feed, known, now } = context;
  const recap = mayBeRecap(item, feed);
  const contentHash = hashOf(item, recap);
  if (known?.contentHash === contentHash) return { kind: "unchanged" };
  const topics = matchTopics(topicEvidence(item, context.focus), context.taxonomy);
  const { title, summary, author, categories, lead } = item;
  if (known) {
    // A missing or future date says nothing about when it was published: the stored date stays.
    const publishedAt = item.dateClamped ? undefined : item.publishedAt;
    return {
      kind: "edit",
      identity: { itemKey: item.itemKey, postId: known.postId, contentHash },
      content: { title, summary, author, categories, lead, publishedAt, topics },
      recap,
    };
  }
  const publishedAt = item.publishedAt ?? now.toISOString();
  // The first successful poll of a feed is its history: searchable, never announced.
  const isBackfill = feed.lastSuccessAt === undefined;
  const post: Post = {
    id: item.postId,
    kind: "article",
    url: item.url,
    title,
    summary,
    ...(author ? { author } : {}),
    ...(categories ? { categories } : {}),
    ...(lead ? { lead } : {}),
    publishedAt,
    firstSeenAt: now.toISOString(),
    topics,
    feeds: [feed.url],
    fresh: !isBackfill && Date.parse(publishedAt) >= now.getTime() - FRESHNESS_WINDOW_MS,
  };
  return { kind: "new", identity: { itemKey: item.itemKey, postId: post.id, contentHash }, post, recap };
}

/**
 * Content that, when a publisher changes it, counts as an edit (the raw date: clamping moves with
 * the clock). What tagging reads counts too (categories, the lead), so a retag always sees what the
 * feed says now; posts stored before Recap kept them get them at their feed's next poll. A recap's
 * full content counts as well: a talk added to it is an edit.
 */
function hashOf(item: NormalizedItem, recap: boolean): string {
  const fields = [item.title, item.summary, item.author ?? "", item.rawDate ?? "", ...(item.categories ?? []), stableId(item.lead ?? "")];
  return stableId(JSON.stringify(recap ? [...fields, stableId(item.content ?? "")] : fields));
}
