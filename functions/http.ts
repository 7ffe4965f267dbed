/**
 * The Function URL: Slack slash commands, interactivity and events, and GET /health (a Hono app;
 * Slack's POSTs are read straight from the event, without the Fetch API: lib/function-url.ts).
 */
import type { Context } from "aws-lambda";
import { handle, type LambdaEvent } from "hono/aws-lambda";
import { createHttpApp, createSlackApp, SlackRequestReceiver } from "@recap/core/slack";
import { awsDeps, correlated } from "./lib/aws";
import { slackFunctionUrl } from "./lib/function-url";

const deps = awsDeps("http");
const { signingSecret, botToken } = deps.config.slack;
if (!signingSecret || !botToken) throw new Error("SlackSigningSecret and SlackBotToken must be set: npx sst secret set …");

const receiver = new SlackRequestReceiver({ signingSecret, clock: deps.clock, log: deps.log });
createSlackApp({ deps, config: deps.config.slack, botToken, receiver });
const serve = handle(createHttpApp(receiver));
const serveSlack = slackFunctionUrl(receiver, deps.log);

export async function handler(event: LambdaEvent, context: Context) {
  return correlated(undefined, context, async () => (await serveSlack(event)) ?? serve(event, context));
}
