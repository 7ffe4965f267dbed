/**
 * `/recap topics` counted on the topic index answers what reading a week of posts answered, on a
 * store of 900 real items (the topic evaluation's dev split, with their labeled topics) published
 * over three weeks, a few of them recaps listing talks; and so does its snapshot, read in one request.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTopicCounts, topicCounts, type Post } from "@recap/core/posts";
import { mapWithConcurrency } from "@recap/core/shared";
import { memoryStore, openStore, type Store } from "@recap/core/store";
import { loadTaxonomy } from "@recap/core/topics";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";
import { storedPost } from "../helpers/posts";

const items = JSON.parse(readFileSync(new URL("../topics/eval/dev.json", import.meta.url), "utf8")) as {
  title: string;
  topics: string[];
}[];
const NOW = new Date("2026-11-30T12:00:00Z");
const taxonomy = loadTaxonomy();

/** Item i, published (and first seen) i × 37 minutes before NOW: about three weeks in all; every 50th a recap. */
const posts: Post[] = items.map((item, i) =>
  storedPost(`p-${i}`, new Date(NOW.getTime() - i * 37 * 60_000), {
    title: item.title,
    topics: item.topics,
    ...(i % 50 === 0 ? { listed: [{ id: `talk-of-${i}`, kind: "talk" as const, hash: "h", topics: item.topics }] } : {}),
  }),
);

/** What `topics` answered before the index: a week of posts read, recaps left out, counted per topic. */
function countedFromPosts(): Map<string, number> {
  const weekAgo = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();
  const counts = new Map<string, number>();
  for (const post of posts) {
    if (post.firstSeenAt < weekAgo || post.publishedAt < weekAgo || post.listed?.length) continue;
    for (const topic of post.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return counts;
}

let dynamo: TestDynamo;
const stores: [string, Store][] = [];
beforeAll(async () => {
  dynamo = await startTestDynamo();
  stores.push(["DynamoDB (dynalite)", openStore(await dynamo.newTable())], ["memory", memoryStore()]);
  for (const [, store] of stores) await mapWithConcurrency(posts, 16, (post) => store.posts.insert(post));
}, 120_000);
afterAll(async () => {
  await dynamo?.close();
});

describe("topics counted on the topic index", () => {
  for (const name of ["DynamoDB (dynalite)", "memory"]) {
    it(`${name}: the same counts as reading the week's posts`, async () => {
      const store = stores.find(([n]) => n === name)![1];
      const { topics, quiet } = await topicCounts(store.posts, taxonomy, NOW);
      const expected = countedFromPosts();
      expect(topics.length).toBeGreaterThan(10);
      expect(Object.fromEntries(topics.map((t) => [t.id, t.count]))).toEqual(Object.fromEntries(expected));
      for (const t of quiet) expect(expected.has(t.id)).toBe(false);
    });

    it(`${name}: the snapshot gives what counting each topic's index rows gives, in one read`, async () => {
      const store = stores.find(([n]) => n === name)![1];
      const weekAgo = new Date(NOW.getTime() - 7 * 86_400_000);
      const live = new Map<string, number>();
      for (const topic of taxonomy.topics) live.set(topic.id, await store.posts.countByTopic(topic.id, weekAgo));
      // Counted at NOW (or found counted then by the case above), read five minutes later.
      await refreshTopicCounts(store.posts, taxonomy, () => NOW);
      const mark = dynamo.operations.length;
      const answer = await topicCounts(store.posts, taxonomy, new Date(NOW.getTime() + 5 * 60_000));
      if (name !== "memory") expect(dynamo.operations.slice(mark).map((op) => op.operation)).toEqual(["GetItem"]);
      expect(answer.asOf).toBe(NOW.toISOString());
      const answered = new Map([...answer.topics.map((t) => [t.id, t.count] as const), ...answer.quiet.map((t) => [t.id, 0] as const)]);
      expect(answered).toEqual(live);
      expect(Object.fromEntries([...answered].filter(([, count]) => count > 0))).toEqual(Object.fromEntries(countedFromPosts()));
    });
  }
});
