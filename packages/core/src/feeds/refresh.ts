/**
 * One feed's whole refresh, top to bottom: fetch (conditionally) → parse → normalize → plan each
 * item (plan.ts: unchanged, edited or new, and its topics) → store it → announce fresh posts
 * (announce.ts) → record poll state and the next poll time.
 * Every failure is recorded on the feed (with backoff and, eventually, a pause) — never thrown
 * into the caller's loop, so one bad feed cannot stop the others.
 */
import type { RefreshOutcome } from "../model/feed";
import { normalizeItems } from "../posts";
import type { NormalizedItem, Post } from "../model/post";
import { mapWithConcurrency } from "../shared/concurrency";
import type { FeedItemIdentity, FeedPatch, StoredPost } from "../ports/store";
import { addToTally, focusOf, storedTopics } from "../topics";
import { syncListedItems, type PageBudget, type SyncResult } from "../recaps/sync";
import { announce } from "./announce";
import { describeFailure, loadFeedDocument, type FeedDocument } from "./document";
import { FetchError } from "../ports/fetch";
import type { RefreshDeps } from "../ports/deps";

export type { RefreshDeps };
import { nextPollAfterFailure, nextPollAfterSuccess, recentDates } from "./schedule";
import { planItem } from "./plan";
import type { Feed } from "../model/feed";

const HOUR = 3_600_000;
/** Items one document may add; the rest (a whole archive) are counted in the feed's warning, not stored. */
export const MAX_ITEMS_PER_DOCUMENT = 1_000;
const WRITE_CONCURRENCY = 4;
/**
 * Article pages one refresh reads for recaps whose feed carries only a teaser (each is a fetch of
 * up to the fetch timeout): the rest wait for the next poll, so a poll stays within its time.
 */
const RECAP_PAGES_PER_POLL = 10;
/** A recap page that fails for a reason that may pass is read again on later polls for this long. */
const RECAP_PAGE_RETRY_MS = 24 * HOUR;
/** After a storage failure (ours, not the feed's), try again this soon. */
const STORAGE_RETRY_MS = 5 * 60_000;

export type { RefreshOutcome };

export async function refreshFeed(feed: Feed, deps: RefreshDeps): Promise<RefreshOutcome> {
  let document: FeedDocument;
  try {
    document = await loadFeedDocument({ url: feed.url, etag: feed.etag, lastModified: feed.lastModified }, deps, {
      knownBodyHash: feed.bodyHash,
      discovery: "same-site",
    });
  } catch (error) {
    return recordFailure(feed, error, deps);
  }
  try {
    const moved = document.url !== feed.url ? await deps.store.feeds.findByUrl(document.url) : undefined;
    if (moved && moved.id !== feed.id) return await pauseAsDuplicate(feed, moved, deps);
    return await applyDocument(feed, document, deps);
  } catch (error) {
    // Our storage failed (e.g. a table throttled past the SDK's retries), not the feed. Nothing is
    // lost: validators were not advanced and unsettled items stay unknown, so the next poll redoes it.
    deps.log.error("Storing a feed's items failed", { feedId: feed.id, error: describeFailure(error) });
    return recordFailure(feed, error, deps, { feedsFault: false });
  }
}

