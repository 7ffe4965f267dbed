/**
 * A feed's whole refresh against real components: the real fetcher over loopback HTTP, dynalite
 * over HTTP, and the EventBridge SDK client talking to a loopback PutEvents stand-in.
 */
import { describe, expect, it } from "vitest";
import { addFeed, newFeed, pollDueFeeds, pollFeedBatch, pollFeeds, refreshFeed, resumeFeed, type Feed } from "@recap/core/feeds";
import { MAX_ITEMS_PER_DOCUMENT } from "../../packages/core/src/feeds/refresh";
import { depsFor, subscriptionHandlers, type BusEnvelope } from "@recap/core/runtime";
import { runCommand } from "@recap/core/commands";
import { announce } from "../../packages/core/src/feeds/announce";
import { DAY, HOUR, MINUTE } from "../helpers/clock";
import { writesSince } from "../helpers/dynamo";
import { rss, startFeedServer } from "../helpers/feed-server";
import { newRecap, useFreshRecap, type Harness, type TestRecap } from "../helpers/recap";

let harness: Harness;
let recap: TestRecap;

useFreshRecap({ harness: (started) => (harness = started), recap: (fresh) => (recap = fresh), storage: "memory" });

/** A unique path per test, so tests sharing the server never see each other's feeds. */
let counter = 0;
const uniquePath = (name: string) => `/${name}-${++counter}.xml`;

async function follow(path: string): Promise<Feed> {
  const result = await addFeed(harness.feeds.at(path), { via: "cli" }, recap.deps);
  if (result.status !== "added") throw new Error(`add failed: ${JSON.stringify(result)}`);
  return result.feed;
}

const current = async (feed: Feed) => (await recap.deps.store.feeds.get(feed.id)) as Feed;
const ingested = (feedId?: string) =>
  harness.bridge
    .details<{ postId: string; feedId: string; title: string; topics: string[] }>("post.ingested")
    .filter((detail) => feedId === undefined || detail.feedId === feedId);

describe("first poll", () => {
  it("stores every item, normalized, as backfill that is never announced", async () => {
    const path = uniquePath("first");
    harness.feeds.route(path, {
      body: rss(
        [
          {
            title: "Backstage &amp; the golden path",
            link: "/posts/backstage?utm_source=rss&utm_medium=feed&id=7#comments",
            guid: "post-1",
            description: "<p>How we built an <b>internal developer platform</b> with Backstage.</p>",
            author: "Ada",
            pubDate: "2026-11-19T10:00:00Z",
          },
          { title: "eBPF for observability", link: "https://blog.example.com/ebpf", guid: "post-2", pubDate: "2026-11-20T08:00:00Z" },
        ],
        { title: "Platform Blog", link: "https://blog.example.com/" },
      ),
    });
    const feed = await follow(path);

    const posts = await recap.deps.store.posts.seenSince(recap.clock(), { limit: 10 });
    expect(posts).toHaveLength(2);
    const backstage = posts.find((post) => post.title.startsWith("Backstage"));
    expect(backstage).toMatchObject({
      title: "Backstage & the golden path",
      url: "https://blog.example.com/posts/backstage?id=7",
      summary: "How we built an internal developer platform with Backstage.",
      author: "Ada",
      publishedAt: "2026-11-19T10:00:00.000Z",
      firstSeenAt: recap.clock().toISOString(),
      feeds: [harness.feeds.at(path)],
      fresh: false,
    });
    expect(backstage?.topics).toEqual(expect.arrayContaining(["developer-portals", "platform-engineering"]));
    expect(ingested()).toEqual([]);

    const stored = await current(feed);
    expect(stored).toMatchObject({ title: "Platform Blog", siteUrl: "https://blog.example.com/", consecutiveErrors: 0 });
    expect(stored.lastSuccessAt).toBe(recap.clock().toISOString());
  });

  it("reads at most the newest 1,000 items of a feed that carries its whole archive, and says so", async () => {
    const path = uniquePath("archive");
    const total = MAX_ITEMS_PER_DOCUMENT + 5;
    // Listed oldest first, as some archives are: the newest are at the end.
    const items = Array.from({ length: total }, (_, i) => ({
      title: `Archive post ${i}`,
      link: `https://archive.example.com/${i}`,
      guid: `a${i}`,
      pubDate: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString(),
    }));
    harness.feeds.route(path, { body: rss(items) });
    const result = await addFeed(harness.feeds.at(path), { via: "cli" }, recap.deps);
    expect(result).toMatchObject({ status: "added", outcome: { status: "ok", created: MAX_ITEMS_PER_DOCUMENT } });
    const feed = (result as { feed: Feed }).feed;
    expect(feed.lastWarning).toBe(`The feed carries ${total} items; only the newest ${MAX_ITEMS_PER_DOCUMENT} are read`);
    const stored = await recap.deps.store.posts.getMany(await recap.deps.store.posts.idsOfFeed(feed.id));
    expect(stored).toHaveLength(MAX_ITEMS_PER_DOCUMENT);
    expect(stored.some((post) => post.title === "Archive post 0")).toBe(false);
    expect(stored.some((post) => post.title === `Archive post ${total - 1}`)).toBe(true);
  });

  it("finds the feed behind a web page through autodiscovery", async () => {
    const feedPath = uniquePath("discovered");
    const pagePath = uniquePath("page").replace(".xml", ".html");
    harness.feeds.route(feedPath, { body: rss([{ title: "Found me", link: "https://blog.example.com/found", guid: "f1" }]) });
    harness.feeds.route(pagePath, {
      headers: { "content-type": "text/html; charset=utf-8" },
      body: `<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="${feedPath}"></head><body>Hi</body></html>`,
    });
    const result = await addFeed(harness.feeds.at(pagePath), { via: "cli" }, recap.deps);
    expect(result.status).toBe("added");
    if (result.status !== "added") return;
    expect(result.feed.url).toBe(harness.feeds.at(feedPath));
    expect(result.outcome).toMatchObject({ status: "ok", created: 1 });

    // The page and the feed are the same subscription now.
    expect((await addFeed(harness.feeds.at(pagePath), { via: "cli" }, recap.deps)).status).toBe("exists");
    expect((await addFeed(harness.feeds.at(feedPath), { via: "cli" }, recap.deps)).status).toBe("exists");
  });

  it("refuses a page with no feed, and a URL that is not one, with a reason", async () => {
    const pagePath = uniquePath("nofeed").replace(".xml", ".html");
    harness.feeds.route(pagePath, {
      headers: { "content-type": "text/html" },
      body: "<html><head><title>x</title></head><body>No feed</body></html>",
    });
    const noFeed = await addFeed(harness.feeds.at(pagePath), { via: "cli" }, recap.deps);
    expect(noFeed).toMatchObject({ status: "failed" });
    expect(noFeed.status === "failed" && noFeed.error).toMatch(/no RSS, Atom or JSON Feed link/);

    const notUrl = await addFeed("ftp://example.com/feed", { via: "cli" }, recap.deps);
    expect(notUrl.status === "failed" && notUrl.error).toMatch(/not a web address/);
    expect(await recap.deps.store.feeds.list()).toEqual([]);
  });
});

