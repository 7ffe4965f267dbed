/**
 * The storage contract: what every `Store` (DynamoDB, in-memory) promises through its interface
 * (packages/core/src/ports/store.ts). Only behaviour a caller can observe through `Store` is
 * checked here — never keys, raw rows or operation counts — so one suite holds every store to the
 * same behaviour. Each case opens a fresh, empty store.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Subscription } from "@recap/core/digest";
import type { Feed } from "@recap/core/feeds";
import type { Follow } from "@recap/core/follow";
import { searchQuery, type ListedItem, type Post } from "@recap/core/posts";
import { ROLLUP_TITLES, type RollupEntry, type Store } from "@recap/core/store";
import type { TeamCue, TeamTopic } from "@recap/core/topics";

export type OpenStore = () => Promise<{ store: Store; close?: () => Promise<void> }>;

// ---------------------------------------------------------------------------------------------------------
// Fixed time and small builders

const T0 = new Date("2026-11-20T09:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The instant `minutes` after T0 (before it when negative). */
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const iso = (minutes: number) => at(minutes).toISOString();

const FEED_URL = "https://blog.example.com/feed.xml";
const OTHER_FEED_URL = "https://news.example.org/rss";

function feed(overrides: Partial<Feed> = {}): Feed {
  const id = overrides.id ?? "feed-a";
  return {
    id,
    url: `https://${id}.example.com/feed.xml`,
    title: `Feed ${id}`,
    status: "active",
    addedAt: iso(-DAY / MINUTE),
    origin: { via: "cli" },
    consecutiveErrors: 0,
    nextPollAt: iso(0),
    ...overrides,
  };
}

function post(overrides: Partial<Post> = {}): Post {
  const id = overrides.id ?? "post-a";
  return {
    id,
    kind: "article",
    url: `https://blog.example.com/${id}`,
    title: `Post ${id}`,
    summary: `About ${id}.`,
    publishedAt: iso(-60),
    firstSeenAt: iso(0),
    topics: ["kubernetes"],
    feeds: [FEED_URL],
    fresh: true,
    ...overrides,
  };
}

/** A post as `get` returns it: the lead is kept apart. */
const withoutLead = ({ lead: _lead, ...rest }: Post): Post => rest;
const ids = (posts: readonly { id: string }[]) => posts.map((p) => p.id);
const sorted = (values: readonly string[]) => [...values].sort();

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    channelId: "C1",
    time: "09:00",
    timeZone: "Europe/Paris",
    days: "weekdays",
    topics: ["kubernetes"],
    createdAt: iso(-DAY / MINUTE),
    createdBy: "U1",
    status: "active",
    ...overrides,
  };
}

function follow(overrides: Partial<Follow> = {}): Follow {
  return { channelId: "C1", topicId: "kubernetes", createdAt: iso(-60), createdBy: "U1", status: "active", ...overrides };
}

function cue(overrides: Partial<Omit<TeamCue, "postIds">> = {}): Omit<TeamCue, "postIds"> {
  return {
    topicId: "kubernetes",
    cueId: "negative-helm-charts",
    polarity: "negative",
    phrase: "helm charts",
    addedAt: iso(0),
    addedBy: "U1",
    ...overrides,
  };
}

const entry = (n: number): RollupEntry => ({ postId: `post-${n}`, title: `Title ${n}`, url: `https://blog.example.com/post-${n}` });
const HOUR = "2026-11-20T09";
const LEASE_MS = 2 * MINUTE;

