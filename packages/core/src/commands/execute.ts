/**
 * Running a parsed command against the store. Returns an Outcome (plain data) that Slack renders
 * as Block Kit and the CLI as text or JSON. Lookups only read; `add` either runs here (CLI) or is
 * handed to the background through `context.addInBackground` (Slack's 3-second rule).
 */
import {
  findFeed,
  markRecapFeed,
  parseFeedUrl,
  resumeFeed,
  shownUrl,
  type AddFeedResult,
  type Feed,
  type FeedOrigin,
  type RefreshDeps,
} from "../feeds";
import type { Post } from "../model/post";
import { feedState } from "../model/feed";
import { latestWindow, searchWindow, topicWindow, withoutRepeats } from "../posts/queries";
import { topicCounts } from "../posts/topic-counts";
import { findTopic, unknownTopic } from "../topics/lookup";
import { addTeamTopic, addTopicAlias, retagPosts } from "../topics/manage";
import { correctPost, forgetCue, listCues } from "../topics/correct";
import { previewDigest, showSubscription, subscribe, unsubscribe } from "../digest/commands";
import { follow, following, unfollow } from "../follow/commands";
import type { DigestLimits } from "../model/digest";
import type { FollowLimits } from "../config";
import { COMMAND_KEYWORDS, formatCommand } from "./grammar";
import { PAGE_SIZE, type Command, type FeedHealth, type Outcome } from "../model/command";

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
      return countTopics(deps);
    case "feeds":
      return listFeeds(command, context, deps);
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
        return { kind: "removed", url: shownUrl(feed.url), title: feed.title };
      }
      const resumed = await resumeFeed(feed, deps);
      return { kind: "resumed", url: shownUrl(resumed.url), title: resumed.title };
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
      // The grammar reads `/recap <command word>` as that command, so such a topic could never be looked up.
      if (COMMAND_KEYWORDS.includes(command.id))
        return {
          kind: "refused",
          reason: `\`${command.id}\` is a command word (\`/recap ${command.id}\` runs the command): pick another id, e.g. \`${command.id}-news\`.`,
        };
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
      return { kind: "already-followed", url: shownUrl(feed.url), title: feed.title, ...(markedRecap ? { markedRecap } : {}) };
    }
    await context.addInBackground({ url, recap: command.recap });
    return { kind: "add-accepted", url: shownUrl(url) };
  }
  // Here and now: only where feeds are read (the CLI, npm start, the feed-adding function).
  if (!deps.addFeed) throw new Error("Adding a feed here needs the feed reader (runtime/feed-reader.ts) or a background to hand it to");
  const origin: FeedOrigin = { via: context.via, channelId: context.channelId, userId: context.userId };
  return addOutcome(command.url, await deps.addFeed(command.url, origin, deps, { isRecapFeed: command.recap }), deps);
}

/** What adding a feed came to, in the words both Slack and the CLI show. */
export async function addOutcome(url: string, result: AddFeedResult, deps: Pick<CommandDeps, "store">): Promise<Outcome> {
  if (result.status === "failed") return { kind: "add-failed", url: shownUrl(url), reason: result.error };
  if (result.status === "exists")
    return {
      kind: "already-followed",
      url: shownUrl(result.feed.url),
      title: result.feed.title,
      ...(result.markedRecap ? { markedRecap: true } : {}),
    };
  // A failed first poll still leaves the feed followed (its next poll is due now): report it as added.
  return {
    kind: "added",
    url: shownUrl(result.feed.url),
    title: result.feed.title,
    postCount: await deps.store.posts.countItems(result.feed.id),
  };
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

async function topicPosts(command: Extract<Command, { name: "topic" }>, deps: CommandDeps): Promise<Outcome> {
  const taxonomy = await deps.taxonomy();
  const topic = findTopic(command.topic, taxonomy);
  if (!topic) return unknownTopic(command.topic, taxonomy);
  const window = await topicWindow(deps.store.posts, topic.id, command.page);
  const emptyText = command.page > 1 ? `No more posts on ${topic.label}.` : `Nothing on ${topic.label} yet.`;
  return pageOf({ ...command, topic: topic.id }, window, topic.label, emptyText);
}

async function searchPosts(command: Extract<Command, { name: "search" }>, deps: CommandDeps): Promise<Outcome> {
  const { window, unsearchable, stopped } = await searchWindow(deps.store.posts, command.words, command.page);
  const heading = `Search: ${command.words.join(" ")}`;
  return pageOf(
    command,
    window,
    stopped ? `${heading} (the newest matches only: add a rarer word to search all posts)` : heading,
    unsearchable
      ? "Search needs a word of two letters or more that is not as common as “the” or “with”."
      : stopped
        ? `No ${command.page > 1 ? "more matches" : "match"} among the newest posts searched: add a rarer word to search all posts.`
        : "No post matches every word.",
  );
}

async function latestPosts(command: Extract<Command, { name: "latest" }>, deps: CommandDeps): Promise<Outcome> {
  const window = await latestWindow(deps.store.posts, command.page, deps.clock());
  return pageOf(command, window, "Since yesterday", "Nothing new since yesterday.");
}

async function countTopics(deps: CommandDeps): Promise<Outcome> {
  // `asOf` (when the counts were taken) is not part of the outcome: its renderings do not show it.
  const { days, topics, quiet } = await topicCounts(deps.store.posts, await deps.taxonomy(), deps.clock());
  return { kind: "topics", days, topics, quiet };
}

/**
 * Slack lists every feed up to this many; past it, only those needing attention (unless `feeds all`),
 * so that the answer reads O(those) rows, never one per followed feed.
 */
export const FEEDS_LISTED_WHOLE = 50;

async function listFeeds(command: Extract<Command, { name: "feeds" }>, context: CommandContext, deps: CommandDeps): Promise<Outcome> {
  if (context.via === "slack" && !command.all) {
    // Not counted yet (a table from before the count): the whole list below counts them.
    const followed = await deps.store.feeds.count();
    if (followed !== undefined && followed > FEEDS_LISTED_WHOLE) {
      const attention = await deps.store.feeds.needingAttention(FEEDS_LISTED_WHOLE);
      return {
        kind: "feeds",
        feeds: await Promise.all(attention.feeds.map((feed) => healthOf(feed, deps))),
        attentionOnly: { followed, complete: attention.complete },
      };
    }
  }
  return { kind: "feeds", feeds: await feedHealth(deps) };
}

/** Every followed feed with its state, for `feeds` in Slack and the CLI. */
export async function feedHealth(deps: Pick<CommandDeps, "store">): Promise<FeedHealth[]> {
  const feeds = await deps.store.feeds.list();
  return Promise.all(feeds.map((feed) => healthOf(feed, deps)));
}

async function healthOf(feed: Feed, deps: Pick<CommandDeps, "store">): Promise<FeedHealth> {
  return {
    id: feed.id,
    url: shownUrl(feed.url),
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
    // Kept on the feed by its polls; counted here only for a feed none has counted yet.
    postCount: feed.itemCount ?? (await deps.store.posts.countItems(feed.id)),
  };
}
