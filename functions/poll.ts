/** Scheduled every 15 minutes (SCHEDULES.poll): polls the feeds that are due. */
import type { Context } from "aws-lambda";
import { scheduleHandlers } from "@recap/core/runtime";
import { awsDeps } from "./lib/aws";

const deps = awsDeps();

export async function handler(_event: unknown, _context: Context) {
  const summary = await scheduleHandlers.poll(deps);
  return summary;
}
