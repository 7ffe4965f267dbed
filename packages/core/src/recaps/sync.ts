/**
 * Keeping the items a recap post lists in step with the post. When a post is (or may be) a
 * conference recap, its full HTML is read — the feed's content, else the article page, fetched
 * under the same limits and address guard as feeds — and every talk (and every other recap it
 * links) becomes a post of its own: tagged, linked to the recap, found by topic and search. An
 * edited recap updates its items; items it no longer lists are removed. The recap itself carries
 * the list (ids, content hashes, topics) and the union of its items' topics, so the digest can say
 * "N talks on your topics" in one line.
 *
 * Crash safety without transactions: items are written first and the recap's list last, and the
 * feed remembers the recap's identity only after that (see feeds/refresh.ts), so an interrupted
 * sync is redone by the next poll; every write here is idempotent.
 */
import type { FeedFetcher } from "../feeds/document";
import type { Feed } from "../feeds/types";
import { topicText } from "../posts/topic-text";
import type { ListedItem, NormalizedItem, Post } from "../posts/types";
import { stableId } from "../shared/hash";
import type { Logger } from "../shared/log";
import type { Store } from "../store";
import { matchTopics, type Taxonomy } from "../topics";
import { looksLikeRecapTitle } from "./detect";
import { extractRecap } from "./extract";
import type { RecapItem } from "./types";

export interface RecapSyncDeps {
  store: Store;
  fetchFeed: FeedFetcher;
  log: Logger;
}

/** Links to video and slide hosts: a cheap count, so most posts never reach the HTML parser. */
const TALK_LINK =
  /(?:href|src)\s*=\s*["']?https?:\/\/(?:[a-z0-9-]+\.)*(?:youtube\.com|youtu\.be|youtube-nocookie\.com|vimeo\.com|speakerdeck\.com|slideshare\.net|sched\.com|sched\.co|docs\.google\.com\/presentation)[/"'?]|(?:href)\s*=\s*["']?[^"'\s>]+\.pdf["'\s>?#]/gi;
/** A recap worth parsing carries at least this many talk links (detection decides the rest). */
const MIN_TALK_LINKS = 3;

function talkLinkCount(html: string | undefined, enough = MIN_TALK_LINKS): number {
  if (!html) return 0;
  let count = 0;
  for (const _ of html.matchAll(TALK_LINK)) if (++count >= enough) break;
  return count;
}

/**
 * Whether an item may be a recap, judged without parsing: its feed is marked as a recap feed, its
 * content links several talks, or its title announces a conference recap (then the page is read).
 */
export function mayBeRecap(item: Pick<NormalizedItem, "title" | "summary" | "content">, feed: Pick<Feed, "isRecapFeed">): boolean {
  return feed.isRecapFeed === true || talkLinkCount(item.content) >= MIN_TALK_LINKS || looksLikeRecapTitle(item.title, item.summary);
}

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
): Promise<string[]> {
  const marked = feed.isRecapFeed === true;
  const html = await recapHtml(recap.url, item, marked, deps);
  const extraction = extractRecap(html, { baseUrl: recap.url, marked });
  const previous = recap.listed ?? [];
  if (!extraction.isRecap && previous.length === 0) return recap.topics;

  const own = matchTopics(topicText({ title: item.title, summary: item.summary }), taxonomy);
  const items = extraction.isRecap ? listedPosts(recap, extraction.items, taxonomy, now) : [];
  const before = new Map(previous.map((listed) => [listed.id, listed]));
  const listed: ListedItem[] = [];
  for (const { post, hash } of items) {
    const prior = before.get(post.id);
    if (prior?.hash !== hash) await deps.store.posts.saveListed(post, prior?.topics ?? []);
    listed.push({ id: post.id, kind: post.kind, hash, topics: post.topics });
  }
  const kept = new Set(listed.map((entry) => entry.id));
  for (const gone of previous.filter((entry) => !kept.has(entry.id))) await deps.store.posts.removeListed(gone.id, gone.topics);

  const topics = recapTopics(own, listed, taxonomy);
  const stored = (await deps.store.posts.get(recap.id)) ?? recap;
  if (topics.join() !== stored.topics.join() || JSON.stringify(listed) !== JSON.stringify(stored.listed ?? []))
    await deps.store.posts.setTopics(stored, topics, listed);
  return topics;
}

/** A recap's topics: its own and every listed item's, in taxonomy order. */
export function recapTopics(own: string[], listed: Pick<ListedItem, "topics">[], taxonomy: Taxonomy): string[] {
  const all = new Set([...own, ...listed.flatMap((entry) => entry.topics)]);
  return taxonomy.topics.map((topic) => topic.id).filter((id) => all.has(id));
}

/** The feed's content when it holds the talks' links, else the article page (when it may be a recap). */
async function recapHtml(url: string, item: NormalizedItem, marked: boolean, deps: RecapSyncDeps): Promise<string> {
  const content = item.content ?? "";
  if (talkLinkCount(content) >= MIN_TALK_LINKS) return content;
  if (!marked && !looksLikeRecapTitle(item.title, item.summary)) return content;
  try {
    const page = await deps.fetchFeed({ url });
    return page.status === "ok" ? page.text : content;
  } catch (error) {
    // The recap post itself is stored either way; its talks come with a later edit or retry.
    deps.log.warn("Could not read a recap's page", { url, error: error instanceof Error ? error.message : String(error) });
    return content;
  }
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
      links: item.links.map(({ kind, url }) => ({ kind, url })),
      listedIn: { postId: recap.id, title: recap.title, url: recap.url, ...(item.section ? { section: item.section } : {}) },
    };
    const post = { ...draft, topics: matchTopics(topicText(draft), taxonomy) };
    const { firstSeenAt: _firstSeen, ...content } = post;
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
