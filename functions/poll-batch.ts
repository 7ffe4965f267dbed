/** Bus subscriber (SUBSCRIPTIONS.pollBatch): polls one batch of due feeds fanned out by the scheduled poll. */
import type { Context, EventBridgeEvent } from "aws-lambda";
import { subscriptionHandlers, feedReader } from "@recap/core/runtime";
import { awsDeps, correlated } from "./lib/aws";

const deps = awsDeps("pollBatch", feedReader);

export async function handler(event: EventBridgeEvent<string, unknown>, context: Context) {
  await correlated(event, context, () => subscriptionHandlers.pollBatch(event, deps));
}
