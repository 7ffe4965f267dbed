/** Bus subscriber (SUBSCRIPTIONS.feedPaused): tells the channel that added a feed that it was paused. */
import type { Context, EventBridgeEvent } from "aws-lambda";
import { subscriptionHandlers } from "@recap/core/runtime";
import { awsDeps, correlated } from "./lib/aws";

const deps = awsDeps("feedPaused");

export async function handler(event: EventBridgeEvent<string, unknown>, context: Context) {
  await correlated(event, context, () => subscriptionHandlers.feedPaused(event, deps));
}
