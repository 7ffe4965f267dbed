/**
 * One feed's whole refresh, top to bottom: fetch (conditionally) → parse → normalize → tag →
 * store new and edited items → announce fresh ones → record poll state and the next poll time.
 * Every failure is recorded on the feed (with backoff and, eventually, a pause) — never thrown
 * into the caller's loop, so one bad feed cannot stop the others.
 */
import type { EventPublisher } from "../events/types";
import { shortTitle } from "../events/types";
import { normalizeItems } from "../posts";
import type { NormalizedItem, Post } from "../posts/types";
import { stableId } from "../shared/hash";
import type { Logger } from "../shared/log";
import { mapWithConcurrency } from "../shared/concurrency";
import type { Store, StoredPost } from "../store";
import { matchTopics, type Taxonomy } from "../topics";
import { describeFailure, loadFeedDocument, type FeedDocument, type FeedFetcher } from "./document";
import { FetchError } from "./fetch";
import { countPostsLastWeek, nextPollAfterFailure, nextPollAfterSuccess } from "./schedule";
import type { Feed } from "./types";

const HOUR = 3_600_000;
/** Items dated further back than this when first seen are backfill, not news. */
export const FRESHNESS_WINDOW_MS = 48 * HOUR;
/** A claim to announce a post older than this was abandoned by a crashed poller. */
const ANNOUNCE_CLAIM_TTL_MS = 15 * 60_000;
const WRITE_CONCURRENCY = 4;

export interface RefreshDeps {
  store: Store;
  publisher: EventPublisher;
  fetchFeed: FeedFetcher;
  taxonomy: Taxonomy;
  clock: () => Date;
  log: Logger;
  poll: { baseIntervalMinutes: number; pauseAfterFailures: number };
}

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

export async function refreshFeed(feed: Feed, deps: RefreshDeps): Promise<RefreshOutcome> {
  let document: FeedDocument;
  try {
    document = await loadFeedDocument(
      { url: feed.url, etag: feed.etag, lastModified: feed.lastModified },
      deps.fetchFeed,
      feed.bodyHash,
    );
  } catch (error) {
    return recordFailure(feed, error, deps);
  }
  try {
    return await applyDocument(feed, document, deps);
  } catch (error) {
    // Storage trouble (e.g. a table throttled past the SDK's retries). Nothing is lost: the
    // feed's validators were not advanced and unknown items stay unknown, so the next poll redoes it.
    deps.log.error("Storing a feed's items failed", { feedId: feed.id, error: describeFailure(error) });
    return recordFailure(feed, error, deps);
  }
}

/** Stores what a fetched document holds and records the successful poll. */
export async function applyDocument(feed: Feed, document: FeedDocument, deps: RefreshDeps): Promise<RefreshOutcome> {
  const now = deps.clock();
  const { fetched } = document;
  let counts = { created: 0, edited: 0, announced: 0, items: 0, waiting: 0 };
  let bodyHash = feed.bodyHash;
  let postsLastWeek = feed.postsLastWeek;
  let ttlMinutes = feed.ttlMinutes;
  let title = feed.title;
  let siteUrl = feed.siteUrl;

  if (document.status === "ok") {
    const { parsed } = document;
    const items = normalizeItems(parsed.items, { feedUrl: document.url, siteUrl: parsed.siteUrl, now });
    counts = await ingestItems({ ...feed, url: document.url }, items, deps, now);
    postsLastWeek = countPostsLastWeek(items.map((item) => item.publishedAt), now);
    ttlMinutes = parsed.ttlMinutes;
    title = parsed.title || feed.title;
    siteUrl = parsed.siteUrl ?? feed.siteUrl;
    // Skip an identical body next time only once everything in it is settled (announcements included).
    bodyHash = counts.waiting === 0 ? document.bodyHash : undefined;
  }

  const nextPollAt = nextPollAfterSuccess({
    now,
    feedUrl: document.url,
    baseIntervalMinutes: deps.poll.baseIntervalMinutes,
    postsLastWeek,
    ttlMinutes,
    maxAgeSeconds: fetched.maxAgeSeconds,
  });
  await deps.store.feeds.update(feed, {
    url: document.url,
    title,
    siteUrl,
    // A 304 may omit validators it still honours (keep ours); a 200 replaces them, absent ones included.
    etag: document.status === "ok" ? fetched.etag : (fetched.etag ?? feed.etag),
    lastModified: document.status === "ok" ? fetched.lastModified : (fetched.lastModified ?? feed.lastModified),
    bodyHash,
    lastPolledAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastError: undefined,
    lastErrorAt: undefined,
    failingSince: undefined,
    consecutiveErrors: 0,
    nextPollAt: nextPollAt.toISOString(),
    ttlMinutes,
    postsLastWeek,
  });
  if (document.url !== feed.url) deps.log.info("Feed moved", { feedId: feed.id, from: feed.url, to: document.url });
  const { waiting: _waiting, ...reported } = counts;
  return { feedId: feed.id, url: document.url, status: "ok", notModified: document.status === "not-modified", ...reported };
}

/** Content that, when a publisher changes it, counts as an edit. */
function contentHash(item: NormalizedItem): string {
  return stableId(JSON.stringify([item.title, item.summary, item.author ?? "", item.publishedAt ?? ""]));
}

