/**
 * One post as Slack shows it, wherever it appears: the title in bold (linked when the URL is
 * http(s) and short enough), then either the whole card — a talk's speakers, the summary, a talk's
 * video and slides, a meta line in italics (command answers, follow alerts) — or the compact one a
 * digest lists: source and talk count on the title's line, then the summary. Every piece of it is
 * outside text: it goes out as rich_text elements, never as mrkdwn, so it stays inert.
 */
import type { RichTextBlock, RichTextElement, RichTextText } from "@slack/types";
import { recapTalkCount } from "../digest/compose";
import type { Post } from "../model/post";
import { formatDate, plural, sourceOf } from "./blocks";
import { truncate } from "../shared/truncate";
import { linkTarget, oneLine } from "./escape";

/** How much of a post to show: renderers shrink it until their message fits Slack's limits. */
export interface CardDetail {
  title: number;
  /** Summary; 0 leaves it out. */
  summary: number;
  /** Longest URL still linked; a longer one leaves the title unlinked. */
  url: number;
  /** The meta line (source, date, author, topics), or in a compact card the source. */
  context: number;
}

export const FULL_CARD: CardDetail = { title: 250, summary: 300, url: 1000, context: 200 };

export interface CardOptions {
  /** Feed titles by feed URL: a post's source is named by its feed's title when known, else by host. */
  feedTitles?: Record<string, string>;
  compact?: boolean;
  /** A digest's topics: a compact card counts only the talks on them. */
  topicFilter?: string[];
}

export function postCard(post: Post, detail: CardDetail = FULL_CARD, options: CardOptions = {}): RichTextBlock {
  const elements = [titleElement(post, detail), ...(options.compact ? compactRest : fullRest)(post, detail, options)];
  return { type: "rich_text", elements: [{ type: "rich_text_section", elements }] };
}

function titleElement(post: Post, detail: CardDetail): RichTextElement {
  const title = truncate(oneLine(post.title) || oneLine(post.url), detail.title) || "Untitled";
  const target = linkTarget(post.url);
  return target !== undefined && target.length <= detail.url
    ? { type: "link", url: target, text: title, style: { bold: true } }
    : { type: "text", text: title, style: { bold: true } };
}

function fullRest(post: Post, detail: CardDetail, options: CardOptions): RichTextElement[] {
  const elements: RichTextElement[] = [];
  const people = talkPeople(post);
  if (people) elements.push(NEWLINE, { type: "text", text: truncate(people, detail.context) });
  const summary = detail.summary > 0 ? truncate(oneLine(post.summary), detail.summary) : "";
  if (summary) elements.push(NEWLINE, { type: "text", text: summary });
  const links = (post.links ?? []).flatMap((link) => {
    const url = linkTarget(link.url);
    return url !== undefined && url.length <= detail.url ? [{ type: "link" as const, url, text: LINK_WORDS[link.kind] }] : [];
  });
  if (links.length > 0)
    elements.push(NEWLINE, ...links.slice(0, MAX_TALK_LINKS).flatMap((link, i) => (i === 0 ? [link] : [SEPARATOR, link])));
  const meta = metaLine(post, detail, options.feedTitles ?? {});
  if (meta) elements.push(NEWLINE, { type: "text", text: meta, style: { italic: true } });
  return elements;
}

function compactRest(post: Post, detail: CardDetail, options: CardOptions): RichTextElement[] {
  const elements: RichTextElement[] = [];
  const source = truncate(sourceOf(post, options.feedTitles) ?? "", detail.context);
  if (source) elements.push({ type: "text", text: ` · ${source}`, style: { italic: true } });
  const talks = recapTalkCount(post, options.topicFilter);
  if (talks > 0) elements.push({ type: "text", text: ` · ${plural(talks, "talk")}${options.topicFilter ? " on your topics" : ""}` });
  const summary = truncate(oneLine(post.summary), detail.summary);
  if (summary) elements.push({ type: "text", text: `\n${summary}` });
  return elements;
}

const NEWLINE: RichTextText = { type: "text", text: "\n" };
const SEPARATOR: RichTextText = { type: "text", text: " · " };
const LINK_WORDS = { video: "▶ video", slides: "slides", other: "link" } as const;
const MAX_TALK_LINKS = 4;

/** "Jane Doe, Raj Patel (Intuit, Red Hat)": a talk's speakers and their organizations, one line. */
function talkPeople(post: Post): string {
  const speakers = (post.speakers ?? []).join(", ");
  const organizations = (post.organizations ?? []).join(", ");
  if (!speakers) return oneLine(organizations);
  return oneLine(organizations ? `${speakers} (${organizations})` : speakers);
}

/** "Talk at ArgoCon in “KubeCon EU 2026 recap”": where a listed item was found, instead of its feed. */
function listedWhere(post: Post): string | undefined {
  if (!post.listedIn) return undefined;
  const what = post.kind === "talk" ? "Talk" : "Linked";
  const section = post.listedIn.section ? ` at ${post.listedIn.section}` : "";
  return `${what}${section} in “${post.listedIn.title}”`;
}

function metaLine(post: Post, detail: CardDetail, feedTitles: Record<string, string>): string {
  const talks = recapTalkCount(post, undefined);
  const parts = [
    listedWhere(post) ?? sourceOf(post, feedTitles),
    talks > 0 ? plural(talks, "talk") : undefined,
    formatDate(post.publishedAt),
    post.author ? `by ${post.author}` : undefined,
    post.topics.length > 0 ? post.topics.join(", ") : undefined,
  ];
  return truncate(oneLine(parts.filter(Boolean).join(" · ")), detail.context);
}
