/**
 * Composing a channel's digest from stored posts: pure, no I/O, no clock (the window is given).
 *
 * 1. Candidates: `fresh` posts (backfill is never announced) first seen in [since, until), each post
 *    id once (the first copy wins). Instants are compared as instants, so "…Z" and "+00:00" agree; a
 *    post with an unparsable firstSeenAt is left out.
 * 2. Topics: the subscription's topics, in taxonomy order (empty = every topic). A post goes to the
 *    first of them, in taxonomy order, that it is tagged with, so it appears once. A post with no
 *    topic the taxonomy knows goes to "Other" (OTHER_TOPIC_ID), and only when the subscription has no
 *    topic filter. Subscription topics the taxonomy does not know are ignored.
 * 3. Ranking within a topic, highest score first (see `score`); ties: publishedAt desc, then id.
 * 4. Caps: topics are filled in taxonomy order, each with at most `perTopic` of its best posts, until
 *    `total` posts are shown; what a topic leaves out is its `more`. A topic the total cap reaches
 *    loses its lowest-ranked posts; one left with no room keeps its section with `posts: []` and its
 *    `more`, so "and N more" still shows. Topics with no candidates have no section.
 * 5. Recaps: a conference recap is one post (tagged with its talks' topics too); its talks are never
 *    fresh, so they are not lines of their own. `recapTalkCount` says how many of them the line names.
 */
import type { Post } from "../model/post";
import type { Taxonomy } from "../model/topic";
import type { Digest, DigestLimits, DigestSection, Subscription } from "../model/digest";

/** The section of posts with no topic (only in digests without a topic filter). */
export const OTHER_TOPIC_ID = "other";
export const OTHER_TOPIC_LABEL = "Other";

const HOUR = 3_600_000;

export interface ComposeDigestInput {
  channelId: string;
  /** The local date the digest is for, "YYYY-MM-DD". */
  date: string;
  /** Window of firstSeenAt: since ≤ firstSeenAt < until (ISO 8601). */
  since: string;
  until: string;
  posts: Post[];
  subscription: Pick<Subscription, "topics">;
  taxonomy: Taxonomy;
  limits: DigestLimits;
}

export function composeDigest(input: ComposeDigestInput): Digest {
  const { channelId, date, since, until, taxonomy, limits } = input;
  const from = Date.parse(since);
  const to = Date.parse(until);

  // Which sections exist, in order: the filtered taxonomy topics, then "Other" when there is no filter.
  const wanted = new Set(input.subscription.topics);
  const filtered = wanted.size > 0;
  const known = new Set(taxonomy.topics.map((topic) => topic.id));
  const order: { id: string; label: string }[] = taxonomy.topics
    .filter((topic) => !filtered || wanted.has(topic.id))
    .map((topic) => ({ id: topic.id, label: topic.label }));
  if (!filtered && !known.has(OTHER_TOPIC_ID)) order.push({ id: OTHER_TOPIC_ID, label: OTHER_TOPIC_LABEL });
  const rank = new Map(order.map((topic, index) => [topic.id, index]));

  const buckets = new Map<string, Post[]>();
  const seen = new Set<string>();
  for (const post of input.posts) {
    if (!post.fresh || seen.has(post.id)) continue;
    const firstSeen = Date.parse(post.firstSeenAt);
    if (!(firstSeen >= from && firstSeen < to)) continue; // NaN anywhere fails both
    const topicId = sectionOf(post, rank, filtered);
    if (topicId === undefined) continue;
    seen.add(post.id);
    const bucket = buckets.get(topicId);
    if (bucket) bucket.push(post);
    else buckets.set(topicId, [post]);
  }

  const perTopic = capOf(limits.perTopic);
  let room = capOf(limits.total);
  const sections: DigestSection[] = [];
  for (const topic of order) {
    const candidates = buckets.get(topic.id);
    if (!candidates || candidates.length === 0) continue;
    const ranked = candidates
      .map((post) => ({ post, score: score(post, topic.id, to), published: publishedTime(post) }))
      .sort((a, b) => b.score - a.score || b.published - a.published || compareIds(a.post.id, b.post.id));
    const shown = Math.min(ranked.length, perTopic, room);
    room -= shown;
    sections.push({
      topicId: topic.id,
      topicLabel: topic.label,
      posts: ranked.slice(0, shown).map((entry) => entry.post),
      more: ranked.length - shown,
    });
  }
  return {
    channelId,
    date,
    since,
    until,
    sections,
    postCount: sections.reduce((sum, section) => sum + section.posts.length, 0),
    ...(filtered ? { topicFilter: [...wanted].filter((id) => known.has(id)) } : {}),
  };
}

/** The talks a recap lists that are on the digest's topics (every talk when it has no filter). */
export function recapTalkCount(post: Pick<Post, "listed">, topicFilter: string[] | undefined): number {
  const talks = (post.listed ?? []).filter((item) => item.kind === "talk");
  if (!topicFilter) return talks.length;
  return talks.filter((talk) => talk.topics.some((topic) => topicFilter.includes(topic))).length;
}

/** The first section (in section order) the post is tagged with; "Other" for an untagged post in an unfiltered digest. */
function sectionOf(post: Post, rank: Map<string, number>, filtered: boolean): string | undefined {
  let best: string | undefined;
  let bestRank = Infinity;
  for (const topicId of post.topics) {
    const r = rank.get(topicId);
    if (r !== undefined && r < bestRank) {
      best = topicId;
      bestRank = r;
    }
  }
  // Without a filter every known topic has a section, so a post that found none has no known topic.
  if (best !== undefined || filtered) return best;
  return OTHER_TOPIC_ID;
}

/**
 * A post's score in a topic's section — higher ranks first:
 *
 *   score = carried + match + recency
 *   carried = min(distinct feeds − 1, 4)            0 for one feed, +1 per further feed carrying it, at most +4
 *   match   = (topic is the post's first topic ? 0.5 : 0) + 0.5 / (number of topics)   in (0, 1]; 1 in "Other"
 *   recency = −(hours from publishedAt to `until`) / 24, between −3 and 0
 *             (publishedAt capped at firstSeenAt; firstSeenAt when unparsable)
 *
 * So another feed carrying a post outweighs up to a day of age, and a post on its main topic (or on few
 * topics) beats an otherwise equal one that only touches it.
 */
function score(post: Post, topicId: string, until: number): number {
  const feeds = Math.max(1, new Set(post.feeds).size);
  const carried = Math.min(feeds - 1, 4);
  const count = post.topics.length;
  const match =
    topicId === OTHER_TOPIC_ID && !post.topics.includes(topicId) ? 1 : (post.topics[0] === topicId ? 0.5 : 0) + 0.5 / Math.max(1, count);
  const ageHours = Math.max(0, (until - publishedTime(post)) / HOUR);
  const recency = -Math.min(ageHours, 72) / 24;
  return carried + match + (Number.isFinite(recency) ? recency : -3);
}

/** publishedAt as a time, never after firstSeenAt (the firstSeenAt when publishedAt is unparsable). */
function publishedTime(post: Post): number {
  const firstSeen = Date.parse(post.firstSeenAt);
  const published = Date.parse(post.publishedAt);
  return Number.isNaN(published) ? firstSeen : Math.min(published, firstSeen);
}

function capOf(limit: number): number {
  return Number.isNaN(limit) ? 0 : Math.max(0, Math.floor(limit));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
