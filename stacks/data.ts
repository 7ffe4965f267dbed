/** The one table, the bus and the Slack secrets. The table's keys and indexes come from the schema the code uses. */
import { sstDynamoArgs } from "../packages/core/src/store/schema";

export const table = new sst.aws.Dynamo("RecapTable", {
  ...sstDynamoArgs(),
  transform: {
    table: (args) => {
      args.pointInTimeRecovery = { enabled: true };
    },
  },
});

export const bus = new sst.aws.Bus("RecapBus");

/** Set with `npx sst secret set SlackSigningSecret …` (and SlackBotToken) before deploying. */
export const slackSecrets = [new sst.Secret("SlackSigningSecret"), new sst.Secret("SlackBotToken")];

/** RECAP_* settings in the deploying shell reach the functions (see the README's configuration). */
export const environment = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith("RECAP_") && entry[1] !== undefined),
);
