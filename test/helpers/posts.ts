import type { Post } from "@recap/core/posts";

/**
 * A stored article as the search and count tests need it: published (and first seen) at `at`, from
 * one feed, with `extra` fields over the defaults (title, topics, a recap's `listed`, a talk's
 * `listedIn`…).
 */
export function storedPost(id: string, at: Date | string, extra: Partial<Post> = {}): Post {
  const time = typeof at === "string" ? at : at.toISOString();
  return {
    id,
    kind: "article",
    url: `https://example.com/${id}`,
    title: `Post ${id}`,
    summary: "",
    publishedAt: time,
    firstSeenAt: time,
    topics: [],
    feeds: ["https://example.com/feed.xml"],
    fresh: false,
    ...extra,
  };
}
