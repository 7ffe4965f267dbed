/**
 * The cap on first polls per scheduled run (FIRST_POLLS_PER_RUN): a feed's first poll stores its
 * whole backlog, so a run takes at most that many never-polled feeds, oldest added first, and leaves
 * the rest due for the next runs. Real fetcher over loopback HTTP, real stores (memory and dynalite).
 */
import { describe, expect, it } from "vitest";
import { newFeed, pollDueFeeds, pollFeedBatch, type Feed } from "@recap/core/feeds";
import { FIRST_POLLS_PER_RUN } from "../../packages/core/src/feeds/poll";
import { MINUTE, HOUR } from "../helpers/clock";
import { rss } from "../helpers/feed-server";
import { newRecap, useFreshRecap, type Harness, type TestRecap } from "../helpers/recap";

let harness: Harness;
let recap: TestRecap;

useFreshRecap({ harness: (started) => (harness = started), recap: (fresh) => (recap = fresh), storage: "memory" });

let counter = 0;

/**
 * Stores `n` feeds, each served with one item of its own. `addedAt` grows with the index; a
 * never-polled feed's next poll shrinks with it (the newest added are due soonest), so taking the
 * oldest added first is not the due order. `polledBefore` feeds have a successful poll behind them.
 */
async function storeFeeds(target: TestRecap, n: number, options: { polledBefore?: boolean } = {}): Promise<Feed[]> {
  const start = target.clock().getTime() - 2 * HOUR;
  const feeds: Feed[] = [];
  for (let i = 0; i < n; i++) {
    const path = `/first-${++counter}.xml`;
    harness.feeds.route(path, {
      body: rss([{ title: `Post ${counter}`, link: `https://first.example.com/${counter}`, guid: `g${counter}` }]),
    });
    const addedAt = new Date(start + i * 1000);
    const feed: Feed = {
      ...newFeed(harness.feeds.at(path), { via: "import" }, addedAt),
      nextPollAt: new Date(target.clock().getTime() - (n - i) * 1000).toISOString(),
      ...(options.polledBefore
        ? { lastSuccessAt: new Date(start - HOUR).toISOString(), lastPolledAt: new Date(start - HOUR).toISOString() }
        : {}),
    };
    if (!(await target.deps.store.feeds.create(feed))) throw new Error("feed exists");
    feeds.push(feed);
  }
  return feeds;
}

const hitsOf = (feed: Feed) => harness.feeds.hits(new URL(feed.url).pathname);
const ids = (feeds: Feed[]) => feeds.map((feed) => feed.id).sort();

