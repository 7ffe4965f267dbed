/**
 * What the domain needs from Slack: messages out (SlackOutbound) and the renderers that turn its
 * results into messages (SlackRenderers). The adapters live in slack/; digests and follow alerts
 * see only these.
 */
import type { KnownBlock } from "@slack/types";
import type { TopicRef } from "../model/command";
import type { Digest } from "../model/digest";
import type { Post } from "../model/post";
import type { Rollup } from "./store";

/** A message as Recap sends it: Block Kit, and the text Slack shows in notifications. */
export interface RenderedMessage {
  /** Notification and fallback text (mrkdwn; outside text escaped and neutralized). Always present, ≤ 4000 characters. */
  text: string;
  blocks: KnownBlock[];
}

/** A digest as messages: the main one, and its continuations. */
export interface DigestMessages {
  main: RenderedMessage;
  /** Continuations posted as thread replies under `main`, in order. */
  thread: RenderedMessage[];
}

/** `definite`: Slack answered and did not post (safe to try again); otherwise the outcome is unknown. */
export type PostResult = { ok: true; ts: string } | { ok: false; error: string; definite: boolean };

export type DigestPostResult = PostResult & { threadError?: string };

/**
 * Slack errors after which posting in this one channel cannot work until a person acts there
 * (invite Recap, unarchive): what was posting there stops and says why. Errors about the whole
 * installation (invalid_auth, token_revoked, account_inactive, missing_scope) are not here: a
 * rotated token would otherwise stop every channel's digest and follows, each to be set up again;
 * they fail the delivery, which is retried, and the operator sees them in the logs.
 */
export const CHANNEL_GONE_ERRORS: ReadonlySet<string> = new Set(["channel_not_found", "not_in_channel", "is_archived"]);
/** Slack refusing Recap itself (a revoked or wrong token): every message fails until someone acts. */
export const AUTH_ERRORS: ReadonlySet<string> = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);

/** A reply through a response_url: replacing the message that carried a button, or beside it. */
export type ResponseMessage = Pick<RenderedMessage, "text"> &
  Partial<Pick<RenderedMessage, "blocks">> & { replace_original?: boolean; response_type?: "ephemeral" | "in_channel" };

export interface SlackOutbound {
  /** Posts a digest: the main message, then its continuations as thread replies. */
  postDigest(channel: string, messages: DigestMessages): Promise<DigestPostResult>;
  /** Posts one message Recap sends on its own (a follow alert), waiting out a short rate limit. */
  postMessage(channel: string, message: RenderedMessage): Promise<PostResult>;
  /** Replaces a message Recap posted (chat.update), waiting out a short rate limit. */
  updateMessage(channel: string, ts: string, message: RenderedMessage): Promise<PostResult>;
  /** A user's IANA time zone from their Slack profile (users.info), if Slack says. */
  userTimeZone(userId: string): Promise<string | undefined>;
  /** Posts in a channel; resolves to Slack's error code when Slack refused (e.g. "not_in_channel"). */
  postToChannel(channel: string, message: RenderedMessage): Promise<{ ok: true } | { ok: false; error: string }>;
  /**
   * Answers a slash command or a button later through its response_url (on Slack's host only),
   * visible to its author unless said otherwise; gives up after `timeoutMs` (default 10 s).
   */
  respond(responseUrl: string, message: ResponseMessage, options?: { timeoutMs?: number }): Promise<void>;
}

/** The messages Recap sends on its own, rendered. */
export interface SlackRenderers {
  /** A digest's messages; undefined when there is nothing to post (and no empty note asked for). */
  digest(digest: Digest, options?: { emptyNote?: boolean }): DigestMessages | undefined;
  /** One new post on topics a channel follows. */
  followAlert(post: Post, topics: TopicRef[], feedTitles: Record<string, string>): RenderedMessage;
  /** The posts over a channel's hourly budget, in one message. */
  followRollup(rollup: Rollup, topics: TopicRef[]): RenderedMessage;
}
