/**
 * Events on the Recap bus. Details carry ids and short fields only (EventBridge entries are
 * capped at 256 KB and subscribers read whole records from the table when they need them).
 * The schemas validate what a subscriber receives: the bus is an edge.
 */
import * as z from "../shared/validation";
import { truncate } from "../shared/truncate";

export const EVENT_SOURCE = "recap";

export const PostIngested = z.object({
  postId: z.string(),
  feedId: z.string(),
  url: z.string(),
  title: z.string(),
  topics: z.array(z.string()),
  publishedAt: z.string(),
  firstSeenAt: z.string(),
});

export const FeedPaused = z.object({
  feedId: z.string(),
  url: z.string(),
  title: z.optional(z.string()),
  reason: z.string(),
  consecutiveErrors: z.number(),
  /** Where the feed was added from, so the notice reaches the channel that asked for it. */
  addedIn: z.optional(z.object({ channelId: z.optional(z.string()), userId: z.optional(z.string()) })),
});

export const FeedsPollRequested = z.object({
  feedIds: z.array(z.string()).check(z.minLength(1)),
});

/** `/recap add` answered at once; this does the work and reports to the command's response_url. */
export const FeedAddRequested = z.object({
  url: z.string().check(z.maxLength(2000)),
  recap: z.boolean(),
  channelId: z.optional(z.string()),
  userId: z.optional(z.string()),
  responseUrl: z.url(),
});

/** `/recap retag` answered at once; this re-tags stored posts and reports to the response_url. */
export const PostsRetagRequested = z.object({
  since: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  userId: z.optional(z.string()),
  responseUrl: z.url(),
});

export const EVENT_SCHEMAS = {
  "feed.add.requested": FeedAddRequested,
  "post.ingested": PostIngested,
  "feed.paused": FeedPaused,
  "feeds.poll.requested": FeedsPollRequested,
  "posts.retag.requested": PostsRetagRequested,
} as const;

export type DetailType = keyof typeof EVENT_SCHEMAS;
export type EventDetail<T extends DetailType> = z.infer<(typeof EVENT_SCHEMAS)[T]>;

export type BusEvent = {
  [T in DetailType]: { detailType: T; detail: EventDetail<T> };
}[DetailType];

/**
 * Publishes events. Resolves with the events that were not accepted (after retries), so a caller
 * can keep the rest and try those again later. An event whose call failed in transit is reported
 * failed even though the bus may have taken it: delivery is at least once.
 */
export interface EventPublisher {
  publish(events: BusEvent[]): Promise<{ failed: BusEvent[] }>;
}

/** Truncates a title for an event detail: details stay small whatever a feed sends. */
export const shortTitle = (title: string) => truncate(title, 200);