describe("later polls", () => {
  it("announce fresh items once, and a re-poll of an unchanged feed writes no post", async () => {
    recap = await newRecap(harness); // what is written to the table is what this checks
    const path = uniquePath("fresh");
    const items = [{ title: "Old news", link: "https://blog.example.com/old", guid: "a", pubDate: "2026-11-18T00:00:00Z" }];
    harness.feeds.route(path, { body: rss(items) });
    const feed = await follow(path);

    recap.clock.advance(2 * HOUR);
    items.unshift({ title: "Argo CD 3.0 is out", link: "https://blog.example.com/argo", guid: "b", pubDate: recap.clock().toISOString() });
    harness.feeds.route(path, { body: rss(items) });
    const outcome = await refreshFeed(await current(feed), recap.deps);
    expect(outcome).toMatchObject({ status: "ok", created: 1, announced: 1 });
    expect(ingested(feed.id)).toEqual([expect.objectContaining({ title: "Argo CD 3.0 is out", topics: ["gitops"] })]);

    recap.clock.advance(2 * HOUR);
    const mark = harness.dynamo.operations.length;
    const again = await refreshFeed(await current(feed), recap.deps);
    // The server sends no validators; an identical body is recognized and not even parsed.
    expect(again).toMatchObject({ status: "ok", notModified: true, created: 0, edited: 0, announced: 0 });
    expect(writesSince(harness.dynamo, mark).filter((write) => write.keys.some((key) => key.startsWith('"POST#')))).toEqual([]);
    expect(ingested(feed.id)).toHaveLength(1);
  });

  it("sends validators and treats 304 as success with no post writes at all", async () => {
    recap = await newRecap(harness); // what is written to the table is what this checks
    const path = uniquePath("etag");
    let hits = 0;
    harness.feeds.route(path, (req, res) => {
      hits++;
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"', "last-modified": "Wed, 18 Nov 2026 10:00:00 GMT" });
      res.end(rss([{ title: "Cached", link: "https://blog.example.com/cached", guid: "c" }]));
    });
    const feed = await follow(path);
    expect(await current(feed)).toMatchObject({ etag: '"v1"', lastModified: "Wed, 18 Nov 2026 10:00:00 GMT" });

    recap.clock.advance(2 * HOUR);
    const mark = harness.dynamo.operations.length;
    const outcome = await refreshFeed(await current(feed), recap.deps);
    expect(outcome).toMatchObject({ status: "ok", notModified: true, created: 0 });
    expect(hits).toBe(2);
    const writes = writesSince(harness.dynamo, mark);
    expect(writes.flatMap((write) => write.keys).filter((key) => !key.startsWith('"FEED#'))).toEqual([]);
    expect(writes).toHaveLength(1); // the feed's own poll state
    expect(await current(feed)).toMatchObject({ etag: '"v1"', lastSuccessAt: recap.clock().toISOString() });
  });

  it("updates an edited item without announcing it again", async () => {
    const path = uniquePath("edit");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/seed", guid: "s" }]) });
    const feed = await follow(path);

    recap.clock.advance(HOUR);
    const published = recap.clock().toISOString();
    harness.feeds.route(path, {
      body: rss([{ title: "Dapr 2.0 relased", link: "https://blog.example.com/dapr", guid: "d", pubDate: published }]),
    });
    await refreshFeed(await current(feed), recap.deps);
    expect(ingested(feed.id)).toHaveLength(1);

    recap.clock.advance(HOUR);
    harness.feeds.route(path, {
      body: rss([
        {
          title: "Dapr 2.0 released: WebAssembly components",
          link: "https://blog.example.com/dapr",
          guid: "d",
          pubDate: recap.clock().toISOString(),
        },
      ]),
    });
    const outcome = await refreshFeed(await current(feed), recap.deps);
    expect(outcome).toMatchObject({ status: "ok", created: 0, edited: 1, announced: 0 });
    expect(ingested(feed.id)).toHaveLength(1);

    const [post] = await recap.deps.store.posts.byTopic("webassembly", 10);
    expect(post).toMatchObject({ title: "Dapr 2.0 released: WebAssembly components", firstSeenAt: published, fresh: true });
    expect(await recap.deps.store.posts.byTopic("dapr", 10)).toHaveLength(1);
  });

  it("treats items dated more than 48 hours before they are first seen as backfill", async () => {
    const path = uniquePath("late");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/seed2", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    harness.feeds.route(path, {
      body: rss([
        {
          title: "Resurfaced from last month",
          link: "https://blog.example.com/old2",
          guid: "o",
          pubDate: new Date(recap.clock().getTime() - 3 * DAY),
        },
        { title: "Undated but new", link: "https://blog.example.com/undated", guid: "u" },
        {
          title: "From the future",
          link: "https://blog.example.com/future",
          guid: "f",
          pubDate: new Date(recap.clock().getTime() + 30 * DAY),
        },
      ]),
    });
    const outcome = await refreshFeed(await current(feed), recap.deps);
    expect(outcome).toMatchObject({ created: 3, announced: 2 });
    expect(
      ingested(feed.id)
        .map((detail) => detail.title)
        .sort(),
    ).toEqual(["From the future", "Undated but new"]);
    const future = (await recap.deps.store.posts.seenSince(recap.clock(), { limit: 10 })).find((post) => post.title === "From the future");
    expect(future?.publishedAt).toBe(recap.clock().toISOString());
  });

  it("stores an article carried by two feeds once and remembers both", async () => {
    const first = uniquePath("dup-a");
    const second = uniquePath("dup-b");
    harness.feeds.route(first, { body: rss([{ title: "Seed A", link: "https://a.example.com/seed", guid: "sa" }]) });
    harness.feeds.route(second, { body: rss([{ title: "Seed B", link: "https://b.example.com/seed", guid: "sb" }]) });
    const feedA = await follow(first);
    const feedB = await follow(second);

    recap.clock.advance(HOUR);
    const shared = { title: "KubeCon news", guid: "k", pubDate: recap.clock().toISOString() };
    harness.feeds.route(first, { body: rss([{ ...shared, link: "https://news.example.com/kubecon?utm_campaign=a" }]) });
    harness.feeds.route(second, { body: rss([{ ...shared, link: "https://NEWS.example.com/kubecon#top", guid: "other-guid" }]) });
    await refreshFeed(await current(feedA), recap.deps);
    await refreshFeed(await current(feedB), recap.deps);

    const posts = (await recap.deps.store.posts.seenSince(recap.clock(), { limit: 10 })).filter((post) => post.title === "KubeCon news");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url).toBe("https://news.example.com/kubecon");
    expect(posts[0]?.feeds).toEqual([harness.feeds.at(first), harness.feeds.at(second)].sort());
    expect(ingested().filter((detail) => detail.title === "KubeCon news")).toHaveLength(1);
  });

  it("counts an announcement once: a poll holding a stale copy of a post another poll announced reports it as not its own", async () => {
    const path = uniquePath("counted");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://counted.example.com/seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    harness.feeds.route(path, {
      body: rss([{ title: "Counted once", link: "https://counted.example.com/c", guid: "c", pubDate: recap.clock().toISOString() }]),
    });
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ announced: 1 });
    const [post] = (await recap.deps.store.posts.seenSince(recap.clock(), { limit: 10 })).filter((p) => p.title === "Counted once");
    // What a concurrent poll of another feed carrying it read before this one announced it.
    const stale = { ...post!, announcedAt: undefined };
    const result = await announce(feed, [stale], recap.deps, recap.clock());
    expect(result).toEqual({ waiting: new Set(), published: 0 });
    expect(ingested(feed.id).filter((detail) => detail.title === "Counted once")).toHaveLength(1);
  });

  it("writes no duplicates and announces once when two polls of the same feed overlap", async () => {
    const path = uniquePath("race");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/race-seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    const items = Array.from({ length: 8 }, (_, index) => ({
      title: `Release ${index}`,
      link: `https://blog.example.com/release-${index}`,
      guid: `r${index}`,
      pubDate: recap.clock().toISOString(),
    }));
    harness.feeds.route(path, { body: rss(items) });
    const snapshot = await current(feed);
    const [a, b] = await Promise.all([refreshFeed(snapshot, recap.deps), refreshFeed(snapshot, recap.deps)]);
    expect(a.status === "ok" && b.status === "ok" && a.created + b.created).toBe(8);

    const posts = (await recap.deps.store.posts.seenSince(recap.clock(), { limit: 100 })).filter((post) =>
      post.title.startsWith("Release"),
    );
    expect(posts).toHaveLength(8);
    const announcedIds = ingested(feed.id).map((detail) => detail.postId);
    expect(announcedIds).toHaveLength(8);
    expect(new Set(announcedIds).size).toBe(8);
    expect(await recap.deps.store.posts.countItems(feed.id)).toBe(9);
  });
});

