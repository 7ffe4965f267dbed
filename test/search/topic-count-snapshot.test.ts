/**
 * `/recap topics` from the topic-count snapshot (posts/topic-counts.ts), on the table (dynalite,
 * its requests counted) and in memory: a recent snapshot answers with one read and its own counts,
 * a stale one (or one of another window) is counted again and saved, an older counting never
 * replaces a newer one, and a topic the snapshot lacks is counted for the answer, exactly. Time is
 * the clock given, never the machine's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTopicCounts, SNAPSHOT_MAX_AGE_MS, topicCounts, type Post } from "@recap/core/posts";
import { memoryStore, openStore, type Store } from "@recap/core/store";
import { loadTaxonomy, type Taxonomy, type Topic } from "@recap/core/topics";
import { scheduleHandlers } from "@recap/core/runtime";
import { silentLogger } from "@recap/core/shared";
import { openLocalRecap } from "@recap/local";
import { testClock } from "../helpers/clock";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";
import { storedPost } from "../helpers/posts";

const T0 = new Date("2026-12-01T10:00:00Z");
const MINUTE = 60_000;
const after = (ms: number) => new Date(T0.getTime() + ms);
const builtIn = loadTaxonomy();

function post(id: string, topics: string[], minutesAgo = 60): Post {
  return storedPost(id, new Date(T0.getTime() - minutesAgo * MINUTE), { topics });
}

const teamTopic = (id: string): Topic => ({ id, label: `Team ${id}`, description: "", aliases: [], related: [], negative: [] });
const withTopics = (...extra: Topic[]): Taxonomy => ({ topics: [...builtIn.topics, ...extra] });

/** An answer's counts by topic id (the quiet ones 0), as `topics --json` lists them. */
const countsOf = (answer: Awaited<ReturnType<typeof topicCounts>>) =>
  Object.fromEntries([...answer.topics.map((t) => [t.id, t.count] as const), ...answer.quiet.map((t) => [t.id, 0] as const)]);

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

const kinds: { name: string; open: () => Promise<Store>; table: boolean }[] = [
  { name: "DynamoDB (dynalite)", open: async () => openStore(await dynamo.newTable()), table: true },
  { name: "memory", open: async () => memoryStore(), table: false },
];

