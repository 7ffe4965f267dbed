/**
 * Alarms as code. Every alarm notifies one SNS topic (subscribe an address or a chat integration to
 * `alarmTopic`); docs/operations.md says what each means and what to do.
 */
import { METRICS_NAMESPACE } from "../functions/lib/metrics";
import { botToken, deadLetters } from "./data";
import { HANDLERS } from "./handlers";
import { http } from "./http";
import { asyncFunctionNames } from "./ingest";

export const alarmTopic = new sst.aws.SnsTopic("RecapAlarms");

/** RECAP_OPS_CHANNEL (a channel id, at deploy): each alarm is posted there too. */
const opsChannel = process.env.RECAP_OPS_CHANNEL?.trim();
if (opsChannel) {
  alarmTopic.subscribe("AlarmsToSlack", {
    handler: HANDLERS.alarms,
    link: [botToken],
    environment: { RECAP_OPS_CHANNEL: opsChannel },
  });
}

interface AlarmSpec {
  description: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, $util.Input<string>>;
  statistic: "Sum" | "Maximum";
  /** Seconds per period, and how many periods in a row must breach. */
  period: number;
  evaluationPeriods?: number;
  threshold: number;
}

/** Recap's own counts (functions/lib/metrics.ts), summed over every function of the stage. */
const recap = (metricName: string) => ({ namespace: METRICS_NAMESPACE, metricName, dimensions: { Stage: $app.stage } });

export const ALARMS: Record<string, AlarmSpec> = {
  DeadLettersWaiting: {
    description: "An asynchronous job failed all its retries and waits in the dead-letter queue.",
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: deadLetters.nodes.queue.name },
    statistic: "Maximum",
    period: 300,
    threshold: 0,
  },
  DigestsFailed: {
    description: "A digest run could not post (or confirm) a channel's digest.",
    ...recap("DigestsFailed"),
    statistic: "Sum",
    period: 900,
    threshold: 0,
  },
  SlackAuthFailures: {
    description: "Slack refused Recap's token (invalid_auth, token_revoked, …): nothing reaches Slack until it is replaced.",
    ...recap("SlackAuthFailures"),
    statistic: "Sum",
    period: 900,
    threshold: 0,
  },
  SlackEndpoint5xx: {
    description: "The Slack function answered with server errors: commands are failing.",
    namespace: "AWS/Lambda",
    metricName: "Url5xxCount",
    dimensions: { FunctionName: http.nodes.function.name },
    statistic: "Sum",
    period: 300,
    threshold: 2,
  },
};

/** A metric-math alarm: it fires when its expression is above zero for one period, and says so when it clears. */
const MATH_ALARM = {
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: "GreaterThanThreshold",
  // No data means nothing happened: not an alarm.
  treatMissingData: "notBreaching",
  alarmActions: [alarmTopic.arn],
  okActions: [alarmTopic.arn],
};

/**
 * Every feed polled in half an hour failed, at least a few of them, summed over the stage's whole
 * poll and every batch: the network, DNS or Recap itself, not the feeds. (One job's own feeds all
 * failing says little: a batch may hold one dead feed.)
 */
const stageSum = (id: string, metricName: string) => ({
  id,
  returnData: false,
  metric: { ...recap(metricName), period: 1800, stat: "Sum" },
});
new aws.cloudwatch.MetricAlarm("AllFeedsFailing", {
  alarmDescription: `Recap: every feed polled in the last half hour failed. See docs/operations.md, "Alarms".`,
  metricQueries: [
    stageSum("polled", "FeedsPolled"),
    stageSum("failed", "FeedsFailed"),
    { id: "allFailing", expression: "IF(polled >= 3 AND failed >= polled, 1, 0)", label: "All feeds failing", returnData: true },
  ],
  ...MATH_ALARM,
});

/**
 * A Lambda metric summed over Recap's own functions, each by its FunctionName (Lambda publishes
 * every function metric per function, and the account-wide series would count other apps' too).
 */
function lambdaSum(name: string, description: string, metricName: string, functionNames: $util.Input<string>[]) {
  // CloudWatch refuses an alarm whose math reads more than ten metrics: say so here, not at deploy.
  if (functionNames.length > 10) throw new Error(`${name}: ${functionNames.length} functions, more than one alarm can sum`);
  new aws.cloudwatch.MetricAlarm(name, {
    alarmDescription: `Recap: ${description} See docs/operations.md, "Alarms".`,
    metricQueries: [
      ...functionNames.map((functionName, i) => ({
        id: `f${i}`,
        returnData: false,
        metric: { namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: functionName }, period: 300, stat: "Sum" },
      })),
      // FILL: a function with nothing to report has no data point, which is zero, not unknown.
      { id: "total", expression: "SUM(FILL(METRICS(), 0))", label: `${metricName}, every Recap function`, returnData: true },
    ],
    ...MATH_ALARM,
  });
}
lambdaSum(
  "AsyncEventsDropped",
  "Lambda dropped asynchronous events (too old, or retries spent without a destination).",
  "AsyncEventsDropped",
  asyncFunctionNames,
);
lambdaSum(
  "LambdaThrottles",
  "Lambda throttled invocations: a function at its reserved concurrency, or the account's exhausted.",
  "Throttles",
  [http.nodes.function.name, ...asyncFunctionNames],
);

for (const [name, alarm] of Object.entries(ALARMS)) {
  new aws.cloudwatch.MetricAlarm(name, {
    alarmDescription: `Recap: ${alarm.description} See docs/operations.md, "Alarms".`,
    namespace: alarm.namespace,
    metricName: alarm.metricName,
    dimensions: alarm.dimensions,
    statistic: alarm.statistic,
    period: alarm.period,
    evaluationPeriods: alarm.evaluationPeriods ?? 1,
    threshold: alarm.threshold,
    comparisonOperator: "GreaterThanThreshold",
    // No data means nothing happened (no digest due, no throttle): not an alarm.
    treatMissingData: "notBreaching",
    alarmActions: [alarmTopic.arn],
    okActions: [alarmTopic.arn],
  });
}
