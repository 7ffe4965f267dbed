/**
 * Feed ingestion and its bus subscribers, built from the same definitions the local runner uses
 * (packages/core/src/runtime/definitions.ts).
 */
import { scheduleExpression, SCHEDULES, SUBSCRIPTIONS } from "../packages/core/src/runtime/definitions";
import { bus, environment, slackSecrets, table } from "./data";
import { HANDLERS } from "./handlers";

// Feed bodies may be 15 MiB each and 8 are fetched at once: leave room for them and their parse.
const memory = "1024 MB";

for (const [name, schedule] of typedEntries(SCHEDULES)) {
  new sst.aws.CronV2(`Schedule${capitalize(name)}`, {
    schedule: scheduleExpression(schedule.everyMinutes),
    function: {
      handler: HANDLERS[name],
      link: schedule.slack ? [table, bus, ...slackSecrets] : [table, bus],
      environment,
      timeout: `${schedule.timeoutSeconds} seconds`,
      memory,
    },
  });
}

for (const [name, subscription] of typedEntries(SUBSCRIPTIONS)) {
  bus.subscribe(
    `On${capitalize(name)}`,
    {
      handler: HANDLERS[name],
      link: subscription.slack ? [table, bus, ...slackSecrets] : [table, bus],
      environment,
      timeout: `${subscription.timeoutSeconds} seconds`,
      memory,
    },
    { pattern: { detailType: [...subscription.detailTypes] } },
  );
}

function typedEntries<T extends object>(record: T): [keyof T & string, T[keyof T]][] {
  return Object.entries(record) as [keyof T & string, T[keyof T]][];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
