/**
 * Announcing: each fresh post goes on the bus as `post.ingested` exactly once, however many pollers
 * and retries meet it. A poller claims the post, publishes, then marks it announced; a failed
 * publish gives the claim back, and a claim whose holder crashed is taken over after a while.
 */
import { shortTitle, type EventPublisher } from "../ports/events";
import type { Store, StoredPost } from "../ports/store";
import type { Feed } from "../model/feed";

/** A claim to announce a post older than this was abandoned by a crashed poller. */
const ANNOUNCE_CLAIM_TTL_MS = 15 * 60_000;

export interface AnnounceDeps {
  store: Store;
  publisher: EventPublisher;
}

/**
 * Publishes `post.ingested` once per fresh post. Returns the ids still waiting to be announced, and
 * how many this call published itself (a post another poll announced is not counted twice).
 */
export async function announce(
  feed: Feed,
  candidates: StoredPost[],
  deps: AnnounceDeps,
  now: Date,
): Promise<{ waiting: Set<string>; published: number }> {
  const { posts } = deps.store;
  const waiting = new Set<string>();
  const claimed: StoredPost[] = [];
  const staleBefore = new Date(now.getTime() - ANNOUNCE_CLAIM_TTL_MS);
  for (const post of candidates) {
    if (await posts.claimAnnouncement(post.id, now, staleBefore)) claimed.push(post);
    // Someone else holds a live claim: it is theirs to announce, but stay unknown until it is done.
    else if (!(await posts.get(post.id))?.announcedAt) waiting.add(post.id);
  }
  if (claimed.length === 0) return { waiting, published: 0 };

  const { failed } = await deps.publisher.publish(
    claimed.map((post) => ({
      detailType: "post.ingested" as const,
      detail: {
        postId: post.id,
        feedId: feed.id,
        url: post.url,
        title: shortTitle(post.title),
        topics: post.topics,
        publishedAt: post.publishedAt,
        firstSeenAt: post.firstSeenAt,
      },
    })),
  );
  const failedIds = new Set(failed.map((event) => (event.detail as { postId: string }).postId));
  let published = 0;
  for (const post of claimed) {
    if (failedIds.has(post.id)) {
      await posts.releaseAnnouncement(post.id, now);
      waiting.add(post.id);
    } else {
      await posts.markAnnounced(post.id, now);
      published++;
    }
  }
  return { waiting, published };
}
