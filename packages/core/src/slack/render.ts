/**
 * Outcome → Slack message (Block Kit plus the fallback `text`).
 *
 * Outside text — titles, summaries, authors, feed titles and URLs, error messages, what the person typed —
 * only ever goes into rich_text `text` and `link` elements. Slack shows those literally: no mrkdwn, no
 * entities, no mentions, no links but the element's own URL, so `<!channel>`, `<@U123>`, `&amp;`,
 * `<https://evil.example|click>` and `*bold*` in a title show as typed and do nothing. Link URLs are
 * http(s) only and canonical (linkTarget: `|`, `<`, `>` and whitespace percent-encoded).
 *
 * mrkdwn text objects (all `verbatim`) carry only our own words: headings of lists, notes, the help.
 * The top-level `text` (notifications, fallback) is always parsed as mrkdwn, so outside text there is
 * escaped and has its formatting characters neutralized (escapeInert); our links in it use the same
 * canonical URLs. The message never carries `link_names` or `parse`. Lengths stay inside Slack's limits
 * (see limits.ts): a page of posts shrinks its summaries before it drops a post.
 */
import { context, formatDate, plural, section, type RenderedMessage } from "./blocks";
import type { ActionsBlock, Button, KnownBlock, RichTextBlock } from "@slack/types";
import { helpText } from "../commands/help";
import type { FeedHealth, Outcome } from "../model/command";
import { describeTopicChanges } from "../topics/changes";
import { waitingNote, type Subscription } from "../model/digest";
import { renderDigest } from "./digest-render";
import type { Post } from "../model/post";
import { escapeInert, escapeMrkdwn, oneLine } from "./escape";
import {
  code,
  data,
  emoji,
  feedName,
  link,
  LINK,
  list,
  mrkdwnCode,
  orList,
  plain,
  reason,
  richText,
  sentence,
  words,
  inline,
  prose,
  type Piece,
} from "./sentence";
import { SLACK_LIMITS, checkLimits } from "./limits";
import { correctionMenu } from "./correction-menu";
import { FULL_CARD, postCard, type CardDetail } from "./post-card";

/** action_id of the "More" button; its value is JSON.stringify(PageRef) of the next page. */
export const ACTION_MORE = "recap_more";
/** action_id of the "Share in channel" button; its value is JSON.stringify(PageRef) of the page shown. */
export const ACTION_SHARE = "recap_share";

export type { RenderedMessage } from "./blocks";

type PostsOutcome = Extract<Outcome, { kind: "posts" }>;

export function renderOutcome(outcome: Outcome, options: { shareable: boolean }): RenderedMessage {
  // The table has one entry per kind (its type says so); each takes its own kind.
  return (RENDERERS[outcome.kind] as (outcome: Outcome, options: { shareable: boolean }) => RenderedMessage)(outcome, options);
}

/** Each outcome kind as a Slack message. */
type OutcomeRenderers = {
  [K in Outcome["kind"]]: (outcome: Extract<Outcome, { kind: K }>, options: { shareable: boolean }) => RenderedMessage;
};

