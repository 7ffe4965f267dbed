/** Feeds and their poll state in the table. */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { attentionRank, byAttention, type Feed } from "../model/feed";
import { batchGet, batchWrite } from "./batch";
import { applied } from "./conditional";
import { patchExpression } from "./expressions";
import type { TableRef } from "./client";
import type { FeedPatch, FeedRepository } from "../ports/store";
import { keys } from "./schema";
import { queryAll } from "./query";
import { mapWithConcurrency } from "../shared/concurrency";

type FeedItem = Feed & Record<string, unknown>;

/** Index attributes as the feed says they should be, undefined where it is in no such index (to REMOVE). */
function placeOf(feed: Feed) {
  return { gsi2pk: undefined, gsi2sk: undefined, ...indexAttributes(feed) };
}

/** Whether an item's index rows are where its own fields put them. */
const inPlace = (item: Record<string, unknown>) => Object.entries(placeOf(toFeed(item))).every(([name, value]) => item[name] === value);

/**
 * The fields a feed's index rows follow, as a condition: a write of the rows from a copy of the
 * feed holds only while the stored feed still says what the copy says.
 */
function unchangedSince(feed: Feed) {
  return {
    ConditionExpression: `#url = :wasUrl AND #status = :wasStatus AND #errors = :wasErrors AND #next = :wasNext AND ${
      feed.lastSuccessAt ? "attribute_exists(#success)" : "attribute_not_exists(#success)"
    }`,
    names: { "#url": "url", "#status": "status", "#errors": "consecutiveErrors", "#next": "nextPollAt", "#success": "lastSuccessAt" },
    values: { ":wasUrl": feed.url, ":wasStatus": feed.status, ":wasErrors": feed.consecutiveErrors, ":wasNext": feed.nextPollAt },
  };
}

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

  /** Adds a feed's id to the registry, or removes it: doing either twice is nothing. */
  const register = (feedId: string, action: "ADD" | "DELETE") => registerAll([feedId], action);

  /** Adds feed ids to the registry, or removes them: one write per registry row they fall in. */
  const registerAll = async (feedIds: readonly string[], action: "ADD" | "DELETE") => {
    const byRow = new Map<string, string[]>();
    for (const id of feedIds) {
      const sk = keys.feedRegistry(id).sk;
      byRow.set(sk, [...(byRow.get(sk) ?? []), id]);
    }
    await Promise.all(
      [...byRow].map(([sk, ids]) =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: { pk: keys.feedRegistryMarker.pk, sk },
            UpdateExpression: `${action} #ids :ids`,
            ExpressionAttributeNames: { "#ids": "ids" },
            ExpressionAttributeValues: { ":ids": new Set(ids) },
          }),
        ),
      ),
    );
  };

  /** The registry's sets and whether a full list has completed them (one query). */
  const readRegistry = async (consistent = true) => {
    const rows = await queryAll(table, {
      ConsistentRead: consistent,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.feedRegistryMarker.pk, ":prefix": keys.feedRegistryPrefix },
    });
    const ids = new Set(rows.flatMap((row) => (row.ids instanceof Set ? [...(row.ids as Set<string>)] : [])));
    return { complete: rows.some((row) => row.sk === keys.feedRegistryMarker.sk), ids };
  };

  /**
   * Writes a feed's index rows from the item as stored, unless the feed changed since (its writer
   * places them): a write from a stale copy (a poller's, while the feed was paused) never leaves a
   * feed's rows where another state puts them. False when the rows were not written.
   */
  const placeRows = (item: Record<string, unknown>) => {
    const feed = toFeed(item);
    const unchanged = unchangedSince(feed);
    const expression = patchExpression(placeOf(feed))!;
    return applied(
      client.send(
        new UpdateCommand({
          TableName,
          Key: keys.feed(feed.id),
          ...expression,
          ConditionExpression: unchanged.ConditionExpression,
          ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, ...unchanged.names },
          ExpressionAttributeValues: { ...expression.ExpressionAttributeValues, ...unchanged.values },
        }),
      ),
    );
  };

  /** Every feed list row, read so that a feed moving between its partitions meanwhile is still read once. */
  const listRows = async () => {
    const read = (partitions: readonly string[]) =>
      Promise.all(
        partitions.map((pk) =>
          queryAll(table, { IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :pk", ExpressionAttributeValues: { ":pk": pk } }),
        ),
      ).then((parts) => parts.flat());
    // A feed leaving the attention partitions is read there first or in its shard after; one
    // entering them is read in its shard first or there after.
    const attention = keys.feedAttentionPartitions;
    const others = keys.feedListPartitions.filter((pk) => !attention.includes(pk));
    const rows = [...(await read(attention)), ...(await read(others)), ...(await read(attention))];
    return [...new Map(rows.map((row) => [row.pk as string, row])).values()];
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
      // Also when it existed: a create retried after a crash between the two writes registers it then.
      await register(feed.id, "ADD");
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
      const registry = await readRegistry();
      const rows = await listRows();
      const placed = await mapWithConcurrency(
        rows.filter((row) => !inPlace(row)),
        16,
        placeRows,
      );
      // The registry made right from what was read: ids of feeds read are added; an id of no feed
      // read is removed only once its feed is found gone (a create meanwhile keeps its own).
      const listed = new Set(rows.map((row) => row.id as string));
      // The index can lag a removal: an id is added only once its feed is found (consistently) to exist.
      const unregistered = [...listed].filter((id) => !registry.ids.has(id));
      const existing = new Set(
        (await batchGet<Record<string, unknown>>(table, unregistered.map(keys.feed), { consistent: true })).map(
          (item) => item.id as string,
        ),
      );
      await registerAll(
        unregistered.filter((id) => existing.has(id)),
        "ADD",
      );
      const unlisted = [...registry.ids].filter((id) => !listed.has(id));
      const stillThere = new Set(
        (await batchGet<Record<string, unknown>>(table, unlisted.map(keys.feed), { consistent: true })).map((item) => item.id as string),
      );
      await registerAll(
        unlisted.filter((id) => !stillThere.has(id)),
        "DELETE",
      );
      // Complete once every row was in place: the attention partitions then hold every feed needing attention.
      if (!registry.complete && placed.every(Boolean)) {
        await applied(
          client.send(new PutCommand({ TableName, Item: { ...keys.feedRegistryMarker }, ConditionExpression: "attribute_not_exists(pk)" })),
        );
      }
      return rows.map(toFeed).sort(byUrl);
    },

    async count(): Promise<number | undefined> {
      // What is shown: a create a moment ago may be missed, never counted twice.
      const registry = await readRegistry(false);
      return registry.complete ? registry.ids.size : undefined;
    },

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
      // The indexes follow the feed (a feed that is not active leaves the due list).
      const expression = patchExpression({ ...patch, ...placeOf(next) })!;
      const { Attributes: stored } = await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.feed(feed.id),
          ...expression,
          ConditionExpression: "attribute_exists(pk)",
          ReturnValues: "ALL_NEW",
        }),
      );
      // The index rows came from the caller's copy: if another writer changed the feed since that
      // copy was read, put them where the feed as stored says.
      if (stored && !inPlace(stored)) await placeRows(stored);
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
      // Also when it was gone already: a remove retried after a crash between the two writes.
      await register(id, "DELETE");
    },
  };
}
