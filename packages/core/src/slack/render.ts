/**
 * Outcome → Slack message (Block Kit plus the fallback `text`).
 *
 * Every piece of outside text — titles, summaries, authors, feed titles and URLs, error messages, what
 * the person typed — goes through escapeMrkdwn/slackLink, and every mrkdwn text object is `verbatim`,
 * so nothing in a feed can ping, link a channel or smuggle in a link. The message never carries
 * `link_names` or `parse`. Lengths stay inside Slack's limits (see limits.ts): a page of posts shrinks
 * its summaries before it drops a post.
 */
import type { ActionsBlock, Button, ContextBlock, KnownBlock, MrkdwnElement, SectionBlock } from "@slack/types";
import { helpText } from "../commands/help";
import type { FeedHealth, Outcome } from "../commands/types";
import type { Post } from "../posts/types";
import { escapeMrkdwn, escapeTruncated, oneLine, slackLink } from "./escape";
import { SLACK_LIMITS, checkLimits } from "./limits";

/** action_id of the "More" button; its value is JSON.stringify(PageRef) of the next page. */
export const ACTION_MORE = "recap_more";
/** action_id of the "Share in channel" button; its value is JSON.stringify(PageRef) of the page shown. */
export const ACTION_SHARE = "recap_share";

export interface RenderedMessage {
  /** Notification and fallback text (mrkdwn, escaped like the blocks). Always present, ≤ 4000 characters. */
  text: string;
  blocks: KnownBlock[];
}

type PostsOutcome = Extract<Outcome, { kind: "posts" }>;

export function renderOutcome(outcome: Outcome, options: { shareable: boolean }): RenderedMessage {
  switch (outcome.kind) {
    case "posts":
      return renderPosts(outcome, options);
    case "help": {
      const help = "```\n" + escapeMrkdwn(helpText()) + "\n```";
      if (outcome.problem === undefined)
        return simple(help, "Recap commands: help, topics, feeds, search, add, remove, resume, latest, share");
      const problem = `:thinking_face: ${escapeTruncated(oneLine(outcome.problem), 500)}`;
      return { text: problem, blocks: [section(problem), section(help)] };
    }
    case "unknown-topic": {
      const query = escapeTruncated(oneLine(outcome.query), 200);
      const suggestions = outcome.suggestions.slice(0, 5).map((s) => `*${escapeTruncated(oneLine(s.label), 80)}* (${code(s.id, 60)})`);
      const hint = suggestions.length > 0 ? ` Did you mean ${orList(suggestions)}?` : "";
      return simple(`I don't know the topic “${query}”.${hint} ${code("/recap topics")} lists them all.`);
    }
    case "topics":
      return renderTopics(outcome);
    case "feeds":
      return renderFeeds(outcome.feeds);
    case "add-accepted":
      return simple(`:hourglass_flowing_sand: Adding ${slackLink(outcome.url, outcome.url, LINK)}… I'll report back here.`);
    case "added":
      return simple(
        `:white_check_mark: Now following ${feedName(outcome.url, outcome.title)}: ${plural(outcome.postCount, "post")} so far.`,
      );
    case "already-followed":
      return simple(`:ok_hand: Already following ${feedName(outcome.url, outcome.title)}.`);
    case "add-failed":
      return simple(`:x: Couldn't add ${slackLink(outcome.url, outcome.url, LINK)}: ${reason(outcome.reason)}`);
    case "removed":
      return simple(`:wastebasket: Stopped following ${feedName(outcome.url, outcome.title)}.`);
    case "resumed":
      return simple(`:arrow_forward: Resumed ${feedName(outcome.url, outcome.title)}: it is polled again from the next round.`);
    case "not-found":
      return simple(
        `:mag: I don't follow a feed matching “${escapeTruncated(oneLine(outcome.reference), 300)}”. ${code("/recap feeds")} lists them.`,
      );
    case "refused":
      return simple(`:no_entry: ${reason(outcome.reason)}`);
    default:
      return unreachable(outcome);
  }
}

/** Posted where a feed's failures are reported when Recap pauses it. */
export function renderPausedNotice(feed: { url: string; title?: string; reason: string; id: string }): RenderedMessage {
  // The command has to work when pasted back: a URL is only offered when it is short and one word.
  const target = feed.url.length <= 500 && !/\s/.test(feed.url) ? feed.url : feed.id;
  return simple(
    `:double_vertical_bar: Recap paused ${feedName(feed.url, feed.title)} after repeated failures: ${reason(feed.reason)} ` +
      `Resume it with ${code(`/recap resume ${target}`, 600)}`,
  );
}

/** The command list, in plain text (no mrkdwn): shared with the CLI. Slack shows it escaped, in a code block. */

// ---------------------------------------------------------------------------------------------------------
// Posts

