/** Bus subscriber (SUBSCRIPTIONS.feedAdd): adds a feed asked for in Slack and reports to the response_url. */
import type { Context, EventBridgeEvent } from "aws-lambda";
import { subscriptionHandlers, feedReader } from "@recap/core/runtime";
import { awsDeps, correlated } from "./lib/aws";

const deps = awsDeps("feedAdd", feedReader);

export async function handler(event: EventBridgeEvent<string, unknown>, context: Context) {
  await correlated(event, context, () => subscriptionHandlers.feedAdd(event, deps));
}