async function ingestItems(feed: Feed, items: NormalizedItem[], deps: RefreshDeps, now: Date) {
  const { posts } = deps.store;
  const known = await posts.knownItems(feed.id, items.map((item) => item.itemKey));
  // The first successful poll of a feed is its history: searchable, never announced.
  const isBackfill = feed.lastSuccessAt === undefined;
  const freshSince = now.getTime() - FRESHNESS_WINDOW_MS;
  let created = 0;
  let edited = 0;
  const candidates: StoredPost[] = [];
  const settled: { itemKey: string; postId: string; contentHash: string }[] = [];

  await mapWithConcurrency(items, WRITE_CONCURRENCY, async (item) => {
    const hash = contentHash(item);
    const prior = known.get(item.itemKey);
    if (prior?.contentHash === hash) return; // unchanged: no write at all
    const topics = matchTopics({ title: item.title, summary: item.summary }, deps.taxonomy);
    const publishedAt = item.publishedAt ?? now.toISOString();
    if (prior) {
      // An edit updates the post but never makes it news again.
      await posts.updateContent(prior.postId, { title: item.title, summary: item.summary, author: item.author, publishedAt, topics });
      settled.push({ itemKey: item.itemKey, postId: prior.postId, contentHash: hash });
      edited++;
      return;
    }
    const post: Post = {
      id: item.postId,
      kind: "article",
      url: item.url,
      title: item.title,
      summary: item.summary,
      ...(item.author ? { author: item.author } : {}),
      publishedAt,
      firstSeenAt: now.toISOString(),
      topics,
      feeds: [feed.url],
      fresh: !isBackfill && Date.parse(publishedAt) >= freshSince,
    };
    const inserted = await posts.insert(post);
    // Another feed (or a concurrent poll) stored it first: it is the same article, remember both feeds.
    const stored: StoredPost = inserted ? post : await posts.attachFeed(post.id, feed.url);
    if (inserted) created++;
    if (stored.fresh && !stored.announcedAt) candidates.push(stored);
    settled.push({ itemKey: item.itemKey, postId: post.id, contentHash: hash });
  });

  const unannounced = await announce(feed, candidates, deps, now);
  // An item becomes "known" last, and only once its announcement is settled: a crash or a failed
  // publish before this point leaves it unknown, so the next poll picks it up again.
  await posts.rememberItems(
    feed.id,
    settled.filter((identity) => !unannounced.has(identity.postId)),
  );
  return { created, edited, announced: candidates.length - unannounced.size, items: items.length, waiting: unannounced.size };
}

/** Publishes `post.ingested` once per fresh post; returns the ids still waiting to be announced. */
async function announce(feed: Feed, candidates: StoredPost[], deps: RefreshDeps, now: Date): Promise<Set<string>> {
  const { posts } = deps.store;
  const waiting = new Set<string>();
  const claimed: StoredPost[] = [];
  const staleBefore = new Date(now.getTime() - ANNOUNCE_CLAIM_TTL_MS);
  for (const post of candidates) {
    if (await posts.claimAnnouncement(post.id, now, staleBefore)) claimed.push(post);
    // Someone else holds a live claim: it is theirs to announce, but stay unknown until it is done.
    else if (!(await posts.get(post.id))?.announcedAt) waiting.add(post.id);
  }
  if (claimed.length === 0) return waiting;

  let failedIds = new Set<string>();
  try {
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
    failedIds = new Set(failed.map((event) => (event.detail as { postId: string }).postId));
  } catch (error) {
    deps.log.error("Could not reach the event bus", { feedId: feed.id, error: describeFailure(error) });
    failedIds = new Set(claimed.map((post) => post.id));
  }
  for (const post of claimed) {
    if (failedIds.has(post.id)) {
      await posts.releaseAnnouncement(post.id);
      waiting.add(post.id);
    } else {
      await posts.markAnnounced(post.id, now);
    }
  }
  return waiting;
}

async function recordFailure(feed: Feed, error: unknown, deps: RefreshDeps): Promise<RefreshOutcome> {
  const now = deps.clock();
  const message = describeFailure(error);
  const consecutiveErrors = feed.consecutiveErrors + 1;
  const pause = consecutiveErrors >= deps.poll.pauseAfterFailures;
  const nextPollAt = nextPollAfterFailure({
    now,
    feedUrl: feed.url,
    consecutiveErrors,
    retryAfterMs: error instanceof FetchError ? error.retryAfterMs : undefined,
  });
  const reason = `${consecutiveErrors} consecutive failures; last: ${message}`;
  await deps.store.feeds.update(feed, {
    lastPolledAt: now.toISOString(),
    lastError: message,
    lastErrorAt: now.toISOString(),
    failingSince: feed.failingSince ?? now.toISOString(),
    consecutiveErrors,
    nextPollAt: nextPollAt.toISOString(),
    ...(pause ? { status: "paused" as const, pausedAt: now.toISOString(), pausedReason: reason } : {}),
  });
  if (pause && feed.status === "active") await announcePause(feed, reason, consecutiveErrors, deps);
  return { feedId: feed.id, url: feed.url, status: "failed", error: message, paused: pause };
}

async function announcePause(feed: Feed, reason: string, consecutiveErrors: number, deps: RefreshDeps) {
  try {
    const { failed } = await deps.publisher.publish([
      {
        detailType: "feed.paused",
        detail: {
          feedId: feed.id,
          url: feed.url,
          ...(feed.title ? { title: feed.title } : {}),
          reason,
          consecutiveErrors,
          ...(feed.origin?.channelId || feed.origin?.userId
            ? { addedIn: { channelId: feed.origin.channelId, userId: feed.origin.userId } }
            : {}),
        },
      },
    ]);
    if (failed.length > 0) deps.log.error("The bus rejected a feed.paused event", { feedId: feed.id });
  } catch (error) {
    deps.log.error("Could not reach the event bus", { feedId: feed.id, error: describeFailure(error) });
  }
}
