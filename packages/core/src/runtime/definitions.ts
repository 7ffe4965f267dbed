/**
 * What runs when, said once. `stacks/` turns these into EventBridge schedules and bus
 * subscriptions; the local runner (`npm start`) runs the same handlers on the same rules.
 * Plain data on purpose: the infrastructure code imports it without pulling in the app.
 */

export const SCHEDULES = {
  /** Finds feeds whose next poll is due and polls them (fanning out when there are many). */
  poll: {
    everyMinutes: 15,
    handler: "functions/poll.handler",
    // Up to RECAP_POLL_BATCH_SIZE feeds in-process; each fetch is capped at 20 s (plus up to three
    // autodiscovery fetches), so the worst case needs Lambda's full 15 minutes.
    timeoutSeconds: 900,
  },
} as const;

export const SUBSCRIPTIONS = {
  /** A batch of due feeds handed over by the scheduled poll. */
  pollBatch: {
    detailTypes: ["feeds.poll.requested"],
    handler: "functions/poll-batch.handler",
    timeoutSeconds: 900,
  },
} as const;

export type ScheduleName = keyof typeof SCHEDULES;
export type SubscriptionName = keyof typeof SUBSCRIPTIONS;

/** EventBridge Scheduler's expression for a schedule. */
export const rateExpression = (everyMinutes: number) => `rate(${everyMinutes} minutes)`;