describe("the feed's item count", () => {
  it("is kept on the feed as polls remember new items, equal to what the table holds, so listing feeds counts nothing", async () => {
    recap = await newRecap(harness); // the table's own count is what it is checked against
    const path = uniquePath("counted");
    const item = (n: number, title = `Post ${n}`) => ({ title, link: `https://blog.example.com/counted-${n}`, guid: `c${n}` });
    const exact = async (feed: Feed) => [(await current(feed)).itemCount, await recap.deps.store.posts.countItems(feed.id)];
    harness.feeds.route(path, { body: rss([item(1), item(2)]) });
    const feed = await follow(path);
    expect(await exact(feed)).toEqual([2, 2]);

    // A new item, an edited one, an unchanged one; then the same document again.
    recap.clock.advance(DAY);
    harness.feeds.route(path, { body: rss([item(1), item(2, "Post 2, edited"), item(3)]) });
    await refreshFeed(await current(feed), recap.deps);
    expect(await exact(feed)).toEqual([3, 3]);
    recap.clock.advance(DAY);
    await refreshFeed(await current(feed), recap.deps);
    expect(await exact(feed)).toEqual([3, 3]);

    // A feed stored before counts were kept is counted once, by its next poll.
    await recap.deps.store.feeds.update(await current(feed), { itemCount: undefined });
    recap.clock.advance(DAY);
    harness.feeds.route(path, { body: rss([item(1), item(2, "Post 2, edited"), item(3), item(4)]) });
    await refreshFeed(await current(feed), recap.deps);
    expect(await exact(feed)).toEqual([4, 4]);

    const mark = harness.dynamo.operations.length;
    const outcome = await runCommand({ name: "feeds" }, { via: "cli" }, recap.deps);
    expect(outcome).toMatchObject({ kind: "feeds", feeds: [expect.objectContaining({ id: feed.id, postCount: 4 })] });
    expect(harness.dynamo.operations.slice(mark).filter((op) => op.body.Select === "COUNT")).toEqual([]);
  });
});

