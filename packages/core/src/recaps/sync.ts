/**
 * Keeping the items a recap post lists in step with the post. When a post is (or may be) a
 * conference recap, its full HTML is read — the feed's content, else the article page, fetched
 * under the same limits and address guard as feeds — and every talk (and every other recap it
 * links) becomes a post of its own: tagged, linked to the recap, found by topic and search. An
 * edited recap updates its items; items it no longer lists are removed. The recap itself carries
 * the list (ids, content hashes, topics) and the union of its items' topics, so the digest can say
 * "N talks on your topics" in one line.
 *
 * Crash safety without transactions: new items are put on the recap's list before they are written
 * and the final list is written last (each list write over the version read, so concurrent syncs
 * reconcile), and the feed remembers the recap's identity only after that (see feeds/refresh.ts):
 * an interrupted sync is redone by the next poll, whatever the recap says by then, and every
 * write is idempotent.
 */
import type { FeedFetcher } from "../ports/fetch";
import { FetchError } from "../ports/fetch";
import type { Feed } from "../model/feed";
import { topicEvidence } from "../topics/evidence";
import type { ListedItem, NormalizedItem, Post } from "../model/post";
import { stableId } from "../shared/hash";
import type { Logger } from "../shared/log";
import type { Store, StoredPost } from "../ports/store";
import { applyCorrections, matchTopics, storedTopics } from "../topics";
import type { Taxonomy } from "../model/topic";
import { isExcerpt } from "./candidate";
import { looksLikeRecapTitle } from "./titles";
import { extractRecap } from "./extract";
import type { RecapItem } from "./types";
import { messageOf } from "../shared/errors";

export interface RecapSyncDeps {
  store: Store;
  fetchFeed: FeedFetcher;
  log: Logger;
}

/** Page reads one refresh may spend on recaps; beyond it, recaps wait for the next poll. */
export interface PageBudget {
  left: number;
}

/**
 * What a sync did: the recap's topics now (`retryLater` when its page failed for a reason that may
 * pass — a timeout, a 5xx, a 429 — so the caller reads it again next poll), or that it waits for a
 * page read the budget had no room for.
 */
export type SyncResult = { status: "synced"; topics: string[]; retryLater?: boolean } | { status: "deferred" };

/** Attempts at writing a recap's list over concurrent syncs of the same recap. */
const LIST_ATTEMPTS = 4;

/**
 * Reads a recap's items and brings the stored ones in line. Returns the recap's topics (its own
 * and its items'), which the caller announces; the stored recap is updated when they changed.
 */
export async function syncListedItems(
  recap: Post,
  item: NormalizedItem,
  feed: Pick<Feed, "isRecapFeed">,
  taxonomy: Taxonomy,
  deps: RecapSyncDeps,
  now: Date,
  budget: PageBudget = { left: Infinity },
): Promise<SyncResult> {
  const marked = feed.isRecapFeed === true;
  const source = await recapHtml(recap.url, item, marked, deps, budget, (recap.listed?.length ?? 0) > 0);
  if (source.deferred) return { status: "deferred" };
  const retry = source.retryLater ? { retryLater: true } : {};
  const extraction = source.excerpt ? undefined : extractRecap(source.html, { baseUrl: recap.url, marked });
  const items = extraction?.isRecap ? listedPosts(recap, extraction.items, taxonomy, now) : [];
  // Only a read that finds talks changes the list: an excerpt, another feed's partial copy, a page
  // that came back as a bot check or a paywall, say nothing about which talks the recap lists.
  const found = items.length > 0;
  // The caller wrote the recap's own topics; the recap also carries its items' topics.
  const own = matchTopics(topicEvidence(item), taxonomy);

  for (let attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
    let stored: StoredPost = (await deps.store.posts.get(recap.id)) ?? recap;
    let previous = stored.listed ?? [];
    const added = items.filter(({ post }) => !previous.some((entry) => entry.id === post.id));
    if (added.length > 0) {
      // New items go on the list before they are written (with no hash, so they are written): a
      // crash before the final list leaves them listed, and the next sync keeps or removes them.
      const intent = [...previous, ...added.map(({ post }) => ({ id: post.id, kind: post.kind, hash: "", topics: [] }))];
      if (!(await deps.store.posts.setListed(stored, undefined, intent))) continue;
      stored = { ...stored, listed: intent, listedVersion: (stored.listedVersion ?? 0) + 1 };
      previous = intent;
    }
    const listed = found ? await saveListed(items, previous, taxonomy, deps) : previous;
    if (listed.length === 0 && previous.length === 0) return { status: "synced", topics: stored.topics, ...retry };
    const topics = storedTopics(taxonomy, own, { listed, corrections: stored.corrections });
    if (topics.join() === stored.topics.join() && JSON.stringify(listed) === JSON.stringify(previous))
      return { status: "synced", topics, ...retry };
    if (await deps.store.posts.setListed(stored, topics, listed)) return { status: "synced", topics, ...retry };
    // Another feed's poll synced the same recap meanwhile: read its list and reconcile with ours.
  }
  throw new Error(`The talks of ${recap.url} kept changing under concurrent polls; the next poll retries`);
}

