/**
 * The one table, the bus, the Slack secrets and the dead-letter queue. The table's keys and indexes
 * come from the schema the code uses. Linking either grants exactly what the code does with it.
 */
import { STAGE_SETTINGS, UNSET } from "../functions/lib/stage";
import { sstDynamoArgs } from "../packages/core/src/store/schema";

/** Every operation the store performs (packages/core/src/store): a linked function may run these and no other. */
export const TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:Query",
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
];

// SST's default links grant dynamodb:* and events:*: these replace them for every link in the app.
sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({
  properties: { name: table.name },
  include: [sst.aws.permission({ actions: TABLE_ACTIONS, resources: [table.arn, $interpolate`${table.arn}/index/*`] })],
}));
sst.Linkable.wrap(sst.aws.Bus, (bus) => ({
  properties: { name: bus.name, arn: bus.arn },
  include: [sst.aws.permission({ actions: ["events:PutEvents"], resources: [bus.arn] })],
}));

export const table = new sst.aws.Dynamo("RecapTable", {
  ...sstDynamoArgs(),
  transform: {
    table: (args) => {
      args.pointInTimeRecovery = { enabled: true };
      args.deletionProtectionEnabled = $app.stage === "prod";
    },
  },
});

export const bus = new sst.aws.Bus("RecapBus");

/**
 * Where an asynchronous job lands once its retries are spent — a schedule Scheduler could not
 * invoke, a subscriber or schedule that failed three times — to be looked at and replayed
 * (docs/operations.md). Kept for the longest SQS allows.
 */
export const deadLetters = new sst.aws.Queue("RecapDeadLetters", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

/** Set with `npx sst secret set SlackSigningSecret …` (and SlackBotToken) before deploying. */
export const signingSecret = new sst.Secret("SlackSigningSecret");
export const botToken = new sst.Secret("SlackBotToken");

/**
 * Who may manage Recap from Slack, and which workspaces it serves: the stage's own settings, kept
 * with the stage (`npx sst secret set RecapSlackAdmins "U012AB3CD U045EF6GH" --stage prod`), so a
 * deploy from a shell or a CI job that lacks them never silently opens management to everyone.
 * UNSET (the placeholder) means not set.
 */
// They used to be read from the deploying shell: a shell that still sets them is deploying a stage
// whose admins would silently be dropped. Stop, and say how to keep them.
for (const [setting, secret] of Object.entries(STAGE_SETTINGS)) {
  if (process.env[setting]?.trim()) {
    throw new Error(
      `${setting} is set in this shell, but on AWS it is the stage secret ${secret}: run \`npx sst secret set ${secret} "${process.env[setting]?.trim()}" --stage ${$app.stage}\`, unset ${setting}, and deploy again.`,
    );
  }
}
export const slackAdmins = new sst.Secret(STAGE_SETTINGS.RECAP_SLACK_ADMINS, UNSET);
export const slackTeamIds = new sst.Secret(STAGE_SETTINGS.RECAP_SLACK_TEAM_IDS, UNSET);

/** Other RECAP_* settings in the deploying shell reach the functions (see the README's configuration). */
export const environment = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[0].startsWith("RECAP_") && entry[1] !== undefined && !(entry[0] in STAGE_SETTINGS),
  ),
);
