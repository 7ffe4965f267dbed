/**
 * The per-topic day counts `topics` reads, made exact again from the topic rows (a write that died
 * between a row and its count leaves the count off by one). Rows written before counts were kept
 * are counted first: every post published in the window has its rows rewritten, which counts only
 * those not counted yet. Safe to run any time.
 */
import type { PostRepository } from "../ports/store";
import type { Taxonomy } from "../model/topic";
import { TOPICS_WINDOW_DAYS, topicWindowDays } from "./queries";

const DAY = 86_400_000;

export async function recountTopicDays(
  deps: {
    store: { posts: Pick<PostRepository, "pagesSeenSince" | "repairTopicRows" | "recountTopics"> };
    taxonomy: () => Promise<Taxonomy>;
    clock: () => Date;
  },
  onProgress?: (posts: number) => void,
): Promise<{ posts: number; corrected: number }> {
  const now = deps.clock();
  const days = topicWindowDays(now);
  const inWindow = new Set(days);
  // A post is first seen at or after it is published: those published in the window were first seen in it.
  const since = new Date(now.getTime() - TOPICS_WINDOW_DAYS * DAY);
  let posts = 0;
  for await (const page of deps.store.posts.pagesSeenSince(now, { since })) {
    const published = page.filter((post) => inWindow.has(post.publishedAt.slice(0, 10)));
    for (const post of published) await deps.store.posts.repairTopicRows(post);
    posts += published.length;
    onProgress?.(posts);
  }
  const topics = (await deps.taxonomy()).topics.map((topic) => topic.id);
  return { posts, corrected: await deps.store.posts.recountTopics(topics, days) };
}