/** Stores what a fetched document holds and records the successful poll. */
export async function applyDocument(feed: Feed, document: FeedDocument, deps: RefreshDeps): Promise<RefreshOutcome> {
  const now = deps.clock();
  const { fetched } = document;
  let counts = { created: 0, edited: 0, announced: 0, items: 0, waiting: 0 };
  let seenDates: (string | undefined)[] = [];
  let patch: FeedPatch = {};
  let newItems = 0;

  if (document.status === "ok") {
    const { parsed } = document;
    const all = normalizeItems(parsed.items, { feedUrl: document.url, siteUrl: parsed.siteUrl, now });
    const items = newestItems(all);
    const { newTopics, newItems: remembered, ...ingested } = await ingestItems({ ...feed, url: document.url }, items, deps, now);
    counts = ingested;
    newItems = remembered;
    seenDates = items.map((item) => (item.dateClamped ? undefined : item.publishedAt));
    patch = {
      // Its items before the cut are stored; the rest come with a whole document.
      lastWarning: parsed.truncated
        ? cutShort(parsed.items.length)
        : all.length > items.length
          ? `The feed carries ${all.length} items; only the newest ${items.length} are read`
          : undefined,
      title: parsed.title || feed.title,
      siteUrl: parsed.siteUrl ?? feed.siteUrl,
      ttlMinutes: parsed.ttlMinutes,
      ...(newTopics.length > 0 ? { topicTally: addToTally(feed.topicTally, newTopics) } : {}),
      // Advance past this document only once everything in it is settled: while an announcement
      // is still owed, the next poll must fetch and process it again, not get a 304.
      // A document cut short is never "seen": the next poll fetches it whole, not a 304.
      ...(counts.waiting === 0 && !parsed.truncated
        ? { etag: fetched.etag, lastModified: fetched.lastModified, bodyHash: document.bodyHash }
        : {}),
    };
  } else {
    // A 304 may omit validators it still honours: keep ours unless it sent new ones.
    patch = { etag: fetched.etag ?? feed.etag, lastModified: fetched.lastModified ?? feed.lastModified };
  }

  const recentItemDates = recentDates(feed.recentItemDates, seenDates, now);
  const ttlMinutes = patch.ttlMinutes ?? feed.ttlMinutes;
  const nextPollAt = nextPollAfterSuccess({
    now,
    feedUrl: document.url,
    baseIntervalMinutes: deps.poll.baseIntervalMinutes,
    postsLastWeek: recentItemDates?.length,
    ttlMinutes,
    maxAgeSeconds: fetched.maxAgeSeconds,
  });
  await deps.store.feeds.update(feed, {
    ...patch,
    url: document.url,
    recentItemDates,
    lastPolledAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastError: undefined,
    lastErrorAt: undefined,
    failingSince: undefined,
    consecutiveErrors: 0,
    nextPollAt: nextPollAt.toISOString(),
  });
  // The kept item count: counted from the table the first time, then grown by what each poll
  // remembered, atomically (a poll run from the terminal may overlap a scheduled one).
  if (feed.itemCount === undefined) await deps.store.feeds.setItemCount(feed.id, await deps.store.posts.countItems(feed.id));
  else if (newItems > 0) await deps.store.feeds.addItemCount(feed.id, newItems);
  if (document.url !== feed.url) deps.log.info("Feed moved", { feedId: feed.id, from: feed.url, to: document.url });
  const { waiting: _waiting, ...reported } = counts;
  return { feedId: feed.id, url: document.url, status: "ok", notModified: document.status === "not-modified", ...reported };
}

/**
 * At most MAX_ITEMS_PER_DOCUMENT items of one document, the newest (by date, undated ones after, in
 * the document's order): a feed that carries its whole archive (100,000 items) must not fill the
 * table, nor push everyone else's posts out of the day's reads.
 */
function newestItems(items: NormalizedItem[]): NormalizedItem[] {
  if (items.length <= MAX_ITEMS_PER_DOCUMENT) return items;
  const order = new Map(items.map((item, index) => [item, index]));
  return [...items]
    .sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "") || order.get(a)! - order.get(b)!)
    .slice(0, MAX_ITEMS_PER_DOCUMENT);
}

/** The sync asks for another read of the recap's page, and the recap is recent enough to keep asking. */
function readAgain(synced: SyncResult, recap: Pick<Post, "firstSeenAt">, now: Date): boolean {
  return synced.status === "synced" && synced.retryLater === true && now.getTime() - Date.parse(recap.firstSeenAt) < RECAP_PAGE_RETRY_MS;
}

function cutShort(items: number): string {
  return `The feed's last document was cut short; only the ${items === 1 ? "1 complete item" : `${items} complete items`} before the cut were read`;
}

