import type { PostCorrections } from "./topic";

/** A link a recap gives for a talk. */
export interface TalkLink {
  kind: "video" | "slides" | "other";
  url: string;
}

/** Where a listed item (a talk, or an article a recap links) was found. */
export interface ListedIn {
  postId: string;
  title: string;
  url: string;
  /** The event or track it is listed under, e.g. "ArgoCon". */
  section?: string;
}

/** What a recap post lists, kept on the recap so a re-poll can update and remove its items. */
export interface ListedItem {
  id: string;
  kind: "talk" | "article";
  /** Of the item as extracted: unchanged items are not written again. */
  hash: string;
  topics: string[];
}

/**
 * A normalized post, as stored and as returned to commands: an article from a feed, or an item a
 * conference recap lists (a talk, or another article), which then names its recap in `listedIn`.
 */
export interface Post {
  /** Stable id derived from the canonical URL (the GUID when an item has no link). */
  id: string;
  kind: "article" | "talk";
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
  /** The publisher's categories or tags (kept for tagging: they are evidence of the topics). */
  categories?: string[];
  /** The opening of the body beyond the summary, as plain text (kept for tagging). */
  lead?: string;
  /** A talk's speakers, their organizations and its links (video, slides, other). */
  speakers?: string[];
  organizations?: string[];
  /** A talk's session code as its conference gives it ("CON203"). */
  sessionCode?: string;
  links?: TalkLink[];
  /** Set on an item a recap lists: the recap it came from. */
  listedIn?: ListedIn;
  /** Set on a recap post: the talks and articles it lists. */
  listed?: ListedItem[];
  /** What the team said of its topics: they win over the matcher, at once and in every retag. */
  corrections?: PostCorrections;
}

/** Topics a team took off a post (`not`) or put on it (`also`). */
export type { PostCorrections } from "./topic";

/** A post as one feed presents it, before it meets the store. */
export interface NormalizedItem {
  /** Identity inside the feed: GUID, GUID+URL when the feed repeats GUIDs, else URL. */
  itemKey: string;
  postId: string;
  url: string;
  title: string;
  summary: string;
  author?: string;
  /** The publisher's categories or tags, plain text, distinct. */
  categories?: string[];
  /** The opening of the body beyond the summary (about 300 words), plain text. */
  lead?: string;
  /** ISO 8601 when the feed gave a parseable date (future dates clamped to now). */
  publishedAt?: string;
  /** True when publishedAt was a future date clamped to now: it says nothing about an edit. */
  dateClamped?: boolean;
  /** The date string exactly as the feed gave it, for telling edits apart from clock movement. */
  rawDate?: string;
  /** Full HTML content when the feed carries it (kept out of the store; recap extraction reads it). */
  content?: string;
}
