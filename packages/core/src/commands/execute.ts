/**
 * Running a parsed command against the store. Returns an Outcome (plain data) that Slack renders
 * as Block Kit and the CLI as text or JSON. Lookups only read; `add` either runs here (CLI) or is
 * handed to the background through `context.addInBackground` (Slack's 3-second rule).
 */
import { addFeed, findFeed, markRecapFeed, parseFeedUrl, resumeFeed, type Feed, type FeedOrigin, type RefreshDeps } from "../feeds";
import type { Post } from "../posts/types";
import { findTopic, unknownTopic } from "../topics/lookup";
import { addTeamTopic, addTopicAlias, retagPosts } from "../topics/manage";
import { correctPost, forgetCue, listCues } from "../topics/correct";
import { previewDigest, showSubscription, subscribe, unsubscribe } from "../digest/commands";
import { follow, following, unfollow } from "../follow/commands";
import type { DigestLimits } from "../digest/types";
import type { FollowLimits } from "../config";
import { formatCommand } from "./grammar";
import { PAGE_SIZE, type Command, type FeedHealth, type Outcome } from "./types";

const DAY = 86_400_000;
/** How far back `search` looks: it filters recent posts in memory (see docs/architecture.md). */
export const SEARCH_WINDOW_DAYS = 180;
const SEARCH_MAX_CANDIDATES = 5_000;
const TOPICS_WINDOW_DAYS = 7;

export interface CommandContext {
  via: "slack" | "cli";
  userId?: string;
  channelId?: string;
  /** Who may add, remove and resume feeds; undefined lets everyone. */
  adminUserIds?: readonly string[];
  /** The asker's time zone, the default for `subscribe` (Slack: users.info). */
  userTimeZone?: () => Promise<string | undefined>;
  /** Slack: start the add in the background and answer at once. Absent: add right here. */
  addInBackground?: (request: { url: string; recap: boolean }) => Promise<void>;
  /** Slack: start a retag in the background (it may read every stored post). Absent: retag here. */
  retagInBackground?: (request: { since?: string }) => Promise<void>;
}

export type CommandDeps = RefreshDeps & { digest: DigestLimits; follow: FollowLimits };

export async function runCommand(command: Command, context: CommandContext, deps: CommandDeps): Promise<Outcome> {
  switch (command.name) {
    case "help":
      return { kind: "help" };
    case "topic":
      return topicPosts(command, deps);
    case "search":
      return searchPosts(command, deps);
    case "latest":
      return latestPosts(command, deps);
    case "topics":
      return topicCounts(deps);
    case "feeds":
      return { kind: "feeds", feeds: await feedHealth(deps) };
    case "subscribe":
      return subscribe(command.words, context, deps);
    case "unsubscribe":
      return unsubscribe(context, deps);
    case "subscription":
      return showSubscription(context, deps);
    case "digest":
      return previewDigest(context, deps);
    case "topic-add":
    case "topic-alias":
    case "topic-forget":
    case "retag":
      return refuse(context) ?? manageTopics(command, context, deps);
    // Anyone may correct a post's topics (as anyone may tell a colleague); every correction is undoable.
    case "correct":
      return correctPost(command, context.userId, deps);
    case "topic-cues":
      return listCues(command.topic, deps);
    case "follow":
    case "unfollow": {
      const taxonomy = await deps.taxonomy();
      const topic = findTopic(command.topic, taxonomy);
      if (!topic) return unknownTopic(command.topic, taxonomy);
      return command.name === "follow" ? follow(topic, context, deps) : unfollow(topic, context, deps);
    }
    case "following":
      return following(context, deps);
    case "add":
    case "remove":
    case "resume": {
      const refusal = refuse(context);
      if (refusal) return refusal;
      if (command.name === "add") return add(command, context, deps);
      const feed = await findFeed(command.target, deps);
      if (!feed) return { kind: "not-found", reference: command.target };
      if (command.name === "remove") {
        await deps.store.feeds.remove(feed.id);
        return { kind: "removed", url: feed.url, title: feed.title };
      }
      const resumed = await resumeFeed(feed, deps);
      return { kind: "resumed", url: resumed.url, title: resumed.title };
    }
  }
}

function refuse(context: CommandContext): Outcome | undefined {
  if (!context.adminUserIds || context.via === "cli") return undefined;
  if (context.userId && context.adminUserIds.includes(context.userId)) return undefined;
  return {
    kind: "refused",
    reason: "Only the people this Recap's admins listed can add, remove or resume feeds, or change topics. Ask one of them.",
  };
}