describe("events", () => {
  it("publishes in calls of at most 10 entries and retries only the entries that failed", async () => {
    const path = uniquePath("events");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/ev-seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    const items = Array.from({ length: 23 }, (_, index) => ({
      title: `Post ${index}`,
      link: `https://blog.example.com/ev-${index}`,
      guid: `e${index}`,
      pubDate: recap.clock().toISOString(),
    }));
    harness.feeds.route(path, { body: rss(items) });
    harness.bridge.failNext(3, (entry) => entry.DetailType === "post.ingested");
    const outcome = await refreshFeed(await current(feed), recap.deps);

    expect(outcome).toMatchObject({ created: 23, announced: 23 });
    expect(harness.bridge.calls.every((call) => call.length <= 10)).toBe(true);
    const ids = ingested(feed.id).map((detail) => detail.postId);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    // 23 entries in calls of 10, 10 and 3; the first call's 3 failed entries are sent again alone.
    expect(harness.bridge.calls.map((call) => call.length)).toEqual([10, 3, 10, 3]);
  });

  it("keeps a post whose event never got through unannounced, and announces it on the next poll", async () => {
    const path = uniquePath("events-down");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/down-seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    harness.feeds.route(path, {
      body: rss([{ title: "Must not be lost", link: "https://blog.example.com/lost", guid: "l", pubDate: recap.clock().toISOString() }]),
    });
    harness.bridge.failNext(4); // every attempt of the publisher
    const first = await refreshFeed(await current(feed), recap.deps);
    expect(first).toMatchObject({ created: 1, announced: 0 });
    expect(ingested(feed.id)).toEqual([]);

    recap.clock.advance(HOUR);
    const second = await refreshFeed(await current(feed), recap.deps);
    expect(second).toMatchObject({ created: 0, announced: 1 });
    expect(ingested(feed.id).map((detail) => detail.title)).toEqual(["Must not be lost"]);

    recap.clock.advance(HOUR);
    await refreshFeed(await current(feed), recap.deps);
    expect(ingested(feed.id)).toHaveLength(1);
  });
});

