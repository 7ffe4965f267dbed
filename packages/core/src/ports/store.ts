/**
 * What Recap needs from its storage, one interface per concern. The DynamoDB repositories (one
 * table, see schema.ts) and the in-memory store (memory/) both implement them, and one contract
 * suite (test/store/contract.ts) holds both to the same behaviour.
 *
 * Every write is idempotent on its own, and the claims (`claim…`, `take…`, `lock`) are conditional:
 * exactly one caller wins while a claim is live. That is what lets retries never duplicate a post
 * or a Slack message, whichever store is behind.
 */
import type { Subscription } from "../model/digest";
import type { Feed } from "../model/feed";
import type { Follow } from "../model/follow";
import type { ListedItem, Post, PostCorrections } from "../model/post";
import type { TeamCue, TeamTopic } from "../model/topic";

// ---------------------------------------------------------------------------------------------------------
// Feeds

export type FeedPatch = Partial<Omit<Feed, "id" | "addedAt">>;

export interface FeedRepository {
  /** Stores a new feed; false when a feed with that id already exists. */
  create(feed: Feed): Promise<boolean>;
  get(id: string): Promise<Feed | undefined>;
  findByUrl(url: string): Promise<Feed | undefined>;
  /** Every feed, by URL. Also sets the kept count (see `count`) right. */
  list(): Promise<Feed[]>;
  /**
   * How many feeds there are without reading them: `create` and `remove` keep it (each idempotent,
   * so a retry after a crash between a feed's write and its count's sets it right), and every
   * `list()` corrects it from what it read. Undefined until a `list()` has counted them (a table
   * from before the count).
   */
  count(): Promise<number | undefined>;
  /**
   * Feeds needing attention (failing or paused, then never polled: `byAttention`), at most `limit`;
   * `complete` when that is every one of them. Reads a few more rows than `limit` at most, never
   * every feed: when it is not complete, which of the many are shown may differ between stores.
   */
  needingAttention(limit: number): Promise<{ feeds: Feed[]; complete: boolean }>;
  /** Active feeds whose next poll is at or before `now`, soonest first. */
  due(now: Date, limit?: number): Promise<Feed[]>;
  /**
   * Takes a due feed for one poller: moves its next poll to `leaseUntil` only if nobody else has
   * moved it since we read it. Overlapping scheduled runs therefore poll each feed once.
   */
  claim(feed: Feed, leaseUntil: Date): Promise<boolean>;
  /** Writes the given fields (undefined removes one) and keeps the indexes in step. */
  update(feed: Feed, patch: FeedPatch): Promise<Feed>;
  /** Sets the kept item count alone (a recount), whatever else a poll records meanwhile; a removed feed stays removed. */
  setItemCount(id: string, itemCount: number): Promise<void>;
  /** Adds to a kept item count, atomically (two polls of one feed both count); nothing for a feed not counted yet. */
  addItemCount(id: string, items: number): Promise<void>;
  /** True exactly once per installation for `name` (e.g. seeding the default feeds). */
  firstTime(name: string, now: Date): Promise<boolean>;
  /** Deletes the feed and its item identities; the posts it brought stay searchable. */
  remove(id: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Posts: a feed's items, the posts, their topic index, announcements, recap lists

/** What a feed remembers about one of its items. */
export interface FeedItemIdentity {
  itemKey: string;
  postId: string;
  contentHash: string;
}

/** Fields a publisher's edit may change; without publishedAt the stored date stays. */
export type PostContent = Pick<Post, "title" | "summary" | "author" | "categories" | "lead" | "topics"> & { publishedAt?: string };

export interface StoredPost extends Post {
  announcedAt?: string;
  announceClaimAt?: string;
  /** Bumped by every write of a recap's `listed`: two syncs of one recap never overwrite each other. */
  listedVersion?: number;
  /** Bumped by every correction: two people correcting one post never overwrite each other. */
  correctionsVersion?: number;
}

/** The items each feed has carried, and the post each became. */
export interface FeedItemStore {
  knownItems(feedId: string, itemKeys: string[]): Promise<Map<string, FeedItemIdentity>>;
  /** Marks items as known to a feed (overwriting is harmless: the same identity, newer hash). */
  rememberItems(feedId: string, identities: FeedItemIdentity[]): Promise<void>;
  countItems(feedId: string): Promise<number>;
  /** The posts a feed has carried (its known items' posts), in no particular order. */
  idsOfFeed(feedId: string): Promise<string[]>;
}

/** Posts themselves: written once, attached to more feeds, edited by their publishers. */
export interface PostWrites {
  /** Inserts a post that does not exist yet; false (and nothing written) when it does. */
  insert(post: Post): Promise<boolean>;
  /** Records that one more feed carries an existing post; returns the post as it now is. */
  attachFeed(postId: string, feedUrl: string): Promise<StoredPost>;
  /** Applies a publisher's edit. Never touches first-seen time or freshness: an edit is not news. */
  updateContent(postId: string, content: PostContent): Promise<void>;
}

/** A post's topics, and the per-topic index topic pages read. */
export interface PostTopicStore {
  /**
   * Replaces a post's topics (a retag): the post, then its index rows — the stale ones found from
   * the topics it had in the table, whatever the caller last read. False when the post is gone.
   */
  setTopics(post: Pick<Post, "id" | "publishedAt">, topics: string[]): Promise<boolean>;
  /**
   * What the team said of a post's topics, and its topics as they now are, written only over the
   * corrections version the caller read: false when the post is gone or someone corrected it first.
   */
  setCorrections(
    post: Pick<StoredPost, "id" | "publishedAt" | "correctionsVersion">,
    corrections: PostCorrections,
    topics: string[],
  ): Promise<boolean>;
  /**
   * Makes a post's index rows — a row per topic and per word (shared/search-terms.ts) — what the post
   * as stored says, deleting any other (all of them when it is gone), and stores `lead` when given:
   * repairs a write whose rows were cut short, and rebuilds the index after the tokenizer changed.
   * Returns the rows written or deleted (0 when all were right). Idempotent.
   */
  repairIndexRows(postId: string, lead?: string): Promise<number>;
}

/** A recap's list of talks and write-ups, each stored as a post of its own. */
export interface RecapListStore {
  /**
   * A recap's new list of items and topics, written only over the list version the caller read
   * (`listedVersion`, 0 for none): false when another sync wrote first, so the caller re-reads.
   */
  setListed(
    recap: Pick<StoredPost, "id" | "publishedAt" | "listedVersion">,
    topics: string[] | undefined,
    listed: ListedItem[],
  ): Promise<boolean>;
  /**
   * Writes an item a recap lists: inserted when new (first seen now), else its content replaced
   * (keeping when it was first seen and the team's corrections, applied by `corrected`); then its
   * topic rows, dropping those of topics it lost. Returns the topics it was stored with.
   */
  saveListed(item: Post, corrected?: (corrections: PostCorrections) => string[]): Promise<string[]>;
  /** Deletes an item its recap no longer lists: every topic row it has in the table, then the item. */
  removeListed(id: string): Promise<void>;
}

/** The right to announce a fresh post, taken by one poller at a time. */
export interface AnnouncementStore {
  /**
   * Takes the right to announce a fresh post. Exactly one caller wins while a claim is live;
   * a claim older than `staleBefore` (its holder crashed) can be taken over.
   */
  claimAnnouncement(postId: string, now: Date, staleBefore: Date): Promise<boolean>;
  /** Records the post announced; a post no longer there is left alone. */
  markAnnounced(postId: string, now: Date): Promise<void>;
  /** Gives a claim back so the next poll can announce; only the claim taken at `claimedAt` is released. */
  releaseAnnouncement(postId: string, claimedAt: Date): Promise<void>;
}

/** How a search through the word index ended: every match given, or stopped at its read budget. */
export interface SearchEnd {
  complete: boolean;
}

/** Reading posts: one, many, a topic's, the newest seen. */
export interface PostReads {
  get(id: string): Promise<StoredPost | undefined>;
  /**
   * The leads of posts (the body's opening tagging reads), by post id: kept apart from the posts,
   * so lists, search and digests never read them. Posts without one are absent from the map.
   */
  leads(ids: string[]): Promise<Map<string, string>>;
  /** A post with its lead, for tagging it again. */
  getWithLead(id: string): Promise<StoredPost | undefined>;
  /** Posts with their leads, for tagging them again. */
  withLeads<T extends Post>(list: T[]): Promise<T[]>;
  /** Posts by id, in the order asked (missing ids skipped). */
  getMany(ids: string[]): Promise<Post[]>;
  /** A topic's posts, newest published first, skipping the first `offset`. */
  byTopic(topic: string, limit: number, offset?: number): Promise<Post[]>;
  /**
   * Posts with the topic published at or after `since`, read from its index rows (never the posts);
   * a recap is left out — the talks it lists count, each a post of its own.
   */
  countByTopic(topic: string, since: Date): Promise<number>;
  /**
   * Ids of the posts indexed under every term (shared/search-terms.ts), newest published first: a search
   * through the word index, read only as far as the caller goes on — and, with `maxRows`, no further
   * than that many index rows (then it ends with `complete: false`).
   */
  searchIds(terms: string[], options?: { maxRows?: number }): AsyncGenerator<string, SearchEnd>;
  /**
   * Posts first seen at or after `since` (all time when absent), newest first, a page at a time:
   * for walking the whole store without holding it in memory. Stops after `limit` posts.
   */
  pagesSeenSince(now: Date, options?: { since?: Date; limit?: number }): AsyncGenerator<Post[]>;
  /** Posts first seen at or after `since` (all time when absent), newest first. */
  seenSince(now: Date, options?: { since?: Date; limit?: number }): Promise<Post[]>;
}

/**
 * Posts per topic in a window, every topic counted by `countByTopic` at one time (`computedAt`, where
 * the window ends): what `/recap topics` reads instead of a COUNT per topic. Always counted whole
 * from the index rows, never added to, so it is exactly what counting said then.
 */
export interface TopicCountSnapshot {
  /** When the counting began (ISO): the window is the `days` before it. */
  computedAt: string;
  /** The window's length, in days. */
  days: number;
  /** Topic id → its count, 0 included: a topic absent was not counted. */
  counts: Record<string, number>;
}

/** The one topic-count snapshot (posts/topic-counts.ts keeps it). */
export interface TopicCountSnapshotStore {
  /** The snapshot last saved (one read), or undefined when there is none. */
  topicCountSnapshot(): Promise<TopicCountSnapshot | undefined>;
  /**
   * Replaces the snapshot only with one counted later (a conditional write on `computedAt`), or over
   * one stamped after `replacesFrom` (a clock that ran fast): false, and nothing written, otherwise.
   */
  saveTopicCountSnapshot(snapshot: TopicCountSnapshot, replacesFrom: string): Promise<boolean>;
}

export interface PostRepository
  extends FeedItemStore, PostWrites, PostTopicStore, RecapListStore, AnnouncementStore, PostReads, TopicCountSnapshotStore {}

// ---------------------------------------------------------------------------------------------------------
// Digest subscriptions and the digests they got

export type SubscriptionPatch = Partial<Omit<Subscription, "channelId" | "createdAt">>;

export interface SubscriptionRepository {
  /** Creates or replaces a channel's subscription, keeping its delivery history. */
  save(subscription: Subscription): Promise<void>;
  get(channelId: string): Promise<Subscription | undefined>;
  remove(channelId: string): Promise<boolean>;
  list(): Promise<Subscription[]>;
  update(channelId: string, patch: SubscriptionPatch): Promise<void>;
  /** Takes (channel, local date) for one dispatcher; false when another already has it. */
  claimDigest(channelId: string, date: string, now: Date): Promise<boolean>;
  recordDigest(channelId: string, date: string, result: { ts?: string; postCount: number }, now: Date): Promise<void>;
  /** Gives the day back after a post that definitely did not happen, so a later run retries it. */
  releaseDigest(channelId: string, date: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Team topics and what corrections taught

export interface TopicRepository {
  list(): Promise<TeamTopic[]>;
  /** Topics and cues in one read: what the taxonomy in force is made from. */
  knowledge(): Promise<{ topics: TeamTopic[]; cues: TeamCue[] }>;
  /** Stores a new topic; false when a row for its id exists already. */
  add(topic: TeamTopic): Promise<boolean>;
  /** Appends an alias to a topic's row, creating the row (for a built-in topic) when needed. */
  addAlias(id: string, alias: string, addedAt: string): Promise<void>;
  /**
   * Records that `postId`'s correction teaches a cue: the cue is created the first time (who and
   * when kept from then on), and each post teaching it is remembered. Idempotent.
   */
  teachCue(cue: Omit<TeamCue, "postIds">, postId: string): Promise<void>;
  /**
   * Takes back what `postId`'s correction taught about a topic: the post leaves each cue it
   * taught, and a cue no post teaches any more is deleted (unless a post taught it again meanwhile).
   */
  unteachCues(topicId: string, postId: string): Promise<void>;
  cues(topicId: string): Promise<TeamCue[]>;
  /** Deletes a cue; the cue as it was, or undefined when there was none. */
  removeCue(topicId: string, cueId: string): Promise<TeamCue | undefined>;
}

// ---------------------------------------------------------------------------------------------------------
// Follows, their alerts and each hour's roll-up

/** Titles a roll-up keeps (it lists a few and counts the rest). */
export const ROLLUP_TITLES = 5;

export interface RollupEntry {
  postId: string;
  title: string;
  url: string;
}

export interface Rollup {
  /** Posts over budget this hour, in the order they came. */
  total: number;
  /** The first ROLLUP_TITLES of them. */
  entries: RollupEntry[];
  /** Followed topics those posts matched. */
  topicIds: string[];
  /** The roll-up message, once posted. */
  ts?: string;
  /** How many posts the message says (it is behind when `total` is larger). */
  shown: number;
  /** Posting the message had an unknown outcome: it is never posted again, nor updated. */
  lost?: boolean;
  /** Set just before the first chat.postMessage: found with no `ts`, that post may have gone out. */
  posting?: boolean;
}

/** Which post went to which channel, and each channel's hourly budget. */
export interface AlertClaimStore {
  /** The claim of (channel, post): its status and, for a rolled-up post, the hour's roll-up it is in. */
  get(channelId: string, postId: string): Promise<{ status: string; hour?: string } | undefined>;
  /** Takes (channel, post) for this delivery; false when it was taken before. */
  claim(channelId: string, postId: string, now: Date): Promise<boolean>;
  record(
    channelId: string,
    postId: string,
    outcome: { status: "posted" | "rolled-up" | "uncertain"; hour: string; ts?: string },
  ): Promise<void>;
  /** Gives the post back after an alert that definitely did not go out, so a redelivery retries it. */
  release(channelId: string, postId: string): Promise<void>;
  /** One alert of the hour's budget; false when the channel has had `max` this hour. */
  takeSlot(channelId: string, hour: string, max: number): Promise<boolean>;
  returnSlot(channelId: string, hour: string): Promise<void>;
}

/** The posts over a channel's hourly budget, summed up in one message. */
export interface RollupStore {
  /**
   * Adds a post to the hour's roll-up (its title while fewer than ROLLUP_TITLES are kept). A post
   * already there is not added again: a redelivery only gets the message brought up to date.
   */
  add(channelId: string, hour: string, entry: RollupEntry, topicIds: string[]): Promise<void>;
  get(channelId: string, hour: string): Promise<Rollup | undefined>;
  /** Takes the roll-up's lease as `holder` (the one writer of its message); undefined while someone else holds it. */
  lock(channelId: string, hour: string, now: Date, leaseMs: number, holder: string): Promise<Rollup | undefined>;
  /** Extends `holder`'s lease to a whole one from now; false when the lease is no longer theirs. */
  renew(channelId: string, hour: string, now: Date, leaseMs: number, holder: string): Promise<boolean>;
  /** Lets the lease go, if `holder` still has it (a holder that overran its lease must not free another's). */
  unlock(channelId: string, hour: string, holder: string): Promise<void>;
  /** What the message now says: `lost` when it may or may not have been posted. */
  record(channelId: string, hour: string, state: { ts?: string; shown: number; lost?: boolean; posting?: boolean }): Promise<void>;
}

export interface FollowRepository {
  alerts: AlertClaimStore;
  rollups: RollupStore;
  save(follow: Follow): Promise<void>;
  get(channelId: string, topicId: string): Promise<Follow | undefined>;
  remove(channelId: string, topicId: string): Promise<boolean>;
  ofChannel(channelId: string): Promise<Follow[]>;
  /** Channels whose follow of the topic is active (disabled ones are not in the index). */
  channelsFollowing(topicId: string): Promise<string[]>;
  /** Stops every follow of a channel Slack will not post to, saying why; they leave the index. */
  disableChannel(channelId: string, reason: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------

/** Everything Recap stores. */
export interface Store {
  feeds: FeedRepository;
  posts: PostRepository;
  subscriptions: SubscriptionRepository;
  topics: TopicRepository;
  follows: FollowRepository;
}
