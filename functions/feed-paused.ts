/** Bus subscriber (SUBSCRIPTIONS.feedPaused): tells the channel that added a feed that it was paused. */
import type { Context, EventBridgeEvent } from "aws-lambda";
import { subscriptionHandlers } from "@recap/core/runtime";
import { awsDeps } from "./lib/aws";

const deps = awsDeps({ botToken: true });

export async function handler(event: EventBridgeEvent<string, unknown>, _context: Context) {
  await subscriptionHandlers.feedPaused(event, deps);
}
