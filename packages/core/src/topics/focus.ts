import type { TopicTally } from "../model/topic";
export type { TopicTally } from "../model/topic";
export const FOCUS_MIN_POSTS = 5;

/** The tally with more posts counted, each by the topics it was tagged with. */
export function addToTally(tally: TopicTally | undefined, topicLists: readonly (readonly string[])[]): TopicTally {
  const topics = { ...tally?.topics };
  for (const list of topicLists) for (const id of list) topics[id] = (topics[id] ?? 0) + 1;
  return { posts: (tally?.posts ?? 0) + topicLists.length, topics };
}

/** Per topic, the share of the feed's posts that carry it; undefined while the history is short. */
export function focusOf(tally: TopicTally | undefined): Record<string, number> | undefined {
  if (!tally || tally.posts < FOCUS_MIN_POSTS) return undefined;
  return Object.fromEntries(Object.entries(tally.topics).map(([id, count]) => [id, count / tally.posts]));
}

/**
 * A stored post's feed prior, as at ingestion: what its feeds mostly publish (the largest share
 * where several carry it). Items a recap lists are not their feed's own posts and get none.
 */
export function postFocus(feeds: readonly { url: string; topicTally?: TopicTally }[]) {
  const byUrl = new Map(feeds.map((feed) => [feed.url, focusOf(feed.topicTally)]));
  return (post: { feeds: readonly string[]; listedIn?: unknown }): Record<string, number> | undefined => {
    if (post.listedIn) return undefined;
    const merged: Record<string, number> = {};
    for (const url of post.feeds) {
      for (const [id, share] of Object.entries(byUrl.get(url) ?? {})) merged[id] = Math.max(merged[id] ?? 0, share);
    }
    return Object.keys(merged).length > 0 ? merged : undefined;
  };
}