/** Carries out each item's plan (plan.ts) through the store, then announces what is news. */
async function ingestItems(feed: Feed, items: NormalizedItem[], deps: RefreshDeps, now: Date) {
  const { posts } = deps.store;
  const known = await posts.knownItems(
    feed.id,
    items.map((item) => item.itemKey),
  );
  const taxonomy = await deps.taxonomy();
  const focus = focusOf(feed.topicTally);
  const newTopics: string[][] = [];
  let created = 0;
  let editedCount = 0;
  const candidates: StoredPost[] = [];
  const settled: FeedItemIdentity[] = [];
  // Recaps whose page this poll had no budget to read stay unknown: the next poll reads them.
  const pages: PageBudget = { left: RECAP_PAGES_PER_POLL };
  let deferred = 0;

  await mapWithConcurrency(items, WRITE_CONCURRENCY, async (item) => {
    const plan = planItem(item, { feed, known: known.get(item.itemKey), taxonomy, focus, now });
    if (plan.kind === "unchanged") return;
    if (plan.kind === "edit") {
      const { postId } = plan.identity;
      // One read: a recap keeps its talks' topics through the edit, whatever its sync below comes to.
      const existing = await posts.get(postId);
      // A recap keeps its items' topics, and the team's corrections outlast the publisher's edits.
      const kept = existing ? storedTopics(taxonomy, plan.content.topics, existing) : plan.content.topics;
      await posts.updateContent(postId, { ...plan.content, topics: kept });
      if (existing && (plan.recap || existing.listed)) {
        const synced = await syncListedItems({ ...existing, title: item.title, topics: kept }, item, feed, taxonomy, deps, now, pages);
        // Counted once settled: a deferred edit is processed (and counted) again by a later poll.
        if (synced.status === "deferred" || readAgain(synced, existing, now)) return void deferred++;
      }
      editedCount++;
      settled.push(plan.identity);
      return;
    }
    const { post } = plan;
    let stored: StoredPost = post;
    if (await posts.insert(post)) {
      created++;
      newTopics.push(post.topics);
    } else {
      // Another feed, a concurrent poll or an earlier attempt stored it first: the same article.
      // Remember this feed too, and rewrite its topic rows in case that attempt died before them.
      stored = await posts.attachFeed(post.id, feed.url);
      await posts.repairIndexRows(stored.id, item.lead);
    }
    let again = false;
    if (plan.recap || stored.listed) {
      const synced = await syncListedItems(stored, item, feed, taxonomy, deps, now, pages);
      if (synced.status === "deferred") return void deferred++;
      stored = { ...stored, topics: synced.topics };
      again = readAgain(synced, stored, now);
    }
    if (stored.fresh && !stored.announcedAt) candidates.push(stored);
    // A recap whose page failed for now is news all the same; it stays unknown so its page is read again.
    if (again) return void deferred++;
    settled.push(plan.identity);
  });

  const { waiting: unannounced, published } = await announce(feed, candidates, deps, now);
  // An item becomes "known" last, and only once its announcement is settled: a crash or a failed
  // publish before this point leaves it unknown, so the next poll picks it up again.
  const remembered = settled.filter((identity) => !unannounced.has(identity.postId));
  await posts.rememberItems(feed.id, remembered);
  return {
    /** Items the feed had not carried before, now remembered: the feed's item count grows by these. */
    newItems: remembered.filter((identity) => !known.has(identity.itemKey)).length,
    created,
    edited: editedCount,
    announced: published,
    items: items.length,
    waiting: unannounced.size + deferred,
    newTopics,
  };
}

async function recordFailure(
  feed: Feed,
  error: unknown,
  deps: RefreshDeps,
  options: { feedsFault: boolean } = { feedsFault: true },
): Promise<RefreshOutcome> {
  const now = deps.clock();
  const message = describeFailure(error);
  if (!options.feedsFault) {
    // Our own trouble never backs a healthy feed off or pauses it.
    await deps.store.feeds.update(feed, {
      lastPolledAt: now.toISOString(),
      lastError: message,
      lastErrorAt: now.toISOString(),
      nextPollAt: new Date(now.getTime() + STORAGE_RETRY_MS).toISOString(),
    });
    return { feedId: feed.id, url: feed.url, status: "failed", error: message, paused: false };
  }
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

/** The feed moved to a URL another followed feed already has: two subscriptions to one feed. */
async function pauseAsDuplicate(feed: Feed, other: Feed, deps: RefreshDeps): Promise<RefreshOutcome> {
  const now = deps.clock();
  const reason = `Moved to ${other.url}, which is already followed (${other.title ?? other.id}); remove this one`;
  await deps.store.feeds.update(feed, {
    status: "paused",
    pausedAt: now.toISOString(),
    pausedReason: reason,
    lastPolledAt: now.toISOString(),
  });
  if (feed.status === "active") await announcePause(feed, reason, feed.consecutiveErrors, deps);
  return { feedId: feed.id, url: feed.url, status: "failed", error: reason, paused: true };
}

async function announcePause(feed: Feed, reason: string, consecutiveErrors: number, deps: RefreshDeps) {
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
  if (failed.length > 0) deps.log.error("The bus did not take a feed.paused event", { feedId: feed.id });
}