describe("failures", () => {
  it("one failing feed never stops the others", async () => {
    const good = uniquePath("good");
    const bad = uniquePath("bad");
    const broken = uniquePath("broken");
    harness.feeds.route(good, { body: rss([{ title: "Fine", link: "https://blog.example.com/fine", guid: "g" }]) });
    harness.feeds.route(bad, { body: rss([{ title: "Soon gone", link: "https://blog.example.com/gone", guid: "b" }]) });
    harness.feeds.route(broken, { body: rss([{ title: "Soon broken", link: "https://blog.example.com/broken", guid: "x" }]) });
    const feeds = [await follow(good), await follow(bad), await follow(broken)];
    harness.feeds.route(bad, { status: 500, body: "oops" });
    harness.feeds.route(broken, { body: "<rss><channel><item><title>unclosed" });
    recap.clock.advance(2 * DAY);

    const summary = await pollDueFeeds(recap.deps);
    expect(summary.polled.map((outcome) => outcome.status).sort()).toEqual(["failed", "failed", "ok"]);
    const [goodFeed, badFeed, brokenFeed] = await Promise.all(feeds.map(current));
    expect(goodFeed?.consecutiveErrors).toBe(0);
    expect(badFeed).toMatchObject({ consecutiveErrors: 1, lastError: expect.stringMatching(/HTTP 500/) });
    expect(brokenFeed).toMatchObject({ consecutiveErrors: 1, lastError: expect.any(String) });
    expect(badFeed?.failingSince).toBe(recap.clock().toISOString());
  });

  it("fetches at most two feeds from one host at once, while feeds on other hosts use the free slots", async () => {
    const other = await startFeedServer();
    try {
      // The first responses are held until four are in flight and no new request has come for 300 ms
      // (1.5 s at most, within the fetch timeout): all the fetches the poll starts at once are in
      // flight together. Later ones wait only for the quiet.
      const inFlight = { [harness.feeds.url]: 0, [other.url]: 0 };
      const most = { [harness.feeds.url]: 0, [other.url]: 0, total: 0 };
      const holding: (() => void)[] = [];
      let released = false;
      let quiet: NodeJS.Timeout | undefined;
      const held = (server: string, body: string) => async (_req: unknown, res: import("node:http").ServerResponse) => {
        inFlight[server]! += 1;
        most[server] = Math.max(most[server]!, inFlight[server]!);
        most.total = Math.max(
          most.total,
          Object.values(inFlight).reduce((sum, n) => sum + n, 0),
        );
        clearTimeout(quiet);
        const total = Object.values(inFlight).reduce((sum, n) => sum + n, 0);
        const wait = total >= 4 || released ? 300 : 1_500;
        quiet = setTimeout(() => {
          released = true;
          holding.splice(0).forEach((release) => release());
        }, wait);
        await new Promise<void>((resolve) => holding.push(resolve));
        inFlight[server]! -= 1;
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.end(body);
      };
      const paths = Array.from({ length: 5 }, () => uniquePath("shared-host"));
      const elsewhere = Array.from({ length: 2 }, () => uniquePath("other-host"));
      const body = (name: string) => rss([{ title: name, link: `https://blog.example.com/${name}`, guid: name }]);
      paths.forEach((path) => harness.feeds.route(path, { body: body(path) }));
      elsewhere.forEach((path) => other.route(path, { body: body(path) }));
      const feeds = [
        ...(await Promise.all(paths.map(follow))),
        ...(await Promise.all(elsewhere.map((path) => addFeed(other.at(path), { via: "cli" }, recap.deps)))).map((result) => {
          if (result.status !== "added") throw new Error(JSON.stringify(result));
          return result.feed;
        }),
      ];
      paths.forEach((path) => harness.feeds.route(path, held(harness.feeds.url, body(path))));
      elsewhere.forEach((path) => other.route(path, held(other.url, body(path))));

      const outcomes = await pollFeeds(await Promise.all(feeds.map(current)), recap.deps, { claim: false });
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(7).fill("ok"));
      expect(most[harness.feeds.url]).toBe(2);
      expect(most[other.url]).toBe(2);
      expect(most.total).toBe(4);
    } finally {
      await other.close();
    }
  });

  it("holds the bodies of feeds polled at once to the poll's byte budget, each feed's until its refresh ends", async () => {
    const paths = [uniquePath("heavy"), uniquePath("heavy"), uniquePath("heavy"), uniquePath("heavy")];
    const bodies = paths.map((path, i) =>
      rss([
        { title: `Heavy ${i}`, link: `https://blog.example.com/heavy-${i}`, guid: `h${i}`, content: `<p>${"word ".repeat(60_000)}</p>` },
      ]),
    );
    paths.forEach((path, i) => harness.feeds.route(path, { body: bodies[i] as string }));
    const feeds = await Promise.all(paths.map(follow));
    const bodySize = Buffer.byteLength(bodies[0] as string);
    // Now every body comes in two halves, the second once all four requests have arrived: the four
    // polls hold their bodies at the same time, as a poll of four heavy feeds would.
    let arrived = 0;
    let allArrived: () => void = () => {};
    const together = new Promise<void>((resolve) => (allArrived = resolve));
    paths.forEach((path, i) =>
      harness.feeds.route(path, async (_req, res) => {
        const body = Buffer.from(bodies[i] as string);
        res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
        res.write(body.subarray(0, body.length / 2));
        if (++arrived === paths.length) allArrived();
        await together;
        res.end(body.subarray(body.length / 2));
      }),
    );
    const capacity = Math.floor(bodySize * 0.75);
    const budgeted = await newRecap(
      harness,
      { RECAP_POLL_CONCURRENCY: "4", RECAP_POLL_PER_HOST: "4", RECAP_POLL_MAX_BYTES_IN_FLIGHT: String(capacity) },
      "memory",
    );

    // The real fetcher, watched: what each feed's fetch was let keep, until its refresh is over.
    const held = new Map<string, number>();
    const kept = new Map<string, number>();
    let peak = 0;
    const deps = {
      ...budgeted.deps,
      store: recap.deps.store,
      fetchFeed: ((request, options) =>
        recap.deps.fetchFeed(request, {
          hold: async (bytes: number) => {
            await options?.hold?.(bytes);
            held.set(request.url, (held.get(request.url) ?? 0) + bytes);
            kept.set(request.url, (kept.get(request.url) ?? 0) + bytes);
            peak = Math.max(
              peak,
              [...held.values()].reduce((sum, n) => sum + n, 0),
            );
          },
        })) as typeof recap.deps.fetchFeed,
    };
    const outcomes = await pollFeeds(await Promise.all(feeds.map(current)), deps, {
      claim: false,
      onProgress: (_done, _total, outcome) => held.delete(outcome.url),
    });

    expect(outcomes.map((outcome) => outcome.status)).toEqual(["ok", "ok", "ok", "ok"]);
    // Every byte of every body went through the budget, and never more than it allows were held:
    // its capacity, plus what the oldest feed still in hand needed to finish.
    for (const url of feeds.map((feed) => feed.url)) expect(kept.get(url)).toBe(bodySize);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(capacity + bodySize);
  });

  it("backs off 5 min × 2^n, honours Retry-After, pauses after the limit and resumes", async () => {
    const path = uniquePath("flaky");
    harness.feeds.route(path, { body: rss([{ title: "Fine", link: "https://blog.example.com/flaky", guid: "f" }]) });
    let feed = await follow(path);
    harness.feeds.route(path, { status: 503, body: "down" });

    const waits: number[] = [];
    for (let failure = 1; failure <= 4; failure++) {
      recap.clock.set((await current(feed)).nextPollAt);
      const before = recap.clock().getTime();
      await refreshFeed(await current(feed), recap.deps);
      waits.push(Date.parse((await current(feed)).nextPollAt) - before);
    }
    // 5, 10, 20, 40 minutes, each spread by at most 20% of 5 minutes.
    [5, 10, 20, 40].forEach((minutes, index) => {
      expect(waits[index]).toBeGreaterThanOrEqual(minutes * MINUTE);
      expect(waits[index]).toBeLessThan(minutes * MINUTE + MINUTE);
    });

    harness.feeds.route(path, { status: 429, headers: { "retry-after": "7200" }, body: "slow down" });
    recap.clock.set((await current(feed)).nextPollAt);
    const before = recap.clock().getTime();
    await refreshFeed(await current(feed), recap.deps);
    expect(Date.parse((await current(feed)).nextPollAt) - before).toBeGreaterThanOrEqual(2 * HOUR);

    harness.feeds.route(path, { status: 404, body: "gone" });
    for (let failure = 6; failure <= 11; failure++) {
      recap.clock.set((await current(feed)).nextPollAt);
      await refreshFeed(await current(feed), recap.deps);
    }
    feed = await current(feed);
    expect(feed).toMatchObject({ status: "paused", consecutiveErrors: 11, lastError: "HTTP 404 Not Found" });
    const paused = harness.bridge.details<{ feedId: string; reason: string }>("feed.paused");
    expect(paused).toEqual([expect.objectContaining({ feedId: feed.id, reason: expect.stringMatching(/11 consecutive failures/) })]);
    recap.clock.advance(30 * DAY);
    expect((await recap.deps.store.feeds.due(recap.clock())).map((due) => due.id)).not.toContain(feed.id);

    harness.feeds.route(path, { body: rss([{ title: "Back", link: "https://blog.example.com/back", guid: "bk" }]) });
    await resumeFeed(feed, recap.deps);
    expect((await recap.deps.store.feeds.due(recap.clock())).map((due) => due.id)).toContain(feed.id);
    await pollDueFeeds(recap.deps);
    expect(await current(feed)).toMatchObject({ status: "active", consecutiveErrors: 0 });
    expect((await current(feed)).lastError).toBeUndefined();
  });

  it("a poll out of time to start more feeds leaves them unclaimed and due, for the next poll", async () => {
    const path = uniquePath("late");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/late-seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(2 * DAY);
    const before = harness.feeds.hits(path);
    expect(await pollFeeds([await current(feed)], recap.deps, { claim: true, startWithinMs: 0 })).toEqual([]);
    expect(harness.feeds.hits(path)).toBe(before);
    expect((await recap.deps.store.feeds.due(recap.clock())).map((due) => due.id)).toContain(feed.id);
    expect((await pollDueFeeds(recap.deps)).polled.map((outcome) => outcome.feedId)).toContain(feed.id);
  });

  it("a poller that died holding its claim (a Lambda killed mid-poll) delays its feed by the lease only", async () => {
    const path = uniquePath("orphaned");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/or-seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(2 * DAY);
    harness.feeds.route(path, {
      body: rss([{ title: "After the crash", link: "https://blog.example.com/or", guid: "o", pubDate: recap.clock().toISOString() }]),
    });
    // The dead poller's claim, and nothing after it.
    expect(await recap.deps.store.feeds.claim(await current(feed), new Date(recap.clock().getTime() + 20 * MINUTE))).toBe(true);
    expect((await pollDueFeeds(recap.deps)).polled.map((outcome) => outcome.feedId)).not.toContain(feed.id);

    recap.clock.advance(21 * MINUTE);
    const summary = await pollDueFeeds(recap.deps);
    expect(summary.polled.find((outcome) => outcome.feedId === feed.id)).toMatchObject({ status: "ok", created: 1 });
    expect(ingested(feed.id).map((post) => post.title)).toEqual(["After the crash"]);
  });

  it("records a throttled table as the feed's error and loses nothing", async () => {
    recap = await newRecap(harness); // what is written to the table is what this checks
    const path = uniquePath("throttled");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/th-seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    harness.feeds.route(path, {
      body: rss([{ title: "Survives throttling", link: "https://blog.example.com/th", guid: "t", pubDate: recap.clock().toISOString() }]),
    });
    harness.dynamo.throttle(["PutItem"], 3); // more than the client's attempts
    const failed = await refreshFeed(await current(feed), recap.deps);
    expect(failed).toMatchObject({ status: "failed" });
    expect((await current(feed)).lastError).toMatch(/Throughput exceeded/);

    recap.clock.set((await current(feed)).nextPollAt);
    const retried = await refreshFeed(await current(feed), recap.deps);
    expect(retried).toMatchObject({ status: "ok", announced: 1 });
    expect(ingested(feed.id).map((detail) => detail.title)).toEqual(["Survives throttling"]);
  });
});

