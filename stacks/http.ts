/** The Function URL Slack calls: slash commands, interactivity and events, plus GET /health. */
import { HTTP_FUNCTION } from "../packages/core/src/runtime/definitions";
import { SLACK_FUNCTION_NODEJS } from "../functions/lib/slack-bundle.mjs";
import { botToken, bus, environment, signingSecret, slackAdmins, slackTeamIds, table } from "./data";
import { HANDLERS } from "./handlers";

export const http = new sst.aws.Function("RecapHttp", {
  handler: HANDLERS.http,
  // Slack calls it server to server; no browser should (SST's default would allow any origin).
  url: { cors: false },
  // The only function that verifies Slack's requests, so the only one given the signing secret.
  link: [table, bus, botToken, signingSecret, slackAdmins, slackTeamIds],
  environment,
  timeout: `${HTTP_FUNCTION.timeoutSeconds} seconds`,
  // Without Bolt's Socket Mode and Express receivers, which it never uses; minified and split, so a
  // cold start loads only what answers a lookup: see the plugins' file (the bench builds the same).
  nodejs: SLACK_FUNCTION_NODEJS,
  // Memory: SST's default, 1024 MB (more memory is more CPU: cold starts and lookups stay well
  // inside Slack's 3 seconds). Raise it here if lookups grow.
});
