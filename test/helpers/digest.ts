/** Composing digests in tests: one fixed window, a channel, and the caller's posts, taxonomy and limits. */
import { composeDigest } from "@recap/core/digest";
import type { Digest, DigestLimits } from "@recap/core/digest";
import type { Post } from "@recap/core/posts";
import type { Taxonomy } from "@recap/core/topics";

export const SINCE = "2026-11-19T09:00:00.000Z";
export const UNTIL = "2026-11-20T09:00:00.000Z";

export function composeInWindow(posts: Post[], options: { taxonomy: Taxonomy; limits: DigestLimits; topics?: string[] }): Digest {
  return composeDigest({
    channelId: "C1",
    date: "2026-11-20",
    since: SINCE,
    until: UNTIL,
    posts,
    subscription: { topics: options.topics ?? [] },
    taxonomy: options.taxonomy,
    limits: options.limits,
  });
}
