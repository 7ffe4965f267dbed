/**
 * The core's counts as CloudWatch metrics, in the Embedded Metric Format: one JSON line on stdout
 * per job that CloudWatch turns into metrics itself (no API call, no added latency), namespace
 * "Recap", by stage and function. stacks/monitoring.ts alarms on them.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
import type { Metrics } from "@recap/core/ports";

export const METRICS_NAMESPACE = "Recap";

export function emfMetrics(
  dimensions: { Stage: string; Function: string },
  write: (line: string) => void = (line) => void process.stdout.write(`${line}\n`),
  now: () => number = Date.now,
): Metrics {
  return {
    count(counts) {
      const names = Object.keys(counts);
      if (names.length === 0) return;
      write(
        JSON.stringify({
          _aws: {
            Timestamp: now(),
            CloudWatchMetrics: [
              {
                Namespace: METRICS_NAMESPACE,
                Dimensions: [["Stage"], ["Stage", "Function"]],
                Metrics: names.map((Name) => ({ Name, Unit: "Count" })),
              },
            ],
          },
          ...dimensions,
          ...counts,
        }),
      );
    },
  };
}