/** How much of each post to show: the renderer takes the first level at which the whole page fits. */
interface Detail {
  /** Title, escaped. */
  title: number;
  /** Summary, escaped; 0 leaves it out. */
  summary: number;
  /** Longest URL still linked; a longer one leaves the title unlinked. */
  url: number;
  /** The context line, escaped. */
  context: number;
}

const DETAIL: readonly [Detail, ...Detail[]] = [
  { title: 250, summary: 300, url: 1000, context: 200 },
  { title: 150, summary: 160, url: 500, context: 150 },
  { title: 100, summary: 0, url: 300, context: 100 },
];
const FALLBACK_TITLE = 80;
/** Heading, notice and actions take three blocks; each post takes two. */
const MAX_POSTS = Math.floor((SLACK_LIMITS.blocks - 3) / 2);

function renderPosts(outcome: PostsOutcome, options: { shareable: boolean }): RenderedMessage {
  if (outcome.posts.length === 0) {
    const empty = escapeTruncated(outcome.emptyText.trim() || "Nothing here yet.", 2000);
    return { text: empty, blocks: [section(postsHeading(outcome)), section(empty), ...actions(outcome, options, false)] };
  }
  const candidates = outcome.posts.slice(0, MAX_POSTS);
  for (const detail of DETAIL) {
    const message = postsMessage(outcome, candidates, detail, options);
    if (checkLimits(message).length === 0) return message;
  }
  // Even the tersest form does not fit them all (only possible with more than a page of posts): show what
  // fits, say so, and leave the rest to More.
  const tersest = DETAIL[DETAIL.length - 1] ?? DETAIL[0];
  for (let count = candidates.length - 1; count > 1; count--) {
    const message = postsMessage(outcome, candidates.slice(0, count), tersest, options);
    if (checkLimits(message).length === 0) return message;
  }
  return postsMessage(outcome, candidates.slice(0, 1), tersest, options);
}

function postsMessage(outcome: PostsOutcome, posts: Post[], detail: Detail, options: { shareable: boolean }): RenderedMessage {
  const blocks: KnownBlock[] = [section(postsHeading(outcome))];
  for (const post of posts) {
    blocks.push(section(postText(post, detail)));
    const line = postContext(post, detail);
    if (line) blocks.push(context(line));
  }
  if (posts.length < outcome.posts.length) {
    blocks.push(context(`Showing ${posts.length} of the ${outcome.posts.length} posts on this page: the rest did not fit in one message.`));
  }
  blocks.push(...actions(outcome, options, true));
  const titles = posts.map((post) => `• ${escapeTruncated(oneLine(post.title) || oneLine(post.url), FALLBACK_TITLE)}`);
  const text = [`${escapeTruncated(oneLine(outcome.heading) || "Posts", 150)}${pageSuffix(outcome)}:`, ...titles].join("\n");
  return { text, blocks };
}

function postsHeading(outcome: PostsOutcome): string {
  return `*${escapeTruncated(oneLine(outcome.heading) || "Posts", 150)}*${pageSuffix(outcome)}`;
}

function pageSuffix(outcome: PostsOutcome): string {
  return outcome.page > 1 ? ` · page ${outcome.page}` : "";
}

function postText(post: Post, detail: Detail): string {
  const title = `*${slackLink(post.url, post.title, { maxLabel: detail.title, maxUrl: detail.url })}*`;
  const summary = detail.summary > 0 ? escapeTruncated(oneLine(post.summary), detail.summary) : "";
  return summary ? `${title}\n${summary}` : title;
}

function postContext(post: Post, detail: Detail): string {
  const feeds = post.feeds.map(hostOf).filter((host): host is string => host !== undefined);
  const source = feeds[0] ?? hostOf(post.url);
  const parts = [
    source === undefined ? undefined : feeds.length > 1 ? `${source} +${feeds.length - 1}` : source,
    formatDate(post.publishedAt),
    post.author ? `by ${post.author}` : undefined,
    post.topics.length > 0 ? post.topics.join(", ") : undefined,
  ];
  return escapeTruncated(oneLine(parts.filter(Boolean).join(" · ")), detail.context);
}

function actions(outcome: PostsOutcome, options: { shareable: boolean }, hasPosts: boolean): KnownBlock[] {
  const elements: Button[] = [];
  const notes: string[] = [];
  if (outcome.more) {
    const value = JSON.stringify(outcome.more);
    if (value.length <= SLACK_LIMITS.buttonValue) elements.push(button("More", ACTION_MORE, value));
    else notes.push("There are more posts; a shorter search would let me page through them.");
  }
  if (options.shareable && hasPosts) {
    const value = JSON.stringify(outcome.current);
    if (value.length <= SLACK_LIMITS.buttonValue) elements.push(button("Share in channel", ACTION_SHARE, value));
  }
  const blocks: KnownBlock[] = notes.map(context);
  if (elements.length > 0) blocks.push({ type: "actions", elements } satisfies ActionsBlock);
  return blocks;
}