async function manageTopics(
  command: Extract<Command, { name: "topic-add" | "topic-alias" | "topic-forget" | "retag" }>,
  context: CommandContext,
  deps: CommandDeps,
): Promise<Outcome> {
  switch (command.name) {
    case "topic-add":
      return addTeamTopic(command, context.userId, deps);
    case "topic-alias":
      return addTopicAlias(command, context.userId, deps);
    case "topic-forget":
      return forgetCue(command, deps);
    case "retag": {
      if (context.retagInBackground) {
        await context.retagInBackground({ since: command.since });
        return { kind: "retag-accepted", ...(command.since ? { since: command.since } : {}) };
      }
      return retagPosts(command.since, deps);
    }
  }
}

async function add(command: Extract<Command, { name: "add" }>, context: CommandContext, deps: CommandDeps): Promise<Outcome> {
  if (context.addInBackground) {
    // What can be answered at once is: a URL that is not one, a feed already followed.
    const url = parseFeedUrl(command.url);
    if (!url)
      return {
        kind: "add-failed",
        url: command.url,
        reason: "That is not a web address (expected something like https://example.com/feed.xml).",
      };
    const existing = await deps.store.feeds.findByUrl(url);
    if (existing) {
      const markedRecap = command.recap && !existing.isRecapFeed;
      const feed = markedRecap ? await markRecapFeed(existing, deps) : existing;
      return { kind: "already-followed", url: feed.url, title: feed.title, ...(markedRecap ? { markedRecap } : {}) };
    }
    await context.addInBackground({ url, recap: command.recap });
    return { kind: "add-accepted", url };
  }
  const origin: FeedOrigin = { via: context.via, channelId: context.channelId, userId: context.userId };
  return addOutcome(command.url, await addFeed(command.url, origin, deps, { isRecapFeed: command.recap }), deps);
}

/** What adding a feed came to, in the words both Slack and the CLI show. */
export async function addOutcome(
  url: string,
  result: Awaited<ReturnType<typeof addFeed>>,
  deps: Pick<CommandDeps, "store">,
): Promise<Outcome> {
  if (result.status === "failed") return { kind: "add-failed", url, reason: result.error };
  if (result.status === "exists")
    return {
      kind: "already-followed",
      url: result.feed.url,
      title: result.feed.title,
      ...(result.markedRecap ? { markedRecap: true } : {}),
    };
  // A failed first poll still leaves the feed followed (its next poll is due now): report it as added.
  return { kind: "added", url: result.feed.url, title: result.feed.title, postCount: await deps.store.posts.countItems(result.feed.id) };
}

/**
 * A page of posts: `window` holds this page's posts plus, when there is one, the first post of the
 * next page (so we know whether to offer More without counting everything).
 */
function pageOf(
  command: Extract<Command, { page: number }>,
  window: Post[],
  heading: string,
  emptyText: string,
): Extract<Outcome, { kind: "posts" }> {
  const text = formatCommand({ ...command, page: 1 });
  return {
    kind: "posts",
    heading,
    posts: withoutRepeats(window.slice(0, PAGE_SIZE)),
    page: command.page,
    current: { text, page: command.page },
    ...(window.length > PAGE_SIZE ? { more: { text, page: command.page + 1 } } : {}),
    // Past the last page there is nothing more, whatever there was on the first.
    emptyText: command.page > 1 && !emptyText.startsWith("No more") ? `No more posts: page ${command.page} is past the last.` : emptyText,
  };
}

/**
 * One line per thing: a talk two recaps list (its video and title), or a recap's link to an article
 * Recap also reads from its own feed (its URL), shows once — the feed's own post first. Talks that
 * share a link but not a title (one livestream, one combined deck) and items without a link of
 * their own (their URL is their recap's) are never merged.
 */
function withoutRepeats(posts: Post[]): Post[] {
  const keyOf = (post: Post) => {
    if (post.listedIn && post.url === post.listedIn.url) return `id:${post.id}`;
    return post.kind === "talk" ? `talk:${post.url}\n${fold(post.title)}` : `url:${post.url}`;
  };
  const chosen = new Map<string, Post>();
  for (const post of posts) {
    const key = keyOf(post);
    const current = chosen.get(key);
    if (!current || (current.listedIn && !post.listedIn)) chosen.set(key, post);
  }
  const kept = new Set(chosen.values());
  return posts.filter((post) => kept.has(post));
}

/** This page and one beyond, out of a complete list held in memory. */
const windowOf = (posts: Post[], page: number) => posts.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE + 1);

async function topicPosts(command: Extract<Command, { name: "topic" }>, deps: CommandDeps): Promise<Outcome> {
  const taxonomy = await deps.taxonomy();
  const topic = findTopic(command.topic, taxonomy);
  if (!topic) return unknownTopic(command.topic, taxonomy);
  const window = await deps.store.posts.byTopic(topic.id, PAGE_SIZE + 1, (command.page - 1) * PAGE_SIZE);
  const emptyText = command.page > 1 ? `No more posts on ${topic.label}.` : `Nothing on ${topic.label} yet.`;
  return pageOf({ ...command, topic: topic.id }, window, topic.label, emptyText);
}

