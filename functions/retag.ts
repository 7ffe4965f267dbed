/** Bus subscriber (SUBSCRIPTIONS.retag): re-tags stored posts asked for in Slack and reports to the response_url. */
import type { Context, EventBridgeEvent } from "aws-lambda";
import { subscriptionHandlers } from "@recap/core/runtime";
import { awsDeps, correlated } from "./lib/aws";

const deps = awsDeps("retag");

export async function handler(event: EventBridgeEvent<string, unknown>, context: Context) {
  await correlated(event, context, () => subscriptionHandlers.retag(event, deps));
}
