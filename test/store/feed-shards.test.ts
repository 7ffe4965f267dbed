/**
 * The feed and due lists in the table: spread over index partitions, read across all of them, and
 * a feed written before the partitions were split still found until its next write moves it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { newFeed } from "@recap/core/feeds";
import { FEED_INDEX_SHARDS, keys, openStore } from "@recap/core/store";
import { startTestDynamo, type TestDynamo } from "../helpers/dynamo";

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

const T0 = new Date("2026-11-20T09:00:00Z");

describe("the feed and due lists", () => {
  it("spread feeds over their partitions, and list, find and return them due as one list would", async () => {
    const table = await dynamo.newTable();
    const store = openStore(table);
    const feeds = Array.from({ length: 40 }, (_, i) =>
      newFeed(`https://blog${i}.example.com/feed.xml`, { via: "cli" }, new Date(T0.getTime() + i * 60_000)),
    );
    for (const feed of feeds) expect(await store.feeds.create(feed)).toBe(true);

    const partitions = new Set<string>();
    for (const feed of feeds) {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.feed(feed.id) }));
      partitions.add(Item?.gsi1pk as string).add(Item?.gsi2pk as string);
    }
    // Forty feeds land in many of the shards of both lists.
    expect(partitions.size).toBeGreaterThan(FEED_INDEX_SHARDS);

    expect((await store.feeds.list()).map((feed) => feed.url)).toEqual(feeds.map((feed) => feed.url).sort());
    expect((await store.feeds.findByUrl(feeds[7]!.url))?.id).toBe(feeds[7]!.id);
    const due = await store.feeds.due(new Date(T0.getTime() + 60 * 60_000), 10);
    expect(due.map((feed) => feed.id)).toEqual(feeds.slice(0, 10).map((feed) => feed.id));
  });

  it("still lists, finds and polls a feed written before the lists were split, and moves it on its next write", async () => {
    const table = await dynamo.newTable();
    const store = openStore(table);
    const feed = newFeed("https://old.example.com/feed.xml", { via: "cli" }, T0);
    await store.feeds.create(feed);
    // Its index entries as the single partitions had them.
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.feed(feed.id),
        UpdateExpression: "SET gsi1pk = :list, gsi2pk = :due",
        ExpressionAttributeValues: { ":list": "FEEDS", ":due": "DUE" },
      }),
    );
    expect((await store.feeds.list()).map((stored) => stored.id)).toEqual([feed.id]);
    expect((await store.feeds.findByUrl(feed.url))?.id).toBe(feed.id);
    expect((await store.feeds.due(T0)).map((stored) => stored.id)).toEqual([feed.id]);

    await store.feeds.update(feed, { lastPolledAt: T0.toISOString() });
    const { Item } = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.feed(feed.id) }));
    expect([Item?.gsi1pk, Item?.gsi2pk]).toEqual([keys.feedListEntry(feed.url, 1).gsi1pk, keys.feedDue(feed.id)]);
    expect((await store.feeds.due(T0)).map((stored) => stored.id)).toEqual([feed.id]);
  });

  it("a full list moves older rows to the attention partitions they belong in, and only then counts the feeds", async () => {
    const table = await dynamo.newTable();
    const store = openStore(table);
    const broken = {
      ...newFeed("https://broken.example.com/feed.xml", { via: "cli" }, T0),
      consecutiveErrors: 3,
      lastSuccessAt: T0.toISOString(),
    };
    const fine = { ...newFeed("https://fine.example.com/feed.xml", { via: "cli" }, T0), lastSuccessAt: T0.toISOString() };
    await store.feeds.create(broken);
    await store.feeds.create(fine);
    // As older versions wrote them: the single partition, and a feed-list shard whatever the state.
    const setList = (id: string, pk: string, sk: string) =>
      table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.feed(id),
          UpdateExpression: "SET gsi1pk = :pk, gsi1sk = :sk",
          ExpressionAttributeValues: { ":pk": pk, ":sk": sk },
        }),
      );
    await setList(broken.id, "FEEDS", broken.url);
    await setList(fine.id, keys.feedListEntry(fine.url, 2).gsi1pk, fine.url);
    expect(await store.feeds.count()).toBeUndefined();
    expect((await store.feeds.needingAttention(10)).feeds).toEqual([]);
    expect((await store.feeds.findByUrl(fine.url))?.id).toBe(fine.id);

    expect((await store.feeds.list()).map((feed) => feed.id).sort()).toEqual([broken.id, fine.id].sort());
    expect(await store.feeds.count()).toBe(2);
    expect((await store.feeds.needingAttention(10)).feeds.map((feed) => feed.id)).toEqual([broken.id]);
    expect((await store.feeds.findByUrl(broken.url))?.id).toBe(broken.id);
  });

  it("a count left wrong by a process that died between a feed's two writes is set right by a retry or the next list", async () => {
    const table = await dynamo.newTable();
    const store = openStore(table);
    const feeds = [1, 2, 3].map((i) => newFeed(`https://blog${i}.example.com/feed.xml`, { via: "cli" }, T0));
    for (const feed of feeds) await store.feeds.create(feed);
    await store.feeds.list();
    expect(await store.feeds.count()).toBe(3);
    // A create that stored its feed and died before registering it; a remove that died the same way.
    const orphan = newFeed("https://orphan.example.com/feed.xml", { via: "cli" }, T0);
    await table.client.send(
      new PutCommand({ TableName: table.tableName, Item: { ...keys.feed(orphan.id), ...keys.feedListEntry(orphan.url, 1), ...orphan } }),
    );
    await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: keys.feed(feeds[0]!.id) }));
    expect(await store.feeds.count()).toBe(3);
    // The create retried registers it; the next list finds the removed one gone.
    expect(await store.feeds.create(orphan)).toBe(false);
    expect(await store.feeds.count()).toBe(4);
    await store.feeds.list();
    expect(await store.feeds.count()).toBe(3);
    // Said twice, a create or a remove counts once.
    await store.feeds.remove(feeds[1]!.id);
    await store.feeds.remove(feeds[1]!.id);
    expect(await store.feeds.count()).toBe(2);
  });

  it("a write from a stale copy of a feed leaves its list and due rows where the stored feed puts them", async () => {
    const table = await dynamo.newTable();
    const store = openStore(table);
    const feed = { ...newFeed("https://stale.example.com/feed.xml", { via: "cli" }, T0), lastSuccessAt: T0.toISOString() };
    await store.feeds.create(feed);
    // Paused meanwhile (e.g. as a duplicate), while a poller still holds its active copy.
    await store.feeds.update(feed, { status: "paused", pausedReason: "duplicate" });
    await store.feeds.update(feed, { lastPolledAt: T0.toISOString(), consecutiveErrors: 0 });
    const { Item } = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.feed(feed.id) }));
    expect(Item?.status).toBe("paused");
    expect([Item?.gsi1pk, Item?.gsi1sk]).toEqual(Object.values(keys.feedListEntry(feed.url, 0)));
    expect(Item).not.toHaveProperty("gsi2pk");
    expect((await store.feeds.needingAttention(10)).feeds.map((f) => f.id)).toEqual([feed.id]);
    expect(await store.feeds.due(new Date(T0.getTime() + 86_400_000))).toEqual([]);
  });
});
