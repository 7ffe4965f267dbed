/**
 * Subscriber of the alarm topic (stacks/monitoring.ts, when RECAP_OPS_CHANNEL is set at deploy):
 * posts each alarm's change of state in that channel, so the team sees it where it works.
 */
import type { Context, SNSEvent } from "aws-lambda";
import { Resource } from "sst";
import { loadConfig } from "@recap/core/config";
import { jsonLogger } from "@recap/core/shared";
import { renderAlarm, slackOutbound } from "@recap/core/slack";

const log = jsonLogger();
const config = loadConfig(process.env, "lambda");
config.slack.botToken = Resource.SlackBotToken.value;
const slack = slackOutbound(config.slack, log);
const channel = process.env.RECAP_OPS_CHANNEL?.trim() ?? "";

export async function handler(event: SNSEvent, _context: Context) {
  for (const record of event.Records) {
    const message = renderAlarm(record.Sns.Message);
    if (!message || !channel) continue;
    const posted = await slack.postToChannel(channel, message);
    // Failed: Lambda retries (SNS invokes asynchronously); the alarm's e-mail or other subscribers still have it.
    if (!posted.ok) throw new Error(`Could not post the alarm in ${channel}: ${posted.error}`);
  }
}
