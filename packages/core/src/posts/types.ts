/** A normalized post, as stored and as returned to commands. */
export interface Post {
  /** Stable id derived from the canonical URL (the GUID when an item has no link). */
  id: string;
  kind: "article";
  url: string;
  title: string;
  /** Plain text, at most 500 characters, cut at a word boundary. */
  summary: string;
  author?: string;
  /** ISO 8601. Missing dates become the first-seen time; future dates are clamped to it. */
  publishedAt: string;
  /** ISO 8601: when Recap first stored the post. Digests key on this, not on publishedAt. */
  firstSeenAt: string;
  topics: string[];
  /** URLs of the feeds that carried this article. */
  feeds: string[];
  /** False for backfill (first poll of a feed, or dated > 48 h before first seen): never announced. */
  fresh: boolean;
}

/** A post as one feed presents it, before it meets the store. */
export interface NormalizedItem {
  /** Identity inside the feed: GUID, GUID+URL when the feed repeats GUIDs, else URL. */
  itemKey: string;
  postId: string;
  url: string;
  title: string;
  summary: string;
  author?: string;
  /** ISO 8601 when the feed gave a parseable date (future dates clamped to now). */
  publishedAt?: string;
  /** True when publishedAt was a future date clamped to now: it says nothing about an edit. */
  dateClamped?: boolean;
  /** The date string exactly as the feed gave it, for telling edits apart from clock movement. */
  rawDate?: string;
  /** Full HTML content when the feed carries it (kept out of the store; recap extraction reads it). */
  content?: string;
}
