/**
 * Channels' topic follows, and the rows that make each alert go out exactly once and within the
 * channel's hourly budget.
 *
 * - A follow (CHANNEL#id / FOLLOW#topic) also sits in gsi1 under FOLLOWERS#topic while active, so the
 *   alert subscriber finds a topic's channels with one Query; a disabled follow leaves the index.
 * - An alert claim (CHANNEL#id / ALERT#post) is written with a condition before anything is posted:
 *   one post reaches one channel once, however many of its topics the channel follows and however
 *   often the event is delivered. A definite failure deletes it so a redelivery can try again.
 * - The budget (CHANNEL#id / ALERTS#hour) counts alerts posted in a UTC clock hour, incremented only
 *   while under the limit.
 * - The roll-up (CHANNEL#id / ROLLUP#hour) collects the posts over budget: their count, the first few
 *   titles, the Slack ts of its one message and how many posts that message shows. Whoever holds its
 *   short lease posts or updates the message.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Follow } from "../model/follow";
import type { TableRef } from "./client";
import { ROLLUP_TITLES, type FollowRepository, type Rollup, type RollupEntry } from "../ports/store";
import { applied, unlessTaken } from "./conditional";
import { patchExpression } from "./expressions";
import { queryAll } from "./query";
import { toRollup } from "./records";
import { expiresFrom, keys, TTL_ATTRIBUTE } from "./schema";

/** A budget or roll-up row expires counted from its hour ("yyyy-mm-ddThh", UTC). */
const hourExpiry = (hour: string) => expiresFrom(new Date(`${hour}:00:00Z`))[TTL_ATTRIBUTE];

const toFollow = (item: Record<string, unknown>): Follow => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...follow } = item;
  return follow as unknown as Follow;
};

