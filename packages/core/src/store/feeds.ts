/** Feeds and their poll state in the table. */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { attentionRank, byAttention, type Feed } from "../model/feed";
import { batchWrite } from "./batch";
import { applied } from "./conditional";
import { patchExpression } from "./expressions";
import type { TableRef } from "./client";
import type { FeedPatch, FeedRepository } from "../ports/store";
import { keys } from "./schema";
import { queryAll } from "./query";

type FeedItem = Feed & Record<string, unknown>;

/**
 * A feed list row where this version puts it: rows from before the attention partitions (or the
 * shards) are not, until their feed is next written.
 */
const isCurrentRow = (item: Record<string, unknown>) => {
  const { gsi1pk, gsi1sk } = keys.feedListEntry(item.url as string, attentionRank(toFeed(item)));
  return item.gsi1pk === gsi1pk && item.gsi1sk === gsi1sk;
};

const byUrl = (a: Feed, b: Feed) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

const toFeed = (item: Record<string, unknown>): Feed => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...feed } = item;
  return feed as unknown as Feed;
};

/** Index attributes derived from the feed itself, so they can never disagree with it. */
function indexAttributes(feed: Feed) {
  return {
    ...keys.feedListEntry(feed.url, attentionRank(feed)),
    ...(feed.status === "active" ? { gsi2pk: keys.feedDue(feed.id), gsi2sk: keys.dueSort(feed.nextPollAt, feed.id) } : {}),
  };
}

export function feedRepository(table: TableRef): FeedRepository {
  const { client, tableName: TableName } = table;

  /** The feed count moves only once a full list has set it (until then an ADD would start it from nothing). */
  const addToCount = (n: number) =>
    applied(
      client.send(
        new UpdateCommand({
          TableName,
          Key: keys.feedCount,
          UpdateExpression: "ADD feeds :n",
          ConditionExpression: "attribute_exists(feeds)",
          ExpressionAttributeValues: { ":n": n },
        }),
      ),
    );

  const count = async (): Promise<number | undefined> => {
    const { Item } = await client.send(new GetCommand({ TableName, Key: keys.feedCount, ConsistentRead: true }));
    return typeof Item?.feeds === "number" ? Item.feeds : undefined;
  };

  /**
   * Rewrites an older row's index keys from the feed itself, unless a write meanwhile already did
   * (every write sets them): once none is left, the attention part of each shard is complete.
   */
  const upgradeRow = (item: Record<string, unknown>) => {
    const { gsi1pk, gsi1sk } = indexAttributes(toFeed(item));
    return applied(
      client.send(
        new UpdateCommand({
          TableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: "SET gsi1pk = :pk, gsi1sk = :sk",
          ConditionExpression: "gsi1pk = :oldPk AND gsi1sk = :oldSk",
          ExpressionAttributeValues: { ":pk": gsi1pk, ":sk": gsi1sk, ":oldPk": item.gsi1pk, ":oldSk": item.gsi1sk },
        }),
      ),
    );
  };

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
      const created = await applied(
        client.send(
          new PutCommand({
            TableName,
            Item: { ...keys.feed(feed.id), ...indexAttributes(feed), ...feed },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
      if (created) await addToCount(1);
      return created;
    },

    async get(id: string): Promise<Feed | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: keys.feed(id), ConsistentRead: true }));
      return Item ? toFeed(Item) : undefined;
    },

    async findByUrl(url: string): Promise<Feed | undefined> {
      // Where the feed's row can be: by its state, and the partition of feeds stored before the
      // shards (until next written).
      const places = [
        ...([0, 1, 2] as const).map((rank) => keys.feedListEntry(url, rank)),
        { gsi1pk: keys.feedListPartitions[0]!, gsi1sk: url },
      ];
      const found = await Promise.all(
        places.map(({ gsi1pk: pk, gsi1sk: sk }) =>
          queryAll(table, {
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :pk AND gsi1sk = :sk",
            ExpressionAttributeValues: { ":pk": pk, ":sk": sk },
          }),
        ),
      );
      const item = found.flat()[0];
      return item ? toFeed(item) : undefined;
    },

    async list(): Promise<Feed[]> {
      // Read before the list: a create or remove meanwhile changes it, and then the count is left alone.
      const seen = await count();
      const parts = await Promise.all(
        keys.feedListPartitions.map((pk) =>
          queryAll(table, { IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :pk", ExpressionAttributeValues: { ":pk": pk } }),
        ),
      );
      const rows = parts.flat();
      const older = rows.filter((row) => !isCurrentRow(row));
      const upgraded = await Promise.all(older.map(upgradeRow));
      if (upgraded.every(Boolean) && rows.length !== seen) {
        await applied(
          client.send(
            new UpdateCommand({
              TableName,
              Key: keys.feedCount,
              UpdateExpression: "SET feeds = :n",
              ConditionExpression: seen === undefined ? "attribute_not_exists(feeds)" : "feeds = :seen",
              ExpressionAttributeValues: { ":n": rows.length, ...(seen === undefined ? {} : { ":seen": seen }) },
            }),
          ),
        );
      }
      return rows.map(toFeed).sort(byUrl);
    },

    count,

    async needingAttention(limit: number): Promise<{ feeds: Feed[]; complete: boolean }> {
      // Each shard gives its worst first, so the worst `limit` overall are among each shard's first
      // `limit`: a bounded read even when most feeds need a look (a mass import before its first polls).
      const perShard = limit + 1;
      const parts = await Promise.all(
        keys.feedAttentionPartitions.map((pk) =>
          queryAll(
            table,
            { IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :pk", ExpressionAttributeValues: { ":pk": pk } },
            perShard,
          ),
        ),
      );
      const needing = parts.flat().map(toFeed).sort(byAttention);
      // A shard that gave all it was asked for may hold more.
      const complete = parts.every((part) => part.length < perShard) && needing.length <= limit;
      return { feeds: needing.slice(0, limit), complete };
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
      const { Attributes } = await client.send(new DeleteCommand({ TableName, Key: keys.feed(id), ReturnValues: "ALL_OLD" }));
      if (Attributes) await addToCount(-1);
    },
  };
}