async function searchPosts(command: Extract<Command, { name: "search" }>, deps: CommandDeps): Promise<Outcome> {
  const now = deps.clock();
  const recent = await deps.store.posts.seenSince(now, {
    since: new Date(now.getTime() - SEARCH_WINDOW_DAYS * DAY),
    limit: SEARCH_MAX_CANDIDATES,
  });
  const words = command.words.map(fold);
  const matches = withoutRepeats(recent.filter((post) => matchesEveryWord(post, words)).sort(newestPublishedFirst));
  const truncated = recent.length >= SEARCH_MAX_CANDIDATES;
  return pageOf(
    command,
    windowOf(matches, command.page),
    `Search: ${command.words.join(" ")}`,
    truncated
      ? `No match among the ${SEARCH_MAX_CANDIDATES} most recent posts.`
      : `No post in the last ${SEARCH_WINDOW_DAYS} days matches every word.`,
  );
}

/**
 * Every query word starts a word of the title or summary — and of a talk's speakers, organizations
 * and event ("argo" finds "Argo" and "ArgoCD", "ai" does not find "maintain"); a query word with
 * punctuation ("argo-cd", "k8s.io") matches as a phrase.
 */
function matchesEveryWord(post: Post, words: string[]): boolean {
  const talk = [...(post.speakers ?? []), ...(post.organizations ?? []), post.listedIn?.section ?? ""];
  const text = fold([post.title, post.summary, ...talk].join(" "));
  const tokens = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.every((word) => (/^[\p{L}\p{N}]+$/u.test(word) ? tokens.some((token) => token.startsWith(word)) : text.includes(word)));
}

async function latestPosts(command: Extract<Command, { name: "latest" }>, deps: CommandDeps): Promise<Outcome> {
  const now = deps.clock();
  // Read the whole day before dropping backfill: a feed added today may have stored hundreds of old
  // posts, and they must not push the news out of a limited read.
  const posts = await deps.store.posts.seenSince(now, { since: new Date(now.getTime() - DAY) });
  return pageOf(
    command,
    windowOf(
      posts.filter((post) => post.fresh),
      command.page,
    ),
    "Since yesterday",
    "Nothing new since yesterday.",
  );
}

async function topicCounts(deps: CommandDeps): Promise<Outcome> {
  const now = deps.clock();
  const weekAgo = new Date(now.getTime() - TOPICS_WINDOW_DAYS * DAY);
  // Posts published this week. Reading by first-seen time bounds the read; the publication date
  // keeps a newly added feed's archive (all first seen today) out of this week's counts.
  const posts = await deps.store.posts.seenSince(now, { since: weekAgo });
  const counts = new Map<string, number>();
  for (const post of posts) {
    // A recap carries its talks' topics; its talks are counted themselves.
    if (post.publishedAt < weekAgo.toISOString() || post.listed) continue;
    for (const topic of post.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  const all = (await deps.taxonomy()).topics.map(({ id, label }) => ({ id, label, count: counts.get(id) ?? 0 }));
  const topics = all.filter((topic) => topic.count > 0).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const quiet = all
    .filter((topic) => topic.count === 0)
    .map(({ id, label }) => ({ id, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { kind: "topics", days: TOPICS_WINDOW_DAYS, topics, quiet };
}

/** Every followed feed with its state, for `feeds` in Slack and the CLI. */
export async function feedHealth(deps: Pick<CommandDeps, "store">): Promise<FeedHealth[]> {
  const feeds = await deps.store.feeds.list();
  return Promise.all(
    feeds.map(async (feed) => ({
      id: feed.id,
      url: feed.url,
      ...(feed.title ? { title: feed.title } : {}),
      state: feedState(feed),
      ...(feed.failingSince ? { failingSince: feed.failingSince } : {}),
      ...(feed.consecutiveErrors > 0 ? { failures: feed.consecutiveErrors } : {}),
      ...(feed.status === "active" ? { nextPollAt: feed.nextPollAt } : {}),
      ...(feed.lastError ? { lastError: feed.lastError } : {}),
      ...(feed.lastWarning ? { lastWarning: feed.lastWarning } : {}),
      ...(feed.lastPolledAt ? { lastPolledAt: feed.lastPolledAt } : {}),
      ...(feed.pausedReason ? { pausedReason: feed.pausedReason } : {}),
      ...(feed.isRecapFeed ? { recap: true } : {}),
      postCount: await deps.store.posts.countItems(feed.id),
    })),
  );
}

export function feedState(feed: Feed): FeedHealth["state"] {
  if (feed.status === "paused") return "paused";
  if (feed.consecutiveErrors > 0) return "failing";
  return feed.lastSuccessAt ? "ok" : "new";
}

/** Case- and accent-insensitive form for matching words. */
function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

const newestPublishedFirst = (a: Post, b: Post) => b.publishedAt.localeCompare(a.publishedAt);
