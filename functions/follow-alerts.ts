/** Bus subscriber (SUBSCRIPTIONS.followAlerts): posts a new post in the channels following its topics. */
import type { Context, EventBridgeEvent } from "aws-lambda";
import { subscriptionHandlers } from "@recap/core/runtime";
import { awsDeps, correlated } from "./lib/aws";

const deps = awsDeps("followAlerts");

export async function handler(event: EventBridgeEvent<string, unknown>, context: Context) {
  await correlated(event, context, () => subscriptionHandlers.followAlerts(event, deps));
}
