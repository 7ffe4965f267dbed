/**
 * Recap's HTTP surface, one Hono app for Lambda's Function URL and for `npm start` on :3000:
 * Slack's commands, interactivity and events on one path, and a health check.
 */
import { Hono } from "hono";
import type { SlackRequestReceiver } from "./receiver";

export const SLACK_PATH = "/slack/events";

export function createHttpApp(receiver: SlackRequestReceiver | undefined): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ ok: true, slack: receiver ? "configured" : "not configured" }));
  app.post(SLACK_PATH, (c) =>
    receiver
      ? receiver.handle(c.req.raw)
      : c.text("Slack is not configured here: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (see README, Connect to Slack).", 503),
  );
  return app;
}
