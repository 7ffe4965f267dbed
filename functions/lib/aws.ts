/**
 * The production adapters: the linked DynamoDB table and EventBridge bus (names from SST's
 * `Resource`), the Slack secrets the function is linked to (the bot token to send; the signing
 * secret only where Slack's requests are verified), settings from the environment.
 * Built once per Lambda container, outside handlers.
 */
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { Resource } from "sst";
import { loadConfig, type RecapConfig } from "@recap/core/config";
import { eventBridgePublisher, type EventPublisher } from "@recap/core/events";
import {
  createDeps,
  SCHEDULES,
  SUBSCRIPTIONS,
  type FeedReader,
  type RecapDeps,
  type ScheduleName,
  type SubscriptionName,
} from "@recap/core/runtime";
import { jsonLogger, withCorrelation } from "@recap/core/shared";
import { emfMetrics } from "./metrics";
import { STAGE_SETTINGS, UNSET } from "./stage";
import { connectTable, REQUEST_PATH_CLIENT } from "@recap/core/store";

const log = jsonLogger();

/**
 * The deps of one function, by what runs in it (runtime/definitions.ts): the bot token only where
 * its definition posts to Slack, the signing secret and the request-path bounds only in the Slack
 * function — the same facts stacks/ links the resources by. A function that reads feeds passes the
 * reader (`feedReader`): imported here, it would be bundled into every function, Slack's included.
 */
export function awsDeps(runs: ScheduleName | SubscriptionName | "http", reader?: (config: RecapConfig) => FeedReader): RecapDeps {
  const http = runs === "http";
  const definition = http ? undefined : runs in SCHEDULES ? SCHEDULES[runs as ScheduleName] : SUBSCRIPTIONS[runs as SubscriptionName];
  const options = {
    botToken: http || definition?.slack === true,
    signingSecret: http,
    requestPath: http,
  };
  if (definition?.readsFeeds && !reader) throw new Error(`${runs} reads feeds: its handler must pass feedReader to awsDeps`);
  const config: RecapConfig = loadConfig({ ...process.env, ...stageSettings() }, "lambda");
  if (options.botToken) config.slack.botToken = Resource.SlackBotToken.value;
  if (options.signingSecret) config.slack.signingSecret = Resource.SlackSigningSecret.value;
  return createDeps({
    table: connectTable(Resource.RecapTable.name, options.requestPath ? REQUEST_PATH_CLIENT : {}),
    publisher: lazyPublisher(() =>
      eventBridgePublisher({
        busName: Resource.RecapBus.name,
        log: (message) => log.warn(message),
        // On Slack's request path (handing `add` or `retag` to the bus) the same bounds as the table's.
        ...(options.requestPath
          ? { client: new EventBridgeClient({ maxAttempts: 2, requestHandler: REQUEST_PATH_CLIENT.requestHandler }), maxAttempts: 2 }
          : {}),
      }),
    ),
    config,
    ...reader?.(config),
    log,
    metrics: emfMetrics({
      Stage: "App" in Resource ? Resource.App.stage : "unknown",
      Function: process.env.AWS_LAMBDA_FUNCTION_NAME ?? "unknown",
    }),
  });
}

/**
 * Admins and workspaces come from the stage's secrets (stacks/data.ts), never from the environment
 * a deploy happened to run in; a function not linked to them (it does not need them) has neither.
 */
function stageSettings(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(STAGE_SETTINGS).map(([setting, secret]) => {
      const value = secret in Resource ? Resource[secret].value : undefined;
      return [setting, value === UNSET ? undefined : value];
    }),
  );
}

/** Made on first use: only the functions that publish are linked to the bus (runtime/definitions.ts). */
function lazyPublisher(make: () => EventPublisher): EventPublisher {
  let publisher: EventPublisher | undefined;
  return { publish: (events) => (publisher ??= make()).publish(events) };
}

/**
 * Runs one invocation with its correlation id on every log line: the bus event's id (the same in
 * every retry and in the dead-letter queue, so one event's whole story is one query), else the
 * Lambda request id.
 */
export function correlated<T>(event: unknown, context: { awsRequestId: string }, work: () => Promise<T>): Promise<T> {
  const eventId = typeof event === "object" && event !== null && "id" in event && typeof event.id === "string" ? event.id : undefined;
  return withCorrelation(eventId ?? context.awsRequestId, work);
}
