/**
 * Every way stored posts are looked up, for Slack and the terminal alike: a topic's page, search,
 * what arrived since yesterday, posts per topic this week, and the terminal's `posts` listing.
 * Lists come back as a window: one page plus, when there is one, the first post of the next (so a
 * caller knows whether to offer More without counting everything).
 */
import type { PostRepository } from "../ports/store";
import type { Post } from "../model/post";
import { PAGE_SIZE } from "../model/command";
import { fold, holdsPhrases, searchQuery } from "../shared/search-terms";

const DAY = 86_400_000;
/**
 * The most posts `latest` reads to fill a page with news: it stops as soon as the page is full, so
 * this is reached only when a day's backfill (feeds added today) outnumbers it.
 */
export const LATEST_READ_MAX = 20_000;

/** `page` (1-based) of a topic's posts, newest published first, and one beyond. */
export function topicWindow(posts: PostRepository, topicId: string, page: number): Promise<Post[]> {
  return posts.byTopic(topicId, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
}

/**
 * The most index rows one search reads, and the most posts it reads to check words as written
 * ("argo-cd", a CJK word): past either it answers with what it found, newest first, and says it
 * stopped (Slack allows 3 seconds; a few thousand rows take well under one).
 */
export const SEARCH_MAX_INDEX_ROWS = 20_000;
export const SEARCH_MAX_POSTS_READ = 2_000;

/**
 * `page` of the posts matching every word, newest published first, and one beyond — from every
 * stored post, through the word index (shared/search-terms.ts says what matches). `unsearchable`
 * when no word can be looked up (each a stop word or a single character); `stopped` when the search
 * reached its read budget before filling the page.
 */
export async function searchWindow(
  posts: PostRepository,
  words: string[],
  page: number,
  budget = { indexRows: SEARCH_MAX_INDEX_ROWS, posts: SEARCH_MAX_POSTS_READ },
) {
  const query = searchQuery(words);
  if (query.terms.length === 0) return { window: [], unsearchable: true, stopped: false };
  const wanted = page * PAGE_SIZE + 1;
  // Checking words as written drops some posts read: read them a hundred at a time then.
  const batchSize = query.phrases.length > 0 ? 100 : PAGE_SIZE;
  let found: Post[] = [];
  let batch: string[] = [];
  let read = 0;
  const fill = async () => {
    read += batch.length;
    const got = await posts.getMany(batch);
    found = withoutRepeats([...found, ...got.filter((post) => holdsPhrases(post, query))]);
    batch = [];
  };
  // Posts are read in batches as ids come, and the index no further than the page needs.
  const ids = posts.searchIds(query.terms, { maxRows: budget.indexRows });
  let stopped = false;
  try {
    for (;;) {
      const next = await ids.next();
      if (next.done) {
        stopped = !next.value.complete;
        break;
      }
      batch.push(next.value);
      if (batch.length >= Math.max(wanted - found.length, batchSize)) await fill();
      if (found.length >= wanted) break;
      // Only words checked as written drop posts read: without them every post read is shown.
      if (query.phrases.length > 0 && read >= budget.posts) {
        stopped = true;
        break;
      }
    }
    if (batch.length > 0) await fill();
  } finally {
    await ids.return({ complete: true });
  }
  return { window: windowOf(found, page), unsearchable: false, stopped: stopped && found.length < wanted };
}

/**
 * `page` of the news first seen in the last day, newest first, and one beyond. Read page by page,
 * dropping backfill as it comes (a feed added today may have stored a thousand old posts, and they
 * must not push the news out), until the window is full or LATEST_READ_MAX posts were read.
 */
export async function latestWindow(posts: PostRepository, page: number, now: Date): Promise<Post[]> {
  const wanted = page * PAGE_SIZE + 1;
  const news: Post[] = [];
  let read = 0;
  for await (const batch of posts.pagesSeenSince(now, { since: new Date(now.getTime() - DAY), limit: LATEST_READ_MAX })) {
    read += batch.length;
    news.push(...batch.filter((post) => post.fresh));
    if (news.length >= wanted || read >= LATEST_READ_MAX) break;
  }
  return windowOf(news, page);
}

export interface PostQuery {
  /** A topic id (resolve aliases before calling). */
  topic?: string;
  /** Only posts Recap first saw at or after this time. */
  since?: Date;
  /** Only posts this feed (by id) carried. */
  feedId?: string;
  limit: number;
  /** Posts to pass over first (for a later page). */
  offset?: number;
}

/** The terminal's `posts`: by topic (newest published first), by feed, or by first-seen time (newest first). */
export async function findPosts(posts: PostRepository, query: PostQuery, now: Date): Promise<Post[]> {
  const offset = query.offset ?? 0;
  const end = offset + query.limit;
  if (query.feedId) {
    const carried = await posts.getMany(await posts.idsOfFeed(query.feedId));
    const since = query.since?.toISOString();
    return carried
      .filter((post) => (!query.topic || post.topics.includes(query.topic)) && (!since || post.firstSeenAt >= since))
      .sort((a, b) => newestPublishedFirst(a, b) || b.id.localeCompare(a.id))
      .slice(offset, end);
  }
  if (query.topic && !query.since) return posts.byTopic(query.topic, query.limit, offset);
  const seen = await posts.seenSince(now, { since: query.since, limit: query.topic ? undefined : end });
  const matching = query.topic ? seen.filter((post) => post.topics.includes(query.topic as string)) : seen;
  return matching.slice(offset, end);
}

/**
 * One line per thing: a talk two recaps list (its video and title), or a recap's link to an article
 * Recap also reads from its own feed (its URL), shows once — the feed's own post first. Talks that
 * share a link but not a title (one livestream, one combined deck) and items without a link of
 * their own (their URL is their recap's) are never merged.
 */
export function withoutRepeats(posts: Post[]): Post[] {
  const keyOf = (post: Post) => {
    if (post.listedIn && post.url === post.listedIn.url) return `id:${post.id}`;
    return post.kind === "talk" ? `talk:${post.url}\n${fold(post.title)}` : `url:${post.url}`;
  };
  // Each thing keeps the place of its first copy (so a later, better copy never shifts the posts
  // around it from one page to the next), shown by its best copy.
  const kept: Post[] = [];
  const at = new Map<string, number>();
  for (const post of posts) {
    const key = keyOf(post);
    const place = at.get(key);
    if (place === undefined) {
      at.set(key, kept.length);
      kept.push(post);
    } else if (kept[place]!.listedIn && !post.listedIn) kept[place] = post;
  }
  return kept;
}

/** This page and one beyond, out of a complete list held in memory. */
const windowOf = (posts: Post[], page: number) => posts.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE + 1);

const newestPublishedFirst = (a: Post, b: Post) => b.publishedAt.localeCompare(a.publishedAt);
