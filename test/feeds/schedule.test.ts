import { describe, expect, it } from "vitest";
import { intervalAfterSuccess, recentDates, nextPollAfterFailure, nextPollAfterSuccess } from "@recap/core/feeds";
import { DAY, HOUR, MINUTE } from "../helpers/clock";

const now = new Date("2026-11-20T12:00:00Z");
const base = { now, feedUrl: "https://blog.example.com/feed.xml", baseIntervalMinutes: 60 };

describe("interval after a successful poll", () => {
  it("uses the base interval until the feed shows a rhythm", () => {
    expect(intervalAfterSuccess({ ...base, postsLastWeek: undefined })).toBe(60 * MINUTE);
    expect(intervalAfterSuccess({ ...base, baseIntervalMinutes: 180 })).toBe(3 * HOUR);
  });

  it("is 7 days ÷ posts in the last week, held between 15 minutes and 24 hours", () => {
    expect(intervalAfterSuccess({ ...base, postsLastWeek: 14 })).toBe(12 * HOUR);
    expect(intervalAfterSuccess({ ...base, postsLastWeek: 1000 })).toBe(15 * MINUTE);
    expect(intervalAfterSuccess({ ...base, postsLastWeek: 1 })).toBe(DAY);
    expect(intervalAfterSuccess({ ...base, postsLastWeek: 0 })).toBe(DAY);
  });

  it("is raised, never lowered, by <ttl> and Cache-Control", () => {
    expect(intervalAfterSuccess({ ...base, postsLastWeek: 1000, ttlMinutes: 120 })).toBe(2 * HOUR);
    expect(intervalAfterSuccess({ ...base, postsLastWeek: 14, maxAgeSeconds: 60 })).toBe(12 * HOUR);
    expect(intervalAfterSuccess({ ...base, postsLastWeek: 1000, maxAgeSeconds: 3600 })).toBe(HOUR);
    expect(intervalAfterSuccess({ ...base, ttlMinutes: 100_000 })).toBe(DAY);
  });

  it("spreads feeds by a stable hash of their URL", () => {
    const offsets = ["a", "b", "c", "d", "e", "f"].map(
      (name) => nextPollAfterSuccess({ ...base, feedUrl: `https://same-host.example.com/${name}.xml` }).getTime() - now.getTime() - HOUR,
    );
    for (const offset of offsets) {
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(12 * MINUTE);
    }
    expect(new Set(offsets).size).toBeGreaterThan(1);
    expect(nextPollAfterSuccess(base).getTime()).toBe(nextPollAfterSuccess(base).getTime());
  });
});

describe("after a failure", () => {
  const failure = (consecutiveErrors: number, retryAfterMs?: number) =>
    nextPollAfterFailure({ now, feedUrl: base.feedUrl, consecutiveErrors, retryAfterMs }).getTime() - now.getTime();

  it("waits 5 min × 2^(n−1), capped at 24 hours", () => {
    expect(failure(1)).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(failure(1)).toBeLessThan(6 * MINUTE);
    expect(failure(3)).toBeGreaterThanOrEqual(20 * MINUTE);
    expect(failure(3)).toBeLessThan(21 * MINUTE);
    expect(failure(15)).toBeGreaterThanOrEqual(DAY);
    expect(failure(15)).toBeLessThan(DAY + MINUTE);
  });

  it("waits past a Retry-After longer than the backoff", () => {
    expect(failure(1, 3 * HOUR)).toBeGreaterThanOrEqual(3 * HOUR);
    expect(failure(5, MINUTE)).toBeGreaterThanOrEqual(80 * MINUTE);
  });
});

describe("recent publication dates", () => {
  it("keeps dates within 7 days, from memory and from the latest document, once each", () => {
    const remembered = ["2026-11-19T00:00:00Z", "2026-11-10T00:00:00Z"];
    const seen = ["2026-11-19T00:00:00Z", "2026-11-14T00:00:00Z", "2026-11-01T00:00:00Z", undefined];
    expect(recentDates(remembered, seen, now)).toEqual(["2026-11-19T00:00:00Z", "2026-11-14T00:00:00Z"]);
  });

  it("is unknown until the feed shows a dated item, and empty once its dates age out", () => {
    expect(recentDates(undefined, [undefined, undefined], now)).toBeUndefined();
    expect(recentDates(["2026-10-01T00:00:00Z"], [], now)).toEqual([]);
  });
});
