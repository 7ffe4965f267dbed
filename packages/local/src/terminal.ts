/** Outcomes of the shared command language, for a terminal: text for people, JSON for scripts. */
import type { FeedHealth, Outcome } from "@recap/core/commands";
import type { Post } from "@recap/core/posts";
import { describeTopicChanges } from "@recap/core/topics";
import { waitingNote } from "@recap/core/digest";
import { plural, truncate } from "@recap/core/shared";

/** Outcomes that mean the command did not do what was asked (exit code 1). */
export function failed(outcome: Outcome): boolean {
  return (
    (outcome.kind === "help" && outcome.problem !== undefined) ||
    ["unknown-topic", "add-failed", "not-found", "refused"].includes(outcome.kind)
  );
}

export function terminalText(outcome: Outcome): string {
  // The table has one entry per kind (its type says so); each takes its own kind.
  return (TERMINAL_TEXT[outcome.kind] as (outcome: Outcome) => string)(outcome);
}

/** Each outcome kind as text for people in a terminal. */
type OutcomeTexts = {
  [K in Outcome["kind"]]: (outcome: Extract<Outcome, { kind: K }>) => string;
};

const TERMINAL_TEXT: OutcomeTexts = {
  help: (outcome) => `${outcome.problem ?? ""}\n`,
  posts: (outcome) => {
    if (outcome.posts.length === 0) return `${outcome.emptyText}\n`;
    const lines = [`${outcome.heading}${outcome.page > 1 ? ` (page ${outcome.page})` : ""}`, ""];
    for (const post of outcome.posts) lines.push(...postLines(post));
    if (outcome.more) lines.push(`More: recap ${outcome.more.text} page ${outcome.more.page}`);
    return `${lines.join("\n")}\n`;
  },
  "unknown-topic": (outcome) => {
    const suggestions = outcome.suggestions.map((topic) => topic.id);
    return `Unknown topic "${outcome.query}".${suggestions.length ? ` Did you mean: ${suggestions.join(", ")}?` : ""} See: recap topics\n`;
  },
  topics: (outcome) => {
    const width = Math.max(0, ...outcome.topics.map((topic) => topic.id.length));
    return [
      outcome.topics.length > 0 ? `Posts per topic, last ${outcome.days} days:` : `No posts in the last ${outcome.days} days.`,
      ...outcome.topics.map((topic) => `  ${topic.id.padEnd(width)}  ${String(topic.count).padStart(4)}  ${topic.label}`),
      ...(outcome.quiet.length > 0 ? [`No posts lately: ${outcome.quiet.map((topic) => topic.id).join(", ")}`] : []),
      "",
    ].join("\n");
  },
  "topic-added": (outcome) =>
    `Added topic ${outcome.id} (${outcome.label})${outcome.aliases.length > 0 ? `, also found as: ${outcome.aliases.join(", ")}` : ""}. New posts are tagged with it; recap retag --since <date> tags stored ones.\n`,
  "topic-aliased": (outcome) =>
    `"${outcome.alias}" now also means ${outcome.label} (${outcome.id}). recap retag --since <date> tags stored posts.\n`,
  corrected: (outcome) => {
    const verdict = { not: "is no longer tagged", also: "is now also tagged", undo: "is back to what the matcher says about" }[
      outcome.verdict
    ];
    const topics = outcome.topics.map((topic) => topic.id).join(", ") || "none";
    const learned = outcome.learned
      ? ` Learned: "${outcome.learned.phrase}" ${outcome.learned.polarity === "negative" ? "does not count for" : "hints at"} ${outcome.topic.id} (recap topic forget ${outcome.topic.id} ${outcome.learned.cueId} undoes it).`
      : "";
    return `${outcome.already ? "Already so: " : ""}"${outcome.title}" ${verdict} ${outcome.topic.id}. Its topics: ${topics}.${learned}\n`;
  },
  "topic-cues": (outcome) => {
    if (outcome.cues.length === 0) return `No cues for ${outcome.topic.id} yet: corrections teach them.\n`;
    return outcome.cues
      .map(
        (cue) =>
          `${cue.cueId}  ${cue.polarity === "negative" ? "does not count" : "hints at it   "}  "${cue.phrase}"${cue.postIds.length > 0 ? `  (from ${cue.postIds.map((id) => `post ${id}`).join(", ")})` : ""}\n`,
      )
      .join("");
  },
  "cue-forgotten": (outcome) => `Forgot "${outcome.cue.phrase}" for ${outcome.topic.id}. recap retag applies that to stored posts.\n`,
  "retag-accepted": (outcome) => `Re-tagging stored posts${outcome.since ? ` first seen since ${outcome.since}` : ""}…\n`,
  retagged: (outcome) =>
    `Re-tagged ${plural(outcome.examined, "stored post")}${outcome.since ? ` first seen since ${outcome.since}` : ""}: ${outcome.changed} changed topics${describeTopicChanges(outcome.byTopic)}.\n`,
  feeds: (outcome) => {
    if (outcome.feeds.length === 0) return "No feeds yet. Add one: recap add <url>\n";
    return outcome.feeds.map(feedLines).join("");
  },
  "add-accepted": (outcome) => `Adding ${outcome.url}…\n`,
  added: (outcome) => `Added ${outcome.title ?? outcome.url}: ${plural(outcome.postCount, "post")} stored as backfill.\n`,
  "already-followed": (outcome) =>
    `Already following ${outcome.title ?? outcome.url}${outcome.markedRecap ? "; its posts are now read as conference recaps" : ""}.\n`,
  "add-failed": (outcome) => `Could not add ${outcome.url}: ${outcome.reason}\n`,
  removed: (outcome) => `No longer following ${outcome.title ?? outcome.url}.\n`,
  resumed: (outcome) => `Resumed ${outcome.title ?? outcome.url}; it will be polled at the next run.\n`,
  "not-found": (outcome) => `No followed feed matches "${truncate(outcome.reference, 120)}". See: recap feeds\n`,
  refused: (outcome) => `${outcome.reason}\n`,
  subscribed: (outcome) =>
    `Channel ${outcome.subscription.channelId} gets its digest at ${outcome.subscription.time} ${outcome.subscription.timeZone} (${outcome.subscription.days}); next: ${outcome.nextAt}.\n`,
  unsubscribed: (outcome) => `Channel ${outcome.channelId} no longer gets the digest.\n`,
  subscription: (outcome) => {
    const subscription = outcome.subscription;
    if (!subscription) return `Channel ${outcome.channelId} has no digest.\n`;
    return [
      `Digest for ${subscription.channelId}: ${subscription.time} ${subscription.timeZone}, ${subscription.days}, topics: ${subscription.topics.join(", ") || "all"}`,
      `  status: ${subscription.status}${subscription.disabledReason ? ` (${subscription.disabledReason})` : ""}`,
      `  last digest: ${subscription.lastDigestAt ?? "never"}${outcome.nextAt ? `; next: ${outcome.nextAt}` : ""}`,
      ...(subscription.lastProblem ? [`  last problem: ${subscription.lastProblem}`] : []),
      "",
    ].join("\n");
  },
  "digest-preview": (outcome) => {
    const digest = outcome.digest;
    const waiting = digest?.waiting ? `${waitingNote(digest.waiting)}\n` : "";
    if (!digest || digest.postCount === 0) return `Nothing new for this channel's digest: nothing would be posted now.\n${waiting}`;
    const lines = [`Recap for ${digest.date}: ${plural(digest.postCount, "post")}`, ""];
    for (const section of digest.sections) {
      lines.push(section.topicLabel);
      for (const post of section.posts) lines.push(...postLines(post).map((line) => `  ${line}`));
      if (section.more > 0) lines.push(`  and ${section.more} more — recap ${section.topicId}`);
      lines.push("");
    }
    return `${lines.join("\n")}${waiting}`;
  },
  followed: (outcome) =>
    outcome.already
      ? `Channel ${outcome.channelId} already follows ${outcome.topic.label}.\n`
      : `Channel ${outcome.channelId} now gets each new post on ${outcome.topic.label} (up to ${outcome.perHour} an hour, the rest in one summary).\n`,
  unfollowed: (outcome) =>
    outcome.wasFollowing
      ? `Channel ${outcome.channelId} no longer follows ${outcome.topic.label}.\n`
      : `Channel ${outcome.channelId} wasn't following ${outcome.topic.label}.\n`,
  following: (outcome) => {
    if (outcome.follows.length === 0) return `Channel ${outcome.channelId} follows no topic.\n`;
    return outcome.follows
      .map(
        (follow) =>
          `${follow.topicId}  (${follow.topicLabel})${follow.status === "disabled" ? `  stopped: ${follow.disabledReason ?? ""}` : ""}\n`,
      )
      .join("");
  },
};

