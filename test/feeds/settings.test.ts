/** Settings that change behaviour, the default feeds, and the throwaway in-memory mode. */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FEEDS, addFeed, refreshFeed, seedDefaultFeeds, type Feed } from "@recap/core/feeds";
import { loadConfig } from "@recap/core/config";
import { silentLogger } from "@recap/core/shared";
import { openLocalRecap } from "@recap/local";
import { HOUR } from "../helpers/clock";
import { rss } from "../helpers/feed-server";
import { newRecap, startHarness, type Harness } from "../helpers/recap";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describe("settings from the environment", () => {
  it("reads an empty variable as unset, and names a bad one", () => {
    const config = loadConfig({ SLACK_APP_TOKEN: "", SLACK_BOT_TOKEN: "  ", RECAP_FETCH_TIMEOUT_MS: "" }, "local");
    expect(config.slack.appToken).toBeUndefined();
    expect(config.slack.botToken).toBeUndefined();
    expect(config.fetch.timeoutMs).toBe(loadConfig({}, "local").fetch.timeoutMs);
    expect(() => loadConfig({ RECAP_FETCH_TIMEOUT_MS: "soon" }, "local")).toThrow(/RECAP_FETCH_TIMEOUT_MS/);
  });

  it("RECAP_PAUSE_AFTER_FAILURES pauses sooner, and the notice names the channel the feed came from", async () => {
    const recap = await newRecap(harness, { RECAP_PAUSE_AFTER_FAILURES: "2" });
    harness.feeds.route("/pause-early.xml", { body: rss([{ title: "Up", link: "https://blog.example.com/up", guid: "u" }]) });
    const added = await addFeed(harness.feeds.at("/pause-early.xml"), { via: "slack", channelId: "C123", userId: "U456" }, recap.deps);
    let feed = (added as { feed: Feed }).feed;
    harness.feeds.route("/pause-early.xml", { status: 500, body: "down" });
    for (let attempt = 1; attempt <= 2; attempt++) {
      recap.clock.advance(2 * HOUR);
      await refreshFeed((await recap.deps.store.feeds.get(feed.id)) as Feed, recap.deps);
    }
    feed = (await recap.deps.store.feeds.get(feed.id)) as Feed;
    expect(feed).toMatchObject({ status: "paused", consecutiveErrors: 2 });
    expect(harness.bridge.details("feed.paused")).toContainEqual(
      expect.objectContaining({ feedId: feed.id, addedIn: { channelId: "C123", userId: "U456" } }),
    );
  });

  it("RECAP_FETCH_MAX_BYTES refuses bigger feeds with a clear reason", async () => {
    const recap = await newRecap(harness, { RECAP_FETCH_MAX_BYTES: "2048" });
    const items = Array.from({ length: 40 }, (_, index) => ({
      title: `Item ${index}`,
      link: `https://blog.example.com/big-${index}`,
      guid: `${index}`,
    }));
    harness.feeds.route("/big.xml", { body: rss(items) });
    const result = await addFeed(harness.feeds.at("/big.xml"), { via: "cli" }, recap.deps);
    expect(result).toMatchObject({ status: "failed", error: expect.stringMatching(/exceeded/i) });
  });

  it("rejects invalid settings with the variable's name", async () => {
    await expect(newRecap(harness, { RECAP_POLL_CONCURRENCY: "lots" })).rejects.toThrow(/RECAP_POLL_CONCURRENCY/);
  });
});

describe("default feeds", () => {
  it("are followed once per installation, without fetching them", async () => {
    const recap = await newRecap(harness);
    const requestsBefore = harness.feeds.requests.length;
    expect(await seedDefaultFeeds(recap.deps)).toBe(DEFAULT_FEEDS.length);
    const feeds = await recap.deps.store.feeds.list();
    expect(feeds.map((feed) => feed.url).sort()).toEqual(DEFAULT_FEEDS.map((feed) => feed.url).sort());
    expect(feeds.every((feed) => feed.status === "active" && feed.origin?.via === "seed" && !feed.lastPolledAt)).toBe(true);
    expect(harness.feeds.requests.length).toBe(requestsBefore);

    // Removing them all does not bring them back on the next start.
    for (const feed of feeds) await recap.deps.store.feeds.remove(feed.id);
    expect(await seedDefaultFeeds(recap.deps)).toBe(0);
    expect(await recap.deps.store.feeds.list()).toEqual([]);
  });
});

describe("in-memory mode", () => {
  it("writes nothing to the data directory", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "recap-memory-"));
    try {
      const recap = await openLocalRecap({ dataDir, inMemory: true, log: silentLogger, env: {} });
      expect(recap.dataDir).toBeUndefined();
      await recap.deps.store.feeds.firstTime("probe", new Date());
      await recap.close();
      expect(await readdir(dataDir)).toEqual([]);
      expect(existsSync(join(dataDir, "db"))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
