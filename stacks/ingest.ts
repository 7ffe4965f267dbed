/**
 * Feed ingestion and its bus subscribers, built from the same definitions the local runner uses
 * (packages/core/src/runtime/definitions.ts). Every one of them runs asynchronously, so every one
 * gets Lambda's retries and, after them, the dead-letter queue: nothing fails silently.
 */
import { scheduleExpression, SCHEDULES, SUBSCRIPTIONS } from "../packages/core/src/runtime/definitions";
import { botToken, bus, deadLetters, environment, table } from "./data";
import { HANDLERS } from "./handlers";

// Memory is SST's default, 1024 MB: room for 8 feed bodies of up to 15 MiB fetched at once and
// their parse. (Settings that only restate SST's defaults are left out.)
/** Lambda's own retries of a failed asynchronous invocation (its default, said out loud), then the DLQ. */
const ASYNC_RETRIES = 2;

/**
 * Reserved concurrency, when the deploy asks (RECAP_RESERVE_CONCURRENCY=true): AWS refuses a
 * reservation that leaves fewer than 100 unreserved, and a new account's quota is 10, so it is not
 * the default. With it, a 10,000-feed burst of poll batches cannot starve the Slack function.
 */
const reserve = process.env.RECAP_RESERVE_CONCURRENCY?.trim() === "true";

function asyncFunction(
  name: keyof typeof HANDLERS,
  options: { slack: boolean; publishes: boolean; timeoutSeconds: number; reserved: number },
): sst.aws.FunctionArgs {
  return {
    ...(reserve ? { concurrency: { reserved: options.reserved } } : {}),
    handler: HANDLERS[name],
    // Each gets only what it uses: the bus if it publishes, the bot token if it posts to Slack.
    link: [table, ...(options.publishes ? [bus] : []), ...(options.slack ? [botToken] : [])],
    environment,
    timeout: `${options.timeoutSeconds} seconds`,
    // The on-failure destination is sent by the function's own role.
    permissions: [{ actions: ["sqs:SendMessage"], resources: [deadLetters.arn] }],
  };
}

/** The name of every function invoked asynchronously here (monitoring alarms on each of them). */
export const asyncFunctionNames: $util.Input<string>[] = [];

/** After ASYNC_RETRIES failed attempts, Lambda hands the event (with the error) to the dead-letter queue. */
function deadLetterOnFailure(name: string, functionName: $util.Input<string>) {
  asyncFunctionNames.push(functionName);
  new aws.lambda.FunctionEventInvokeConfig(`${name}OnFailure`, {
    functionName,
    maximumRetryAttempts: ASYNC_RETRIES,
    destinationConfig: { onFailure: { destination: deadLetters.arn } },
  });
}

for (const [name, schedule] of typedEntries(SCHEDULES)) {
  const cron = new sst.aws.CronV2(`Schedule${capitalize(name)}`, {
    schedule: scheduleExpression(schedule.everyMinutes),
    function: asyncFunction(name, schedule),
    // Scheduler's own retries cover invoking the function (throttling, a missing permission); the
    // function's failures are Lambda's, below. CronV2 makes no retry unless told.
    retries: ASYNC_RETRIES,
    dlq: deadLetters.arn,
  });
  deadLetterOnFailure(`Schedule${capitalize(name)}`, cron.nodes.function.name);
}

for (const [name, subscription] of typedEntries(SUBSCRIPTIONS)) {
  const subscriber = bus.subscribe(`On${capitalize(name)}`, asyncFunction(name, subscription), {
    pattern: { detailType: [...subscription.detailTypes] },
  });
  deadLetterOnFailure(`On${capitalize(name)}`, subscriber.nodes.function.name);
}

function typedEntries<T extends object>(record: T): [keyof T & string, T[keyof T]][] {
  return Object.entries(record) as [keyof T & string, T[keyof T]][];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
