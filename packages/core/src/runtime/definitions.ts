/**
 * What runs when, said once. `slack`: it posts to Slack (it gets the bot token); `publishes`: it
 * puts events on the bus (it alone is linked to the bus, and on one machine the others are handed a
 * publisher that refuses, so a wrong flag fails the tests); `readsFeeds`: it fetches and parses feeds
 * (it alone bundles the fetcher and parser; on one machine the others get a reader that refuses). `reserved`: the Lambda concurrency kept
 * for it when a deploy asks for reservations (RECAP_RESERVE_CONCURRENCY), so a burst of polls never
 * takes the Slack function's room (22 in all). `stacks/` turns these into EventBridge schedules and bus
 * subscriptions (with the handler files of stacks/handlers.ts); the local runner (`npm start`) runs
 * the same handlers on the same rules.
 * Plain data on purpose: the infrastructure code imports it without pulling in the app.
 */

export const SCHEDULES = {
  /** Finds feeds whose next poll is due and polls them (fanning out when there are many). */
  poll: {
    everyMinutes: 15,
    slack: false,
    publishes: true, // fans batches out; announces posts
    readsFeeds: true,
    reserved: 1,
    // Up to RECAP_POLL_BATCH_SIZE feeds in-process; each fetch is capped at 20 s (plus up to three
    // autodiscovery fetches). No feed starts after 10 minutes (feeds/poll.ts, START_WITHIN_MS): the
    // rest stay due for the next poll, and what started finishes inside the 15.
    timeoutSeconds: 900,
  },
  /**
   * Sends each subscribed channel its digest when its local time comes (the due rule is
   * digest/schedule.ts: every 15 minutes means a digest goes out within 15 minutes of its time).
   */
  digest: {
    everyMinutes: 15,
    slack: true,
    publishes: false,
    readsFeeds: false,
    reserved: 1,
    timeoutSeconds: 300,
  },
} as const;

export const SUBSCRIPTIONS = {
  /** A batch of due feeds handed over by the scheduled poll. */
  pollBatch: {
    detailTypes: ["feeds.poll.requested"],
    timeoutSeconds: 900,
    slack: false,
    publishes: true, // post.ingested, feed.paused
    readsFeeds: true,
    reserved: 10,
  },
  /** `/recap add` answered at once; this discovers, fetches, stores and reports to the response_url. */
  feedAdd: {
    detailTypes: ["feed.add.requested"],
    timeoutSeconds: 120,
    slack: true,
    publishes: true, // the first poll of the feed it adds
    readsFeeds: true,
    reserved: 2,
  },
  /** `/recap retag` answered at once; this re-tags stored posts and reports to the response_url. */
  retag: {
    detailTypes: ["posts.retag.requested"],
    timeoutSeconds: 900,
    slack: true,
    publishes: false,
    readsFeeds: false,
    reserved: 1,
  },
  /** Tells the channel a feed was added from that Recap paused it, and how to resume it. */
  feedPaused: {
    detailTypes: ["feed.paused"],
    timeoutSeconds: 30,
    slack: true,
    publishes: false,
    readsFeeds: false,
    reserved: 2,
  },
  /** Posts each new post in the channels following one of its topics (`/recap follow`), within their hourly budget. */
  followAlerts: {
    detailTypes: ["post.ingested"],
    // Four channels at a time, each up to ~50 s in the worst case (a post or update with a 10 s
    // timeout and up to three short rate-limit waits): room for ~40 channels following one topic. A
    // timeout mid-delivery leaves that alert claimed and unsent (lost rather than duplicated).
    timeoutSeconds: 600,
    slack: true,
    publishes: false,
    readsFeeds: false,
    reserved: 5,
  },
} as const;

/** The HTTP function behind the Function URL: Slack commands, interactivity, events, health. */
export const HTTP_FUNCTION = {
  timeoutSeconds: 10,
} as const;

export type ScheduleName = keyof typeof SCHEDULES;
export type SubscriptionName = keyof typeof SUBSCRIPTIONS;

/**
 * EventBridge Scheduler's expression for a schedule: on the clock (:00, :15, :30, :45 for 15), not
 * a rate counted from deployment, so a digest set for 09:15 goes out at 09:15 and one for 23:45
 * still has a run before midnight.
 */
export const scheduleExpression = (everyMinutes: number): `cron(${string})` => `cron(0/${everyMinutes} * * * ? *)`;