// ---------------------------------------------------------------------------------------------------------

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    const closers: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const close of closers.splice(0)) await close();
    });
    /** A fresh, empty store for this case. */
    async function fresh(): Promise<Store> {
      const { store, close } = await open();
      if (close) closers.push(close);
      return store;
    }

    // -----------------------------------------------------------------------------------------------------
    describe("feeds", () => {
      it("create stores a new feed that get, findByUrl and list return as it was", async () => {
        const store = await fresh();
        const a = feed({ id: "feed-a", isRecapFeed: true, ttlMinutes: 30 });
        const b = feed({ id: "feed-b" });
        expect(await store.feeds.create(a)).toBe(true);
        expect(await store.feeds.create(b)).toBe(true);
        expect(await store.feeds.get("feed-a")).toEqual(a);
        expect(await store.feeds.findByUrl(b.url)).toEqual(b);
        expect((await store.feeds.list()).sort((x, y) => x.id.localeCompare(y.id))).toEqual([a, b]);
      });

      it("create refuses an id that exists and keeps the first feed", async () => {
        const store = await fresh();
        const first = feed({ title: "First" });
        expect(await store.feeds.create(first)).toBe(true);
        expect(await store.feeds.create(feed({ title: "Second", url: "https://elsewhere.example.com/feed" }))).toBe(false);
        expect(await store.feeds.get(first.id)).toEqual(first);
        expect(await store.feeds.list()).toHaveLength(1);
      });

      it("get, findByUrl and list find nothing in an empty store", async () => {
        const store = await fresh();
        expect(await store.feeds.get("nope")).toBeUndefined();
        expect(await store.feeds.findByUrl("https://nope.example.com/feed")).toBeUndefined();
        expect(await store.feeds.list()).toEqual([]);
        expect(await store.feeds.due(at(0))).toEqual([]);
      });

      it("due lists active feeds due at or before now, soonest first, skipping future and paused ones", async () => {
        const store = await fresh();
        await store.feeds.create(feed({ id: "later", nextPollAt: iso(5) }));
        await store.feeds.create(feed({ id: "now", nextPollAt: iso(0) }));
        await store.feeds.create(feed({ id: "long-ago", nextPollAt: iso(-120) }));
        await store.feeds.create(feed({ id: "recent", nextPollAt: iso(-10) }));
        await store.feeds.create(feed({ id: "paused", nextPollAt: iso(-500), status: "paused", pausedAt: iso(-600) }));
        expect(ids(await store.feeds.due(at(0)))).toEqual(["long-ago", "recent", "now"]);
        expect(ids(await store.feeds.due(at(10)))).toEqual(["long-ago", "recent", "now", "later"]);
      });

      it("due stops after `limit` feeds, taking the soonest", async () => {
        const store = await fresh();
        for (const [id, minutes] of [
          ["c", -1],
          ["a", -30],
          ["b", -20],
        ] as const) {
          await store.feeds.create(feed({ id, nextPollAt: iso(minutes) }));
        }
        expect(ids(await store.feeds.due(at(0), 2))).toEqual(["a", "b"]);
      });

      it("claim moves a due feed's next poll to the lease, once: a second poller with the same read loses", async () => {
        const store = await fresh();
        const read = feed({ nextPollAt: iso(-5) });
        await store.feeds.create(read);
        expect(await store.feeds.claim(read, at(10))).toBe(true);
        expect(await store.feeds.claim(read, at(12))).toBe(false);
        expect((await store.feeds.get(read.id))?.nextPollAt).toBe(iso(10));
        expect(await store.feeds.due(at(0))).toEqual([]);
        expect(ids(await store.feeds.due(at(10)))).toEqual([read.id]);
      });

      it("claim refuses a feed moved or paused by someone else since it was read, and a missing feed", async () => {
        const store = await fresh();
        const moved = feed({ id: "moved", nextPollAt: iso(-5) });
        const paused = feed({ id: "paused", nextPollAt: iso(-5) });
        await store.feeds.create(moved);
        await store.feeds.create(paused);
        await store.feeds.update(moved, { nextPollAt: iso(30) });
        await store.feeds.update(paused, { status: "paused", pausedAt: iso(-1), pausedReason: "gone" });
        expect(await store.feeds.claim(moved, at(10))).toBe(false);
        expect(await store.feeds.claim(paused, at(10))).toBe(false);
        expect(await store.feeds.claim(feed({ id: "never-created" }), at(10))).toBe(false);
        expect((await store.feeds.get("moved"))?.nextPollAt).toBe(iso(30));
        expect((await store.feeds.get("paused"))?.nextPollAt).toBe(iso(-5));
      });

      it("update writes the patch, removes fields patched to undefined, and returns the feed as stored", async () => {
        const store = await fresh();
        const original = feed({ etag: '"v1"', lastModified: "Fri, 20 Nov 2026 08:00:00 GMT", lastError: "timeout", consecutiveErrors: 2 });
        await store.feeds.create(original);
        const updated = await store.feeds.update(original, {
          etag: '"v2"',
          lastModified: undefined,
          lastError: undefined,
          consecutiveErrors: 0,
          lastSuccessAt: iso(0),
          recentItemDates: [iso(-60), iso(-120)],
        });
        expect(updated).not.toHaveProperty("lastModified");
        expect(updated).not.toHaveProperty("lastError");
        expect(updated).toMatchObject({ etag: '"v2"', consecutiveErrors: 0, lastSuccessAt: iso(0), title: original.title });
        const stored = await store.feeds.get(original.id);
        expect(stored).toEqual(updated);
        expect(stored).not.toHaveProperty("lastModified");
        expect(stored?.recentItemDates).toEqual([iso(-60), iso(-120)]);
      });

      it("update keeps the url and due indexes in step (new url, pause, resume, next poll)", async () => {
        const store = await fresh();
        let current = feed({ url: "https://old.example.com/feed", nextPollAt: iso(-5) });
        await store.feeds.create(current);
        current = await store.feeds.update(current, { url: "https://new.example.com/feed" });
        expect((await store.feeds.findByUrl("https://new.example.com/feed"))?.id).toBe(current.id);
        expect(await store.feeds.findByUrl("https://old.example.com/feed")).toBeUndefined();

        current = await store.feeds.update(current, { status: "paused", pausedAt: iso(0), pausedReason: "410 Gone" });
        expect(await store.feeds.due(at(60))).toEqual([]);
        expect(ids(await store.feeds.list())).toEqual([current.id]);

        current = await store.feeds.update(current, {
          status: "active",
          pausedAt: undefined,
          pausedReason: undefined,
          nextPollAt: iso(20),
        });
        expect(await store.feeds.due(at(0))).toEqual([]);
        expect(await store.feeds.due(at(20))).toEqual([current]);
        expect(current).not.toHaveProperty("pausedReason");
      });

      it("update never brings back a feed removed meanwhile", async () => {
        const store = await fresh();
        const gone = feed();
        await store.feeds.create(gone);
        await store.feeds.remove(gone.id);
        // Whether the store refuses loudly or not, the feed stays gone (a poll finishing late must not resurrect it).
        await store.feeds.update(gone, { lastPolledAt: iso(1) }).catch(() => undefined);
        expect(await store.feeds.get(gone.id)).toBeUndefined();
        expect(await store.feeds.list()).toEqual([]);
        expect(await store.feeds.due(at(60))).toEqual([]);
      });

      it("setItemCount sets the count alone and addItemCount adds to it atomically; indexes untouched, a removed feed stays removed", async () => {
        const store = await fresh();
        const counted = feed({ nextPollAt: iso(5) });
        await store.feeds.create(counted);
        // Adding to a count that was never set sets nothing: the feed is counted from its items first.
        await store.feeds.addItemCount(counted.id, 3);
        expect((await store.feeds.get(counted.id))?.itemCount).toBeUndefined();
        await store.feeds.setItemCount(counted.id, 12);
        expect(await store.feeds.get(counted.id)).toEqual({ ...counted, itemCount: 12 });
        await Promise.all([store.feeds.addItemCount(counted.id, 2), store.feeds.addItemCount(counted.id, 3)]);
        expect((await store.feeds.get(counted.id))?.itemCount).toBe(17);
        expect((await store.feeds.due(at(5))).map((due) => due.id)).toEqual([counted.id]);
        await store.feeds.remove(counted.id);
        await store.feeds.setItemCount(counted.id, 13);
        await store.feeds.addItemCount(counted.id, 1);
        expect(await store.feeds.get(counted.id)).toBeUndefined();
      });

      it("firstTime is true exactly once per name", async () => {
        const store = await fresh();
        expect(await store.feeds.firstTime("seeded-default-feeds", at(0))).toBe(true);
        expect(await store.feeds.firstTime("seeded-default-feeds", at(1))).toBe(false);
        expect(await store.feeds.firstTime("seeded-default-feeds", at(60 * 24 * 30))).toBe(false);
        expect(await store.feeds.firstTime("another-one-off", at(2))).toBe(true);
      });

      it("remove deletes the feed and its item identities but keeps the posts it brought", async () => {
        const store = await fresh();
        const doomed = feed({ id: "doomed" });
        const kept = feed({ id: "kept" });
        await store.feeds.create(doomed);
        await store.feeds.create(kept);
        await store.posts.insert(post({ id: "p1", feeds: [doomed.url] }));
        await store.posts.rememberItems(doomed.id, [{ itemKey: "guid-1", postId: "p1", contentHash: "h1" }]);
        await store.posts.rememberItems(kept.id, [{ itemKey: "guid-1", postId: "p1", contentHash: "h1" }]);

        await store.feeds.remove(doomed.id);
        expect(await store.feeds.get(doomed.id)).toBeUndefined();
        expect(await store.feeds.findByUrl(doomed.url)).toBeUndefined();
        expect(ids(await store.feeds.list())).toEqual([kept.id]);
        expect(ids(await store.feeds.due(at(0)))).toEqual([kept.id]);
        expect(await store.posts.countItems(doomed.id)).toBe(0);
        expect(await store.posts.idsOfFeed(doomed.id)).toEqual([]);
        expect((await store.posts.knownItems(doomed.id, ["guid-1"])).size).toBe(0);
        // Another feed's identities and the post itself stay.
        expect(await store.posts.countItems(kept.id)).toBe(1);
        expect((await store.posts.get("p1"))?.title).toBe("Post p1");
        expect(ids(await store.posts.byTopic("kubernetes", 10))).toEqual(["p1"]);
        expect(ids(await store.posts.seenSince(at(0)))).toEqual(["p1"]);
        // A feed created again under the same id starts without identities.
        await store.feeds.create(doomed);
        expect(await store.posts.countItems(doomed.id)).toBe(0);
      });

      it("count, once a list has counted the feeds, follows each create and remove exactly once", async () => {
        const store = await fresh();
        for (const id of ["a", "b", "c"]) await store.feeds.create(feed({ id, url: `https://${id}.example.com/feed` }));
        expect(await store.feeds.list()).toHaveLength(3);
        expect(await store.feeds.count()).toBe(3);
        await store.feeds.create(feed({ id: "d", url: "https://d.example.com/feed" }));
        expect(await store.feeds.create(feed({ id: "d", url: "https://d.example.com/feed" }))).toBe(false);
        expect(await store.feeds.count()).toBe(4);
        await store.feeds.remove("a");
        await store.feeds.remove("a");
        await store.feeds.remove("never-there");
        expect(await store.feeds.count()).toBe(3);
        expect(await store.feeds.list()).toHaveLength(3);
        expect(await store.feeds.count()).toBe(3);
      });

      it("needingAttention lists the failing, paused and never-polled feeds by URL, within a limit, and follows their state", async () => {
        const store = await fresh();
        const polled = { lastSuccessAt: iso(0), lastPolledAt: iso(0) };
        let fine = feed({ id: "fine", url: "https://a-fine.example.com/feed", ...polled });
        const failing = feed({
          id: "failing",
          url: "https://b-failing.example.com/feed",
          ...polled,
          consecutiveErrors: 2,
          failingSince: iso(-60),
        });
        const paused = feed({
          id: "paused",
          url: "https://c-paused.example.com/feed",
          ...polled,
          status: "paused",
          pausedReason: "410 Gone",
        });
        const fresh1 = feed({ id: "new", url: "https://d-new.example.com/feed" });
        for (const each of [fine, failing, paused, fresh1]) await store.feeds.create(each);

        expect(await store.feeds.needingAttention(10)).toEqual({ feeds: [failing, paused, fresh1], complete: true });
        expect(await store.feeds.needingAttention(3)).toEqual({ feeds: [failing, paused, fresh1], complete: true });
        // The worst first: failing and paused before never polled.
        expect(await store.feeds.needingAttention(2)).toEqual({ feeds: [failing, paused], complete: false });

        // A failure brings a fine feed in; its recovery takes it out again.
        fine = await store.feeds.update(fine, { consecutiveErrors: 1, failingSince: iso(5), lastError: "HTTP 503" });
        expect(ids((await store.feeds.needingAttention(10)).feeds)).toEqual(["fine", "failing", "paused", "new"]);
        await store.feeds.update(fine, { consecutiveErrors: 0, failingSince: undefined, lastError: undefined, lastSuccessAt: iso(10) });
        await store.feeds.update(fresh1, { lastSuccessAt: iso(10), lastPolledAt: iso(10) });
        await store.feeds.remove("failing");
        expect(ids((await store.feeds.needingAttention(10)).feeds)).toEqual(["paused"]);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("posts: feed items", () => {
      it("rememberItems marks items as known to one feed; knownItems returns only known ones, by key", async () => {
        const store = await fresh();
        await store.posts.rememberItems("feed-a", [
          { itemKey: "guid-1", postId: "p1", contentHash: "h1" },
          { itemKey: "https://blog.example.com/p2", postId: "p2", contentHash: "h2" },
        ]);
        const known = await store.posts.knownItems("feed-a", ["guid-1", "https://blog.example.com/p2", "guid-unknown", "guid-1"]);
        expect(known).toEqual(
          new Map([
            ["guid-1", { itemKey: "guid-1", postId: "p1", contentHash: "h1" }],
            ["https://blog.example.com/p2", { itemKey: "https://blog.example.com/p2", postId: "p2", contentHash: "h2" }],
          ]),
        );
        expect((await store.posts.knownItems("feed-b", ["guid-1"])).size).toBe(0);
        expect((await store.posts.knownItems("feed-a", [])).size).toBe(0);
      });

      it("rememberItems again overwrites an identity (newer hash) without counting it twice", async () => {
        const store = await fresh();
        await store.posts.rememberItems("feed-a", [{ itemKey: "guid-1", postId: "p1", contentHash: "h1" }]);
        await store.posts.rememberItems("feed-a", [{ itemKey: "guid-1", postId: "p1", contentHash: "h2" }]);
        expect((await store.posts.knownItems("feed-a", ["guid-1"])).get("guid-1")).toEqual({
          itemKey: "guid-1",
          postId: "p1",
          contentHash: "h2",
        });
        expect(await store.posts.countItems("feed-a")).toBe(1);
      });

      it("item keys of any length (long URLs, titles) round-trip", async () => {
        const store = await fresh();
        const longKey = `https://blog.example.com/${"very-long-slug-".repeat(150)}`;
        await store.posts.rememberItems("feed-a", [{ itemKey: longKey, postId: "p-long", contentHash: "h" }]);
        const known = await store.posts.knownItems("feed-a", [longKey, `${longKey}x`]);
        expect([...known.keys()]).toEqual([longKey]);
        expect(known.get(longKey)?.postId).toBe("p-long");
      });

      it("countItems counts a feed's items and idsOfFeed lists the distinct posts they became", async () => {
        const store = await fresh();
        expect(await store.posts.countItems("feed-a")).toBe(0);
        expect(await store.posts.idsOfFeed("feed-a")).toEqual([]);
        await store.posts.rememberItems("feed-a", [
          { itemKey: "guid-1", postId: "p1", contentHash: "h1" },
          // The same post under a second key (a feed that repeats a GUID with another URL).
          { itemKey: "guid-1#https://blog.example.com/p1", postId: "p1", contentHash: "h1" },
          { itemKey: "guid-2", postId: "p2", contentHash: "h2" },
        ]);
        await store.posts.rememberItems("feed-b", [{ itemKey: "guid-9", postId: "p9", contentHash: "h9" }]);
        expect(await store.posts.countItems("feed-a")).toBe(3);
        expect(sorted(await store.posts.idsOfFeed("feed-a"))).toEqual(["p1", "p2"]);
        expect(await store.posts.idsOfFeed("feed-b")).toEqual(["p9"]);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("posts: writes and reads", () => {
      it("insert stores a new post that get returns as it was (its lead kept apart)", async () => {
        const store = await fresh();
        const p = post({ author: "Ada", categories: ["k8s", "ops"], lead: "The opening paragraph.", topics: ["kubernetes", "gitops"] });
        expect(await store.posts.insert(p)).toBe(true);
        const stored = await store.posts.get(p.id);
        expect(stored).toEqual(withoutLead(p));
        expect(stored).not.toHaveProperty("lead");
        expect(await store.posts.get("missing")).toBeUndefined();
      });

      it("a talk with speakers, links and listedIn round-trips", async () => {
        const store = await fresh();
        const talk = post({
          id: "talk-1",
          kind: "talk",
          speakers: ["Grace Hopper"],
          organizations: ["Navy"],
          sessionCode: "CON203",
          links: [{ kind: "video", url: "https://video.example.com/1" }],
          listedIn: { postId: "recap-1", title: "KubeCon recap", url: "https://blog.example.com/recap-1", section: "ArgoCon" },
          fresh: false,
        });
        await store.posts.insert(talk);
        expect(await store.posts.get("talk-1")).toEqual(talk);
      });

      it("insert refuses a post that exists and keeps the first content", async () => {
        const store = await fresh();
        const first = post({ title: "First title", lead: "First lead." });
        expect(await store.posts.insert(first)).toBe(true);
        expect(await store.posts.insert(post({ title: "Second title", topics: ["gitops"], lead: "Second lead." }))).toBe(false);
        expect((await store.posts.get(first.id))?.title).toBe("First title");
        expect((await store.posts.get(first.id))?.topics).toEqual(["kubernetes"]);
        expect(await store.posts.byTopic("gitops", 10)).toEqual([]);
        expect((await store.posts.leads([first.id])).get(first.id)).toBe("First lead.");
      });

      it("getMany returns posts in the order asked, skipping missing ids", async () => {
        const store = await fresh();
        for (const id of ["a", "b", "c"]) await store.posts.insert(post({ id }));
        expect(ids(await store.posts.getMany(["c", "missing", "a"]))).toEqual(["c", "a"]);
        expect(await store.posts.getMany([])).toEqual([]);
        expect((await store.posts.getMany(["b"]))[0]).toEqual(post({ id: "b" }));
      });

      it("leads, getWithLead and withLeads return the lead stored with the post; posts without one have none", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "with", lead: "An opening about eBPF." }));
        await store.posts.insert(post({ id: "without" }));
        expect(await store.posts.leads(["with", "without", "missing", "with"])).toEqual(new Map([["with", "An opening about eBPF."]]));
        expect((await store.posts.getWithLead("with"))?.lead).toBe("An opening about eBPF.");
        expect(await store.posts.getWithLead("without")).not.toHaveProperty("lead");
        expect(await store.posts.getWithLead("missing")).toBeUndefined();

        const listed = await store.posts.getMany(["without", "with"]);
        for (const p of listed) expect(p).not.toHaveProperty("lead");
        const withLeads = await store.posts.withLeads(listed);
        expect(withLeads.map((p) => [p.id, p.lead])).toEqual([
          ["without", undefined],
          ["with", "An opening about eBPF."],
        ]);
        expect(await store.posts.withLeads([])).toEqual([]);
      });

      it("attachFeed adds a feed to an existing post, once, and returns the post as it now is", async () => {
        const store = await fresh();
        await store.posts.insert(post({ feeds: [FEED_URL] }));
        const attached = await store.posts.attachFeed("post-a", OTHER_FEED_URL);
        expect(sorted(attached.feeds)).toEqual(sorted([FEED_URL, OTHER_FEED_URL]));
        expect(attached).toMatchObject({ id: "post-a", title: "Post post-a", firstSeenAt: iso(0), fresh: true });
        const again = await store.posts.attachFeed("post-a", OTHER_FEED_URL);
        expect(sorted(again.feeds)).toEqual(sorted([FEED_URL, OTHER_FEED_URL]));
        expect(sorted((await store.posts.get("post-a"))!.feeds)).toEqual(sorted([FEED_URL, OTHER_FEED_URL]));
      });

      it("updateContent applies an edit without touching first-seen time, freshness or feeds", async () => {
        const store = await fresh();
        const original = post({ author: "Ada", categories: ["k8s"], lead: "Old lead.", topics: ["kubernetes"], firstSeenAt: iso(-30) });
        await store.posts.insert(original);
        await store.posts.updateContent(original.id, {
          title: "Edited title",
          summary: "Edited summary.",
          author: "Grace",
          categories: ["ebpf"],
          lead: "New lead.",
          topics: ["ebpf"],
        });
        const stored = await store.posts.get(original.id);
        expect(stored).toEqual({
          ...withoutLead(original),
          title: "Edited title",
          summary: "Edited summary.",
          author: "Grace",
          categories: ["ebpf"],
          topics: ["ebpf"],
        });
        expect((await store.posts.leads([original.id])).get(original.id)).toBe("New lead.");
        expect(ids(await store.posts.byTopic("ebpf", 10))).toEqual([original.id]);
        expect(await store.posts.byTopic("kubernetes", 10)).toEqual([]);
        expect(ids(await store.posts.seenSince(at(0), { since: at(-30) }))).toEqual([original.id]);
      });

      it("updateContent keeps publishedAt unless given, and drops optional fields (and the lead) the edit lacks", async () => {
        const store = await fresh();
        const original = post({ author: "Ada", categories: ["k8s"], lead: "Old lead.", publishedAt: iso(-120) });
        await store.posts.insert(original);
        await store.posts.updateContent(original.id, { title: "T2", summary: "S2", topics: ["kubernetes"] });
        let stored = await store.posts.get(original.id);
        expect(stored?.publishedAt).toBe(iso(-120));
        expect(stored).not.toHaveProperty("author");
        expect(stored).not.toHaveProperty("categories");
        expect(await store.posts.leads([original.id])).toEqual(new Map());

        await store.posts.updateContent(original.id, { title: "T3", summary: "S3", topics: ["kubernetes"], publishedAt: iso(-10) });
        stored = await store.posts.get(original.id);
        expect(stored).toMatchObject({ title: "T3", publishedAt: iso(-10), firstSeenAt: original.firstSeenAt, fresh: true });
        // The topic index follows the new publication date.
        await store.posts.insert(post({ id: "between", publishedAt: iso(-60) }));
        expect(ids(await store.posts.byTopic("kubernetes", 10))).toEqual([original.id, "between"]);
      });

      it("updateContent of a post that is gone fails and leaves no lead behind", async () => {
        const store = await fresh();
        await expect(store.posts.updateContent("gone", { title: "T", summary: "", topics: [], lead: "An orphan lead." })).rejects.toThrow();
        expect(await store.posts.leads(["gone"])).toEqual(new Map());
      });

      it("byTopic lists a topic's posts newest published first, with limit and offset", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "mid", publishedAt: iso(-120), firstSeenAt: iso(-1) }));
        await store.posts.insert(post({ id: "new", publishedAt: iso(-10), firstSeenAt: iso(-3) }));
        await store.posts.insert(post({ id: "old", publishedAt: iso(-300), firstSeenAt: iso(-2) }));
        await store.posts.insert(post({ id: "other", publishedAt: iso(-5), topics: ["gitops"] }));
        await store.posts.insert(post({ id: "multi", publishedAt: iso(-200), topics: ["ebpf", "gitops"] }));
        expect(ids(await store.posts.byTopic("kubernetes", 10))).toEqual(["new", "mid", "old"]);
        expect(ids(await store.posts.byTopic("kubernetes", 2))).toEqual(["new", "mid"]);
        expect(ids(await store.posts.byTopic("kubernetes", 1, 1))).toEqual(["mid"]);
        expect(ids(await store.posts.byTopic("kubernetes", 10, 2))).toEqual(["old"]);
        expect(await store.posts.byTopic("kubernetes", 10, 3)).toEqual([]);
        expect(await store.posts.byTopic("unknown-topic", 10)).toEqual([]);
        expect((await store.posts.byTopic("gitops", 10))[0]).toEqual(post({ id: "other", publishedAt: iso(-5), topics: ["gitops"] }));
        // A post with several topics is listed under each of them.
        expect(ids(await store.posts.byTopic("gitops", 10))).toEqual(["other", "multi"]);
        expect(ids(await store.posts.byTopic("ebpf", 10))).toEqual(["multi"]);
      });

      it("seenSince lists posts first seen at or after `since` (all time without), newest first, across months", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "today", firstSeenAt: iso(-10), publishedAt: "2026-01-01T00:00:00.000Z" }));
        await store.posts.insert(post({ id: "since-exactly", firstSeenAt: iso(-3 * 24 * 60) }));
        await store.posts.insert(post({ id: "october", firstSeenAt: "2026-10-15T12:00:00.000Z" }));
        await store.posts.insert(post({ id: "august", firstSeenAt: "2026-08-02T08:00:00.000Z" }));
        expect(ids(await store.posts.seenSince(at(0)))).toEqual(["today", "since-exactly", "october", "august"]);
        expect(ids(await store.posts.seenSince(at(0), { since: at(-3 * 24 * 60) }))).toEqual(["today", "since-exactly"]);
        expect(ids(await store.posts.seenSince(at(0), { since: new Date("2026-09-01T00:00:00Z") }))).toEqual([
          "today",
          "since-exactly",
          "october",
        ]);
        expect(await store.posts.seenSince(at(0), { since: at(-5) })).toEqual([]);
      });

      it("seenSince stops after `limit` posts, keeping the newest", async () => {
        const store = await fresh();
        for (const [id, minutes] of [
          ["a", -1],
          ["b", -2],
          ["c", -3],
          ["d", -50 * 24 * 60],
        ] as const) {
          await store.posts.insert(post({ id, firstSeenAt: iso(minutes) }));
        }
        expect(ids(await store.posts.seenSince(at(0), { limit: 2 }))).toEqual(["a", "b"]);
        expect(ids(await store.posts.seenSince(at(0), { limit: 4 }))).toEqual(["a", "b", "c", "d"]);
        expect(ids(await store.posts.seenSince(at(0), { limit: 10, since: at(-2) }))).toEqual(["a", "b"]);
      });

      it("pagesSeenSince walks the same posts as seenSince, page by page, never an empty page", async () => {
        const store = await fresh();
        for (const [id, minutes] of [
          ["a", -1],
          ["b", -2],
          ["c", -40 * 24 * 60],
          ["d", -70 * 24 * 60],
        ] as const) {
          await store.posts.insert(post({ id, firstSeenAt: iso(minutes) }));
        }
        const pages: Post[][] = [];
        for await (const page of store.posts.pagesSeenSince(at(0))) pages.push(page);
        for (const page of pages) expect(page.length).toBeGreaterThan(0);
        expect(ids(pages.flat())).toEqual(ids(await store.posts.seenSince(at(0))));
        expect(ids(pages.flat())).toEqual(["a", "b", "c", "d"]);

        const limited: Post[] = [];
        for await (const page of store.posts.pagesSeenSince(at(0), { limit: 3 })) limited.push(...page);
        expect(ids(limited)).toEqual(["a", "b", "c"]);
        const recent: Post[] = [];
        for await (const page of store.posts.pagesSeenSince(at(0), { since: at(-10) })) recent.push(...page);
        expect(ids(recent)).toEqual(["a", "b"]);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("posts: topics and corrections", () => {
      it("setTopics replaces a post's topics and moves it between topic lists", async () => {
        const store = await fresh();
        const p = post({ topics: ["kubernetes", "gitops"] });
        await store.posts.insert(p);
        expect(await store.posts.setTopics(p, ["gitops", "ebpf"])).toBe(true);
        expect((await store.posts.get(p.id))?.topics).toEqual(["gitops", "ebpf"]);
        expect(await store.posts.byTopic("kubernetes", 10)).toEqual([]);
        expect(ids(await store.posts.byTopic("gitops", 10))).toEqual([p.id]);
        expect(ids(await store.posts.byTopic("ebpf", 10))).toEqual([p.id]);
        // Retagging from a stale read still drops every topic the post had in the store.
        expect(await store.posts.setTopics({ id: p.id, publishedAt: p.publishedAt }, ["wasm"])).toBe(true);
        expect(await store.posts.byTopic("gitops", 10)).toEqual([]);
        expect(await store.posts.byTopic("ebpf", 10)).toEqual([]);
        expect(ids(await store.posts.byTopic("wasm", 10))).toEqual([p.id]);
      });

      it("setTopics, setCorrections and setListed refuse a missing post and list nothing", async () => {
        const store = await fresh();
        const gone = { id: "gone", publishedAt: iso(-60) };
        expect(await store.posts.setTopics(gone, ["kubernetes"])).toBe(false);
        expect(await store.posts.setCorrections(gone, { not: [], also: ["ebpf"] }, ["ebpf"])).toBe(false);
        expect(await store.posts.setListed(gone, ["gitops"], [{ id: "talk-1", kind: "talk", hash: "h1", topics: ["gitops"] }])).toBe(false);
        expect(await store.posts.get("gone")).toBeUndefined();
        for (const topic of ["kubernetes", "ebpf", "gitops"]) expect(await store.posts.byTopic(topic, 10)).toEqual([]);
      });

      it("setCorrections writes corrections and topics over the version read, then bumps it", async () => {
        const store = await fresh();
        await store.posts.insert(post({ topics: ["kubernetes"] }));
        const read = (await store.posts.get("post-a"))!;
        expect(read.correctionsVersion ?? 0).toBe(0);
        expect(await store.posts.setCorrections(read, { not: ["kubernetes"], also: ["ebpf"] }, ["ebpf"])).toBe(true);
        const after = (await store.posts.get("post-a"))!;
        expect(after.corrections).toEqual({ not: ["kubernetes"], also: ["ebpf"] });
        expect(after.topics).toEqual(["ebpf"]);
        expect(after.correctionsVersion).toBe(1);
        expect(await store.posts.byTopic("kubernetes", 10)).toEqual([]);
        expect(ids(await store.posts.byTopic("ebpf", 10))).toEqual(["post-a"]);
        // The next correction, over the version just read.
        expect(await store.posts.setCorrections(after, { not: [], also: ["ebpf"] }, ["kubernetes", "ebpf"])).toBe(true);
        expect((await store.posts.get("post-a"))?.correctionsVersion).toBe(2);
      });

      it("setCorrections over a stale version is false and changes nothing", async () => {
        const store = await fresh();
        await store.posts.insert(post({ topics: ["kubernetes"] }));
        const first = (await store.posts.get("post-a"))!;
        const second = (await store.posts.get("post-a"))!;
        expect(await store.posts.setCorrections(first, { not: [], also: ["gitops"] }, ["kubernetes", "gitops"])).toBe(true);
        expect(await store.posts.setCorrections(second, { not: ["kubernetes"], also: [] }, [])).toBe(false);
        const stored = (await store.posts.get("post-a"))!;
        expect(stored.corrections).toEqual({ not: [], also: ["gitops"] });
        expect(stored.topics).toEqual(["kubernetes", "gitops"]);
        expect(stored.correctionsVersion).toBe(1);
        expect(ids(await store.posts.byTopic("kubernetes", 10))).toEqual(["post-a"]);
      });

      it("repairIndexRows lists the post under its topics and stores its lead, idempotently", async () => {
        const store = await fresh();
        const p = post({ topics: ["kubernetes", "ebpf"] });
        await store.posts.insert(p);
        await store.posts.repairIndexRows(p.id, "A repaired lead.");
        await store.posts.repairIndexRows(p.id, "A repaired lead.");
        expect(ids(await store.posts.byTopic("kubernetes", 10))).toEqual([p.id]);
        expect(ids(await store.posts.byTopic("ebpf", 10))).toEqual([p.id]);
        expect((await store.posts.getWithLead(p.id))?.lead).toBe("A repaired lead.");
        expect(await store.posts.get(p.id)).toEqual(p);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("posts: counts per topic", () => {
      it("counts a topic's posts published since a time, from its index rows, through retags and edits", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "old", topics: ["ebpf"], publishedAt: iso((-3 * DAY) / MINUTE) }));
        await store.posts.insert(post({ id: "a", topics: ["ebpf", "kubernetes"], publishedAt: iso(-60) }));
        await store.posts.insert(post({ id: "b", topics: ["ebpf"], publishedAt: iso(-30) }));
        const since = at(-DAY / MINUTE);
        expect(await store.posts.countByTopic("ebpf", since)).toBe(2);
        expect(await store.posts.countByTopic("ebpf", at((-4 * DAY) / MINUTE))).toBe(3);
        expect(await store.posts.countByTopic("gitops", since)).toBe(0);
        await store.posts.setTopics({ id: "b", publishedAt: iso(-30) }, ["gitops"]);
        expect(await store.posts.countByTopic("ebpf", since)).toBe(1);
        expect(await store.posts.countByTopic("gitops", since)).toBe(1);
        // A publisher's new date moves the post out of the window.
        await store.posts.updateContent("a", { title: "A", summary: "", topics: ["ebpf"], publishedAt: iso((-2 * DAY) / MINUTE) });
        expect(await store.posts.countByTopic("ebpf", since)).toBe(0);
      });

      it("leaves a recap out while it lists talks (they count), and counts it again once it lists none", async () => {
        const store = await fresh();
        const recap = post({ id: "recap", topics: ["gitops"] });
        await store.posts.insert(recap);
        const since = at(-DAY / MINUTE);
        expect(await store.posts.countByTopic("gitops", since)).toBe(1);
        // The list is written before its items (topics unchanged): the recap is a recap from then on.
        expect(
          await store.posts.setListed({ ...recap, listedVersion: 0 }, undefined, [{ id: "talk-1", kind: "talk", hash: "", topics: [] }]),
        ).toBe(true);
        expect(await store.posts.countByTopic("gitops", since)).toBe(0);
        await store.posts.saveListed(post({ id: "talk-1", kind: "talk", topics: ["gitops"] }));
        expect(await store.posts.countByTopic("gitops", since)).toBe(1);
        await store.posts.removeListed("talk-1");
        expect(await store.posts.setListed({ ...recap, listedVersion: 1 }, ["gitops"], [])).toBe(true);
        expect(await store.posts.countByTopic("gitops", since)).toBe(1);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("posts: the topic-count snapshot", () => {
      const snapshot = (minutes: number, counts: Record<string, number>) => ({ computedAt: iso(minutes), days: 7, counts });
      /** Saved at `savedAt` minutes (by default its own stamp): also over one stamped more than a minute after that. */
      const save = (store: Store, counted: ReturnType<typeof snapshot>, savedAt = Date.parse(counted.computedAt)) =>
        store.posts.saveTopicCountSnapshot(counted, new Date(savedAt + 60_000).toISOString());

      it("is none at first, then the one saved, replaced only by one counted later", async () => {
        const store = await fresh();
        expect(await store.posts.topicCountSnapshot()).toBeUndefined();
        const first = snapshot(0, { ebpf: 2, gitops: 0, "platform-engineering": 1 });
        expect(await save(store, first)).toBe(true);
        expect(await store.posts.topicCountSnapshot()).toEqual(first);
        // A counting that began earlier (however late it ends), or at the same time, never replaces it.
        expect(await save(store, snapshot(-1, { ebpf: 1 }))).toBe(false);
        expect(await save(store, snapshot(0, { ebpf: 5 }))).toBe(false);
        expect(await store.posts.topicCountSnapshot()).toEqual(first);
        const later = { ...snapshot(15, { ebpf: 3 }), days: 6 };
        expect(await save(store, later)).toBe(true);
        expect(await store.posts.topicCountSnapshot()).toEqual(later);
        expect(await save(store, first, Date.parse(iso(16)))).toBe(false); // began at 0, ends at 16
        expect(await store.posts.topicCountSnapshot()).toEqual(later);
        // Stamped far in the future (a clock that ran fast): a counting now replaces it.
        expect(await save(store, snapshot(120, { ebpf: 7 }))).toBe(true);
        expect(await save(store, snapshot(16, { ebpf: 4 }))).toBe(true);
        expect(await store.posts.topicCountSnapshot()).toEqual(snapshot(16, { ebpf: 4 }));
      });

      it("keeps what was saved, whatever the caller does with its copies, and leaves the feed count alone", async () => {
        const store = await fresh();
        const saved = snapshot(0, { ebpf: 2 });
        await save(store, saved);
        saved.counts.ebpf = 9;
        const read = await store.posts.topicCountSnapshot();
        read!.counts.ebpf = 8;
        expect(await store.posts.topicCountSnapshot()).toEqual(snapshot(0, { ebpf: 2 }));
        // It shares the installation's bookkeeping partition with the feed registry.
        await store.feeds.create(feed());
        await store.feeds.list();
        expect(await store.feeds.count()).toBe(1);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("posts: the word index", () => {
      const found = async (store: Store, ...words: string[]) => {
        const matched: string[] = [];
        for await (const id of store.posts.searchIds(searchQuery(words).terms)) matched.push(id);
        return matched;
      };

      it("finds posts by every word of their title, summary, speakers, organizations and event, newest published first", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "old", title: "Deploying eBPF probes", publishedAt: iso(-300) }));
        await store.posts.insert(post({ id: "new", title: "eBPF at scale", summary: "How we deployed it.", publishedAt: iso(-100) }));
        await store.posts.insert(
          post({ id: "talk", kind: "talk", title: "Keynote", speakers: ["Grace Hopper"], organizations: ["Navy"], publishedAt: iso(-200) }),
        );
        expect(await found(store, "ebpf")).toEqual(["new", "old"]);
        expect(await found(store, "deploy", "EBPF")).toEqual(["new", "old"]);
        expect(await found(store, "hopper", "navy")).toEqual(["talk"]);
        expect(await found(store, "ebpf", "hopper")).toEqual([]);
        expect(await found(store, "nowhere")).toEqual([]);
        expect(await found(store)).toEqual([]);
      });

      it("intersects long lists: a rare word among hundreds of posts with a common one", async () => {
        const store = await fresh();
        const all = Array.from({ length: 240 }, (_, i) =>
          post({
            id: `p${String(i).padStart(3, "0")}`,
            title: i % 40 === 7 ? "Kubernetes and Wasm" : "Kubernetes news",
            publishedAt: iso(-i),
          }),
        );
        for (const p of all) await store.posts.insert(p);
        const rare = all.filter((_, i) => i % 40 === 7).map((p) => p.id);
        expect(await found(store, "wasm", "kubernetes")).toEqual(rare);
        expect(await found(store, "kubernetes", "wasm")).toEqual(rare);
        expect(await found(store, "kubernetes")).toEqual(all.map((p) => p.id));
      });

      it("follows a publisher's edit: words gained are found, words lost are not, a new date reorders", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "a", title: "Cilium networking", publishedAt: iso(-10) }));
        await store.posts.insert(post({ id: "b", title: "Cilium release", publishedAt: iso(-20) }));
        await store.posts.updateContent("b", { title: "Cilium security", summary: "", topics: ["kubernetes"], publishedAt: iso(-5) });
        expect(await found(store, "release")).toEqual([]);
        expect(await found(store, "security")).toEqual(["b"]);
        expect(await found(store, "cilium")).toEqual(["b", "a"]);
      });

      it("a recap's item is found by its new words after a sync, and not at all once removed", async () => {
        const store = await fresh();
        const talk = post({
          id: "talk-1",
          kind: "talk",
          title: "Argo at scale",
          speakers: ["Ada"],
          listedIn: { postId: "recap", url: "https://r", title: "Recap", section: "ArgoCon" },
        });
        await store.posts.saveListed(talk);
        expect(await found(store, "argocon")).toEqual(["talk-1"]);
        await store.posts.saveListed({ ...talk, speakers: ["Grace"] });
        expect(await found(store, "ada")).toEqual([]);
        expect(await found(store, "grace", "argo")).toEqual(["talk-1"]);
        await store.posts.removeListed("talk-1");
        expect(await found(store, "argo")).toEqual([]);
      });

      it("repairIndexRows rewrites nothing for a post whose rows are right, and deletes the rows of a post that is gone", async () => {
        const store = await fresh();
        const p = post({ title: "Flux and Helm" });
        await store.posts.insert(p);
        expect(await store.posts.repairIndexRows(p.id)).toBe(0);
        expect(await found(store, "helm", "flux")).toEqual([p.id]);
        // Rows follow the post as stored, whatever the caller holds.
        await store.posts.setTopics(p, ["gitops"]);
        expect(await store.posts.repairIndexRows(p.id)).toBe(0);
        expect(ids(await store.posts.byTopic("gitops", 10))).toEqual([p.id]);
        expect(await store.posts.byTopic("kubernetes", 10)).toEqual([]);
        expect(await store.posts.repairIndexRows("missing")).toBe(0);
      });

      it("a recap's edit keeps it out of the topic counts; a correction of a listed talk moves its count", async () => {
        const store = await fresh();
        const since = at(-DAY / MINUTE);
        const recap = post({ id: "recap", topics: ["gitops"] });
        await store.posts.insert(recap);
        await store.posts.setListed(
          { ...recap, listedVersion: 0 },
          ["gitops"],
          [{ id: "talk-1", kind: "talk", hash: "h", topics: ["gitops"] }],
        );
        await store.posts.updateContent("recap", { title: "Recap, edited", summary: "", topics: ["gitops", "ebpf"] });
        expect(await store.posts.countByTopic("gitops", since)).toBe(0);
        expect(await store.posts.countByTopic("ebpf", since)).toBe(0);
        await store.posts.saveListed(post({ id: "talk-1", kind: "talk", topics: ["gitops"] }));
        const talk = (await store.posts.get("talk-1"))!;
        expect(await store.posts.setCorrections(talk, { not: ["gitops"], also: ["ebpf"] }, ["ebpf"])).toBe(true);
        expect(await store.posts.countByTopic("gitops", since)).toBe(0);
        expect(await store.posts.countByTopic("ebpf", since)).toBe(1);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("posts: recap lists", () => {
      const listed: ListedItem[] = [
        { id: "talk-1", kind: "talk", hash: "h1", topics: ["kubernetes"] },
        { id: "article-2", kind: "article", hash: "h2", topics: ["ebpf"] },
      ];

      it("setListed writes the list and topics over version 0, then over the version read", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "recap", topics: ["kubernetes"] }));
        const read = (await store.posts.get("recap"))!;
        expect(read.listedVersion ?? 0).toBe(0);
        expect(await store.posts.setListed(read, ["kubernetes", "ebpf"], listed)).toBe(true);
        const after = (await store.posts.get("recap"))!;
        expect(after.listed).toEqual(listed);
        expect(after.topics).toEqual(["kubernetes", "ebpf"]);
        expect(after.listedVersion).toBe(1);
        expect(ids(await store.posts.byTopic("ebpf", 10))).toEqual(["recap"]);

        expect(await store.posts.setListed(after, ["ebpf"], listed.slice(1))).toBe(true);
        const again = (await store.posts.get("recap"))!;
        expect(again.listed).toEqual(listed.slice(1));
        expect(again.listedVersion).toBe(2);
        expect(await store.posts.byTopic("kubernetes", 10)).toEqual([]);
      });

      it("setListed with topics undefined writes the list only", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "recap", topics: ["gitops"] }));
        expect(await store.posts.setListed({ id: "recap", publishedAt: iso(-60), listedVersion: 0 }, undefined, listed)).toBe(true);
        const after = (await store.posts.get("recap"))!;
        expect(after.listed).toEqual(listed);
        expect(after.topics).toEqual(["gitops"]);
        expect(ids(await store.posts.byTopic("gitops", 10))).toEqual(["recap"]);
      });

      it("setListed over a stale version is false and keeps the other sync's list", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "recap" }));
        const a = (await store.posts.get("recap"))!;
        const b = (await store.posts.get("recap"))!;
        expect(await store.posts.setListed(a, ["kubernetes"], listed)).toBe(true);
        expect(await store.posts.setListed(b, ["ebpf"], [])).toBe(false);
        // A version nobody wrote is refused too.
        expect(await store.posts.setListed({ ...a, listedVersion: 5 }, ["ebpf"], [])).toBe(false);
        const stored = (await store.posts.get("recap"))!;
        expect(stored.listed).toEqual(listed);
        expect(stored.topics).toEqual(["kubernetes"]);
        expect(stored.listedVersion).toBe(1);
        // The winner, knowing the version its own write made (as recap sync does), writes again.
        expect(await store.posts.setListed({ ...a, listedVersion: 1 }, ["ebpf"], listed.slice(0, 1))).toBe(true);
        expect((await store.posts.get("recap"))?.listed).toEqual(listed.slice(0, 1));
      });

      it("saveListed inserts a new item and returns its topics", async () => {
        const store = await fresh();
        const talk = post({
          id: "talk-1",
          kind: "talk",
          topics: ["kubernetes"],
          fresh: false,
          listedIn: { postId: "recap", title: "Recap", url: "https://blog.example.com/recap" },
          speakers: ["Ada"],
          sessionCode: "KEY01",
        });
        expect(await store.posts.saveListed(talk)).toEqual(["kubernetes"]);
        expect(await store.posts.get("talk-1")).toEqual(talk);
        expect(ids(await store.posts.byTopic("kubernetes", 10))).toEqual(["talk-1"]);
      });

      it("saveListed replaces an existing item's content, keeps when it was first seen, and moves its topic rows", async () => {
        const store = await fresh();
        const listedIn = { postId: "recap", title: "Recap", url: "https://blog.example.com/recap" };
        await store.posts.saveListed(
          post({ id: "talk-1", kind: "talk", topics: ["kubernetes"], firstSeenAt: iso(-60), listedIn, sessionCode: "A1" }),
        );
        const returned = await store.posts.saveListed(
          post({ id: "talk-1", kind: "talk", title: "Renamed talk", topics: ["ebpf"], firstSeenAt: iso(0), listedIn, speakers: ["Linus"] }),
        );
        expect(returned).toEqual(["ebpf"]);
        const stored = (await store.posts.get("talk-1"))!;
        expect(stored).toMatchObject({ title: "Renamed talk", topics: ["ebpf"], firstSeenAt: iso(-60), speakers: ["Linus"] });
        expect(stored).not.toHaveProperty("sessionCode");
        expect(await store.posts.byTopic("kubernetes", 10)).toEqual([]);
        expect(ids(await store.posts.byTopic("ebpf", 10))).toEqual(["talk-1"]);
      });

      it("saveListed keeps the team's corrections, whose topics (from `corrected`) win over the item's; lost topics' lists drop it", async () => {
        const store = await fresh();
        const listedIn = { postId: "recap", title: "Recap", url: "https://blog.example.com/recap" };
        await store.posts.saveListed(post({ id: "talk-1", kind: "talk", topics: ["kubernetes", "wasm"], listedIn }));
        const read = (await store.posts.get("talk-1"))!;
        await store.posts.setCorrections(read, { not: ["kubernetes"], also: ["gitops"] }, ["wasm", "gitops"]);

        const seen: unknown[] = [];
        const returned = await store.posts.saveListed(
          post({ id: "talk-1", kind: "talk", title: "Edited", topics: ["kubernetes", "ebpf"], listedIn }),
          (corrections) => {
            seen.push(corrections);
            return ["ebpf", "gitops"];
          },
        );
        expect(seen).toEqual([{ not: ["kubernetes"], also: ["gitops"] }]);
        expect(returned).toEqual(["ebpf", "gitops"]);
        const stored = (await store.posts.get("talk-1"))!;
        expect(stored).toMatchObject({
          title: "Edited",
          topics: ["ebpf", "gitops"],
          corrections: { not: ["kubernetes"], also: ["gitops"] },
        });
        expect(await store.posts.byTopic("kubernetes", 10)).toEqual([]);
        expect(ids(await store.posts.byTopic("gitops", 10))).toEqual(["talk-1"]);
        expect(ids(await store.posts.byTopic("ebpf", 10))).toEqual(["talk-1"]);
        // A topic the item had before this sync and has lost leaves its list too.
        expect(await store.posts.byTopic("wasm", 10)).toEqual([]);
      });

      it("removeListed deletes the item and every topic list it was in; an unknown id is harmless", async () => {
        const store = await fresh();
        await store.posts.saveListed(post({ id: "talk-1", kind: "talk", topics: ["kubernetes", "ebpf"] }));
        await store.posts.insert(post({ id: "stays", topics: ["kubernetes"] }));
        await store.posts.removeListed("talk-1");
        await store.posts.removeListed("never-there");
        expect(await store.posts.get("talk-1")).toBeUndefined();
        expect(ids(await store.posts.byTopic("kubernetes", 10))).toEqual(["stays"]);
        expect(await store.posts.byTopic("ebpf", 10)).toEqual([]);
        expect(ids(await store.posts.getMany(["talk-1", "stays"]))).toEqual(["stays"]);
        expect(ids(await store.posts.seenSince(at(0)))).toEqual(["stays"]);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("posts: announcements", () => {
      it("claimAnnouncement: exactly one caller wins while the claim is live; released, it can be taken again", async () => {
        const store = await fresh();
        await store.posts.insert(post());
        expect(await store.posts.claimAnnouncement("post-a", at(0), at(-10))).toBe(true);
        expect(await store.posts.claimAnnouncement("post-a", at(0), at(-10))).toBe(false);
        expect(await store.posts.claimAnnouncement("post-a", at(5), at(-5))).toBe(false);
        await store.posts.releaseAnnouncement("post-a", at(0));
        expect(await store.posts.claimAnnouncement("post-a", at(6), at(-4))).toBe(true);
        expect(await store.posts.claimAnnouncement("post-a", at(6), at(-4))).toBe(false);
      });

      it("claimAnnouncement takes over a claim older than staleBefore; the old holder's release then frees nothing", async () => {
        const store = await fresh();
        await store.posts.insert(post());
        expect(await store.posts.claimAnnouncement("post-a", at(0), at(-10))).toBe(true);
        expect(await store.posts.claimAnnouncement("post-a", at(20), at(5))).toBe(true);
        // The crashed holder comes back and releases its claim: the takeover stays.
        await store.posts.releaseAnnouncement("post-a", at(0));
        expect(await store.posts.claimAnnouncement("post-a", at(21), at(11))).toBe(false);
        // The new holder's release frees it.
        await store.posts.releaseAnnouncement("post-a", at(20));
        expect(await store.posts.claimAnnouncement("post-a", at(22), at(12))).toBe(true);
      });

      it("markAnnounced records when, and no claim is taken afterwards, however stale", async () => {
        const store = await fresh();
        await store.posts.insert(post());
        expect(await store.posts.claimAnnouncement("post-a", at(0), at(-10))).toBe(true);
        await store.posts.markAnnounced("post-a", at(1));
        expect((await store.posts.get("post-a"))?.announcedAt).toBe(iso(1));
        expect(await store.posts.claimAnnouncement("post-a", at(60 * 24), at(60 * 24))).toBe(false);
      });

      it("markAnnounced leaves a post removed meanwhile removed: it can be stored again", async () => {
        const store = await fresh();
        await store.posts.markAnnounced("gone", at(1));
        expect(await store.posts.get("gone")).toBeUndefined();
        expect(await store.posts.insert(post({ id: "gone" }))).toBe(true);
        expect((await store.posts.get("gone"))?.announcedAt).toBeUndefined();
      });

      it("claimAnnouncement refuses backfill (not fresh) and missing posts", async () => {
        const store = await fresh();
        await store.posts.insert(post({ id: "backfill", fresh: false }));
        expect(await store.posts.claimAnnouncement("backfill", at(0), at(-10))).toBe(false);
        expect(await store.posts.claimAnnouncement("missing", at(0), at(-10))).toBe(false);
        expect(await store.posts.get("missing")).toBeUndefined();
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("subscriptions", () => {
      it("save stores a subscription that get and list return as it was", async () => {
        const store = await fresh();
        const a = subscription({ channelId: "C1" });
        const b = subscription({ channelId: "C2", days: "daily", topics: [], lastDigestDate: "2026-11-19" });
        await store.subscriptions.save(a);
        await store.subscriptions.save(b);
        expect(await store.subscriptions.get("C1")).toEqual(a);
        expect((await store.subscriptions.list()).sort((x, y) => x.channelId.localeCompare(y.channelId))).toEqual([a, b]);
        expect(await store.subscriptions.get("C-missing")).toBeUndefined();
      });

      it("save replaces a channel's subscription but keeps its digest claims", async () => {
        const store = await fresh();
        await store.subscriptions.save(subscription({ time: "09:00" }));
        expect(await store.subscriptions.claimDigest("C1", "2026-11-20", at(0))).toBe(true);
        const replaced = subscription({ time: "17:30", timeZone: "America/New_York", topics: ["ebpf"] });
        await store.subscriptions.save(replaced);
        expect(await store.subscriptions.get("C1")).toEqual(replaced);
        expect(await store.subscriptions.list()).toEqual([replaced]);
        expect(await store.subscriptions.claimDigest("C1", "2026-11-20", at(1))).toBe(false);
      });

      it("remove is true once, then false; the subscription leaves get and list", async () => {
        const store = await fresh();
        await store.subscriptions.save(subscription({ channelId: "C1" }));
        await store.subscriptions.save(subscription({ channelId: "C2" }));
        expect(await store.subscriptions.remove("C1")).toBe(true);
        expect(await store.subscriptions.remove("C1")).toBe(false);
        expect(await store.subscriptions.remove("C-never")).toBe(false);
        expect(await store.subscriptions.get("C1")).toBeUndefined();
        expect((await store.subscriptions.list()).map((s) => s.channelId)).toEqual(["C2"]);
      });

      it("update sets the given fields, removes those patched to undefined, and leaves the rest", async () => {
        const store = await fresh();
        await store.subscriptions.save(subscription({ lastProblem: "ratelimited" }));
        await store.subscriptions.update("C1", {
          lastProblem: undefined,
          lastDigestDate: "2026-11-20",
          lastDigestAt: iso(0),
          lastDigestTs: "1763629200.000100",
        });
        expect(await store.subscriptions.get("C1")).toEqual(
          subscription({ lastDigestDate: "2026-11-20", lastDigestAt: iso(0), lastDigestTs: "1763629200.000100" }),
        );
        await store.subscriptions.update("C1", { status: "disabled", disabledReason: "channel_not_found" });
        expect(await store.subscriptions.get("C1")).toMatchObject({
          status: "disabled",
          disabledReason: "channel_not_found",
          time: "09:00",
        });
        expect(await store.subscriptions.list()).toHaveLength(1);
      });

      it("update never creates a subscription for a channel that has none", async () => {
        const store = await fresh();
        await store.subscriptions.update("C-none", { lastProblem: "ratelimited" }).catch(() => undefined);
        expect(await store.subscriptions.get("C-none")).toBeUndefined();
        expect(await store.subscriptions.list()).toEqual([]);
      });

      it("claimDigest takes (channel, date) once; other dates and channels are separate", async () => {
        const store = await fresh();
        expect(await store.subscriptions.claimDigest("C1", "2026-11-20", at(0))).toBe(true);
        expect(await store.subscriptions.claimDigest("C1", "2026-11-20", at(0))).toBe(false);
        expect(await store.subscriptions.claimDigest("C1", "2026-11-21", at(0))).toBe(true);
        expect(await store.subscriptions.claimDigest("C2", "2026-11-20", at(0))).toBe(true);
        // Claims are not subscriptions.
        expect(await store.subscriptions.list()).toEqual([]);
      });

      it("recordDigest keeps the day taken; releaseDigest gives it back for a later run", async () => {
        const store = await fresh();
        expect(await store.subscriptions.claimDigest("C1", "2026-11-20", at(0))).toBe(true);
        await store.subscriptions.recordDigest("C1", "2026-11-20", { ts: "1763629200.000100", postCount: 4 }, at(1));
        expect(await store.subscriptions.claimDigest("C1", "2026-11-20", at(2))).toBe(false);

        expect(await store.subscriptions.claimDigest("C1", "2026-11-21", at(0))).toBe(true);
        await store.subscriptions.recordDigest("C1", "2026-11-21", { postCount: 0 }, at(1));
        expect(await store.subscriptions.claimDigest("C1", "2026-11-21", at(2))).toBe(false);

        expect(await store.subscriptions.claimDigest("C1", "2026-11-22", at(0))).toBe(true);
        await store.subscriptions.releaseDigest("C1", "2026-11-22");
        expect(await store.subscriptions.claimDigest("C1", "2026-11-22", at(5))).toBe(true);
        expect(await store.subscriptions.claimDigest("C1", "2026-11-22", at(6))).toBe(false);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("topics", () => {
      const platform: TeamTopic = {
        id: "platform-engineering",
        label: "Platform engineering",
        aliases: ["IDP", "internal developer platform"],
        addedAt: iso(0),
        addedBy: "U1",
      };

      it("add stores a new topic that list and knowledge return", async () => {
        const store = await fresh();
        expect(await store.topics.list()).toEqual([]);
        expect(await store.topics.knowledge()).toEqual({ topics: [], cues: [] });
        expect(await store.topics.add(platform)).toBe(true);
        expect(await store.topics.list()).toEqual([platform]);
        expect((await store.topics.knowledge()).topics).toEqual([platform]);
      });

      it("add refuses an id that has a row already and keeps the first", async () => {
        const store = await fresh();
        expect(await store.topics.add(platform)).toBe(true);
        expect(await store.topics.add({ ...platform, label: "Something else", aliases: [] })).toBe(false);
        await store.topics.addAlias("kubernetes", "k8s", iso(1));
        expect(await store.topics.add({ id: "kubernetes", label: "Kubernetes", aliases: [], addedAt: iso(2) })).toBe(false);
        const list = await store.topics.list();
        expect(list.find((t) => t.id === platform.id)).toEqual(platform);
        expect(list).toHaveLength(2);
      });

      it("addAlias creates a row for a built-in topic, then appends, keeping when the row was added", async () => {
        const store = await fresh();
        await store.topics.addAlias("kubernetes", "k8s", iso(0));
        await store.topics.addAlias("kubernetes", "kube", iso(10));
        expect(await store.topics.list()).toEqual([{ id: "kubernetes", aliases: ["k8s", "kube"], addedAt: iso(0) }]);
        // On a team topic's row it appends to the aliases and leaves the rest.
        await store.topics.add(platform);
        await store.topics.addAlias(platform.id, "platform team", iso(30));
        expect((await store.topics.list()).find((t) => t.id === platform.id)).toEqual({
          ...platform,
          aliases: [...platform.aliases, "platform team"],
        });
      });

      it("teachCue creates a cue the first time, then remembers each post teaching it, idempotently", async () => {
        const store = await fresh();
        await store.topics.teachCue(cue(), "p1");
        expect(await store.topics.cues("kubernetes")).toEqual([{ ...cue(), postIds: ["p1"] }]);
        // A later teacher: who and when stay those of the first.
        await store.topics.teachCue(cue({ addedAt: iso(60), addedBy: "U2" }), "p2");
        await store.topics.teachCue(cue({ addedAt: iso(90), addedBy: "U3" }), "p1");
        const [taught] = await store.topics.cues("kubernetes");
        expect(taught).toMatchObject({ ...cue(), addedAt: iso(0), addedBy: "U1" });
        expect(sorted(taught!.postIds)).toEqual(["p1", "p2"]);
      });

      it("cues lists one topic's cues; knowledge lists every topic and cue", async () => {
        const store = await fresh();
        const positive = cue({ cueId: "positive-pod-security", polarity: "positive", phrase: "pod security" });
        const ebpfCue = cue({ topicId: "ebpf", cueId: "negative-bpf-trap", phrase: "bpf trap" });
        // A topic id that extends another must not leak into its cues.
        const longer = cue({ topicId: "kubernetes-operators", cueId: "negative-crd", phrase: "crd" });
        await store.topics.teachCue(cue(), "p1");
        await store.topics.teachCue(positive, "p2");
        await store.topics.teachCue(ebpfCue, "p3");
        await store.topics.teachCue(longer, "p4");
        await store.topics.add(platform);
        const byId = (list: TeamCue[]) => [...list].sort((a, b) => a.cueId.localeCompare(b.cueId));
        expect(byId(await store.topics.cues("kubernetes"))).toEqual(
          byId([
            { ...cue(), postIds: ["p1"] },
            { ...positive, postIds: ["p2"] },
          ]),
        );
        expect(await store.topics.cues("ebpf")).toEqual([{ ...ebpfCue, postIds: ["p3"] }]);
        expect(await store.topics.cues("wasm")).toEqual([]);
        const knowledge = await store.topics.knowledge();
        expect(knowledge.topics).toEqual([platform]);
        expect(knowledge.cues.map((c) => c.cueId).sort()).toEqual([
          "negative-bpf-trap",
          "negative-crd",
          "negative-helm-charts",
          "positive-pod-security",
        ]);
        expect(await store.topics.list()).toEqual([platform]);
      });

      it("unteachCues takes the post out of the topic's cues and deletes those no post teaches any more", async () => {
        const store = await fresh();
        const shared = cue({ cueId: "negative-shared", phrase: "shared" });
        const alone = cue({ cueId: "negative-alone", phrase: "alone" });
        const untouched = cue({ cueId: "negative-untouched", phrase: "untouched" });
        const elsewhere = cue({ topicId: "ebpf", cueId: "negative-elsewhere", phrase: "elsewhere" });
        await store.topics.teachCue(shared, "p1");
        await store.topics.teachCue(shared, "p2");
        await store.topics.teachCue(alone, "p1");
        await store.topics.teachCue(untouched, "p3");
        await store.topics.teachCue(elsewhere, "p1");

        await store.topics.unteachCues("kubernetes", "p1");
        const left = (await store.topics.cues("kubernetes")).sort((a, b) => a.cueId.localeCompare(b.cueId));
        expect(left).toEqual([
          { ...shared, postIds: ["p2"] },
          { ...untouched, postIds: ["p3"] },
        ]);
        expect(await store.topics.cues("ebpf")).toEqual([{ ...elsewhere, postIds: ["p1"] }]);
        // Undoing again (or for a post that taught nothing) changes nothing.
        await store.topics.unteachCues("kubernetes", "p1");
        await store.topics.unteachCues("kubernetes", "p-none");
        expect(await store.topics.cues("kubernetes")).toHaveLength(2);
        // The cue can be taught again after it was unlearned.
        await store.topics.teachCue(cue({ cueId: "negative-alone", phrase: "alone", addedAt: iso(100) }), "p9");
        expect((await store.topics.cues("kubernetes")).find((c) => c.cueId === "negative-alone")).toMatchObject({
          postIds: ["p9"],
          addedAt: iso(100),
        });
      });

      it("removeCue deletes a cue and returns it as it was; undefined when there was none", async () => {
        const store = await fresh();
        await store.topics.teachCue(cue(), "p1");
        await store.topics.teachCue(cue(), "p2");
        const removed = await store.topics.removeCue("kubernetes", cue().cueId);
        expect(removed).toMatchObject(cue());
        expect(sorted(removed!.postIds)).toEqual(["p1", "p2"]);
        expect(await store.topics.cues("kubernetes")).toEqual([]);
        expect(await store.topics.removeCue("kubernetes", cue().cueId)).toBeUndefined();
        expect(await store.topics.removeCue("ebpf", "never-taught")).toBeUndefined();
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("follows", () => {
      it("save stores a follow that get and ofChannel return as it was", async () => {
        const store = await fresh();
        const k8s = follow({ topicId: "kubernetes" });
        const ebpf = follow({ topicId: "ebpf", createdBy: "U2" });
        await store.follows.save(k8s);
        await store.follows.save(ebpf);
        await store.follows.save(follow({ channelId: "C2", topicId: "kubernetes" }));
        expect(await store.follows.get("C1", "kubernetes")).toEqual(k8s);
        expect(await store.follows.get("C1", "gitops")).toBeUndefined();
        expect((await store.follows.ofChannel("C1")).sort((a, b) => a.topicId.localeCompare(b.topicId))).toEqual([ebpf, k8s]);
        expect(await store.follows.ofChannel("C-none")).toEqual([]);
      });

      it("channelsFollowing lists channels whose follow of the topic is active", async () => {
        const store = await fresh();
        await store.follows.save(follow({ channelId: "C1" }));
        await store.follows.save(follow({ channelId: "C2" }));
        await store.follows.save(follow({ channelId: "C3", status: "disabled", disabledReason: "not_in_channel" }));
        await store.follows.save(follow({ channelId: "C4", topicId: "ebpf" }));
        expect(sorted(await store.follows.channelsFollowing("kubernetes"))).toEqual(["C1", "C2"]);
        expect(await store.follows.channelsFollowing("gitops")).toEqual([]);
        // Saving again moves a follow in and out of the index.
        await store.follows.save(follow({ channelId: "C3" }));
        await store.follows.save(follow({ channelId: "C1", status: "disabled", disabledReason: "channel_not_found" }));
        expect(sorted(await store.follows.channelsFollowing("kubernetes"))).toEqual(["C2", "C3"]);
      });

      it("remove is true once, then false; the follow leaves every list", async () => {
        const store = await fresh();
        await store.follows.save(follow());
        expect(await store.follows.remove("C1", "kubernetes")).toBe(true);
        expect(await store.follows.remove("C1", "kubernetes")).toBe(false);
        expect(await store.follows.remove("C1", "never")).toBe(false);
        expect(await store.follows.get("C1", "kubernetes")).toBeUndefined();
        expect(await store.follows.ofChannel("C1")).toEqual([]);
        expect(await store.follows.channelsFollowing("kubernetes")).toEqual([]);
      });

      it("disableChannel stops every follow of the channel, saying why, and takes them out of channelsFollowing", async () => {
        const store = await fresh();
        await store.follows.save(follow({ topicId: "kubernetes" }));
        await store.follows.save(follow({ topicId: "ebpf" }));
        await store.follows.save(follow({ topicId: "gitops", status: "disabled", disabledReason: "earlier" }));
        await store.follows.save(follow({ channelId: "C2", topicId: "kubernetes" }));
        await store.follows.disableChannel("C1", "channel_not_found");
        expect(await store.follows.get("C1", "kubernetes")).toEqual(follow({ status: "disabled", disabledReason: "channel_not_found" }));
        expect(await store.follows.get("C1", "ebpf")).toMatchObject({ status: "disabled", disabledReason: "channel_not_found" });
        // A follow stopped before keeps the reason it was stopped for.
        expect(await store.follows.get("C1", "gitops")).toMatchObject({ status: "disabled", disabledReason: "earlier" });
        expect(await store.follows.channelsFollowing("kubernetes")).toEqual(["C2"]);
        expect(await store.follows.channelsFollowing("ebpf")).toEqual([]);
        expect(await store.follows.get("C2", "kubernetes")).toEqual(follow({ channelId: "C2" }));
        // A channel without follows is harmless.
        await store.follows.disableChannel("C-none", "channel_not_found");
        expect(await store.follows.ofChannel("C-none")).toEqual([]);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("follows: alert claims and budget", () => {
      it("claim takes (channel, post) once; other channels and posts are separate", async () => {
        const store = await fresh();
        const { alerts } = store.follows;
        expect(await alerts.get("C1", "p1")).toBeUndefined();
        expect(await alerts.claim("C1", "p1", at(0))).toBe(true);
        expect(await alerts.claim("C1", "p1", at(1))).toBe(false);
        expect(await alerts.claim("C1", "p2", at(0))).toBe(true);
        expect(await alerts.claim("C2", "p1", at(0))).toBe(true);
        const claim = await alerts.get("C1", "p1");
        expect(claim).toBeDefined();
        expect(claim?.status).not.toBe("rolled-up");
      });

      it("record states the claim's outcome: posted, or rolled up into an hour", async () => {
        const store = await fresh();
        const { alerts } = store.follows;
        await alerts.claim("C1", "p1", at(0));
        await alerts.record("C1", "p1", { status: "posted", hour: HOUR, ts: "1763629200.000100" });
        expect(await alerts.get("C1", "p1")).toMatchObject({ status: "posted", hour: HOUR });
        await alerts.claim("C1", "p2", at(0));
        await alerts.record("C1", "p2", { status: "rolled-up", hour: HOUR });
        expect(await alerts.get("C1", "p2")).toMatchObject({ status: "rolled-up", hour: HOUR });
        expect(await alerts.claim("C1", "p2", at(5))).toBe(false);
      });

      it("release gives the post back so a redelivery can claim it again", async () => {
        const store = await fresh();
        const { alerts } = store.follows;
        await alerts.claim("C1", "p1", at(0));
        await alerts.release("C1", "p1");
        expect(await alerts.get("C1", "p1")).toBeUndefined();
        expect(await alerts.claim("C1", "p1", at(1))).toBe(true);
        await alerts.release("C1", "never-claimed");
        expect(await alerts.get("C1", "never-claimed")).toBeUndefined();
      });

      it("takeSlot grants `max` slots per channel and hour; returnSlot gives one back", async () => {
        const store = await fresh();
        const { alerts } = store.follows;
        expect(await alerts.takeSlot("C1", HOUR, 2)).toBe(true);
        expect(await alerts.takeSlot("C1", HOUR, 2)).toBe(true);
        expect(await alerts.takeSlot("C1", HOUR, 2)).toBe(false);
        expect(await alerts.takeSlot("C1", "2026-11-20T10", 2)).toBe(true);
        expect(await alerts.takeSlot("C2", HOUR, 2)).toBe(true);
        await alerts.returnSlot("C1", HOUR);
        expect(await alerts.takeSlot("C1", HOUR, 2)).toBe(true);
        expect(await alerts.takeSlot("C1", HOUR, 2)).toBe(false);
      });

      it("returnSlot never lets the budget go below empty", async () => {
        const store = await fresh();
        const { alerts } = store.follows;
        // Returned before any was taken: no extra slot.
        await alerts.returnSlot("C3", HOUR);
        await alerts.returnSlot("C3", HOUR);
        expect(await alerts.takeSlot("C3", HOUR, 1)).toBe(true);
        expect(await alerts.takeSlot("C3", HOUR, 1)).toBe(false);
        // Returned twice for one taken: one slot back, not two.
        await alerts.returnSlot("C3", HOUR);
        await alerts.returnSlot("C3", HOUR);
        expect(await alerts.takeSlot("C3", HOUR, 1)).toBe(true);
        expect(await alerts.takeSlot("C3", HOUR, 1)).toBe(false);
      });
    });

    // -----------------------------------------------------------------------------------------------------
    describe("follows: roll-ups", () => {
      it("add starts the hour's roll-up with the post's title and topics", async () => {
        const store = await fresh();
        const { rollups } = store.follows;
        expect(await rollups.get("C1", HOUR)).toBeUndefined();
        await rollups.add("C1", HOUR, entry(1), ["kubernetes"]);
        expect(await rollups.get("C1", HOUR)).toEqual({ total: 1, entries: [entry(1)], topicIds: ["kubernetes"], shown: 0 });
        expect(await rollups.get("C1", "2026-11-20T10")).toBeUndefined();
        expect(await rollups.get("C2", HOUR)).toBeUndefined();
      });

      it("add of a post already there counts it once; topics gather from every post", async () => {
        const store = await fresh();
        const { rollups } = store.follows;
        await rollups.add("C1", HOUR, entry(1), ["kubernetes"]);
        await rollups.add("C1", HOUR, entry(1), ["kubernetes"]);
        await rollups.add("C1", HOUR, entry(2), ["ebpf", "kubernetes"]);
        await rollups.add("C1", HOUR, entry(2), ["ebpf"]);
        const rollup = (await rollups.get("C1", HOUR))!;
        expect(rollup.total).toBe(2);
        expect(rollup.entries).toEqual([entry(1), entry(2)]);
        expect(sorted(rollup.topicIds)).toEqual(["ebpf", "kubernetes"]);
      });

      it(`add keeps the first ${ROLLUP_TITLES} titles, in order, while total keeps counting`, async () => {
        const store = await fresh();
        const { rollups } = store.follows;
        const count = ROLLUP_TITLES + 3;
        for (let n = 1; n <= count; n++) await rollups.add("C1", HOUR, entry(n), ["kubernetes"]);
        // A redelivery of a post past the kept titles is still counted once.
        await rollups.add("C1", HOUR, entry(count), ["kubernetes"]);
        const rollup = (await rollups.get("C1", HOUR))!;
        expect(rollup.total).toBe(count);
        expect(rollup.entries).toEqual(Array.from({ length: ROLLUP_TITLES }, (_, i) => entry(i + 1)));
      });

      it("lock hands the roll-up to one holder while the lease is live, and to another after it lapses", async () => {
        const store = await fresh();
        const { rollups } = store.follows;
        expect(await rollups.lock("C1", HOUR, at(0), LEASE_MS, "A")).toBeUndefined();
        await rollups.add("C1", HOUR, entry(1), ["kubernetes"]);
        const locked = await rollups.lock("C1", HOUR, at(0), LEASE_MS, "A");
        expect(locked).toMatchObject({ total: 1, entries: [entry(1)], topicIds: ["kubernetes"], shown: 0 });
        expect(await rollups.lock("C1", HOUR, at(1), LEASE_MS, "B")).toBeUndefined();
        // Other roll-ups are not held by it.
        await rollups.add("C2", HOUR, entry(1), ["kubernetes"]);
        expect(await rollups.lock("C2", HOUR, at(1), LEASE_MS, "B")).toBeDefined();
        // A crashed holder's lease lapses.
        expect(await rollups.lock("C1", HOUR, at(3), LEASE_MS, "B")).toMatchObject({ total: 1 });
        expect(await rollups.lock("C1", HOUR, at(4), LEASE_MS, "C")).toBeUndefined();
      });

      it("renew extends the holder's lease to a whole one from now; false for anyone else", async () => {
        const store = await fresh();
        const { rollups } = store.follows;
        await rollups.add("C1", HOUR, entry(1), ["kubernetes"]);
        expect(await rollups.lock("C1", HOUR, at(0), LEASE_MS, "A")).toBeDefined();
        expect(await rollups.renew("C1", HOUR, at(1), LEASE_MS, "B")).toBe(false);
        expect(await rollups.renew("C1", HOUR, at(1), LEASE_MS, "A")).toBe(true);
        // Without the renewal the lease would have lapsed at 2 minutes; now it runs to 3.
        expect(await rollups.lock("C1", HOUR, at(2.5), LEASE_MS, "B")).toBeUndefined();
        expect(await rollups.lock("C1", HOUR, at(3.5), LEASE_MS, "B")).toBeDefined();
        // A's lease is now B's: A can no longer renew it.
        expect(await rollups.renew("C1", HOUR, at(4), LEASE_MS, "A")).toBe(false);
        expect(await rollups.renew("C1", HOUR, at(4), LEASE_MS, "B")).toBe(true);
      });

      it("unlock frees the lease only for its holder", async () => {
        const store = await fresh();
        const { rollups } = store.follows;
        await rollups.add("C1", HOUR, entry(1), ["kubernetes"]);
        await rollups.lock("C1", HOUR, at(0), LEASE_MS, "A");
        // A overran its lease and B took over: A's late unlock must not free B's lease.
        expect(await rollups.lock("C1", HOUR, at(5), LEASE_MS, "B")).toBeDefined();
        await rollups.unlock("C1", HOUR, "A");
        expect(await rollups.lock("C1", HOUR, at(6), LEASE_MS, "C")).toBeUndefined();
        await rollups.unlock("C1", HOUR, "B");
        expect(await rollups.renew("C1", HOUR, at(6), LEASE_MS, "B")).toBe(false);
        expect(await rollups.lock("C1", HOUR, at(6), LEASE_MS, "C")).toBeDefined();
        // Unlocking a roll-up nobody holds is harmless.
        await rollups.unlock("C2", HOUR, "C");
        expect(await rollups.get("C2", HOUR)).toBeUndefined();
      });

      it("record states what the message says (ts, shown, posting, lost) and leaves the posts counted", async () => {
        const store = await fresh();
        const { rollups } = store.follows;
        await rollups.add("C1", HOUR, entry(1), ["kubernetes"]);
        await rollups.add("C1", HOUR, entry(2), ["kubernetes"]);
        await rollups.record("C1", HOUR, { shown: 0, posting: true });
        expect(await rollups.get("C1", HOUR)).toMatchObject({ total: 2, shown: 0, posting: true });
        expect((await rollups.get("C1", HOUR))?.ts).toBeUndefined();

        await rollups.record("C1", HOUR, { ts: "1763629200.000100", shown: 2, posting: false });
        const posted = (await rollups.get("C1", HOUR))!;
        expect(posted).toMatchObject({ total: 2, shown: 2, ts: "1763629200.000100", entries: [entry(1), entry(2)] });
        expect(posted.posting).toBeFalsy();
        expect(posted.lost).toBeFalsy();

        // A later record without a ts keeps the message's ts.
        await rollups.add("C1", HOUR, entry(3), ["ebpf"]);
        await rollups.record("C1", HOUR, { shown: 3, lost: true });
        expect(await rollups.get("C1", HOUR)).toMatchObject({ total: 3, shown: 3, lost: true, ts: "1763629200.000100" });
        // A locked roll-up still reads as what it says.
        expect(await rollups.lock("C1", HOUR, at(0), LEASE_MS, "A")).toMatchObject({ total: 3, shown: 3, lost: true });
      });
    });
  });
}
