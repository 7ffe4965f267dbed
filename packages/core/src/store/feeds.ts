/** Feeds and their poll state in the table. */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Feed } from "../model/feed";
import { batchWrite } from "./batch";
import { applied } from "./conditional";
import { patchExpression } from "./expressions";
import type { TableRef } from "./client";
import type { FeedPatch, FeedRepository } from "../ports/store";
import { keys } from "./schema";
import { queryAll } from "./query";

type FeedItem = Feed & Record<string, unknown>;

const toFeed = (item: Record<string, unknown>): Feed => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...feed } = item;
  return feed as unknown as Feed;
};

/** Index attributes derived from the feed itself, so they can never disagree with it. */
function indexAttributes(feed: Pick<Feed, "id" | "url" | "status" | "nextPollAt">) {
  return {
    gsi1pk: keys.feedList(feed.url),
    gsi1sk: feed.url,
    ...(feed.status === "active" ? { gsi2pk: keys.feedDue(feed.id), gsi2sk: keys.dueSort(feed.nextPollAt, feed.id) } : {}),
  };
}

export function feedRepository(table: TableRef): FeedRepository {
  const { client, tableName: TableName } = table;

  /** One conditional write of the kept item count; nothing when its condition does not hold. */
  const changeItemCount = (id: string, update: string, condition: string, n: number) =>
    applied(
      client.send(
        new UpdateCommand({
          TableName,
          Key: keys.feed(id),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: { ":n": n },
        }),
      ),
    );

  return {
    /** Stores a new feed; false when a feed with that id already exists. */
    async create(feed: Feed): Promise<boolean> {
      return applied(
        client.send(
          new PutCommand({
            TableName,
            Item: { ...keys.feed(feed.id), ...indexAttributes(feed), ...feed },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
    },

    async get(id: string): Promise<Feed | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: keys.feed(id), ConsistentRead: true }));
      return Item ? toFeed(Item) : undefined;
    },

    async findByUrl(url: string): Promise<Feed | undefined> {
      // Its shard, and the partition of feeds stored before the shards (until next written).
      const found = await Promise.all(
        [keys.feedList(url), keys.feedListPartitions[0]!].map((pk) =>
          queryAll(table, {
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :pk AND gsi1sk = :url",
            ExpressionAttributeValues: { ":pk": pk, ":url": url },
          }),
        ),
      );
      const item = found.flat()[0];
      return item ? toFeed(item) : undefined;
    },

    async list(): Promise<Feed[]> {
      const parts = await Promise.all(
        keys.feedListPartitions.map((pk) =>
          queryAll(table, { IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :pk", ExpressionAttributeValues: { ":pk": pk } }),
        ),
      );
      // By URL, as one partition would give them.
      return parts
        .flat()
        .sort((a, b) => ((a.gsi1sk as string) < (b.gsi1sk as string) ? -1 : 1))
        .map(toFeed);
    },

    async due(now: Date, limit?: number): Promise<Feed[]> {
      const parts = await Promise.all(
        keys.feedDuePartitions.map((pk) =>
          queryAll(
            table,
            {
              IndexName: "gsi2",
              KeyConditionExpression: "gsi2pk = :due AND gsi2sk <= :now",
              ExpressionAttributeValues: { ":due": pk, ":now": `${now.toISOString()}#\uffff` },
            },
            limit,
          ),
        ),
      );
      // Soonest first across the shards; each gave at most `limit`, so the first `limit` are right.
      const due = parts.flat().sort((a, b) => ((a.gsi2sk as string) < (b.gsi2sk as string) ? -1 : 1));
      return (limit === undefined ? due : due.slice(0, limit)).map(toFeed);
    },

    /**
     * Takes a due feed for one poller: moves its next poll to `leaseUntil` only if nobody else has
     * moved it since we read it. Overlapping scheduled runs therefore poll each feed once.
     */
    async claim(feed: Feed, leaseUntil: Date): Promise<boolean> {
      const nextPollAt = leaseUntil.toISOString();
      return applied(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.feed(feed.id),
            UpdateExpression: "SET #nextPollAt = :lease, gsi2sk = :sort",
            ConditionExpression: "#nextPollAt = :seen AND #status = :active",
            ExpressionAttributeNames: { "#status": "status", "#nextPollAt": "nextPollAt" },
            ExpressionAttributeValues: {
              ":lease": nextPollAt,
              ":sort": keys.dueSort(nextPollAt, feed.id),
              ":seen": feed.nextPollAt,
              ":active": "active",
            },
          }),
        ),
      );
    },

    /** Writes the given fields (undefined removes one) and keeps the indexes in step. */
    async update(feed: Feed, patch: FeedPatch): Promise<Feed> {
      const next: Feed = { ...feed, ...patch };
      // The indexes follow the feed: a feed that is not active leaves the due list.
      const inactive = next.status !== "active" ? { gsi2pk: undefined, gsi2sk: undefined } : {};
      const expression = patchExpression({ ...patch, ...indexAttributes(next), ...inactive })!;
      await client.send(
        new UpdateCommand({ TableName, Key: keys.feed(feed.id), ...expression, ConditionExpression: "attribute_exists(pk)" }),
      );
      for (const [name, value] of Object.entries(patch)) if (value === undefined) delete (next as unknown as FeedItem)[name];
      return next;
    },

    async setItemCount(id: string, itemCount: number): Promise<void> {
      // A feed removed meanwhile has nothing to count: the condition keeps it removed.
      await changeItemCount(id, "SET itemCount = :n", "attribute_exists(pk)", itemCount);
    },

    async addItemCount(id: string, items: number): Promise<void> {
      await changeItemCount(id, "ADD itemCount :n", "attribute_exists(itemCount)", items);
    },

    /** True exactly once per installation for `name` (e.g. seeding the default feeds). */
    async firstTime(name: string, now: Date): Promise<boolean> {
      return applied(
        client.send(
          new PutCommand({
            TableName,
            Item: { ...keys.meta(name), at: now.toISOString() },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
    },

    /** Deletes the feed and its item identities; the posts it brought stay searchable. */
    async remove(id: string): Promise<void> {
      const rows = await queryAll(table, {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :items)",
        ExpressionAttributeValues: { ":pk": keys.feed(id).pk, ":items": keys.feedItemPrefix },
        ProjectionExpression: "pk, sk",
      });
      await batchWrite(
        table,
        rows.map((row) => ({ DeleteRequest: { Key: { pk: row.pk, sk: row.sk } } })),
      );
      await client.send(new DeleteCommand({ TableName, Key: keys.feed(id) }));
    },
  };
}
