/** Scheduled every 15 minutes (SCHEDULES.digest): posts the digests that are due in their channels' time zones. */
import type { Context } from "aws-lambda";
import { scheduleHandlers } from "@recap/core/runtime";
import { awsDeps, correlated } from "./lib/aws";

const deps = awsDeps("digest");

export async function handler(event: unknown, context: Context) {
  return correlated(event, context, () => scheduleHandlers.digest(deps));
}
