import type { TopicEvidence } from "./score";
import type { Post } from "../model/post";

/**
 * What a post is tagged from, the same at ingestion and at retag: its title, summary, the
 * publisher's categories and the body's lead; for an item a recap lists, the event it is listed
 * under (a talk at ArgoCon is about GitOps even when its title only says "Scaling to 5,000 apps")
 * and its speakers' organizations; and what the feed it came from mostly publishes.
 */
export function topicEvidence(
  post: Pick<Post, "title" | "summary" | "categories" | "lead" | "listedIn" | "organizations">,
  feedFocus?: TopicEvidence["feedFocus"],
): TopicEvidence {
  return {
    title: post.title,
    summary: post.summary,
    ...(post.categories ? { categories: post.categories } : {}),
    ...(post.lead ? { lead: post.lead } : {}),
    ...(post.listedIn?.section ? { event: post.listedIn.section } : {}),
    ...(post.organizations ? { organizations: post.organizations } : {}),
    ...(feedFocus ? { feedFocus } : {}),
  };
}