const RENDERERS: OutcomeRenderers = {
  posts: (outcome, options) => renderPosts(outcome, options),
  help: (outcome) => {
    const help = section("```\n" + escapeMrkdwn(helpText()) + "\n```");
    if (outcome.problem === undefined)
      return {
        text: "Recap commands: help, topics, feeds, search, add, remove, resume, latest, subscribe, follow, share",
        blocks: [help],
      };
    const problem = sentence([emoji("thinking_face"), words(" "), ...prose(outcome.problem, 500)]);
    return { text: problem.text, blocks: [...problem.blocks, help] };
  },
  "unknown-topic": (outcome) => {
    const suggestions = outcome.suggestions
      .slice(0, 5)
      .map((s) => [data(s.label, 80, { bold: true }), words(" ("), code(s.id, 60), words(")")]);
    const hint = suggestions.length > 0 ? [words(" Did you mean "), ...orList(suggestions), words("?")] : [];
    return sentence([
      words("I don't know the topic “"),
      data(outcome.query, 200),
      words("”."),
      ...hint,
      words(" "),
      code("/recap topics"),
      words(" lists them all. "),
      code("/recap help"),
      words(" lists every command."),
    ]);
  },
  topics: (outcome) => renderTopics(outcome),
  "topic-added": (outcome) =>
    sentence([
      emoji("label"),
      words(" New topic "),
      data(outcome.label, 100),
      words(" ("),
      code(outcome.id),
      words(outcome.aliases.length > 0 ? "), also found as " : ")"),
      ...orList(outcome.aliases.map((alias) => [data(alias, 100)])),
      words(". New posts are tagged with it from now on; "),
      ...RETAG_HINT,
    ]),
  "topic-aliased": (outcome) =>
    sentence([
      emoji("label"),
      words(" "),
      data(outcome.alias, 100),
      words(" now also means "),
      data(outcome.label, 100),
      words(" ("),
      code(outcome.id),
      words("), for new posts from now on; "),
      ...RETAG_HINT,
    ]),
  corrected: (outcome) => renderCorrected(outcome),
  "topic-cues": (outcome) => renderCues(outcome),
  "cue-forgotten": (outcome) =>
    sentence([
      emoji("wastebasket"),
      words(" Forgot "),
      data(outcome.cue.phrase, 100),
      words(outcome.cue.polarity === "negative" ? " as a phrase that does not count for " : " as a hint of "),
      data(outcome.topic.label, 100),
      words(". Posts tagged after this follow it; "),
      ...RETAG_HINT,
    ]),
  "retag-accepted": (outcome) =>
    sentence([
      emoji("hourglass_flowing_sand"),
      words(` Re-tagging stored posts${sinceWords(outcome.since)}; I'll report here when it's done.`),
    ]),
  retagged: (outcome) =>
    sentence([
      emoji("white_check_mark"),
      words(
        ` Re-tagged ${plural(outcome.examined, "stored post")}${sinceWords(outcome.since)}: ${plural(outcome.changed, "post")} changed topics${describeTopicChanges(outcome.byTopic)}.`,
      ),
    ]),
  feeds: (outcome) =>
    outcome.attentionOnly ? renderFeedsNeedingAttention(outcome.feeds, outcome.attentionOnly) : renderFeeds(outcome.feeds),
  "add-accepted": (outcome) =>
    sentence([emoji("hourglass_flowing_sand"), words(" Adding "), link(outcome.url, outcome.url, LINK), words("… I'll report back here.")]),
  added: (outcome) =>
    sentence([
      emoji("white_check_mark"),
      words(" Now following "),
      feedName(outcome.url, outcome.title),
      words(`: ${plural(outcome.postCount, "post")} so far.`),
    ]),
  "already-followed": (outcome) =>
    sentence([
      emoji("ok_hand"),
      words(" Already following "),
      feedName(outcome.url, outcome.title),
      words(outcome.markedRecap ? "; from now on its posts are read as conference recaps, their talks listed one by one." : "."),
    ]),
  "add-failed": (outcome) =>
    sentence([emoji("x"), words(" Couldn't add "), link(outcome.url, outcome.url, LINK), words(": "), ...reason(outcome.reason)]),
  removed: (outcome) => sentence([emoji("wastebasket"), words(" Stopped following "), feedName(outcome.url, outcome.title), words(".")]),
  resumed: (outcome) =>
    sentence([
      emoji("arrow_forward"),
      words(" Resumed "),
      feedName(outcome.url, outcome.title),
      words(": it is polled again from the next round."),
    ]),
  "not-found": (outcome) =>
    sentence([
      emoji("mag"),
      words(" I don't follow a feed matching “"),
      data(outcome.reference, 300),
      words("”. "),
      code("/recap feeds"),
      words(" lists them."),
    ]),
  refused: (outcome) => sentence([emoji("no_entry"), words(" "), ...reason(outcome.reason, "recap")]),
  subscribed: (outcome) =>
    sentence([
      emoji("newspaper"),
      words(` This channel gets its Recap digest ${describeSchedule(outcome.subscription)}; the next one `),
      words(formatInstant(outcome.nextAt, outcome.subscription.timeZone)),
      words(". "),
      code("/recap digest"),
      words(" previews it."),
    ]),
  unsubscribed: (outcome) => sentence([emoji("wave"), words(" This channel no longer gets the daily digest.")]),
  subscription: (outcome) => {
    const subscription = outcome.subscription;
    if (!subscription)
      return sentence([words("This channel has no digest. "), code("/recap subscribe"), words(" starts one (09:00 daily).")]);
    const status =
      subscription.status === "disabled"
        ? [
            words(" Stopped: Slack said “"),
            data(subscription.disabledReason ?? "", 200),
            words("”. Fix that, then "),
            code("/recap subscribe"),
            words(" again."),
          ]
        : outcome.nextAt
          ? [words(` Next: ${formatInstant(outcome.nextAt, subscription.timeZone)}.`)]
          : [];
    const last = subscription.lastDigestAt
      ? [words(` Last digest: ${formatInstant(subscription.lastDigestAt, subscription.timeZone)}.`)]
      : [];
    const problem =
      subscription.lastProblem && subscription.status === "active"
        ? [words(" Last problem: "), data(subscription.lastProblem, 300), words(".")]
        : [];
    return sentence([emoji("newspaper"), words(` Digest ${describeSchedule(subscription)}.`), ...status, ...last, ...problem]);
  },
  "digest-preview": (outcome) => {
    const messages = outcome.digest ? renderDigest(outcome.digest, { emptyNote: outcome.emptyNote }) : undefined;
    // Posts first seen in the last minutes settle before a digest takes them (a poll may still be writing).
    const waiting = outcome.digest?.waiting ? waitingNote(outcome.digest.waiting) : undefined;
    if (!messages)
      return sentence([
        emoji("zzz"),
        words(` Nothing new for this channel's digest yet: nothing would be posted now.${waiting ? ` ${waiting}` : ""}`),
      ]);
    const more = messages.thread.length > 0 ? [section(`_…and ${plural(messages.thread.length, "more message")} in the thread._`)] : [];
    const settling = waiting ? [context(waiting)] : [];
    return { text: messages.main.text, blocks: [...messages.main.blocks, ...more, ...settling].slice(0, SLACK_LIMITS.blocks) };
  },
  followed: (outcome) => {
    if (outcome.already)
      return sentence([
        emoji("ok_hand"),
        words(" This channel already follows "),
        data(outcome.topic.label, 100, { bold: true }),
        words(". "),
        code("/recap following"),
        words(" lists its follows."),
      ]);
    return sentence([
      emoji("bell"),
      words(" This channel now gets each new post on "),
      data(outcome.topic.label, 100, { bold: true }),
      words(` as it arrives (up to ${outcome.perHour} an hour; the rest in one summary). Recap must be in the channel: `),
      code("/invite @Recap"),
      words(". "),
      code(`/recap unfollow ${outcome.topic.id}`),
      words(" stops it."),
    ]);
  },
  unfollowed: (outcome) =>
    outcome.wasFollowing
      ? sentence([emoji("wave"), words(" This channel no longer follows "), data(outcome.topic.label, 100, { bold: true }), words(".")])
      : sentence([
          words("This channel wasn't following "),
          data(outcome.topic.label, 100, { bold: true }),
          words(". "),
          code("/recap following"),
          words(" lists its follows."),
        ]),
  following: (outcome) => renderFollowing(outcome),
};

