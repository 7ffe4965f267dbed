/** The arithmetic behind `npm run bench`'s section 7 (bench/cost.ts): known measurements in, known dollars out. No timings. */
import { describe, expect, it } from "vitest";
import { costReport, monthlyCost, PRICES, WORKLOAD, type CostInputs, type OpCost, type Workload } from "../bench/cost";

const ZERO: OpCost = { requests: 0, readUnits: 0, writeUnits: 0, events: 0, logBytes: 0, ms: 0 };

/** Only polls cost anything; every other operation is free. */
const inputs: CostInputs = {
  poll: {
    notModified: { requests: 2, readUnits: 1, writeUnits: 8, events: 0, logBytes: 1_000, ms: 100 },
    unchanged: { requests: 2, readUnits: 1, writeUnits: 8, events: 0, logBytes: 1_000, ms: 100 },
    newPost: { requests: 9, readUnits: 10, writeUnits: 24, events: 1, logBytes: 1_000, ms: 200 },
  },
  pollRun: ZERO,
  fanOutPerFeed: ZERO,
  digestRun: ZERO,
  digestReadUnitsPerChannel: 0,
  digest: ZERO,
  followEvent: ZERO,
  followAlert: ZERO,
  lookup: ZERO,
  storageBytesPerPost: 10_000,
  initMs: 0,
};

const workload: Workload = {
  ...WORKLOAD,
  daysPerMonth: 30,
  pollsPerFeedPerDay: 2,
  newPostsPerFeedPerDay: 0.5,
  newPostsPerChangedPoll: 1,
  share304: 0.5,
  digestsPerChannelPerDay: 1,
  lookupsPerChannelPerDay: 1,
  followAlertsPerChannelPerDay: 0,
  scheduleRunsPerDay: 96,
  schedules: 2,
  pollBatchSize: 40,
  coldShareScheduled: 0,
  coldShareOther: 0,
  platformLogBytesPerInvocation: 0,
  emfLogBytesPerJob: 0,
  storageAfterDays: 100,
  lambdaMemoryGb: 1,
  customMetrics: 10,
  alarmMetrics: 5,
};

describe("bench cost arithmetic", () => {
  it("prices a month of polls from per-poll units, milliseconds, events and log bytes", () => {
    const cost = monthlyCost({ name: "T", feeds: 100, channels: 0 }, inputs, workload, PRICES);
    // Per day: 200 polls, 50 with a new post, 150 quiet (75 answered 304, 75 the same body); 2 due per run: no fan-out.
    expect(cost.usage.pollsPerDay).toBe(200);
    expect(cost.usage.newPostsPerDay).toBe(50);
    // WRU: 50 × 24 + 150 × 8 = 2,400 a day. RRU: 50 × 10 + 150 × 1, plus the digest run's list (at least 0.5) 96 times.
    expect(cost.usage.wru).toBe(2_400 * 30);
    expect(cost.usage.rru).toBe((650 + 0.5 * 96) * 30);
    // 50 × 200 ms + 150 × 100 ms = 25 s a day at 1 GB.
    expect(cost.usage.gbSeconds).toBeCloseTo(25 * 30, 9);
    // Two schedules × 96, plus one follow-alerts invocation per new post.
    expect(cost.usage.invocationsPerMonth).toBe((192 + 50) * 30);
    expect(cost.usage.events).toBe(50 * 30);
    expect(cost.usage.logGb).toBeCloseTo((200 * 1_000 * 30) / 1e9, 12);

    const expected = {
      "Lambda compute (arm64)": 750 * 0.0000133334,
      "Lambda requests": ((242 * 30) / 1e6) * 0.2,
      "DynamoDB writes": (72_000 / 1e6) * 0.625,
      "DynamoDB reads": ((698 * 30) / 1e6) * 0.125,
      "DynamoDB storage (month 3)": ((50 * 100 * 10_000) / 1e9) * 0.25,
      "EventBridge custom events": (1_500 / 1e6) * 1,
      "EventBridge Scheduler": ((192 * 30) / 1e6) * 1,
      "CloudWatch Logs ingestion": 0.006 * 0.5,
    };
    expect(Object.fromEntries(cost.lines.map((line) => [line.service, line.usd]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([service, usd]) => [service, expect.closeTo(usd, 12)])),
    );
    expect(cost.total).toBeCloseTo(
      Object.values(expected).reduce((a, b) => a + b, 0),
      12,
    );
    expect(cost.fixed).toBeCloseTo(10 * 0.3 + 5 * 0.1, 12);
  });

  it("fans out when more feeds are due per run than a batch takes, one event and one invocation per batch", () => {
    const cost = monthlyCost({ name: "T", feeds: 10_000, channels: 0 }, inputs, workload, PRICES);
    // 20,000 polls a day: 208.3 due per run → 6 batches per run, 576 a day.
    expect(cost.usage.events).toBe((5_000 + 576) * 30);
    expect(cost.usage.invocationsPerMonth).toBe((192 + 576 + 5_000) * 30);
  });

  it("scales the digest's reads with channels", () => {
    const digestInputs: CostInputs = {
      ...inputs,
      poll: { notModified: ZERO, unchanged: ZERO, newPost: ZERO },
      digestReadUnitsPerChannel: 0.01,
      digest: { ...ZERO, readUnits: 2, writeUnits: 4, ms: 300 },
      lookup: { ...ZERO, readUnits: 3, ms: 20 },
    };
    const cost = monthlyCost({ name: "T", feeds: 1_000, channels: 100 }, digestInputs, workload, PRICES);
    // A day: 96 runs × 1 RRU (100 channels listed) + 100 digests × 2 + 100 lookups × 3.
    expect(cost.usage.rru).toBeCloseTo((96 + 200 + 300) * 30, 9);
    expect(cost.usage.wru).toBeCloseTo(400 * 30, 9);
    expect(cost.usage.gbSeconds).toBeCloseTo(((100 * 300 + 100 * 20) / 1000) * 30, 9);
  });

  it("says whether scenario A is within the issue's budget", () => {
    expect(costReport(inputs, { quick: false }, workload, PRICES)).toMatch(/budget ≤ US\$3: within/);
    const costly = { ...inputs, poll: { ...inputs.poll, notModified: { ...inputs.poll.notModified, writeUnits: 10_000 } } };
    expect(costReport(costly, { quick: false }, workload, PRICES)).toMatch(/budget ≤ US\$3: OVER/);
  });
});
