/**
 * Follow alerts → Slack messages, under render.ts's rules: titles, summaries, feed names and topic
 * labels only ever go into rich_text (shown literally) and the fallback `text` escapes them.
 *
 * - An alert: "New on GitOps" and the post as `/recap <topic>` shows it (title linked, summary, source
 *   feed, date, topics).
 * - The hour's roll-up: "More on GitOps, Platform Engineering this hour: 3 new posts — /recap gitops",
 *   the first few titles, and how many more.
 */
import type { RichTextSection } from "@slack/types";
import type { TopicRef } from "../model/command";
import type { Post } from "../model/post";
import type { Rollup } from "../ports/store";
import { context, plural } from "./blocks";
import { escapeInert, oneLine } from "./escape";
import type { RenderedMessage } from "./blocks";
import { postCard } from "./post-card";
import { correctionMenu } from "./correction-menu";
import { code, data, inline, link, sentence, words } from "./sentence";

const LABELS_MAX = 150;
const FALLBACK_TITLE = 150;
const ROLLUP_LINK = { maxLabel: 150, maxUrl: 1000 };

export function renderFollowAlert(post: Post, topics: TopicRef[], feedTitles: Record<string, string>): RenderedMessage {
  const heading = sentence([words("New on "), data(labels(topics), LABELS_MAX, { bold: true })]);
  const title = escapeInert(oneLine(post.title) || post.url, FALLBACK_TITLE) || "Untitled";
  return {
    text: `${heading.text}: ${title}`,
    blocks: [...heading.blocks, postCard(post, undefined, { feedTitles }), ...correctionMenu(post)],
  };
}

export function renderFollowRollup(rollup: Rollup, topics: TopicRef[]): RenderedMessage {
  const first = topics[0]?.id;
  const heading = sentence([
    words("More on "),
    data(labels(topics), LABELS_MAX, { bold: true }),
    words(` this hour: ${plural(rollup.total, "new post")}`),
    ...(first ? [words(" — "), code(`/recap ${first}`, 100)] : []),
  ]);
  const items: RichTextSection[] = rollup.entries.map((entry) => ({
    type: "rich_text_section",
    elements: inline([link(entry.url, entry.title, ROLLUP_LINK)]),
  }));
  const hidden = rollup.total - rollup.entries.length;
  return {
    text: heading.text,
    blocks: [
      ...heading.blocks,
      ...(items.length > 0
        ? [{ type: "rich_text" as const, elements: [{ type: "rich_text_list" as const, style: "bullet" as const, elements: items }] }]
        : []),
      ...(hidden > 0 ? [context(`…and ${hidden.toLocaleString("en-US")} more.`)] : []),
    ],
  };
}

/** "GitOps, Platform Engineering". */
const labels = (topics: TopicRef[]) => topics.map((topic) => topic.label).join(", ") || "your topics";