describe("moves and schedule", () => {
  it("a permanent redirect updates the feed's URL; a temporary one does not", async () => {
    const oldPath = uniquePath("old-home");
    const newPath = uniquePath("new-home");
    const tempPath = uniquePath("temp");
    harness.feeds.route(newPath, { body: rss([{ title: "Moved", link: "https://blog.example.com/moved", guid: "m" }]) });
    harness.feeds.route(oldPath, { body: rss([{ title: "Moved", link: "https://blog.example.com/moved", guid: "m" }]) });
    const feed = await follow(oldPath);
    harness.feeds.route(oldPath, { status: 301, headers: { location: newPath } });
    recap.clock.advance(2 * DAY);
    await refreshFeed(await current(feed), recap.deps);
    expect((await current(feed)).url).toBe(harness.feeds.at(newPath));

    harness.feeds.route(newPath, { status: 302, headers: { location: tempPath } });
    harness.feeds.route(tempPath, { body: rss([{ title: "Moved", link: "https://blog.example.com/moved", guid: "m" }]) });
    recap.clock.advance(2 * DAY);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ status: "ok" });
    expect((await current(feed)).url).toBe(harness.feeds.at(newPath));
  });

  it("polls only due feeds, each once even when two scheduled runs overlap", async () => {
    const paths = [uniquePath("due-a"), uniquePath("due-b"), uniquePath("due-c")];
    for (const path of paths)
      harness.feeds.route(path, { body: rss([{ title: path, link: `https://blog.example.com${path}`, guid: path }]) });
    const now = recap.clock();
    const feeds = paths.map((path, index) => ({
      ...newFeed(harness.feeds.at(path), { via: "cli" }, now),
      nextPollAt: new Date(now.getTime() + (index === 2 ? HOUR : -MINUTE)).toISOString(),
    }));
    for (const feed of feeds) await recap.deps.store.feeds.create(feed);

    const [first, second] = await Promise.all([pollDueFeeds(recap.deps), pollDueFeeds(recap.deps)]);
    const polled = [...first.polled, ...second.polled].map((outcome) => outcome.feedId).sort();
    expect(polled).toEqual([feeds[0]?.id, feeds[1]?.id].sort());
    expect(harness.feeds.hits(paths[0] as string)).toBe(1);
    expect(harness.feeds.hits(paths[2] as string)).toBe(0);
  });

  it("fans out through the bus in batches when more feeds are due than one run takes", async () => {
    const fanned = await newRecap(harness, { RECAP_POLL_BATCH_SIZE: "2" });
    const now = fanned.clock();
    // Feeds polled before: a run's first polls travel in one batch of their own (test/feeds/first-polls.test.ts).
    const feeds = Array.from({ length: 5 }, (_, index) => ({
      ...newFeed(harness.feeds.at(`/fan-${counter}-${index}.xml`), { via: "cli" }, now),
      lastSuccessAt: new Date(now.getTime() - DAY).toISOString(),
    }));
    for (const feed of feeds) {
      harness.feeds.route(new URL(feed.url).pathname, {
        body: rss([{ title: feed.id, link: `https://blog.example.com/${feed.id}`, guid: feed.id }]),
      });
      await fanned.deps.store.feeds.create(feed);
    }
    const summary = await pollDueFeeds(fanned.deps);
    expect(summary).toMatchObject({ due: 5, fannedOut: 5, polled: [] });
    const batches = harness.bridge.details<{ feedIds: string[] }>("feeds.poll.requested");
    expect(batches.map((batch) => batch.feedIds.length)).toEqual([2, 2, 1]);
    expect(batches.flatMap((batch) => batch.feedIds).sort()).toEqual(feeds.map((feed) => feed.id).sort());
  });

  it("each fanned-out batch, run as its subscriber runs (depsFor), polls its feeds and announces what is new", async () => {
    const path = uniquePath("batch");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://batch.example.com/seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    harness.feeds.route(path, {
      body: rss([{ title: "Batch news", link: "https://batch.example.com/n", guid: "n", pubDate: recap.clock().toISOString() }]),
    });
    recap.clock.set((await current(feed)).nextPollAt);
    const event = { "detail-type": "feeds.poll.requested", detail: { feedIds: [feed.id] } } as unknown as BusEnvelope;
    // The definition must let it publish: on AWS only publishers are linked to the bus.
    const outcomes = (await subscriptionHandlers.pollBatch(event, depsFor("pollBatch", recap.deps))) as { announced?: number }[];
    expect(outcomes).toEqual([expect.objectContaining({ status: "ok", announced: 1 })]);
    expect(ingested(feed.id).map((detail) => detail.title)).toEqual(["Batch news"]);
  });

  it("schedules the next poll from the feed's rhythm and hints", async () => {
    const path = uniquePath("rhythm");
    const now = recap.clock().getTime();
    // 14 posts in the last week: one every 12 hours; <ttl> of 24 hours raises that.
    const items = Array.from({ length: 14 }, (_, index) => ({
      title: `Daily ${index}`,
      link: `https://blog.example.com/daily-${index}`,
      guid: `d${index}`,
      pubDate: new Date(now - index * 12 * HOUR - MINUTE),
    }));
    harness.feeds.route(path, { body: rss(items) });
    const feed = await follow(path);
    const wait = Date.parse((await current(feed)).nextPollAt) - now;
    expect(wait).toBeGreaterThanOrEqual(12 * HOUR);
    expect(wait).toBeLessThan(12 * HOUR + 30 * MINUTE + 1);

    harness.feeds.route(path, { body: rss(items, { ttl: 1440 }) });
    await pollFeeds([await current(feed)], recap.deps, { claim: false });
    expect(Date.parse((await current(feed)).nextPollAt) - now).toBeGreaterThanOrEqual(24 * HOUR);
  });
});

