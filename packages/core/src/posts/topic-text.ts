import type { Post } from "./types";

/**
 * The text a post is tagged from, the same at ingestion and at retag. An item a recap lists is
 * also read with the event it is listed under: a talk at ArgoCon is about GitOps even when its
 * title only says "Scaling to 5,000 apps". Event names are written as one word ("ArgoCon",
 * "BackstageCon"), so their parts are split apart for the matcher's word boundaries.
 */
export function topicText(post: Pick<Post, "title" | "summary" | "listedIn">): { title: string; summary: string } {
  const section = post.listedIn?.section?.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2");
  return { title: post.title, summary: section ? `${post.summary}\n${section}` : post.summary };
}
