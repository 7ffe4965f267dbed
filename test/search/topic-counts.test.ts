/**
 * `/recap topics` counted on the topic index answers what reading a week of posts answered, on a
 * store of 900 real items (the topic evaluation's dev split, with their labeled topics) published
 * over three weeks, a few of them recaps listing talks.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reindexPosts, topicCounts, type Post } from "@recap/core/posts";
import { mapWithConcurrency } from "@recap/core/shared";
import { keys, memoryStore, openStore, type Store } from "@recap/core/store";
import { DeleteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { loadTaxonomy } from "@recap/core/topics";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";

const items = JSON.parse(readFileSync(new URL("../topics/eval/dev.json", import.meta.url), "utf8")) as {
  title: string;
  topics: string[];
}[];
const NOW = new Date("2026-11-30T12:00:00Z");
const taxonomy = loadTaxonomy();

/** Item i, published (and first seen) i × 37 minutes before NOW: about three weeks in all; every 50th a recap. */
const posts: Post[] = items.map((item, i) => {
  const at = new Date(NOW.getTime() - i * 37 * 60_000).toISOString();
  return {
    id: `p-${i}`,
    kind: "article",
    url: `https://example.com/${i}`,
    title: item.title,
    summary: "",
    publishedAt: at,
    firstSeenAt: at,
    topics: item.topics,
    feeds: ["https://example.com/feed.xml"],
    fresh: false,
    ...(i % 50 === 0 ? { listed: [{ id: `talk-of-${i}`, kind: "talk" as const, hash: "h", topics: item.topics }] } : {}),
  };
});

/** The window `topics` counts: since the start of the UTC day a week ago. */
const SINCE_DAY = new Date(NOW.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);

/** What `topics` answered before the index: the window's posts read, recaps left out, counted per topic. */
function countedFromPosts(): Map<string, number> {
  const weekAgo = SINCE_DAY;
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
  }

  it("DynamoDB: the counts kept at ingest (a set of post ids per topic and day) answer the same once known complete", async () => {
    const store = stores.find(([n]) => n === "DynamoDB (dynalite)")![1];
    // The sets are kept from the first read on: a window starting before it is not trusted...
    await store.posts.countByTopicSince(SINCE_DAY, NOW);
    expect(await store.posts.countByTopicSince(SINCE_DAY, NOW)).toBeUndefined();
    // ...one starting after it is.
    const later = new Date(NOW.getTime() + 9 * 86_400_000);
    expect(await store.posts.countByTopicSince(later.toISOString().slice(0, 10), later)).toEqual(new Map());
    // After a full repair (recap reindex), every window.
    await store.posts.topicDaysComplete();
    const kept = await store.posts.countByTopicSince(SINCE_DAY, NOW);
    expect(kept).toEqual(countedFromPosts());
    const { topics } = await topicCounts(store.posts, taxonomy, NOW);
    expect(Object.fromEntries(topics.map((t) => [t.id, t.count]))).toEqual(Object.fromEntries(countedFromPosts()));
  });

  it("DynamoDB: recap reindex fills the counts of posts stored before they were kept, and then trusts them", async () => {
    const table = await dynamo.newTable();
    const store = openStore(table);
    const some = posts.slice(0, 300);
    await mapWithConcurrency(some, 16, (post) => store.posts.insert(post));
    // As a table from before the counts: no day sets, no marker.
    const { Items = [] } = await table.client.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: "begins_with(pk, :days)",
        ExpressionAttributeValues: { ":days": "TOPICDAYS#" },
      }),
    );
    expect(Items.length).toBeGreaterThan(0);
    for (const item of Items) await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: item.pk, sk: item.sk } }));
    expect(await store.posts.countByTopicSince(SINCE_DAY, NOW)).toBeUndefined();

    await reindexPosts(store.posts, NOW);
    const expected = new Map<string, number>();
    for (const post of some) {
      if (post.publishedAt < SINCE_DAY || post.listed?.length) continue;
      for (const topic of post.topics) expected.set(topic, (expected.get(topic) ?? 0) + 1);
    }
    expect(await store.posts.countByTopicSince(SINCE_DAY, NOW)).toEqual(expected);
    expect(
      (await table.client.send(new ScanCommand({ TableName: table.tableName }))).Items?.some(
        (i) => i.pk === keys.topicDaysMarker.pk && i.sk === keys.topicDaysMarker.sk,
      ),
    ).toBe(true);
  });
});
