/**
 * The in-process bus: EventBridge's delivery shape (asynchronous, enveloped, per-subscriber,
 * retried then logged) with a bound on how many deliveries each subscriber runs at once.
 */
import { describe, expect, it } from "vitest";
import type { EventBridgeEvent } from "aws-lambda";
import { EVENT_SOURCE, localBus, type BusEvent } from "@recap/core/events";
import { silentLogger, type Logger } from "@recap/core/shared";

type Envelope = EventBridgeEvent<string, unknown>;

function recordingLogger(): Logger & { errors: { message: string; fields?: Record<string, unknown> }[] } {
  const errors: { message: string; fields?: Record<string, unknown> }[] = [];
  return { info() {}, warn() {}, error: (message, fields) => void errors.push({ message, fields }), errors };
}

const pollRequested = (...feedIds: string[]): BusEvent => ({ detailType: "feeds.poll.requested", detail: { feedIds } });
const paused = (feedId: string): BusEvent => ({
  detailType: "feed.paused",
  detail: { feedId, url: `https://${feedId}.example.com/feed`, reason: "HTTP 410", consecutiveErrors: 11 },
});

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe("localBus", () => {
  it("delivers asynchronously, as EventBridge envelopes, copies of the detail", async () => {
    const bus = localBus(silentLogger);
    const received: Envelope[] = [];
    bus.subscribe({ name: "batch", detailTypes: ["feeds.poll.requested"], handle: async (event) => void received.push(event) });

    const event = pollRequested("a", "b");
    const result = await bus.publish([event]);
    expect(result).toEqual({ failed: [] });
    expect(received).toHaveLength(0); // publish returned before any handler ran

    await bus.idle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      version: "0",
      id: expect.any(String),
      "detail-type": "feeds.poll.requested",
      source: EVENT_SOURCE,
      account: "local",
      region: "local",
      resources: [],
      detail: { feedIds: ["a", "b"] },
    });
    expect(Number.isNaN(Date.parse(received[0]?.time ?? ""))).toBe(false);
    expect(received[0]?.detail).not.toBe(event.detail);
  });

  it("delivers an event only to the subscribers of its detail type", async () => {
    const bus = localBus(silentLogger);
    const seen: Record<string, string[]> = { polls: [], pauses: [], both: [] };
    bus.subscribe({ name: "polls", detailTypes: ["feeds.poll.requested"], handle: async (e) => void seen.polls?.push(e["detail-type"]) });
    bus.subscribe({ name: "pauses", detailTypes: ["feed.paused"], handle: async (e) => void seen.pauses?.push(e["detail-type"]) });
    bus.subscribe({
      name: "both",
      detailTypes: ["feed.paused", "feeds.poll.requested"],
      handle: async (e) => void seen.both?.push(e["detail-type"]),
    });

    await bus.publish([pollRequested("a"), paused("b")]);
    await bus.idle();
    expect(seen).toEqual({
      polls: ["feeds.poll.requested"],
      pauses: ["feed.paused"],
      both: ["feeds.poll.requested", "feed.paused"],
    });
  });

  it("retries a failing delivery, which then succeeds without an error logged", async () => {
    const log = recordingLogger();
    const bus = localBus(log);
    let attempts = 0;
    const ids: string[] = [];
    bus.subscribe({
      name: "flaky",
      detailTypes: ["feeds.poll.requested"],
      async handle(event) {
        ids.push(event.id);
        if (++attempts <= 2) throw new Error(`transient ${attempts}`);
      },
    });

    await bus.publish([pollRequested("a")]);
    await bus.idle();
    expect(attempts).toBe(3);
    expect(new Set(ids).size).toBe(1); // the same event, redelivered
    expect(log.errors).toEqual([]);
  });

  it("logs a delivery that keeps failing, without holding up other deliveries", async () => {
    const log = recordingLogger();
    const bus = localBus(log, { concurrency: 1 });
    let attempts = 0;
    const delivered: unknown[] = [];
    bus.subscribe({
      name: "broken",
      detailTypes: ["feeds.poll.requested"],
      async handle() {
        attempts++;
        throw new Error("table unreachable");
      },
    });
    bus.subscribe({ name: "healthy", detailTypes: ["feeds.poll.requested"], handle: async (event) => void delivered.push(event.detail) });

    await bus.publish([pollRequested("a"), pollRequested("b")]);
    await bus.idle();
    expect(attempts).toBe(6); // three attempts for each event: the first failure did not block the second
    expect(delivered).toEqual([{ feedIds: ["a"] }, { feedIds: ["b"] }]);
    expect(log.errors).toHaveLength(2);
    expect(log.errors[0]).toMatchObject({
      message: expect.stringMatching(/broken failed on feeds\.poll\.requested/),
      fields: { error: "table unreachable" },
    });
  });

  it("runs at most the bound of deliveries at once per subscriber, queuing the rest in order", async () => {
    const bus = localBus(silentLogger); // default bound: 2
    let running = 0;
    let maxRunning = 0;
    let otherRunning = 0;
    let maxOtherRunning = 0;
    const order: string[] = [];
    bus.subscribe({
      name: "slow",
      detailTypes: ["feeds.poll.requested"],
      async handle(event) {
        running++;
        maxRunning = Math.max(maxRunning, running);
        order.push((event.detail as { feedIds: string[] }).feedIds[0] ?? "");
        await tick(10);
        running--;
      },
    });
    bus.subscribe({
      name: "other",
      detailTypes: ["feeds.poll.requested"],
      async handle() {
        otherRunning++;
        maxOtherRunning = Math.max(maxOtherRunning, otherRunning);
        await tick(10);
        otherRunning--;
      },
    });

    const ids = Array.from({ length: 10 }, (_, i) => `feed-${i}`);
    await bus.publish(ids.map((id) => pollRequested(id)));
    await bus.idle();
    expect(order).toEqual(ids);
    expect(maxRunning).toBe(2);
    expect(maxOtherRunning).toBe(2); // each subscriber has its own bound
    expect(running).toBe(0);

    const single = localBus(silentLogger, { concurrency: 1 });
    let now = 0;
    let max = 0;
    single.subscribe({
      name: "one",
      detailTypes: ["feed.paused"],
      async handle() {
        max = Math.max(max, ++now);
        await tick(2);
        now--;
      },
    });
    await single.publish(ids.map((id) => paused(id)));
    await single.idle();
    expect(max).toBe(1);
  });

  it("idle() waits for deliveries that handlers published, even once their own delivery ended", async () => {
    const bus = localBus(silentLogger);
    const handled: string[] = [];
    bus.subscribe({
      name: "fan-out",
      detailTypes: ["feeds.poll.requested"],
      async handle(event) {
        const [first] = (event.detail as { feedIds: string[] }).feedIds;
        handled.push(`poll ${first}`);
        await tick();
        // A handler publishes and returns at once: its events are still queued when it finishes.
        await bus.publish([paused(`${first}-1`), paused(`${first}-2`), paused(`${first}-3`)]);
      },
    });
    bus.subscribe({
      name: "notify",
      detailTypes: ["feed.paused"],
      async handle(event) {
        await tick(10);
        handled.push(`paused ${(event.detail as { feedId: string }).feedId}`);
      },
    });

    expect(await Promise.race([bus.idle().then(() => "idle"), tick(50).then(() => "waiting")])).toBe("idle"); // nothing published yet
    await bus.publish([pollRequested("a"), pollRequested("b")]);
    await bus.idle();
    expect(handled).toHaveLength(8);
    expect(handled.filter((line) => line.startsWith("paused"))).toHaveLength(6);
  });
});
