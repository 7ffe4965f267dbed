/**
 * Where the code of each thing that runs lives (file and export): the deployment layout, known to
 * the infrastructure alone. What runs and when is said once, in
 * packages/core/src/runtime/definitions.ts; the local runner calls the same handlers directly.
 */
import type { ScheduleName, SubscriptionName } from "../packages/core/src/runtime/definitions";

export const HANDLERS: Record<ScheduleName | SubscriptionName | "http" | "alarms", string> = {
  poll: "functions/poll.handler",
  digest: "functions/digest.handler",
  pollBatch: "functions/poll-batch.handler",
  feedAdd: "functions/feed-add.handler",
  retag: "functions/retag.handler",
  feedPaused: "functions/feed-paused.handler",
  followAlerts: "functions/follow-alerts.handler",
  http: "functions/http.handler",
  alarms: "functions/alarms-to-slack.handler",
};
