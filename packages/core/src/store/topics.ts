/**
 * What a team says about topics, under the TOPICS partition: its topics and aliases (`topic add`,
 * `topic alias`; one row per topic id — a row for a built-in id only adds aliases to it) and the
 * cues its corrections taught (one row per cue). The rows are few, so they are read in one Query
 * whenever a taxonomy is needed: a topic added or a cue learned in Slack counts for the very next
 * post, on every Lambda.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { TableRef } from "./client";
import type { TopicRepository } from "../ports/store";
import { applied } from "./conditional";
import { queryAll } from "./query";
import { toTeamCue, toTeamTopic } from "./records";
import { keys } from "./schema";
import type { TeamCue, TeamTopic } from "../model/topic";

export function topicRepository(table: TableRef): TopicRepository {
  const { client, tableName: TableName } = table;

  async function rows(prefix?: string) {
    return queryAll(table, {
      KeyConditionExpression: prefix ? "pk = :pk AND begins_with(sk, :prefix)" : "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.topicsPartition, ...(prefix ? { ":prefix": prefix } : {}) },
      ConsistentRead: true,
    });
  }

  return {
    async list(): Promise<TeamTopic[]> {
      return (await rows(keys.storedTopicPrefix)).map(toTeamTopic);
    },

    /** Topics and cues in one read: what the taxonomy in force is made from. */
    async knowledge(): Promise<{ topics: TeamTopic[]; cues: TeamCue[] }> {
      const items = await rows();
      const starts = (prefix: string) => (item: Record<string, unknown>) => String(item.sk).startsWith(prefix);
      return {
        topics: items.filter(starts(keys.storedTopicPrefix)).map(toTeamTopic),
        cues: items.filter(starts(keys.teamCuePrefix())).map(toTeamCue),
      };
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

    /**
     * Records that `postId`'s correction teaches a cue: the cue is created the first time (who and
     * when kept from then on), and each post teaching it is remembered. Idempotent.
     */
    async teachCue(cue: Omit<TeamCue, "postIds">, postId: string): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.teamCue(cue.topicId, cue.cueId),
          UpdateExpression:
            "SET #topicId = :topicId, #cueId = :cueId, #polarity = :polarity, #phrase = :phrase, #addedAt = if_not_exists(#addedAt, :addedAt)" +
            (cue.addedBy ? ", #addedBy = if_not_exists(#addedBy, :addedBy)" : "") +
            " ADD #postIds :post",
          ExpressionAttributeNames: Object.fromEntries(
            ["topicId", "cueId", "polarity", "phrase", "addedAt", "postIds", ...(cue.addedBy ? ["addedBy"] : [])].map((name) => [
              `#${name}`,
              name,
            ]),
          ),
          ExpressionAttributeValues: {
            ":topicId": cue.topicId,
            ":cueId": cue.cueId,
            ":polarity": cue.polarity,
            ":phrase": cue.phrase,
            ":addedAt": cue.addedAt,
            ...(cue.addedBy ? { ":addedBy": cue.addedBy } : {}),
            ":post": new Set([postId]),
          },
        }),
      );
    },

    /**
     * Takes back what `postId`'s correction taught about a topic: the post leaves each cue it
     * taught, and a cue no post teaches any more is deleted (unless a post taught it again meanwhile).
     */
    async unteachCues(topicId: string, postId: string): Promise<void> {
      for (const cue of (await rows(keys.teamCuePrefix(topicId))).map(toTeamCue)) {
        if (!cue.postIds.includes(postId)) continue;
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName,
            Key: keys.teamCue(topicId, cue.cueId),
            UpdateExpression: "DELETE #postIds :post",
            ExpressionAttributeNames: { "#postIds": "postIds" },
            ExpressionAttributeValues: { ":post": new Set([postId]) },
            ReturnValues: "ALL_NEW",
          }),
        );
        if (Attributes?.postIds instanceof Set && Attributes.postIds.size > 0) continue;
        await applied(
          client.send(
            new DeleteCommand({
              TableName,
              Key: keys.teamCue(topicId, cue.cueId),
              ConditionExpression: "attribute_not_exists(#postIds)",
              ExpressionAttributeNames: { "#postIds": "postIds" },
            }),
          ),
        );
      }
    },

    async cues(topicId: string): Promise<TeamCue[]> {
      return (await rows(keys.teamCuePrefix(topicId))).map(toTeamCue);
    },

    /** Deletes a cue; the cue as it was, or undefined when there was none. */
    async removeCue(topicId: string, cueId: string): Promise<TeamCue | undefined> {
      const { Attributes } = await client.send(
        new DeleteCommand({ TableName, Key: keys.teamCue(topicId, cueId), ReturnValues: "ALL_OLD" }),
      );
      return Attributes ? toTeamCue(Attributes) : undefined;
    },
  };
}
