/** The core's counts as CloudWatch Embedded Metric Format lines (functions/lib/metrics.ts). */
import { describe, expect, it } from "vitest";
import { emfMetrics, METRICS_NAMESPACE } from "../../functions/lib/metrics";

describe("emfMetrics", () => {
  it("writes one EMF line per job: every count a metric of the namespace, by stage and by function", () => {
    const lines: string[] = [];
    const metrics = emfMetrics(
      { Stage: "prod", Function: "recap-prod-digest" },
      (line) => void lines.push(line),
      () => 1_764_720_000_000,
    );
    metrics.count({ DigestsPosted: 3, DigestsFailed: 1 });
    metrics.count({});
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toEqual({
      _aws: {
        Timestamp: 1_764_720_000_000,
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [["Stage"], ["Stage", "Function"]],
            Metrics: [
              { Name: "DigestsPosted", Unit: "Count" },
              { Name: "DigestsFailed", Unit: "Count" },
            ],
          },
        ],
      },
      Stage: "prod",
      Function: "recap-prod-digest",
      DigestsPosted: 3,
      DigestsFailed: 1,
    });
  });
});