/** Writes new and changed items, removes the ones no longer listed; returns the recap's new list. */
async function saveListed(items: ListedPost[], previous: ListedItem[], taxonomy: Taxonomy, deps: RecapSyncDeps): Promise<ListedItem[]> {
  const before = new Map(previous.map((entry) => [entry.id, entry]));
  const listed: ListedItem[] = [];
  for (const { post, hash } of items) {
    const entry = before.get(post.id);
    // An unchanged item is not written: its entry keeps the topics it was stored with (a team's
    // correction included); retag brings both in line with a new taxonomy.
    const topics =
      entry?.hash !== hash
        ? await deps.store.posts.saveListed(post, (corrections) => applyCorrections(post.topics, corrections, taxonomy))
        : entry.topics;
    listed.push({ id: post.id, kind: post.kind, hash, topics });
  }
  const kept = new Set(listed.map((entry) => entry.id));
  for (const gone of previous.filter((entry) => !kept.has(entry.id))) await deps.store.posts.removeListed(gone.id);
  return listed;
}

/**
 * The recap's full HTML: the feed's content when it carries the whole post, else the article page
 * — read only for a recap feed's items or a title or summary that announces a recap, and only while
 * the recap has no talks yet, since it costs a fetch,
 * and only while the refresh's page budget lasts (`deferred` past it). `excerpt` when neither the
 * content nor the page could be had.
 */
async function recapHtml(
  url: string,
  item: NormalizedItem,
  marked: boolean,
  deps: RecapSyncDeps,
  budget: PageBudget,
  listedAlready: boolean,
): Promise<{ html: string; excerpt: boolean; deferred?: boolean; retryLater?: boolean }> {
  const content = item.content ?? "";
  if (!isExcerpt(item)) return { html: content, excerpt: false };
  // A teaser of a recap whose talks a full read already found (another feed's copy, a teaser's
  // edit) is not worth a fetch: a teaser's change says nothing about the page's talks.
  if (listedAlready || (!marked && !looksLikeRecapTitle(item.title, item.summary))) return { html: content, excerpt: true };
  if (budget.left <= 0) return { html: content, excerpt: true, deferred: true };
  budget.left--;
  try {
    const page = await deps.fetchFeed({ url });
    if (page.status === "ok") return { html: page.text, excerpt: false };
  } catch (error) {
    // The recap post itself is stored either way; its talks come with a later read.
    deps.log.warn("Could not read a recap's page", { url, error: messageOf(error) });
    if (mayPass(error)) return { html: content, excerpt: true, retryLater: true };
  }
  return { html: content, excerpt: true };
}

/** A page failure worth trying again next poll: a timeout, the network, a 5xx or a 429. */
function mayPass(error: unknown): boolean {
  if (!(error instanceof FetchError)) return false;
  if (error.kind === "timeout" || error.kind === "network" || error.kind === "dns") return true;
  return error.kind === "http" && error.httpStatus !== undefined && (error.httpStatus >= 500 || error.httpStatus === 429);
}

interface ListedPost {
  post: Post;
  hash: string;
}

function listedPosts(recap: Post, items: RecapItem[], taxonomy: Taxonomy, now: Date): ListedPost[] {
  const videoCounts = new Map<string, number>();
  for (const item of items) {
    const video = primaryLink(item)?.url;
    if (video) videoCounts.set(video, (videoCounts.get(video) ?? 0) + 1);
  }
  const seen = new Set<string>();
  const out: ListedPost[] = [];
  for (const item of items) {
    const id = stableId(`listed\n${recap.id}\n${identityOf(item, videoCounts)}`);
    if (seen.has(id)) continue;
    seen.add(id);
    const link = primaryLink(item)?.url;
    const draft: Post = {
      id,
      kind: item.kind,
      url: link ?? recap.url,
      title: item.title,
      summary: item.note ?? "",
      publishedAt: recap.publishedAt,
      firstSeenAt: now.toISOString(),
      topics: [],
      feeds: recap.feeds,
      // Never news on its own: the recap is announced and digested, with its items counted.
      fresh: false,
      speakers: item.speakers,
      organizations: item.organizations,
      ...(item.code ? { sessionCode: item.code } : {}),
      links: item.links.map(({ kind, url }) => ({ kind, url })),
      listedIn: { postId: recap.id, title: recap.title, url: recap.url, ...(item.section ? { section: item.section } : {}) },
    };
    const post = { ...draft, topics: matchTopics(topicEvidence(draft), taxonomy) };
    // What a talk shows; not when it was first seen, nor which feeds carried its recap (not rewritten on an update).
    const { firstSeenAt: _firstSeen, feeds: _feeds, ...content } = post;
    out.push({ post, hash: stableId(JSON.stringify(content)) });
  }
  return out;
}

/** A talk is its video where it has one of its own, else its title in its section; an article is its URL. */
function identityOf(item: RecapItem, videoCounts: Map<string, number>): string {
  const link = primaryLink(item)?.url;
  if (item.kind === "article" && link) return `article\n${link}`;
  if (link && videoCounts.get(link) === 1) return `talk\n${link}`;
  return `talk\n${item.section ?? ""}\n${item.title.normalize("NFKC").toLowerCase().replace(/\s+/g, " ")}`;
}

const LINK_ORDER = ["video", "slides", "other"] as const;

function primaryLink(item: RecapItem) {
  for (const kind of LINK_ORDER) {
    const link = item.links.find((candidate) => candidate.kind === kind);
    if (link) return link;
  }
  return undefined;
}
