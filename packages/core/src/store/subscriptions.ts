/**
 * Channels' digest subscriptions and the per-day claims that make a digest go out exactly once.
 *
 * A claim (CHANNEL#id / DIGEST#<local date>) is written with a condition before posting: of any
 * number of overlapping dispatcher runs, one wins. After a post it records the Slack ts; when a post
 * definitely failed it is deleted so a later run can try again. A claim whose outcome is unknown (a
 * crash mid-post) is left alone: a skipped day is better than a duplicated message.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Subscription } from "../model/digest";
import type { TableRef } from "./client";
import type { SubscriptionPatch, SubscriptionRepository } from "../ports/store";
import { applied } from "./conditional";
import { patchExpression } from "./expressions";
import { queryAll } from "./query";
import { expiresFrom, keys } from "./schema";

const SUBSCRIPTIONS = "SUBSCRIPTIONS";

const toSubscription = (item: Record<string, unknown>): Subscription => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...subscription } = item;
  return subscription as unknown as Subscription;
};

export function subscriptionRepository(table: TableRef): SubscriptionRepository {
  const { client, tableName: TableName } = table;

  return {
    /** Creates or replaces a channel's subscription, keeping its delivery history. */
    async save(subscription: Subscription): Promise<void> {
      await client.send(
        new PutCommand({
          TableName,
          Item: { ...keys.channel(subscription.channelId), gsi1pk: SUBSCRIPTIONS, gsi1sk: subscription.channelId, ...subscription },
        }),
      );
    },

    async get(channelId: string): Promise<Subscription | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName, Key: keys.channel(channelId), ConsistentRead: true }));
      return Item ? toSubscription(Item) : undefined;
    },

    async remove(channelId: string): Promise<boolean> {
      const { Attributes } = await client.send(new DeleteCommand({ TableName, Key: keys.channel(channelId), ReturnValues: "ALL_OLD" }));
      return Attributes !== undefined;
    },

    async list(): Promise<Subscription[]> {
      const items = await queryAll(table, {
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :all",
        ExpressionAttributeValues: { ":all": SUBSCRIPTIONS },
      });
      return items.map(toSubscription);
    },

    async update(channelId: string, patch: SubscriptionPatch): Promise<void> {
      const expression = patchExpression(patch);
      if (!expression) return;
      await client.send(
        new UpdateCommand({ TableName, Key: keys.channel(channelId), ...expression, ConditionExpression: "attribute_exists(pk)" }),
      );
    },

    /** Takes (channel, local date) for one dispatcher; false when another already has it. */
    async claimDigest(channelId: string, date: string, now: Date): Promise<boolean> {
      return applied(
        client.send(
          new PutCommand({
            TableName,
            Item: { ...keys.digest(channelId, date), status: "claimed", claimedAt: now.toISOString(), ...expiresFrom(now) },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
    },

    async recordDigest(channelId: string, date: string, result: { ts?: string; postCount: number }, now: Date): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.digest(channelId, date),
          UpdateExpression: "SET #status = :posted, postedAt = :now, postCount = :count" + (result.ts ? ", ts = :ts" : ""),
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":posted": result.ts ? "posted" : "empty",
            ":now": now.toISOString(),
            ":count": result.postCount,
            ...(result.ts ? { ":ts": result.ts } : {}),
          },
        }),
      );
    },

    /** Gives the day back after a post that definitely did not happen, so a later run retries it. */
    async releaseDigest(channelId: string, date: string): Promise<void> {
      await client.send(new DeleteCommand({ TableName, Key: keys.digest(channelId, date) }));
    },
  };
}