/** After a topic change: how to apply it to posts already stored. */
const RETAG_HINT: Piece[] = [code("/recap retag --since <date>"), words(" tags stored ones.")];

/** " first seen since 2026-11-01" — a date the grammar checked. */
const sinceWords = (since: string | undefined) => (since ? ` first seen since ${since}` : "");

function renderFollowing(outcome: Extract<Outcome, { kind: "following" }>): RenderedMessage {
  if (outcome.follows.length === 0)
    return sentence([words("This channel follows no topic. "), code("/recap follow gitops"), words(" posts each new GitOps post here.")]);
  const items = outcome.follows.map((follow): Piece[] => [
    data(follow.topicLabel, 100, { bold: true }),
    words(" ("),
    code(follow.topicId, 60),
    words(")"),
    ...(follow.status === "disabled"
      ? [
          words(" · stopped: Slack said “"),
          data(follow.disabledReason ?? "", 200),
          words("”. Fix that, then "),
          code(`/recap follow ${follow.topicId}`, 120),
          words(" again."),
        ]
      : []),
  ]);
  const text = `This channel follows ${plural(outcome.follows.length, "topic")}.`;
  return list("*Followed topics*", items, text, (hidden) => `…and ${plural(hidden, "more topic")}.`);
}

/** "at 09:00 Europe/Paris, on weekdays, on GitOps and eBPF" — our own words (topic ids, a validated zone). */
function describeSchedule(subscription: Subscription): string {
  const days = subscription.days === "weekdays" ? "on weekdays" : "every day";
  const topics = subscription.topics.length > 0 ? ` on ${subscription.topics.join(", ")}` : " on every topic";
  return `at ${subscription.time} ${subscription.timeZone}, ${days},${topics}`;
}