describe("nothing is lost or doubled when things fail halfway", () => {
  it("an announcement owed after a bus outage is made even though the server answers 304 by then", async () => {
    const path = uniquePath("etag-outage");
    let body = rss([{ title: "Seed", link: "https://blog.example.com/eo-seed", guid: "s" }]);
    harness.feeds.route(path, (req, res) => {
      const etag = `"${body.length}"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag });
      res.end(body);
    });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    body = rss([
      { title: "Announced despite the outage", link: "https://blog.example.com/eo", guid: "o", pubDate: recap.clock().toISOString() },
    ]);
    harness.bridge.failNext(4);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ created: 1, announced: 0 });

    recap.clock.advance(HOUR);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ notModified: false, announced: 1 });
    recap.clock.advance(HOUR);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ notModified: true, announced: 0 });
    expect(ingested(feed.id).map((detail) => detail.title)).toEqual(["Announced despite the outage"]);
  });

  it("a PutEvents call that fails whole costs only its own events a retry, never a duplicate", async () => {
    const path = uniquePath("bus-crash");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/bc-seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    const items = Array.from({ length: 12 }, (_, index) => ({
      title: `Item ${index}`,
      link: `https://blog.example.com/bc-${index}`,
      guid: `bc${index}`,
      pubDate: recap.clock().toISOString(),
    }));
    harness.feeds.route(path, { body: rss(items) });
    // The first call (10 events) goes through; every SDK attempt of the second call (2 events) fails.
    harness.bridge.breakCalls(3, { after: 1 });
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ created: 12, announced: 10 });
    expect(ingested(feed.id)).toHaveLength(10);
    recap.clock.advance(HOUR);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ created: 0, announced: 2 });
    const ids = ingested(feed.id).map((detail) => detail.postId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it("repairs topic rows a failed poll never wrote, without counting our failure against the feed", async () => {
    recap = await newRecap(harness); // what is written to the table is what this checks
    const path = uniquePath("topic-repair");
    harness.feeds.route(path, { body: rss([{ title: "Seed", link: "https://blog.example.com/tr-seed", guid: "s" }]) });
    const feed = await follow(path);
    recap.clock.advance(HOUR);
    harness.feeds.route(path, {
      body: rss([
        {
          title: "Cilium and Tetragon: eBPF security",
          link: "https://blog.example.com/tr",
          guid: "t",
          pubDate: recap.clock().toISOString(),
        },
      ]),
    });
    harness.dynamo.throttle(["BatchWriteItem"], 3); // the post is written, its topic rows are not
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ status: "failed" });
    expect(await current(feed)).toMatchObject({ consecutiveErrors: 0, status: "active", lastError: expect.stringMatching(/Throughput/) });
    expect(await recap.deps.store.posts.byTopic("ebpf", 10)).toEqual([]);

    recap.clock.set((await current(feed)).nextPollAt);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ status: "ok", created: 0, announced: 1 });
    expect((await recap.deps.store.posts.byTopic("ebpf", 10)).map((post) => post.title)).toEqual(["Cilium and Tetragon: eBPF security"]);
  });
});

