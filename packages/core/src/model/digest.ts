/**
 * The daily digest: a channel's subscription, and the digest composed for it (plain data that
 * Slack renders and the CLI prints).
 */
import type { Post } from "./post";

export type DigestDays = "daily" | "weekdays";

export interface Subscription {
  channelId: string;
  /** "HH:MM", 24-hour, in `timeZone`. */
  time: string;
  /** IANA zone, e.g. "Europe/Paris". */
  timeZone: string;
  days: DigestDays;
  /** Topic ids; empty means every topic. */
  topics: string[];
  createdAt: string;
  createdBy?: string;
  status: "active" | "disabled";
  /** Why delivery stopped (e.g. "channel_not_found"); set with status "disabled". */
  disabledReason?: string;
  /** The local date ("YYYY-MM-DD" in timeZone) and instant of the last digest posted. */
  lastDigestDate?: string;
  lastDigestAt?: string;
  /** Slack ts of the last digest message. */
  lastDigestTs?: string;
  /** The last delivery problem that did not disable the subscription (e.g. rate limited). */
  lastProblem?: string;
}

/** Settings that shape every digest (configurable, see README). */
export interface DigestLimits {
  perTopic: number;
  total: number;
  /** Post a short "nothing new today" note instead of staying silent. */
  postWhenEmpty: boolean;
}

export const DEFAULT_DIGEST_LIMITS: DigestLimits = { perTopic: 5, total: 20, postWhenEmpty: false };

export interface DigestSection {
  topicId: string;
  topicLabel: string;
  posts: Post[];
  /** Posts on this topic left out by the caps ("and N more — /recap <topic>"). */
  more: number;
}

/**
 * A digest covers posts first seen up to this long ago: a poll stamps first-seen times when it
 * starts and writes a little later, so a window ending "now" could miss a post stamped just before.
 */
export const DIGEST_SETTLE_MS = 15 * 60_000;

/** What a preview says of the posts the settle leaves for the next digest. */
export function waitingNote(waiting: number): string {
  const minutes = DIGEST_SETTLE_MS / 60_000;
  return `${waiting} newer post${waiting === 1 ? "" : "s"} (first seen in the last ${minutes} minutes) ${waiting === 1 ? "waits" : "wait"} for the next digest.`;
}

export interface Digest {
  channelId: string;
  /** The local date the digest is for, "YYYY-MM-DD". */
  date: string;
  /** First-seen window: posts first seen at or after `since` and before `until`. */
  since: string;
  until: string;
  sections: DigestSection[];
  /** Posts shown in all sections (each post appears once). */
  postCount: number;
  /** The subscription's topics when it has a filter: what "talks on your topics" counts. */
  topicFilter?: string[];
  /** Titles of the feeds that carried the shown posts, by feed URL: each post's "source feed". */
  feedTitles?: Record<string, string>;
  /** Posts it would show but first seen too recently (after `until`): they wait for the next digest. */
  waiting?: number;
}
