/**
 * Counts the core reports after each job — feeds polled and failed, posts ingested, digests and
 * alerts posted or failed, Slack refusing Recap's token — so that a failure handled as a value
 * (a digest run that "succeeds" with every digest failed) still shows, and can raise an alarm.
 * On Lambda they become CloudWatch metrics (functions/lib/metrics.ts); locally they go nowhere.
 */
export interface Metrics {
  count(counts: Record<string, number>): void;
}

export const noMetrics: Metrics = { count() {} };