/** JSON for scripts: a page of posts as `{page, hasMore, posts}`, other lists as arrays, every field present. */
export function outcomeJson(outcome: Outcome): unknown {
  switch (outcome.kind) {
    case "posts":
      return pageJson(outcome.page, outcome.more !== undefined, outcome.posts);
    case "feeds":
      return outcome.feeds.map(feedJson);
    case "topics":
      // Every topic, as before: the quiet ones last, with a count of 0.
      return [...outcome.topics, ...outcome.quiet.map((topic) => ({ ...topic, count: 0 }))];
    case "digest-preview":
      return outcome.digest ?? null;
    case "following":
      return outcome.follows;
    default:
      return outcome;
  }
}

/** One page of posts for scripts: which page, whether another follows, and its posts. */
export function pageJson(page: number, hasMore: boolean, posts: readonly Post[]) {
  return { page, hasMore, posts: posts.map(postJson) };
}

/** A post for scripts: every field present (null when the feed did not give it). */
export function postJson(post: Post) {
  return { ...post, author: post.author ?? null };
}

function feedJson(feed: FeedHealth) {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title ?? null,
    status: feed.state,
    lastError: feed.lastError ?? null,
    lastWarning: feed.lastWarning ?? null,
    failingSince: feed.failingSince ?? null,
    failures: feed.failures ?? 0,
    nextPollAt: feed.nextPollAt ?? null,
    lastPolledAt: feed.lastPolledAt ?? null,
    pausedReason: feed.pausedReason ?? null,
    postCount: feed.postCount,
    recap: feed.recap === true,
  };
}