describe("edge cases real feeds produce", () => {
  it("a future-dated item is not an edit on every poll", async () => {
    const path = uniquePath("future");
    const future = { title: "Scheduled post", link: "https://blog.example.com/scheduled", guid: "f", pubDate: "2027-06-01T00:00:00Z" };
    harness.feeds.route(path, { body: rss([future]) });
    const feed = await follow(path);
    for (let poll = 1; poll <= 2; poll++) {
      recap.clock.advance(HOUR);
      // A new item each time, so the body differs and every item is looked at.
      harness.feeds.route(path, {
        body: rss([future, { title: `New ${poll}`, link: `https://blog.example.com/new-${poll}`, guid: `n${poll}` }]),
      });
      expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ status: "ok", created: 1, edited: 0 });
    }
  });

  it("an item whose GUID is longer than a DynamoDB key is stored like any other", async () => {
    const path = uniquePath("long-guid");
    const guid = `urn:x-long:${"g".repeat(3000)}`;
    harness.feeds.route(path, { body: rss([{ title: "Long identity", guid }]) });
    const result = await addFeed(harness.feeds.at(path), { via: "cli" }, recap.deps);
    expect(result).toMatchObject({ status: "added", outcome: { status: "ok", created: 1 } });
    recap.clock.advance(HOUR);
    harness.feeds.route(path, {
      body: rss([
        { title: "Long identity", guid },
        { title: "Other", guid: "short" },
      ]),
    });
    expect(await refreshFeed(await current((result as { feed: Feed }).feed), recap.deps)).toMatchObject({ created: 1 });
  });

  it("an item with a 400 KB link or a 3 MB GUID never stops its feed: what identifies it is bounded, the rest flows", async () => {
    recap = await newRecap(harness); // DynamoDB's 400 KB item limit is the point: dynalite enforces it
    const path = uniquePath("poisoned");
    const huge = { title: "Huge link", link: `https://blog.example.com/${"l".repeat(400_000)}`, guid: "huge-link" };
    const heavy = { title: "Heavy GUID", link: "https://blog.example.com/heavy", guid: `urn:x:${"g".repeat(3_000_000)}` };
    const endless = { title: "Endless date", link: "https://blog.example.com/dated", guid: "dated", pubDate: "x".repeat(500_000) };
    const fine = { title: "Fine", link: "https://blog.example.com/fine", guid: "fine" };
    harness.feeds.route(path, { body: rss([huge, heavy, endless, fine]) });
    const result = await addFeed(harness.feeds.at(path), { via: "cli" }, recap.deps);
    expect(result).toMatchObject({ status: "added", outcome: { status: "ok", created: 4 } });
    const stored = await recap.deps.store.posts.seenSince(recap.clock(), { limit: 10 });
    expect(stored.map((post) => post.title).sort()).toEqual(["Endless date", "Fine", "Heavy GUID", "Huge link"]);
    for (const post of stored) expect(JSON.stringify(post).length).toBeLessThan(20_000);

    // Polled again with a new item: the poisoned ones are unchanged, the new one is announced.
    recap.clock.advance(HOUR);
    const fresh = { title: "Fresh", link: "https://blog.example.com/fresh", guid: "fresh", pubDate: recap.clock().toISOString() };
    harness.feeds.route(path, { body: rss([huge, heavy, endless, fine, fresh]) });
    const feed = (result as { feed: Feed }).feed;
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ status: "ok", created: 1, announced: 1 });
    expect(ingested(feed.id).map((detail) => detail.title)).toEqual(["Fresh"]);
  });

  it("a feed that moves onto a URL already followed is paused, not duplicated", async () => {
    const target = uniquePath("merge-target");
    const source = uniquePath("merge-source");
    harness.feeds.route(target, {
      body: rss([{ title: "Target", link: "https://blog.example.com/target", guid: "t" }], { title: "The Real Feed" }),
    });
    harness.feeds.route(source, { body: rss([{ title: "Source", link: "https://blog.example.com/source", guid: "s" }]) });
    await follow(target);
    const feed = await follow(source);
    harness.feeds.route(source, { status: 301, headers: { location: target } });
    recap.clock.advance(2 * DAY);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ status: "failed", paused: true });
    expect(await current(feed)).toMatchObject({
      status: "paused",
      url: harness.feeds.at(source),
      pausedReason: expect.stringMatching(/already followed \(The Real Feed\)/),
    });
    const urls = (await recap.deps.store.feeds.list()).map((listed) => listed.url);
    expect(urls.filter((url) => url === harness.feeds.at(target))).toHaveLength(1);
  });

  it("a followed feed that turns into a web page only follows feed links on its own site", async () => {
    const path = uniquePath("parked");
    harness.feeds.route(path, { body: rss([{ title: "Before", link: "https://blog.example.com/before", guid: "b" }]) });
    const feed = await follow(path);
    harness.feeds.route(path, {
      headers: { "content-type": "text/html" },
      body: `<html><head><link rel="alternate" type="application/rss+xml" href="http://elsewhere.example.net/feed.xml"></head></html>`,
    });
    recap.clock.advance(2 * DAY);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/no RSS, Atom or JSON Feed link/),
    });
    expect((await current(feed)).url).toBe(harness.feeds.at(path));

    const newHome = uniquePath("same-site-feed");
    harness.feeds.route(newHome, { body: rss([{ title: "After", link: "https://blog.example.com/after", guid: "a" }]) });
    harness.feeds.route(path, {
      headers: { "content-type": "text/html" },
      body: `<html><head><link rel="alternate" type="application/rss+xml" href="${newHome}"></head></html>`,
    });
    recap.clock.set((await current(feed)).nextPollAt);
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ status: "ok" });
    expect((await current(feed)).url).toBe(harness.feeds.at(newHome));
  });

  it("keeps its publishing rhythm across 304s", async () => {
    const path = uniquePath("rhythm-304");
    const now = recap.clock().getTime();
    const items = Array.from({ length: 28 }, (_, index) => ({
      title: `Six-hourly ${index}`,
      link: `https://blog.example.com/six-${index}`,
      guid: `six${index}`,
      pubDate: new Date(now - index * 6 * HOUR - MINUTE),
    }));
    harness.feeds.route(path, (req, res) => {
      if (req.headers["if-none-match"] === '"r1"') {
        res.writeHead(304, { etag: '"r1"' });
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag: '"r1"' });
      res.end(rss(items));
    });
    const feed = await follow(path);
    recap.clock.set((await current(feed)).nextPollAt);
    const before = recap.clock().getTime();
    expect(await refreshFeed(await current(feed), recap.deps)).toMatchObject({ notModified: true });
    const wait = Date.parse((await current(feed)).nextPollAt) - before;
    // 28 posts a week (some aging out by now): about every 6 hours, not the 60-minute base interval.
    expect(wait).toBeGreaterThanOrEqual(6 * HOUR);
    expect(wait).toBeLessThan(8 * HOUR);
  });

  it("a re-delivered poll batch (a retried Lambda) stores nothing twice", async () => {
    const paths = [uniquePath("batch-a"), uniquePath("batch-b")];
    const now = recap.clock();
    const feeds = paths.map((path) => newFeed(harness.feeds.at(path), { via: "cli" }, now));
    for (const [index, path] of paths.entries()) {
      harness.feeds.route(path, {
        body: rss([{ title: `Batch ${index}`, link: `https://blog.example.com/batch-${index}`, guid: `b${index}` }]),
      });
      await recap.deps.store.feeds.create(feeds[index] as Feed);
    }
    const ids = feeds.map((feed) => feed.id);
    const first = await pollFeedBatch(ids, recap.deps);
    expect(first.map((outcome) => outcome.status)).toEqual(["ok", "ok"]);
    const again = await pollFeedBatch(ids, recap.deps); // no longer due: nothing happens
    expect(again).toEqual([]);
    const posts = (await recap.deps.store.posts.seenSince(recap.clock(), { limit: 100 })).filter((post) => post.title.startsWith("Batch"));
    expect(posts.map((post) => post.title).sort()).toEqual(["Batch 0", "Batch 1"]);
  });
});
