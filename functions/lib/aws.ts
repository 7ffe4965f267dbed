/**
 * The production adapters: the linked DynamoDB table and EventBridge bus (names from SST's
 * `Resource`), the Slack secrets the function is linked to (the bot token to send; the signing
 * secret only where Slack's requests are verified), settings from the environment.
 * Built once per Lambda container, outside handlers.
 */
import { Resource } from "sst";
import { loadConfig, type RecapConfig } from "@recap/core/config";
import { eventBridgePublisher } from "@recap/core/events";
import { createDeps, type RecapDeps } from "@recap/core/runtime";
import { consoleLogger } from "@recap/core/shared";
import { connectTable } from "@recap/core/store";

export function awsDeps(options: { botToken?: boolean; signingSecret?: boolean } = {}): RecapDeps {
  const config: RecapConfig = loadConfig(process.env, "lambda");
  if (options.botToken) config.slack.botToken = Resource.SlackBotToken.value;
  if (options.signingSecret) config.slack.signingSecret = Resource.SlackSigningSecret.value;
  return createDeps({
    table: connectTable(Resource.RecapTable.name),
    publisher: eventBridgePublisher({ busName: Resource.RecapBus.name, log: (message) => consoleLogger.warn(message) }),
    config,
  });
}