describe("first polls per scheduled run", () => {
  it("takes at most FIRST_POLLS_PER_RUN never-polled feeds a run, oldest added first, every feed polled before, each feed once", async () => {
    const run = await newRecap(harness, { RECAP_POLL_BATCH_SIZE: "10000", RECAP_POLL_PER_HOST: "8" }, "memory");
    const extra = 30;
    const imported = await storeFeeds(run, FIRST_POLLS_PER_RUN + extra);
    const polledBefore = await storeFeeds(run, 5, { polledBefore: true });

    const first = await pollDueFeeds(run.deps);
    // Every feed polled before, and exactly the cap of the imported ones: those added first.
    expect(first.polled.map((outcome) => outcome.feedId).sort()).toEqual(ids([...polledBefore, ...imported.slice(0, FIRST_POLLS_PER_RUN)]));
    expect(first.polled.every((outcome) => outcome.status === "ok")).toBe(true);
    expect(first).toMatchObject({ due: FIRST_POLLS_PER_RUN + extra + 5, fannedOut: 0, deferred: extra });
    // The rest were not touched: still due, never fetched.
    const left = imported.slice(FIRST_POLLS_PER_RUN);
    expect(left.every((feed) => hitsOf(feed) === 0)).toBe(true);
    run.clock.advance(15 * MINUTE);
    const dueIds = new Set((await run.deps.store.feeds.due(run.clock())).map((feed) => feed.id));
    expect(left.every((feed) => dueIds.has(feed.id))).toBe(true);

    // Feeds added after the first run queue behind those it left: no feed waits on newer ones.
    const later = await storeFeeds(run, FIRST_POLLS_PER_RUN);
    const second = await pollDueFeeds(run.deps);
    expect(second.deferred).toBe(extra);
    expect(second.polled.map((outcome) => outcome.feedId).sort()).toEqual(ids([...left, ...later.slice(0, FIRST_POLLS_PER_RUN - extra)]));

    run.clock.advance(15 * MINUTE);
    const third = await pollDueFeeds(run.deps);
    expect(third).toMatchObject({ deferred: 0 });
    expect(third.polled.map((outcome) => outcome.feedId).sort()).toEqual(ids(later.slice(FIRST_POLLS_PER_RUN - extra)));

    // Each feed fetched exactly once over the three runs, and none is left never polled.
    expect([...imported, ...polledBefore, ...later].map(hitsOf).every((hits) => hits === 1)).toBe(true);
    const stored = await Promise.all([...imported, ...later].map((feed) => run.deps.store.feeds.get(feed.id)));
    expect(stored.every((feed) => feed?.lastSuccessAt !== undefined)).toBe(true);
  }, 30_000);

  it("with fewer never-polled feeds than the cap, takes them all", async () => {
    const imported = await storeFeeds(recap, 3);
    const summary = await pollDueFeeds(recap.deps);
    expect(summary).toMatchObject({ due: 3, deferred: 0, fannedOut: 0 });
    expect(summary.polled.map((outcome) => outcome.feedId).sort()).toEqual(ids(imported));
  });

  it("fans the run's first polls out in one batch of their own, the cap's worth, and feeds polled before in batches (dynalite)", async () => {
    const fanned = await newRecap(harness, { RECAP_POLL_BATCH_SIZE: "4", RECAP_POLL_PER_HOST: "8" });
    harness.bridge.accepted.length = 0;
    const imported = await storeFeeds(fanned, FIRST_POLLS_PER_RUN + 12);
    const polledBefore = await storeFeeds(fanned, 10, { polledBefore: true });

    const summary = await pollDueFeeds(fanned.deps);
    const batches = harness.bridge.details<{ feedIds: string[] }>("feeds.poll.requested").map((batch) => batch.feedIds);
    expect(batches.map((batch) => batch.length)).toEqual([4, 4, 2, FIRST_POLLS_PER_RUN]);
    expect(batches.slice(0, 3).flat().sort()).toEqual(ids(polledBefore));
    expect([...(batches[3] ?? [])].sort()).toEqual(ids(imported.slice(0, FIRST_POLLS_PER_RUN)));
    expect(summary).toMatchObject({ due: FIRST_POLLS_PER_RUN + 12 + 10, polled: [], fannedOut: FIRST_POLLS_PER_RUN + 10, deferred: 12 });

    // Each batch, polled as its subscriber polls it, takes its feeds once; the next run takes the rest.
    const outcomes = (await Promise.all(batches.map((batch) => pollFeedBatch(batch, fanned.deps)))).flat();
    expect(outcomes.map((outcome) => outcome.feedId).sort()).toEqual(ids([...polledBefore, ...imported.slice(0, FIRST_POLLS_PER_RUN)]));
    fanned.clock.advance(15 * MINUTE);
    harness.bridge.accepted.length = 0;
    expect(await pollDueFeeds(fanned.deps)).toMatchObject({ due: 12, fannedOut: 12, deferred: 0 });
    const [rest] = harness.bridge.details<{ feedIds: string[] }>("feeds.poll.requested").map((batch) => batch.feedIds);
    const next = await pollFeedBatch(rest ?? [], fanned.deps);
    expect(next.map((outcome) => outcome.feedId).sort()).toEqual(ids(imported.slice(FIRST_POLLS_PER_RUN)));
    expect([...imported, ...polledBefore].map(hitsOf).every((hits) => hits === 1)).toBe(true);
  }, 60_000);
});