/** An instant as the channel's local date and time, e.g. "2026-11-26 09:00". */
function formatInstant(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/** Posted where a feed's failures are reported when Recap pauses it. */
export function renderPausedNotice(feed: { url: string; title?: string; reason: string; id: string }): RenderedMessage {
  // The command has to work when pasted back: a URL is only offered when it is short and one word.
  const target = feed.url.length <= 500 && !/\s/.test(feed.url) ? feed.url : feed.id;
  return sentence([
    emoji("double_vertical_bar"),
    words(" Recap paused "),
    feedName(feed.url, feed.title),
    words(" after repeated failures: "),
    ...reason(feed.reason),
    words(" Resume it with "),
    code(`/recap resume ${target}`, 600),
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Posts

/** How much of each post to show: the renderer takes the first level at which the whole page fits. */
type Detail = CardDetail;

const DETAIL: readonly [Detail, ...Detail[]] = [
  FULL_CARD,
  { title: 150, summary: 160, url: 500, context: 150 },
  { title: 100, summary: 0, url: 300, context: 100 },
];
const FALLBACK_TITLE = 80;
/** Heading, notice and actions take three blocks; each post takes two (its card and its correction menu). */
const MAX_POSTS = Math.floor((SLACK_LIMITS.blocks - 3) / 2);

function renderPosts(outcome: PostsOutcome, options: { shareable: boolean }): RenderedMessage {
  if (outcome.posts.length === 0) {
    const empty = sentence([data(outcome.emptyText.trim() || "Nothing here yet.", 2000)]);
    return { text: empty.text, blocks: [postsHeading(outcome), ...empty.blocks, ...actions(outcome, options, false)] };
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
  const blocks: KnownBlock[] = [postsHeading(outcome)];
  for (const post of posts) blocks.push(postCard(post, detail), ...correctionMenu(post));
  if (posts.length < outcome.posts.length) {
    blocks.push(context(`Showing ${posts.length} of the ${outcome.posts.length} posts on this page: the rest did not fit in one message.`));
  }
  blocks.push(...actions(outcome, options, true));
  const titles = posts.map((post) => `• ${escapeInert(oneLine(post.title) || post.url, FALLBACK_TITLE)}`);
  const text = [`${escapeInert(headingOf(outcome), 150)}${pageSuffix(outcome)}:`, ...titles].join("\n");
  return { text, blocks };
}

/** The heading echoes what was asked for ("Search: argo rollouts"): outside text, so rich text. */
function postsHeading(outcome: PostsOutcome): RichTextBlock {
  return richText(inline([data(headingOf(outcome), 150, { bold: true }), words(pageSuffix(outcome))]));
}

function headingOf(outcome: PostsOutcome): string {
  return oneLine(outcome.heading) || "Posts";
}

function pageSuffix(outcome: PostsOutcome): string {
  return outcome.page > 1 ? ` · page ${outcome.page}` : "";
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
// Corrections

const VERDICT_WORDS = {
  not: " is no longer tagged ",
  also: " is now also tagged ",
  undo: " is back to what the matcher says about ",
} as const;

function renderCorrected(outcome: Extract<Outcome, { kind: "corrected" }>): RenderedMessage {
  const learned = outcome.learned;
  return sentence([
    emoji(outcome.already ? "information_source" : "white_check_mark"),
    words(outcome.already ? " Already so: “" : " “"),
    data(outcome.title, 150),
    words("”"),
    words(VERDICT_WORDS[outcome.verdict]),
    data(outcome.topic.label, 100),
    words(". Its topics: "),
    ...(outcome.topics.length > 0 ? orList(outcome.topics.map((topic) => [data(topic.label, 100)])) : [words("none")]),
    words("."),
    ...(learned
      ? [
          words(" From now on “"),
          data(learned.phrase, 100),
          words(learned.polarity === "negative" ? "” does not count for " : "” hints at "),
          data(outcome.topic.label, 100),
          words(" ("),
          code(`/recap topic forget ${outcome.topic.id} ${learned.cueId}`, 120),
          words(" undoes that)."),
        ]
      : []),
  ]);
}

function renderCues(outcome: Extract<Outcome, { kind: "topic-cues" }>): RenderedMessage {
  if (outcome.cues.length === 0) {
    return sentence([words("No cues for "), data(outcome.topic.label, 100), words(" yet: corrections from post menus teach them.")]);
  }
  const items = outcome.cues.map((cue) => [
    code(cue.cueId, 20),
    words(cue.polarity === "negative" ? " does not count: “" : " hints at it: “"),
    data(cue.phrase, 100),
    words("”"),
  ]);
  const label = escapeInert(outcome.topic.label, 100);
  return list(
    `*What corrections taught about ${label}* (\`/recap topic forget ${escapeInert(outcome.topic.id, 60)} cue-id\` forgets one)`,
    items,
    `${plural(outcome.cues.length, "cue")} for ${label}`,
    (hidden) => `…and ${plural(hidden, "more cue")}.`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Lists

/** The quiet topics' ids, the first QUIET_SHOWN of them: a team's own topics can be many. */
function quietIds(quiet: { id: string }[]): Piece[] {
  const shown = quiet.slice(0, QUIET_SHOWN).flatMap((t, i) => [...(i > 0 ? [words(", ")] : []), code(t.id, 60)]);
  return quiet.length > QUIET_SHOWN ? [...shown, words(` and ${quiet.length - QUIET_SHOWN} more`)] : shown;
}

const QUIET_SHOWN = 40;

function renderTopics(outcome: Extract<Outcome, { kind: "topics" }>): RenderedMessage {
  const title = `*Topics in the last ${plural(outcome.days, "day")}*`;
  if (outcome.topics.length === 0) {
    const named = outcome.quiet.length > 0 ? [words(" Topics to follow or look up: "), ...quietIds(outcome.quiet), words(".")] : [];
    return sentence([words(`No posts in the last ${plural(outcome.days, "day")} yet.`), ...named]);
  }
  const items = outcome.topics.map((t) => [
    data(t.label, 100, { bold: true }),
    words(" ("),
    code(t.id, 60),
    words(`): ${plural(t.count, "post")}`),
  ]);
  if (outcome.quiet.length > 0) items.push([words("No posts lately: "), ...quietIds(outcome.quiet)]);
  const text = `${plural(outcome.topics.length, "topic")} with posts in the last ${plural(outcome.days, "day")}.`;
  return list(title, items, text, (hidden) => `…and ${plural(hidden, "more topic")}.`);
}

const STATE: Record<FeedHealth["state"], { emoji: string; words: string }> = {
  ok: { emoji: "white_check_mark", words: "ok" },
  new: { emoji: "new", words: "new, not polled yet" },
  failing: { emoji: "warning", words: "failing" },
  paused: { emoji: "double_vertical_bar", words: "paused" },
};

function renderFeeds(feeds: FeedHealth[]): RenderedMessage {
  if (feeds.length === 0) return plain(`I'm not following any feeds yet. Add one with ${mrkdwnCode("/recap add <url>")}.`);
  const items = feeds.map(feedItem);
  const count = (state: FeedHealth["state"]) => feeds.filter((f) => f.state === state).length;
  const tally = (["ok", "new", "failing", "paused"] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const text = `Following ${plural(feeds.length, "feed")}: ${tally.join(", ")}.`;
  return list(`*Feeds* (${tally.join(", ")})`, items, text, (hidden) => `…and ${plural(hidden, "more feed")}.`);
}

/** At scale: the feeds that need a look, the worst first, and how many are fine. */
function renderFeedsNeedingAttention(
  feeds: FeedHealth[],
  { followed, complete }: { followed: number; complete: boolean },
): RenderedMessage {
  const allFeeds = `${mrkdwnCode("/recap feeds all")} lists every feed.`;
  const following = `Following ${plural(followed, "feed")}`;
  if (feeds.length === 0) return plain(`${following}, all polled fine. ${allFeeds}`);
  const count = (state: FeedHealth["state"]) => feeds.filter((f) => f.state === state).length;
  const tally = (["failing", "paused", "new"] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const summary = complete
    ? `${[`${followed - feeds.length} ok`, ...tally].join(", ")}`
    : `at least ${feeds.length} need a look (${tally.join(", ")} so far)`;
  const text = `${following}: ${summary}.`;
  const message = list(
    `*Feeds needing a look* (${followed} followed: ${summary})`,
    feeds.map(feedItem),
    text,
    (hidden) => `…and ${plural(hidden, "more feed")}.`,
  );
  return {
    ...message,
    blocks: [...message.blocks, context(complete ? `The other ${followed - feeds.length} are fine. ${allFeeds}` : allFeeds)],
  };
}

function feedItem(feed: FeedHealth): Piece[] {
  const state = STATE[feed.state];
  const pieces: Piece[] = [
    feedName(feed.url, feed.title, { maxLabel: 100, maxUrl: 300 }),
    words(" · "),
    emoji(state.emoji),
    words(` ${state.words}`),
  ];
  const since = feed.failingSince === undefined ? undefined : formatDate(feed.failingSince);
  if (feed.state === "failing" && since) pieces.push(words(` since ${since}`));
  if (feed.state === "paused" && feed.pausedReason) pieces.push(words(" ("), data(feed.pausedReason, 200), words(")"));
  pieces.push(words(` · ${plural(feed.postCount, "post")}${feed.recap ? " · recap feed" : ""}`));
  if (feed.lastError && (feed.state === "failing" || feed.state === "paused")) {
    pieces.push(words(" · last error: "), data(feed.lastError, 200));
  } else if (feed.lastWarning && feed.state === "ok") {
    pieces.push(words(" · "), emoji("warning"), words(" "), data(feed.lastWarning, 200));
  }
  if (feed.state === "paused") pieces.push(words(" · resume with "), code(`/recap resume ${feed.id}`, 120));
  return pieces;
}
