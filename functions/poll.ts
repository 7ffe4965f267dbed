/** Scheduled every 15 minutes (SCHEDULES.poll): polls the feeds that are due. */
import type { Context } from "aws-lambda";
import { scheduleHandlers, feedReader } from "@recap/core/runtime";
import { awsDeps, correlated } from "./lib/aws";

const deps = awsDeps("poll", feedReader);

export async function handler(event: unknown, context: Context) {
  return correlated(event, context, () => scheduleHandlers.poll(deps));
}