/** One post as the terminal shows it: date and title, then its link and topics (and a talk's people, links and recap). */
export function postLines(post: Post): string[] {
  const indent = "            ";
  const people = [(post.speakers ?? []).join(", "), (post.organizations ?? []).join(", ")].filter(Boolean).join(" — ");
  const talks = (post.listed ?? []).filter((item) => item.kind === "talk").length;
  return [
    `${post.publishedAt.slice(0, 10)}  ${post.kind === "talk" ? `[talk${post.sessionCode ? ` ${post.sessionCode}` : ""}] ` : ""}${post.title}`,
    `${indent}${post.url}`,
    ...(people ? [`${indent}${people}`] : []),
    ...(post.links ?? []).filter((link) => link.url !== post.url).map((link) => `${indent}${link.kind}: ${link.url}`),
    ...(post.listedIn ? [`${indent}in: ${post.listedIn.title}${post.listedIn.section ? ` (${post.listedIn.section})` : ""}`] : []),
    ...(talks > 0 ? [`${indent}lists ${plural(talks, "talk")}`] : []),
    // The id is what `recap correct <post-id> --not <topic>` takes.
    `${indent}${post.topics.length > 0 ? `topics: ${post.topics.join(", ")}  ` : ""}id: ${post.id}`,
  ];
}

function feedLines(feed: FeedHealth): string {
  const problem =
    feed.state === "paused"
      ? `  paused: ${feed.pausedReason ?? feed.lastError ?? ""}`
      : feed.lastError
        ? `  error: ${feed.lastError}`
        : feed.lastWarning
          ? `  warning: ${feed.lastWarning}`
          : "";
  return [
    `${feed.id}  ${feed.state.padEnd(7)}  ${plural(feed.postCount, "post").padStart(11)}  ${feed.title ?? feed.url}${feed.recap ? "  (recap feed)" : ""}`,
    `              ${feed.url}`,
    `              last poll: ${feed.lastPolledAt ?? "never"}${feed.failingSince ? `  failing since ${feed.failingSince} (${plural(feed.failures ?? 0, "failure")})` : ""}${feed.nextPollAt ? `  ${feed.state === "failing" ? "retry" : "next poll"}: ${feed.nextPollAt}` : ""}${problem}`,
    "",
  ].join("\n");
}
