/**
 * The one command language Recap speaks, in Slack (`/recap …`) and in the terminal (`recap …`):
 * what a command is once parsed, and what running it produces. Both are plain data; Slack and the
 * CLI only differ in how they render an Outcome.
 */
import type { Digest, Subscription } from "./digest";
import type { Follow } from "./follow";
import type { FeedState } from "./feed";
import type { Post } from "./post";
import type { Verdict } from "./topic";
import type { UnknownTopic } from "./topic";
import type { TeamCue } from "./topic";

export type Command =
  | { name: "help" }
  /** `<topic>` or `topic <topic>`: newest posts of a topic. */
  | { name: "topic"; topic: string; page: number }
  /** `search <words>`: posts whose title or summary contain every word. */
  | { name: "search"; words: string[]; page: number }
  /** `topics`: topics with post counts for the last 7 days. */
  | { name: "topics" }
  /** `topic add <id> <label> [aliases…]`: a team-defined topic, used for new posts at once. */
  | { name: "topic-add"; id: string; label: string; aliases: string[] }
  /** `topic alias <id> <alias…>`: one more name for a topic (the words after the id, joined). */
  | { name: "topic-alias"; id: string; alias: string }
  /** `correct <post-id> not|also|undo <topic>`: the team's word on one topic of one post. */
  | { name: "correct"; postId: string; verdict: Verdict; topic: string }
  /** `topic cues <topic>`: what corrections taught about a topic. */
  | { name: "topic-cues"; topic: string }
  /** `topic forget <topic> <cue-id>`: unlearn one cue. */
  | { name: "topic-forget"; topic: string; cueId: string }
  /** `retag [--since <YYYY-MM-DD>]`: re-applies the taxonomy to stored posts (first seen since then). */
  | { name: "retag"; since?: string }
  /** `feeds [all]`: followed feeds and their health (at scale, Slack shows those needing attention unless `all`). */
  | { name: "feeds"; all?: true }
  /** `add <url> [recap]`: follow a feed. */
  | { name: "add"; url: string; recap: boolean }
  /** `remove <url|id>`. */
  | { name: "remove"; target: string }
  /** `resume <url|id>`: bring a paused feed back. */
  | { name: "resume"; target: string }
  /** `latest`: what arrived since yesterday. */
  | { name: "latest"; page: number }
  /** `subscribe [HH:MM] [timezone] [weekdays|daily] [topics…]`: this channel gets the daily digest. */
  | { name: "subscribe"; words: string[] }
  /** `unsubscribe`: this channel stops getting the digest. */
  | { name: "unsubscribe" }
  /** `subscription`: this channel's digest settings, last digest and any delivery problem. */
  | { name: "subscription" }
  /** `digest`: this channel's next digest, as it would be posted. */
  | { name: "digest" }
  /** `follow <topic>`: this channel gets each new post on the topic as it arrives. */
  | { name: "follow"; topic: string }
  /** `unfollow <topic>`: this channel stops getting the topic's alerts. */
  | { name: "unfollow"; topic: string }
  /** `following`: the topics this channel follows. */
  | { name: "following" };

export interface ParsedCommand {
  command: Command;
  /** `share …`: post the answer in the channel instead of only to the asker. */
  share: boolean;
  /** Why the input was not understood (the command is then `help`). */
  problem?: string;
}

/** How a feed is doing, as people are shown it. */
export interface FeedHealth {
  id: string;
  url: string;
  title?: string;
  state: FeedState;
  /** ISO time of the first failure in the current run of failures. */
  failingSince?: string;
  /** Failed polls in a row; absent when the last poll worked. */
  failures?: number;
  /** ISO time of the next poll (or retry, when failing); absent for a paused feed. */
  nextPollAt?: string;
  lastError?: string;
  /** What the last successful poll could only partly read. */
  lastWarning?: string;
  lastPolledAt?: string;
  pausedReason?: string;
  postCount: number;
  /** Its posts are read as conference recaps (`add <url> recap`). */
  recap?: boolean;
}

/** Where a list of posts continues: the command text and the page to show next. */
export interface PageRef {
  text: string;
  page: number;
}

export type Outcome =
  | { kind: "help"; problem?: string }
  | {
      kind: "posts";
      /** e.g. "GitOps", "Search: argo rollouts", "Since yesterday" */
      heading: string;
      posts: Post[];
      /** 1-based. */
      page: number;
      /** Set when there are more posts after this page. */
      more?: PageRef;
      /** This page, for the Share button. */
      current: PageRef;
      /** What to say when there are no posts. */
      emptyText: string;
    }
  | UnknownTopic
  | {
      kind: "topics";
      days: number;
      /** Topics with posts in the window, most first. */
      topics: { id: string; label: string; count: number }[];
      /** The other topics, by label: none of their posts in the window, still there to follow or look up. */
      quiet: { id: string; label: string }[];
    }
  | { kind: "topic-added"; id: string; label: string; aliases: string[] }
  | { kind: "topic-aliased"; id: string; label: string; alias: string }
  /** `already`: the post was corrected so before; `learned`: the cue the correction taught, if any. */
  | {
      kind: "corrected";
      postId: string;
      title: string;
      verdict: Verdict;
      topic: TopicRef;
      topics: TopicRef[];
      already: boolean;
      learned?: Pick<TeamCue, "cueId" | "polarity" | "phrase">;
    }
  | { kind: "topic-cues"; topic: TopicRef; cues: TeamCue[] }
  | { kind: "cue-forgotten"; topic: TopicRef; cue: TeamCue }
  /** Slack: the retag runs in the background and reports back. */
  | { kind: "retag-accepted"; since?: string }
  | {
      kind: "retagged";
      since?: string;
      examined: number;
      changed: number;
      /** Per topic (taxonomy order), how many posts gained and lost it; topics with no change left out. */
      byTopic: { id: string; added: number; removed: number }[];
    }
  /**
   * Followed feeds: all of them, or (`attentionOnly`) only those needing attention, with how many
   * feeds are followed and whether `feeds` holds every one needing attention.
   */
  | { kind: "feeds"; feeds: FeedHealth[]; attentionOnly?: { followed: number; complete: boolean } }
  /** Slack: the add runs in the background and reports back. */
  | { kind: "add-accepted"; url: string }
  | { kind: "added"; url: string; title?: string; postCount: number }
  /** `markedRecap`: `add … recap` made the followed feed a recap feed just now. */
  | { kind: "already-followed"; url: string; title?: string; markedRecap?: boolean }
  | { kind: "add-failed"; url: string; reason: string }
  | { kind: "removed"; url: string; title?: string }
  | { kind: "resumed"; url: string; title?: string }
  | { kind: "not-found"; reference: string }
  | { kind: "subscribed"; subscription: Subscription; nextAt: string }
  | { kind: "unsubscribed"; channelId: string }
  | { kind: "subscription"; channelId: string; subscription?: Subscription; nextAt?: string }
  /** The digest as it would be posted now (undefined digest: nothing to post). */
  | { kind: "digest-preview"; channelId: string; digest?: Digest; emptyNote: boolean }
  /** `perHour`: alerts the channel gets per hour before the rest go into one summary. */
  | { kind: "followed"; channelId: string; topic: TopicRef; already: boolean; perHour: number }
  | { kind: "unfollowed"; channelId: string; topic: TopicRef; wasFollowing: boolean }
  | { kind: "following"; channelId: string; follows: (Follow & { topicLabel: string })[] }
  | { kind: "refused"; reason: string };

export interface TopicRef {
  id: string;
  label: string;
}

/** Posts on a page of a topic, search or latest. */
export const PAGE_SIZE = 10;
