/** Finding stored posts: by topic (newest published first) or by first-seen time (newest first). */
import type { PostRepository } from "../store/ports";
import type { Post } from "./types";

export interface PostQuery {
  /** A topic id (resolve aliases before calling). */
  topic?: string;
  /** Only posts Recap first saw at or after this time. */
  since?: Date;
  /** Only posts this feed (by id) carried. */
  feedId?: string;
  limit: number;
  /** Posts to pass over first (for a later page). */
  offset?: number;
}

export async function findPosts(posts: PostRepository, query: PostQuery, now: Date): Promise<Post[]> {
  const offset = query.offset ?? 0;
  const end = offset + query.limit;
  if (query.feedId) {
    const carried = await posts.getMany(await posts.idsOfFeed(query.feedId));
    const since = query.since?.toISOString();
    return carried
      .filter((post) => (!query.topic || post.topics.includes(query.topic)) && (!since || post.firstSeenAt >= since))
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id))
      .slice(offset, end);
  }
  if (query.topic && !query.since) return posts.byTopic(query.topic, query.limit, offset);
  const seen = await posts.seenSince(now, { since: query.since, limit: query.topic ? undefined : end });
  const matching = query.topic ? seen.filter((post) => post.topics.includes(query.topic as string)) : seen;
  return matching.slice(offset, end);
}
