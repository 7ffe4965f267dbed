/** Following, unfollowing, resuming and importing feeds. */
import { canonicalizeUrl, withoutCredentials } from "../posts/canonical-url";
import { stableId } from "../shared/hash";
import { DEFAULT_FEEDS } from "./default-feeds";
import { describeFailure, loadFeedDocument } from "./document";
import { FetchError } from "../ports/fetch";
import { applyDocument, type RefreshDeps } from "./refresh";
import type { AddFeedResult, Feed, FeedOrigin, RefreshOutcome } from "../model/feed";

export type { AddFeedResult };

/** Feed URLs are index sort keys (at most 1 KB); no real feed URL comes close. */
const MAX_URL_LENGTH = 1000;
/** A feed's URL is a key of the table's index, which holds at most 1,024 bytes (not characters). */
const MAX_URL_BYTES = 1000;
const tooLong = (url: string) => new TextEncoder().encode(url).length > MAX_URL_BYTES;
const TOO_LONG = "Its address is too long to follow (over 1,000 bytes once encoded).";

/** The feed URL a person typed, made absolute and checked; undefined when it is not a web address. */
export function parseFeedUrl(input: string): string | undefined {
  const trimmed = input.trim().replace(/^<(.*)>$/, "$1"); // Slack wraps links in <…>
  if (trimmed.length > MAX_URL_LENGTH) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    if (!url.hostname.includes(".") && url.hostname !== "localhost" && !url.hostname.startsWith("[")) return undefined;
    // One spelling per feed, so the same feed is never followed twice: no tracking parameters (a
    // link from a newsletter), the others in one order (pairs sorted as written, never re-encoded).
    const canonical = new URL(canonicalizeUrl(url.href) ?? url.href);
    const pairs = canonical.search.slice(1).split("&").filter(Boolean);
    canonical.search = pairs.length > 0 ? `?${pairs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join("&")}` : "";
    return canonical.href;
  } catch {
    return undefined;
  }
}

/** A feed's URL as people are shown it: without the credentials a private feed's URL may carry. */
export const shownUrl = withoutCredentials;

export function newFeed(url: string, origin: FeedOrigin, now: Date, options: { title?: string; isRecapFeed?: boolean } = {}): Feed {
  return {
    id: stableId(url).slice(0, 12),
    url,
    ...(options.title ? { title: options.title } : {}),
    status: "active",
    addedAt: now.toISOString(),
    origin,
    ...(options.isRecapFeed ? { isRecapFeed: true } : {}),
    consecutiveErrors: 0,
    nextPollAt: now.toISOString(),
  };
}

/**
 * Follows a feed: finds the feed behind the URL (autodiscovery on web pages), refuses duplicates,
 * stores it and runs its first poll (whose items are backfill).
 */
/**
 * `add <url> recap` for a feed already followed: from now on it is a recap feed. Its validators
 * are dropped and its next poll is due now, so the items it still carries are read again as
 * recaps (their talks extracted) instead of being skipped as unchanged.
 */
export async function markRecapFeed(feed: Feed, deps: Pick<RefreshDeps, "store" | "clock">): Promise<Feed> {
  if (feed.isRecapFeed) return feed;
  return deps.store.feeds.update(feed, {
    isRecapFeed: true,
    etag: undefined,
    lastModified: undefined,
    bodyHash: undefined,
    nextPollAt: deps.clock().toISOString(),
  });
}

async function existsResult(
  feed: Feed,
  options: { isRecapFeed?: boolean },
  deps: Pick<RefreshDeps, "store" | "clock">,
): Promise<AddFeedResult> {
  if (!options.isRecapFeed || feed.isRecapFeed) return { status: "exists", feed };
  return { status: "exists", feed: await markRecapFeed(feed, deps), markedRecap: true };
}

