/**
 * A test file's loopback world for Slack-facing features: a feed server and a Slack Web API
 * stand-in, started once per file, and Recap on one machine (data in memory) talking to them.
 */
import { afterAll, beforeAll } from "vitest";
import { silentLogger } from "@recap/core/shared";
import { openLocalRecap, type LocalRecap } from "@recap/local";
import type { TestClock } from "./clock";
import { startFeedServer, type FeedServer } from "./feed-server";
import { startFakeSlack, type FakeSlack } from "./slack";

export function useFeedsAndSlack(use: (world: { feeds: FeedServer; slack: FakeSlack }) => void): void {
  let world: { feeds: FeedServer; slack: FakeSlack } | undefined;
  beforeAll(async () => {
    const [feeds, slack] = await Promise.all([startFeedServer(), startFakeSlack()]);
    world = { feeds, slack };
    use(world);
  });
  afterAll(async () => {
    await Promise.all([world?.feeds.close(), world?.slack.close()]);
  });
}

/**
 * Recap on one machine, posting to `slack`, serving workspace T0001, with the settings in `env`. Its
 * data is in the in-memory store, unless a test checks what is written to the table (`storage:
 * "dynalite"`) or points it at a DynamoDB stand-in (`endpoint`).
 */
export function openRecapOnSlack(
  slack: FakeSlack,
  clock: TestClock,
  env: Record<string, string> = {},
  options: { endpoint?: string; storage?: "memory" | "dynalite" } = {},
): Promise<LocalRecap> {
  const { storage = options.endpoint ? "dynalite" : "memory", ...rest } = options;
  return openLocalRecap({
    inMemory: true,
    ...rest,
    ...(storage === "memory" ? { memoryStore: true } : {}),
    clock,
    log: silentLogger,
    env: { SLACK_BOT_TOKEN: "xoxb-test", RECAP_SLACK_API_URL: slack.apiUrl, RECAP_SLACK_TEAM_IDS: "T0001", ...env },
  });
}
