/**
 * A post's index rows, as they should be: one per topic (gsi1 TOPIC#<topic>, marked `lists` on a
 * recap's: its talks are counted, not the recap) and one per word (gsi1 TERM#<term>), each sorted by
 * publication time. Said once for writing a new post and for matching a stored post's rows.
 */
import type { Post } from "../model/post";
import { postTerms } from "../shared/search-terms";
import { keys } from "./schema";

/** What a post's index rows are made from. */
export type Indexed = Pick<Post, "id" | "publishedAt" | "topics" | "title" | "summary"> &
  Partial<Pick<Post, "speakers" | "organizations" | "listedIn" | "listed">>;

export type IndexRow = {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  postId: string;
  lists?: true;
};

/** The rows by sort key. */
export function indexRowsOf(post: Indexed): Map<string, IndexRow> {
  const gsi1sk = keys.timeSort(post.publishedAt, post.id);
  const lists = (post.listed?.length ?? 0) > 0;
  const rows: IndexRow[] = [
    ...post.topics.map((topic) => ({
      ...keys.postTopic(post.id, topic),
      gsi1pk: keys.topicIndex(topic),
      gsi1sk,
      postId: post.id,
      ...(lists ? { lists: true as const } : {}),
    })),
    ...postTerms(post).map((term) => ({ ...keys.postTerm(post.id, term), gsi1pk: keys.termIndex(term), gsi1sk, postId: post.id })),
  ];
  return new Map(rows.map((row) => [row.sk, row]));
}
