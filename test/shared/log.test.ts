/** The JSON logger Lambda functions use, and the correlation id that ties one invocation's lines together. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonLogger, withCorrelation } from "../../packages/core/src/shared/log";

describe("jsonLogger", () => {
  // The suite runs with RECAP_LOG_LEVEL=error; these lines are what is being checked.
  const level = process.env.RECAP_LOG_LEVEL;
  beforeAll(() => void (process.env.RECAP_LOG_LEVEL = "info"));
  afterAll(() => void (process.env.RECAP_LOG_LEVEL = level));

  it("writes one JSON object per line, with the correlation id of the work it is part of, however deep", async () => {
    const lines: string[] = [];
    const log = jsonLogger((line) => void lines.push(line));
    log.info("outside", { feedId: "f1" });
    await withCorrelation("evt-1", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.warn("inside", { attempt: 2 });
      await Promise.all([withCorrelation("evt-2", async () => log.error("nested")), Promise.resolve(log.info("still inside"))]);
    });
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map(({ time: _time, ...rest }) => rest)).toEqual([
      { level: "info", message: "outside", feedId: "f1" },
      { level: "warn", message: "inside", attempt: 2, correlationId: "evt-1" },
      { level: "error", message: "nested", correlationId: "evt-2" },
      { level: "info", message: "still inside", correlationId: "evt-1" },
    ]);
    for (const line of parsed) expect(Date.parse(String(line.time))).not.toBeNaN();
  });

  it("never lets a field pass for the level, message or time", () => {
    const lines: string[] = [];
    jsonLogger((line) => void lines.push(line)).error("real", { level: "info", message: "forged", time: "never" });
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ level: "error", message: "real" });
    expect(JSON.parse(lines[0] ?? "{}").time).not.toBe("never");
  });
});
