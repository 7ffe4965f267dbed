/**
 * How a write changes a post's word index rows, said once for the table and the in-memory store.
 */
import type { Post } from "../model/post";
import { postTerms } from "../shared/search-terms";

/** The fields a post's terms come from, and its publication time (the index rows' sort key). */
export type Searchable = Pick<Post, "title" | "summary" | "publishedAt"> & Partial<Pick<Post, "speakers" | "organizations" | "listedIn">>;

/** A post's terms now and before a write, and whether its publication time moved. */
export interface TermChange {
  now: string[];
  before: string[];
  moved: boolean;
}

/** The change from `before` (absent for a new post, or to rewrite every row) to `now`. */
export function termChange(now: Searchable, before?: Searchable): TermChange {
  return { now: postTerms(now), before: before ? postTerms(before) : [], moved: !before || before.publishedAt !== now.publishedAt };
}

/** Terms whose rows are (re)written: the new ones, or all of them when the sort key moved. */
export const termsToWrite = (change?: TermChange) =>
  !change ? [] : change.moved ? change.now : change.now.filter((term) => !change.before.includes(term));

/** Terms whose rows go: those the post no longer has. */
export const termsToDelete = (change?: TermChange) => (!change ? [] : change.before.filter((term) => !change.now.includes(term)));
