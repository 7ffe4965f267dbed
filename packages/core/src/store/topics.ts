/**
 * Team-defined topics and aliases (`topic add`, `topic alias`), one row per topic id under the
 * TOPICS partition. A row for a built-in id only adds aliases to it; a row for a new id is a whole
 * topic. The rows are few (a team adds a handful), so they are read in one Query whenever a
 * taxonomy is needed: a topic added in Slack tags the very next post, on every Lambda.
 */
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { TableRef } from "./client";
import { applied } from "./conditional";
import { queryAll } from "./query";
import { keys } from "./schema";
import type { TeamTopic } from "../topics/team";

const toTeamTopic = (item: Record<string, unknown>): TeamTopic => ({
  id: item.id as string,
  ...(typeof item.label === "string" ? { label: item.label } : {}),
  aliases: Array.isArray(item.aliases) ? (item.aliases as string[]) : [],
  addedAt: item.addedAt as string,
  ...(typeof item.addedBy === "string" ? { addedBy: item.addedBy } : {}),
});

export function topicRepository(table: TableRef) {
  const { client, tableName: TableName } = table;
  return {
    async list(): Promise<TeamTopic[]> {
      const items = await queryAll(table, {
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.topicsPartition },
        ConsistentRead: true,
      });
      return items.map(toTeamTopic);
    },

    /** Stores a new topic; false when a row for its id exists already. */
    async add(topic: TeamTopic): Promise<boolean> {
      return applied(
        client.send(
          new PutCommand({
            TableName,
            Item: { ...keys.storedTopic(topic.id), ...topic },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
    },

    /** Appends an alias to a topic's row, creating the row (for a built-in topic) when needed. */
    async addAlias(id: string, alias: string, addedAt: string): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.storedTopic(id),
          UpdateExpression:
            "SET #id = :id, #aliases = list_append(if_not_exists(#aliases, :none), :alias), #addedAt = if_not_exists(#addedAt, :at)",
          ExpressionAttributeNames: { "#id": "id", "#aliases": "aliases", "#addedAt": "addedAt" },
          ExpressionAttributeValues: { ":id": id, ":alias": [alias], ":none": [], ":at": addedAt },
        }),
      );
    },
  };
}

export type TopicRepository = ReturnType<typeof topicRepository>;
