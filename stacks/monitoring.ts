/**
 * Alarms as code. Every alarm notifies one SNS topic (subscribe an address or a chat integration to
 * `alarmTopic`); docs/operations.md says what to do for each.
 */
import { deadLetters } from "./data";

export const alarmTopic = new sst.aws.SnsTopic("RecapAlarms");

/** A job that failed all its retries is waiting in the dead-letter queue. */
new aws.cloudwatch.MetricAlarm("DeadLettersWaiting", {
  alarmDescription: "Recap: an asynchronous job failed all its retries and waits in the dead-letter queue (docs/operations.md).",
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: deadLetters.nodes.queue.name },
  statistic: "Maximum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
  alarmActions: [alarmTopic.arn],
  okActions: [alarmTopic.arn],
});
