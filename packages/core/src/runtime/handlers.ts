/**
 * The handlers behind every schedule and subscription in `definitions.ts`. Lambda functions call
 * them with AWS adapters; the local runner calls the very same functions with local ones.
 */
import type { EventBridgeEvent } from "aws-lambda";
import { EVENT_SCHEMAS } from "../events/types";
import { pollDueFeeds, pollFeedBatch } from "../feeds/poll";
import type { RecapDeps } from "./deps";
import type { ScheduleName, SubscriptionName } from "./definitions";

export type BusEnvelope = EventBridgeEvent<string, unknown>;

export const scheduleHandlers: Record<ScheduleName, (deps: RecapDeps) => Promise<unknown>> = {
  async poll(deps) {
    const summary = await pollDueFeeds(deps);
    const failed = summary.polled.filter((outcome) => outcome.status === "failed").length;
    deps.log.info("Scheduled poll finished", { due: summary.due, polled: summary.polled.length, failed, fannedOut: summary.fannedOut });
    return summary;
  },
};

export const subscriptionHandlers: Record<SubscriptionName, (event: BusEnvelope, deps: RecapDeps) => Promise<unknown>> = {
  async pollBatch(event, deps) {
    const { feedIds } = EVENT_SCHEMAS["feeds.poll.requested"].parse(event.detail);
    return pollFeedBatch(feedIds, deps);
  },
};
