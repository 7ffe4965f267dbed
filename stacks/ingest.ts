/**
 * Feed ingestion: the scheduled poll and the bus subscribers, built from the same definitions the
 * local runner uses (packages/core/src/runtime/definitions.ts).
 */
import { rateExpression, SCHEDULES, SUBSCRIPTIONS } from "../packages/core/src/runtime/definitions";
import { bus, table } from "./data";

const linked = [table, bus];

for (const [name, schedule] of Object.entries(SCHEDULES)) {
  new sst.aws.CronV2(`Schedule${capitalize(name)}`, {
    schedule: rateExpression(schedule.everyMinutes),
    function: {
      handler: schedule.handler,
      link: linked,
      timeout: `${schedule.timeoutSeconds} seconds`,
      memory: "512 MB",
    },
  });
}

for (const [name, subscription] of Object.entries(SUBSCRIPTIONS)) {
  bus.subscribe(
    `On${capitalize(name)}`,
    {
      handler: subscription.handler,
      link: linked,
      timeout: `${subscription.timeoutSeconds} seconds`,
      memory: "512 MB",
    },
    { pattern: { detailType: [...subscription.detailTypes] } },
  );
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