for (const kind of kinds) {
  describe(`topic-count snapshot: ${kind.name}`, () => {
    /** DynamoDB operations `run` sent (undefined in memory: it sends none). */
    async function requestsOf<T>(run: () => Promise<T>): Promise<{ result: T; requests?: string[] }> {
      const mark = dynamo.operations.length;
      const result = await run();
      return { result, ...(kind.table ? { requests: dynamo.operations.slice(mark).map((op) => op.operation) } : {}) };
    }

    /** Two ebpf posts (one also kubernetes), counted into a snapshot at T0. */
    async function counted(): Promise<Store> {
      const store = await kind.open();
      await store.posts.insert(post("a", ["ebpf", "kubernetes"]));
      await store.posts.insert(post("b", ["ebpf"]));
      const { saved, snapshot } = await refreshTopicCounts(store.posts, builtIn, () => T0);
      expect(saved).toBe(true);
      expect(snapshot).toMatchObject({ computedAt: T0.toISOString(), days: 7 });
      expect(Object.keys(snapshot.counts).sort()).toEqual(builtIn.topics.map((t) => t.id).sort());
      return store;
    }

    /** The index as it is after the snapshot: b retagged to gitops, a new security post. */
    async function changeIndex(store: Store) {
      expect(await store.posts.setTopics(post("b", ["ebpf"]), ["gitops"])).toBe(true);
      await store.posts.insert(post("c", ["security"], 10));
    }

    it("answers from a recent snapshot with one read: its counts, though the index changed since", async () => {
      const store = await counted();
      await changeIndex(store);
      const { result, requests } = await requestsOf(() => topicCounts(store.posts, builtIn, after(SNAPSHOT_MAX_AGE_MS)));
      expect(result.asOf).toBe(T0.toISOString());
      expect(result.topics.map((t) => [t.id, t.count])).toEqual([
        ["ebpf", 2],
        ["kubernetes", 1],
      ]);
      expect(result.quiet.map((t) => t.id)).toContain("gitops");
      if (requests) expect(requests).toEqual(["GetItem"]);
      // What counting now would say (so the answer above can only have come from the snapshot).
      expect(await store.posts.countByTopic("gitops", new Date(T0.getTime() - 7 * 86_400_000))).toBe(1);
    });

    it("counts again and saves when the snapshot is stale, then answers from the new one", async () => {
      const store = await counted();
      await changeIndex(store);
      const later = after(SNAPSHOT_MAX_AGE_MS + 1);
      const { result, requests } = await requestsOf(() => topicCounts(store.posts, builtIn, later));
      expect(result.asOf).toBe(later.toISOString());
      expect(countsOf(result)).toMatchObject({ ebpf: 1, kubernetes: 1, gitops: 1, security: 1 });
      if (requests) {
        expect(requests[0]).toBe("GetItem");
        expect(requests.filter((op) => op === "Query")).toHaveLength(builtIn.topics.length);
        expect(requests.at(-1)).toBe("PutItem");
      }
      expect(await store.posts.topicCountSnapshot()).toEqual({ computedAt: later.toISOString(), days: 7, counts: countsOf(result) });
      // The next answer reads it alone.
      await store.posts.insert(post("d", ["gitops"], 5));
      const next = await requestsOf(() => topicCounts(store.posts, builtIn, new Date(later.getTime() + MINUTE)));
      expect(countsOf(next.result)).toEqual(countsOf(result));
      if (next.requests) expect(next.requests).toEqual(["GetItem"]);
    });

    it("counts again when the snapshot is of another window, or far ahead of this clock", async () => {
      const store = await counted();
      await changeIndex(store);
      // A snapshot over 6 days (written by another version), counted a minute ago.
      await store.posts.saveTopicCountSnapshot(
        { computedAt: after(MINUTE).toISOString(), days: 6, counts: { ebpf: 40 } },
        after(2 * MINUTE).toISOString(),
      );
      const now = after(2 * MINUTE);
      const answer = await topicCounts(store.posts, builtIn, now);
      expect(countsOf(answer)).toMatchObject({ ebpf: 1, gitops: 1 });
      expect((await store.posts.topicCountSnapshot())?.days).toBe(7);
      // A snapshot stamped over a minute in this clock's future (another clock ran fast) is not
      // answered from; this counting replaces it, or no counting could until real time caught up.
      const behind = new Date(now.getTime() - 2 * MINUTE);
      await store.posts.insert(post("e", ["ebpf"], 30));
      const early = await topicCounts(store.posts, builtIn, behind);
      expect(early.asOf).toBe(behind.toISOString());
      expect(countsOf(early)).toMatchObject({ ebpf: 2 });
      expect((await store.posts.topicCountSnapshot())?.computedAt).toBe(behind.toISOString());
      // Within a minute of skew, a snapshot just ahead is as good as one just behind.
      const { result, requests } = await requestsOf(() => topicCounts(store.posts, builtIn, new Date(behind.getTime() - 30_000)));
      expect(result.asOf).toBe(behind.toISOString());
      if (requests) expect(requests).toEqual(["GetItem"]);
    });

    it("never lets an older counting replace a newer one", async () => {
      const store = await counted();
      await changeIndex(store);
      const newer = await refreshTopicCounts(store.posts, builtIn, () => after(10 * MINUTE));
      expect(newer.saved).toBe(true);
      // A counting that began at T0+5 but ends only at T0+11 (a slow poll): refused, and the newer one stays.
      await store.posts.insert(post("f", ["gitops"], 1));
      const times = [after(5 * MINUTE), after(11 * MINUTE)];
      const older = await refreshTopicCounts(store.posts, builtIn, () => times.shift() ?? after(11 * MINUTE));
      expect(older.saved).toBe(false);
      expect(older.snapshot.counts.gitops).toBe(2);
      expect(await store.posts.topicCountSnapshot()).toEqual(newer.snapshot);
      expect(countsOf(await topicCounts(store.posts, builtIn, after(11 * MINUTE)))).toMatchObject({ gitops: 1 });
    });

    it("counts a topic the snapshot lacks for the answer, exactly, and leaves out topics no longer there", async () => {
      const retired = teamTopic("retired-topic");
      const store = await kind.open();
      await store.posts.insert(post("a", ["ebpf", "retired-topic"]));
      await store.posts.insert(post("r", ["retired-topic"]));
      expect((await refreshTopicCounts(store.posts, withTopics(retired), () => T0)).snapshot.counts["retired-topic"]).toBe(2);
      // Since the snapshot: a team topic added, posts tagged with it, one of them older than the window.
      const added = teamTopic("team-rituals");
      await store.posts.insert(post("t1", ["team-rituals"], 30));
      await store.posts.insert(post("t2", ["team-rituals", "ebpf"], 20));
      await store.posts.insert(post("t3", ["team-rituals"], 8 * 24 * 60));
      const taxonomy = withTopics(added);
      const { result, requests } = await requestsOf(() => topicCounts(store.posts, taxonomy, after(MINUTE)));
      expect(countsOf(result)["team-rituals"]).toBe(2);
      expect(countsOf(result).ebpf).toBe(1); // from the snapshot: t2 came after it
      expect([...result.topics, ...result.quiet].map((t) => t.id)).not.toContain("retired-topic");
      expect([...result.topics, ...result.quiet]).toHaveLength(taxonomy.topics.length);
      expect(result.asOf).toBe(T0.toISOString());
      if (requests) expect(requests).toEqual(["GetItem", "Query"]);
      // Counted for the answer only: the snapshot is what the last full counting said.
      expect((await store.posts.topicCountSnapshot())?.computedAt).toBe(T0.toISOString());
      expect((await store.posts.topicCountSnapshot())?.counts).not.toHaveProperty("team-rituals");
    });
  });
}

describe("the scheduled poll", () => {
  it("counts posts per topic every run, so `topics` answers from a snapshot the run just took", async () => {
    const clock = testClock(T0);
    const recap = await openLocalRecap({ inMemory: true, clock, log: silentLogger, env: { RECAP_SLACK_TEAM_IDS: "T0001" } });
    try {
      await recap.deps.store.posts.insert(post("a", ["ebpf"]));
      await scheduleHandlers.poll(recap.deps);
      expect(await recap.deps.store.posts.topicCountSnapshot()).toMatchObject({ computedAt: T0.toISOString(), counts: { ebpf: 1 } });

      await recap.deps.store.posts.insert(post("b", ["ebpf"]));
      clock.advance(15 * MINUTE);
      await scheduleHandlers.poll(recap.deps);
      expect(await recap.deps.store.posts.topicCountSnapshot()).toMatchObject({
        computedAt: clock().toISOString(),
        counts: { ebpf: 2 },
      });
    } finally {
      await recap.close();
    }
  });
});
