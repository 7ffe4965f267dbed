/**
 * The index rows of every stored post rebuilt from its fields: its topic rows and its word index
 * (shared/search-terms.ts) — for posts stored before the word index existed, or after the tokenizer
 * changed. Safe to run any time, as often as wanted: a post whose rows are right costs two reads.
 */
import type { PostRepository } from "../ports/store";
import { mapWithConcurrency } from "../shared/concurrency";

/** Posts repaired at once: a post's repair is one read, and a write only when a row is wrong. */
const AT_ONCE = 16;

export interface ReindexSummary {
  posts: number;
  /** Posts with a row missing, stale or too many, set right. */
  corrected: number;
}

export async function reindexPosts(
  posts: PostRepository,
  now: Date,
  onProgress?: (done: number, corrected: number) => void,
): Promise<ReindexSummary> {
  let done = 0;
  let corrected = 0;
  // Walks every post, newest first seen first, a page at a time (never the whole store in memory).
  for await (const page of posts.pagesSeenSince(now)) {
    // Each post's rows are matched against the post as stored then (not as this page read it).
    const changed = await mapWithConcurrency(page, AT_ONCE, (post) => posts.repairIndexRows(post.id));
    corrected += changed.filter((rows) => rows > 0).length;
    done += page.length;
    onProgress?.(done, corrected);
  }
  return { posts: done, corrected };
}