export function followRepository(table: TableRef): FollowRepository {
  const { client, tableName: TableName } = table;

  const followed = (follow: Follow) => ({
    ...keys.follow(follow.channelId, follow.topicId),
    ...(follow.status === "active" ? { gsi1pk: keys.followers(follow.topicId), gsi1sk: follow.channelId } : {}),
    ...follow,
  });

  const follows = {
    async save(follow: Follow): Promise<void> {
      await client.send(new PutCommand({ TableName, Item: followed(follow) }));
    },

    async get(channelId: string, topicId: string): Promise<Follow | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: keys.follow(channelId, topicId), ConsistentRead: true }));
      return Item ? toFollow(Item) : undefined;
    },

    async remove(channelId: string, topicId: string): Promise<boolean> {
      const { Attributes } = await client.send(
        new DeleteCommand({ TableName, Key: keys.follow(channelId, topicId), ReturnValues: "ALL_OLD" }),
      );
      return Attributes !== undefined;
    },

    async ofChannel(channelId: string): Promise<Follow[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.channel(channelId).pk, ":prefix": keys.followPrefix },
        ConsistentRead: true,
      });
      return items.map(toFollow);
    },

    /** Channels whose follow of the topic is active (disabled ones are not in the index). */
    async channelsFollowing(topicId: string): Promise<string[]> {
      const items = await queryAll(table, {
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :topic",
        ExpressionAttributeValues: { ":topic": keys.followers(topicId) },
        ProjectionExpression: "channelId",
      });
      return items.map((item) => String(item.channelId));
    },

    /** Stops every follow of a channel Slack will not post to, saying why; they leave the index. */
    async disableChannel(channelId: string, reason: string): Promise<void> {
      for (const follow of await follows.ofChannel(channelId)) {
        if (follow.status === "disabled") continue;
        await follows.save({ ...follow, status: "disabled", disabledReason: reason });
      }
    },
  };

  const alerts = {
    /** The claim of (channel, post): its status and, for a rolled-up post, the hour's roll-up it is in. */
    async get(channelId: string, postId: string): Promise<{ status: string; hour?: string } | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: keys.alert(channelId, postId), ConsistentRead: true }));
      return Item ? { status: String(Item.status), ...(typeof Item.hour === "string" ? { hour: Item.hour } : {}) } : undefined;
    },

    /** Takes (channel, post) for this delivery; false when it was taken before. */
    async claim(channelId: string, postId: string, now: Date): Promise<boolean> {
      return applied(
        client.send(
          new PutCommand({
            TableName,
            Item: { ...keys.alert(channelId, postId), status: "claimed", claimedAt: now.toISOString(), ...expiresFrom(now) },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
    },

    async record(channelId: string, postId: string, outcome: { status: "posted" | "rolled-up" | "uncertain"; hour: string; ts?: string }) {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.alert(channelId, postId),
          UpdateExpression: "SET #status = :status, #hour = :hour" + (outcome.ts ? ", ts = :ts" : ""),
          ExpressionAttributeNames: { "#status": "status", "#hour": "hour" },
          ExpressionAttributeValues: { ":status": outcome.status, ":hour": outcome.hour, ...(outcome.ts ? { ":ts": outcome.ts } : {}) },
        }),
      );
    },

    /** Gives the post back after an alert that definitely did not go out, so a redelivery retries it. */
    async release(channelId: string, postId: string): Promise<void> {
      await client.send(new DeleteCommand({ TableName, Key: keys.alert(channelId, postId) }));
    },

    /** One alert of the hour's budget; false when the channel has had `max` this hour. */
    async takeSlot(channelId: string, hour: string, max: number): Promise<boolean> {
      return applied(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.alertBudget(channelId, hour),
            UpdateExpression: "ADD sent :one SET #expiresAt = if_not_exists(#expiresAt, :expiresAt)",
            ConditionExpression: "attribute_not_exists(sent) OR sent < :max",
            ExpressionAttributeNames: { "#expiresAt": TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ":one": 1, ":max": max, ":expiresAt": hourExpiry(hour) },
          }),
        ),
      );
    },

    async returnSlot(channelId: string, hour: string): Promise<void> {
      await applied(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.alertBudget(channelId, hour),
            UpdateExpression: "ADD sent :minus",
            ConditionExpression: "sent > :zero",
            ExpressionAttributeValues: { ":minus": -1, ":zero": 0 },
          }),
        ),
      );
    },
  };

  const rollups = {
    /**
     * Adds a post to the hour's roll-up (its title while fewer than ROLLUP_TITLES are kept). A post
     * already there is not added again: a redelivery only gets the message brought up to date.
     */
    async add(channelId: string, hour: string, entry: RollupEntry, topicIds: string[]): Promise<void> {
      const notThere = "(attribute_not_exists(postIds) OR NOT contains(postIds, :id))";
      const values = { ":id": entry.postId, ":ids": new Set([entry.postId]), ":one": 1, ":topics": new Set(topicIds) };
      const add = (withTitle: boolean) =>
        applied(
          client.send(
            new UpdateCommand({
              TableName,
              Key: keys.rollup(channelId, hour),
              UpdateExpression:
                "ADD postIds :ids, topicIds :topics, #total :one SET #expiresAt = if_not_exists(#expiresAt, :expiresAt)" +
                (withTitle ? ", entries = list_append(if_not_exists(entries, :empty), :entry)" : ""),
              ConditionExpression: withTitle ? `${notThere} AND (attribute_not_exists(#total) OR #total < :keep)` : notThere,
              ExpressionAttributeNames: { "#total": "total", "#expiresAt": TTL_ATTRIBUTE },
              ExpressionAttributeValues: {
                ...values,
                ":expiresAt": hourExpiry(hour),
                ...(withTitle ? { ":empty": [], ":entry": [entry], ":keep": ROLLUP_TITLES } : {}),
              },
            }),
          ),
        );
      // Usually one call; past the kept titles (or for a post already there) a second, which only counts.
      if (!(await add(true))) await add(false);
    },

    async get(channelId: string, hour: string): Promise<Rollup | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: keys.rollup(channelId, hour), ConsistentRead: true }));
      return Item ? toRollup(Item) : undefined;
    },

    /** Takes the roll-up's lease (the one writer of its message); undefined while someone else holds it. */
    /** Takes the roll-up's lease as `holder` (the one writer of its message); undefined while someone else holds it. */
    async lock(channelId: string, hour: string, now: Date, leaseMs: number, holder: string): Promise<Rollup | undefined> {
      const locked = await unlessTaken(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.rollup(channelId, hour),
            UpdateExpression: "SET lockedUntil = :until, lockedBy = :holder",
            ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(lockedUntil) OR lockedUntil < :now)",
            ExpressionAttributeValues: {
              ":until": new Date(now.getTime() + leaseMs).toISOString(),
              ":now": now.toISOString(),
              ":holder": holder,
            },
            ReturnValues: "ALL_NEW",
          }),
        ),
      );
      return locked?.Attributes ? toRollup(locked.Attributes) : undefined;
    },

    /** Extends `holder`'s lease to a whole one from now; false when the lease is no longer theirs. */
    async renew(channelId: string, hour: string, now: Date, leaseMs: number, holder: string): Promise<boolean> {
      return applied(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.rollup(channelId, hour),
            UpdateExpression: "SET lockedUntil = :until",
            ConditionExpression: "lockedBy = :holder",
            ExpressionAttributeValues: { ":until": new Date(now.getTime() + leaseMs).toISOString(), ":holder": holder },
          }),
        ),
      );
    },

    /** Lets the lease go, if `holder` still has it (a holder that overran its lease must not free another's). */
    async unlock(channelId: string, hour: string, holder: string): Promise<void> {
      await applied(
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.rollup(channelId, hour),
            UpdateExpression: "REMOVE lockedUntil, lockedBy",
            ConditionExpression: "lockedBy = :holder",
            ExpressionAttributeValues: { ":holder": holder },
          }),
        ),
      );
    },

    /** What the message now says: `lost` when it may or may not have been posted. */
    async record(channelId: string, hour: string, state: { ts?: string; shown: number; lost?: boolean; posting?: boolean }): Promise<void> {
      // What is left out stays as it was.
      const given = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined));
      await client.send(new UpdateCommand({ TableName, Key: keys.rollup(channelId, hour), ...patchExpression(given) }));
    },
  };

  return { ...follows, alerts, rollups };
}
