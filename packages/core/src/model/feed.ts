/** Plain data that flows through a feed refresh: fetch → parse → normalize → store. */
import type { TopicTally } from "./topic";

/** What the fetcher needs to make a conditional GET. */
export interface FetchRequest {
  url: string;
  etag?: string;
  lastModified?: string;
}

export interface FetchLimits {
  /** Whole request, redirects included. */
  timeoutMs: number;
  /** Counted after decompression. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /**
   * Local mode reads intranet feeds on loopback/private addresses; on Lambda these are refused
   * after DNS resolution (and on every redirect hop) so a user-supplied URL cannot reach the VPC or
   * the instance metadata service.
   */
  allowPrivateNetwork: boolean;
}

/** Freshness hints a response gave us, used by the scheduler. */
export interface CacheHints {
  /** From Cache-Control max-age (or Expires − Date), in seconds. */
  maxAgeSeconds?: number;
}

export interface FetchedFeed extends CacheHints {
  status: "ok";
  /** The URL the body came from, after redirects. */
  finalUrl: string;
  /** Set when every redirect hop was permanent (301/308): the feed has moved. */
  movedTo?: string;
  /** Body decoded to text (charset from BOM, then Content-Type, then the XML prolog, then UTF-8). */
  text: string;
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

export interface NotModified extends CacheHints {
  status: "not-modified";
  finalUrl: string;
  movedTo?: string;
  etag?: string;
  lastModified?: string;
}

export type FetchResult = FetchedFeed | NotModified;

export type FetchErrorKind =
  "invalid-url" | "blocked-address" | "dns" | "timeout" | "network" | "http" | "too-large" | "too-many-redirects";

/** One feed's raw item as parsed, before normalization. Strings are as the feed gave them. */
export interface RawItem {
  guid?: string;
  url?: string;
  /**
   * The item's address according to its identifier, for an item without a link: an RSS 2.0 `<guid>`
   * that is a permalink (isPermaLink absent or "true"), RSS 1.0's `rdf:about`, or a JSON Feed / Atom
   * id that is an http(s) URL. Resolved against xml:base where the document sets one; may still be
   * relative to the feed's own URL.
   */
  permalink?: string;
  title?: string;
  /** HTML or text: description / summary / content_text. */
  summary?: string;
  /** Full HTML content: content:encoded / atom:content / content_html. */
  content?: string;
  author?: string;
  /** The publisher's categories or tags, as found (RSS/Atom `category`, JSON Feed `tags`). */
  categories?: string[];
  /** A date string as found; normalization parses it. */
  published?: string;
  updated?: string;
}

export type FeedFormat = "rss" | "rdf" | "atom" | "json";

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The site the feed belongs to (channel link / atom alternate / home_page_url). */
  siteUrl?: string;
  /** RSS <ttl>, in minutes. */
  ttlMinutes?: number;
  items: RawItem[];
  /**
   * The document ended before its root element closed (a dropped connection, a size limit on the
   * server): `items` holds the complete items that came before the cut.
   */
  truncated?: boolean;
}

export type ParseErrorKind = "not-a-feed" | "malformed";

/** Where a feed was added from: reports and pause notices go back there. */
export interface FeedOrigin {
  via: "cli" | "slack" | "seed" | "import";
  channelId?: string;
  userId?: string;
}

/** A followed feed and its poll state, as stored. */
export interface Feed {
  id: string;
  /** Current URL (a permanent redirect or autodiscovery updates it). */
  url: string;
  title?: string;
  siteUrl?: string;
  status: "active" | "paused";
  addedAt: string;
  origin?: FeedOrigin;
  /** Marked by `add --recap`; read by the recap extraction issue. */
  isRecapFeed?: boolean;
  etag?: string;
  lastModified?: string;
  /** Hash of the last body fully processed: an identical 200 is treated like a 304. */
  bodyHash?: string;
  lastPolledAt?: string;
  /** Absent until the first successful poll: that poll's items are backfill. */
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  /** Something the last successful poll could only partly read (a document cut short). */
  lastWarning?: string;
  failingSince?: string;
  consecutiveErrors: number;
  nextPollAt: string;
  ttlMinutes?: number;
  /** Publication dates of the feed's items from the last 7 days: its rhythm, kept across 304s. */
  recentItemDates?: string[];
  pausedAt?: string;
  pausedReason?: string;
  /** The topics of the posts it has published, counted as they are first stored (a tagging prior). */
  topicTally?: TopicTally;
  /**
   * How many items it has carried (what `/recap feeds` shows), kept as polls remember new ones so
   * that listing feeds reads no count per feed. Absent on a feed no poll has counted yet.
   */
  itemCount?: number;
}

/** A feed as people see it: never polled yet, fine, failing, or paused. */
export type FeedState = "new" | "ok" | "failing" | "paused";

export function feedState(feed: Pick<Feed, "status" | "consecutiveErrors" | "lastSuccessAt">): FeedState {
  if (feed.status === "paused") return "paused";
  if (feed.consecutiveErrors > 0) return "failing";
  return feed.lastSuccessAt ? "ok" : "new";
}

/**
 * How urgently a feed asks for a look: 0 failing or paused, 1 never polled yet, 2 fine. `/recap feeds`
 * at scale lists the first two kinds alone, the worst first.
 */
export function attentionRank(feed: Pick<Feed, "status" | "consecutiveErrors" | "lastSuccessAt">): 0 | 1 | 2 {
  const state = feedState(feed);
  return state === "ok" ? 2 : state === "new" ? 1 : 0;
}

export const needsAttention = (feed: Pick<Feed, "status" | "consecutiveErrors" | "lastSuccessAt">) => attentionRank(feed) < 2;

/** Feeds needing attention in the order they are listed: the worst first, then by URL. */
export const byAttention = (a: Feed, b: Feed) => attentionRank(a) - attentionRank(b) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/** The limits a fetch works within unless the settings say otherwise. */
export const DEFAULT_FETCH_LIMITS: Omit<FetchLimits, "userAgent" | "allowPrivateNetwork"> = Object.freeze({
  timeoutMs: 20_000,
  maxBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
});

/** What one refresh of a feed came to. */
export type RefreshOutcome =
  | {
      feedId: string;
      url: string;
      status: "ok";
      notModified: boolean;
      /** Posts this poll stored for the first time. */
      created: number;
      /** Items edited by their publisher since the last poll. */
      edited: number;
      /** Posts announced on the bus as news. */
      announced: number;
      items: number;
    }
  | { feedId: string; url: string; status: "failed"; error: string; paused: boolean };

/** What following a feed came to: added (with its first poll), already followed, or not a feed. */
export type AddFeedResult =
  | { status: "added"; feed: Feed; outcome: RefreshOutcome }
  /** `markedRecap`: the followed feed became a recap feed (added again with `recap`). */
  | { status: "exists"; feed: Feed; markedRecap?: boolean }
  | { status: "failed"; error: string };