function button(label: string, actionId: string, value: string): Button {
  return { type: "button", text: { type: "plain_text", text: label, emoji: true }, action_id: actionId, value };
}

// ---------------------------------------------------------------------------------------------------------
// Lists

function renderTopics(outcome: Extract<Outcome, { kind: "topics" }>): RenderedMessage {
  const title = `*Topics in the last ${plural(outcome.days, "day")}*`;
  if (outcome.topics.length === 0) return simple(`No posts in the last ${plural(outcome.days, "day")}, so no topics to show yet.`);
  const lines = outcome.topics.map((t) => `• *${escapeTruncated(oneLine(t.label), 100)}* (${code(t.id, 60)}): ${plural(t.count, "post")}`);
  const text = `${plural(outcome.topics.length, "topic")} with posts in the last ${plural(outcome.days, "day")}.`;
  return list(title, lines, text, (hidden) => `…and ${plural(hidden, "more topic")}.`);
}

const STATE: Record<FeedHealth["state"], string> = {
  ok: ":white_check_mark: ok",
  new: ":new: new, not polled yet",
  failing: ":warning: failing",
  paused: ":double_vertical_bar: paused",
};

function renderFeeds(feeds: FeedHealth[]): RenderedMessage {
  if (feeds.length === 0) return simple(`I'm not following any feeds yet. Add one with ${code("/recap add <url>")}.`);
  const lines = feeds.map(feedLine);
  const count = (state: FeedHealth["state"]) => feeds.filter((f) => f.state === state).length;
  const tally = (["ok", "new", "failing", "paused"] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const text = `Following ${plural(feeds.length, "feed")}: ${tally.join(", ")}.`;
  return list(`*Feeds* (${tally.join(", ")})`, lines, text, (hidden) => `…and ${plural(hidden, "more feed")}.`);
}

function feedLine(feed: FeedHealth): string {
  let state = STATE[feed.state];
  const since = feed.failingSince === undefined ? undefined : formatDate(feed.failingSince);
  if (feed.state === "failing" && since) state += ` since ${since}`;
  if (feed.state === "paused" && feed.pausedReason) state += ` (${escapeTruncated(oneLine(feed.pausedReason), 200)})`;
  let line = `• ${feedName(feed.url, feed.title, { maxLabel: 100, maxUrl: 300 })} · ${state} · ${plural(feed.postCount, "post")}`;
  if (feed.lastError && (feed.state === "failing" || feed.state === "paused")) {
    line += ` · last error: ${escapeTruncated(oneLine(feed.lastError), 200)}`;
  }
  if (feed.state === "paused") line += ` · resume with ${code(`/recap resume ${feed.id}`, 120)}`;
  return line;
}

/** A titled list packed into as few sections as fit, within the text budget; the rest is counted. */
function list(title: string, lines: string[], text: string, more: (hidden: number) => string): RenderedMessage {
  const budget = SLACK_LIMITS.totalText - text.length - title.length - 200;
  const blocks: KnownBlock[] = [section(title)];
  let current = "";
  let used = 0;
  let shown = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget || blocks.length >= SLACK_LIMITS.blocks - 2) break;
    if (current && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      blocks.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
    used += line.length + 1;
    shown++;
  }
  if (current) blocks.push(section(current));
  if (shown < lines.length) blocks.push(context(more(lines.length - shown)));
  return { text, blocks };
}

// ---------------------------------------------------------------------------------------------------------
// Pieces

const LINK = { maxLabel: 300, maxUrl: 1000 };

/** A one-section message whose fallback text says the same. Callers keep `text` under 3000 characters. */
function simple(text: string, fallback: string = text): RenderedMessage {
  return { text: fallback, blocks: [section(text)] };
}

function feedName(url: string, title: string | undefined, options = { maxLabel: 150, maxUrl: 1000 }): string {
  return slackLink(url, title?.trim() ? title : url, options);
}

function reason(text: string): string {
  const escaped = escapeTruncated(oneLine(text), 500) || "no reason given";
  return /[.!?…]$/.test(escaped) ? escaped : `${escaped}.`;
}

/** Inline code. The content is escaped too: Slack decodes entities inside code spans. */
function code(text: string, max = 200): string {
  return `\`${escapeTruncated(oneLine(text).replace(/`/g, "'"), max)}\``;
}

function section(text: string): SectionBlock {
  return { type: "section", text: mrkdwn(text) };
}

function context(text: string): ContextBlock {
  return { type: "context", elements: [mrkdwn(text)] };
}

/** verbatim: Slack must not turn plain "@here", "#channel" or bare URLs in feed text into anything. */
function mrkdwn(text: string): MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** YYYY-MM-DD in UTC, or undefined for an unparsable date. */
export function formatDate(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return host ? host.replace(/^www\./, "") : undefined;
  } catch {
    return undefined;
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled outcome ${JSON.stringify(value)}`);
}