export async function addFeed(
  input: string,
  origin: FeedOrigin,
  deps: RefreshDeps,
  options: { isRecapFeed?: boolean } = {},
): Promise<AddFeedResult> {
  const url = parseFeedUrl(input);
  if (!url) return { status: "failed", error: `"${input}" is not a web address (expected something like https://example.com/feed.xml)` };
  if (tooLong(url)) return { status: "failed", error: TOO_LONG };
  const existing = await followedFeed(url, deps);
  if (existing) return existsResult(existing, options, deps);

  let document;
  try {
    document = await loadFeedDocument({ url }, deps, { discovery: "any" });
  } catch (error) {
    // Told to a Slack channel, "refused" against "timed out" would map someone's intranet ports
    // (private addresses are allowed on one machine): one sentence for both; the detail is logged.
    if (origin.via === "slack" && error instanceof FetchError && (error.kind === "network" || error.kind === "timeout")) {
      deps.log.warn("A feed added from Slack could not be fetched", { url, error: error.message });
      return { status: "failed", error: "It could not be fetched: the server did not answer, or refused the connection." };
    }
    return { status: "failed", error: describeFailure(error) };
  }
  // Where redirects and autodiscovery led may be longer than what was typed.
  if (tooLong(document.url)) return { status: "failed", error: TOO_LONG };
  const discovered = document.url !== url ? await deps.store.feeds.findByUrl(document.url) : undefined;
  if (discovered) return existsResult(discovered, options, deps);

  const feed = newFeed(document.url, origin, deps.clock(), options);
  if (!(await deps.store.feeds.create(feed))) {
    const current = await deps.store.feeds.get(feed.id);
    if (current) return { status: "exists", feed: current };
  }
  let outcome: RefreshOutcome;
  try {
    outcome = await applyDocument(feed, document, deps);
  } catch (error) {
    // The feed is followed; storing its first items failed (our storage, not the feed). The next
    // scheduled poll stores them: it is due now.
    deps.log.error("First poll of a new feed could not be stored", { feedId: feed.id, error: describeFailure(error) });
    outcome = { feedId: feed.id, url: feed.url, status: "failed", error: describeFailure(error), paused: false };
  }
  // The first poll filled in the title and site; report the feed as it is now.
  return { status: "added", feed: (await deps.store.feeds.get(feed.id)) ?? feed, outcome };
}

/** New feeds one import may add: a list far longer is a mistake (or an attack) to be split on purpose. */
export const MAX_IMPORTED_FEEDS = 1_000;

/**
 * Stores feeds without fetching them (OPML import, seeding): they are polled on schedule. At most
 * MAX_IMPORTED_FEEDS new ones; the entries after that are counted in `overLimit`, not looked up.
 */
export async function importFeeds(
  entries: { url: string; title?: string }[],
  origin: FeedOrigin,
  deps: Pick<RefreshDeps, "store" | "clock">,
): Promise<{ added: Feed[]; existing: number; invalid: string[]; overLimit: number }> {
  const added: Feed[] = [];
  const invalid: string[] = [];
  let existing = 0;
  let overLimit = 0;
  for (const entry of entries) {
    const url = parseFeedUrl(entry.url);
    if (!url) {
      invalid.push(entry.url);
      continue;
    }
    // Past the cap nothing more is asked of the table: a list of 85,000 is counted, not looked up.
    if (added.length >= MAX_IMPORTED_FEEDS) {
      overLimit++;
      continue;
    }
    if (tooLong(url)) {
      invalid.push(entry.url);
      continue;
    }
    if (await deps.store.feeds.findByUrl(url)) {
      existing++;
      continue;
    }
    const feed = newFeed(url, origin, deps.clock(), { title: entry.title });
    if (await deps.store.feeds.create(feed)) added.push(feed);
    else existing++;
  }
  return { added, existing, invalid, overLimit };
}

/** A feed by id or by URL, as people refer to them. */
export async function findFeed(reference: string, deps: Pick<RefreshDeps, "store">): Promise<Feed | undefined> {
  // An id is 12 hex digits (newFeed); anything else is only ever a URL (a 2,048-character "id" is
  // not asked of the table, which would refuse the key).
  const id = reference.trim();
  const byId = /^[0-9a-f]{12}$/.test(id) ? await deps.store.feeds.get(id) : undefined;
  if (byId) return byId;
  const url = parseFeedUrl(reference);
  return url ? followedFeed(url, deps) : undefined;
}

/**
 * The feed followed at `url` (as parseFeedUrl spells it): by that spelling, else — for a feed
 * stored before URLs were spelled one way, or a private feed named as people are shown it, without
 * its credentials — by comparing each followed feed's URL spelled the same way.
 */
async function followedFeed(url: string, deps: Pick<RefreshDeps, "store">): Promise<Feed | undefined> {
  const exact = await deps.store.feeds.findByUrl(url);
  if (exact) return exact;
  const wanted = withoutCredentials(url);
  return (await deps.store.feeds.list()).find((feed) => {
    const spelled = parseFeedUrl(feed.url);
    return spelled !== undefined && withoutCredentials(spelled) === wanted;
  });
}

/** Un-pauses a feed and polls it at the next run. */
export async function resumeFeed(feed: Feed, deps: Pick<RefreshDeps, "store" | "clock">): Promise<Feed> {
  return deps.store.feeds.update(feed, {
    status: "active",
    consecutiveErrors: 0,
    nextPollAt: deps.clock().toISOString(),
    pausedAt: undefined,
    pausedReason: undefined,
  });
}

/** On an installation's first start, follows the well-known cloud-native blogs (once, ever). */
export async function seedDefaultFeeds(deps: Pick<RefreshDeps, "store" | "clock">): Promise<number> {
  if (!(await deps.store.feeds.firstTime("seeded-default-feeds", deps.clock()))) return 0;
  const { added } = await importFeeds(DEFAULT_FEEDS, { via: "seed" }, deps);
  return added.length;
}
