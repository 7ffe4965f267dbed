/** Scheduled every 15 minutes (SCHEDULES.digest): posts the digests that are due in their channels' time zones. */
import type { Context } from "aws-lambda";
import { scheduleHandlers } from "@recap/core/runtime";
import { awsDeps } from "./lib/aws";

const deps = awsDeps({ botToken: true });

export async function handler(_event: unknown, _context: Context) {
  return scheduleHandlers.digest(deps);
}
