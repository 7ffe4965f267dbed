/**
 * The one DynamoDB table, defined once: `stacks/` builds it from this, tests and the local runtime
 * create it from this, and the repositories build their keys from `keys` below.
 *
 * Access patterns (→ how):
 * - feed by id                     → pk FEED#<id>, sk FEED
 * - all feeds, feed by URL         → gsi1 FEEDS#<shard>, sk <url> for fine feeds, and ATTN#<shard of 8>, sk
 *                                    <rank>#<url> for feeds needing attention (rank 0 failing or paused,
 *                                    1 never polled); feeds stored before the shards: FEEDS, sk <url>
 * - feeds needing attention, the worst first → gsi1 ATTN#<shard of 8> (only those feeds: a few small reads)
 * - how many feeds                 → pk META, sk FEEDIDS#<shard> (string sets of feed ids) and the marker FEEDIDS
 * - posts per topic this week (`topics`) → pk META, sk TOPICCOUNTS: one snapshot of every topic's count,
 *                                    recounted from the TOPIC# index rows, replaced only by a later count
 * - feeds due for polling          → gsi2 DUE, sk <nextPollAt>#<id> (paused feeds drop out: sparse)
 * - a feed's items (identity)      → pk FEED#<id>, sk ITEM#<itemKey>
 * - post by id                     → pk POST#<id>, sk POST
 * - a post's lead (tagging only)    → pk POST#<id>, sk LEAD (kept apart: lists never read it)
 * - posts by topic, newest first   → gsi1 TOPIC#<topic>, sk <publishedAt>#<postId> on per-topic rows
 *                                    that live in the post's own partition (pk POST#<id>, sk TOPIC#<topic>)
 * - posts with a word, newest first → gsi1 TERM#<term>, sk <publishedAt>#<postId> on per-term rows in the
 *                                    post's own partition (pk POST#<id>, sk TERM#<term>; shared/search-terms.ts)
 * - posts first seen since a time  → gsi2 SEEN#<yyyy-mm>, sk <firstSeenAt>#<postId>
 * - per-channel settings           → pk CHANNEL#<id>, sk SETTINGS; all of them: gsi1 SUBSCRIPTIONS
 * - a channel's digest for a day    → pk CHANNEL#<id>, sk DIGEST#<local date> (the exactly-once claim)
 * - team-defined topics and aliases → pk TOPICS, sk TOPIC#<id> (few rows: read whole)
 * - cues a team's corrections taught → pk TOPICS, sk CUE#<topicId>#<cueId> (read with the topics)
 * - a channel's follows             → pk CHANNEL#<id>, sk begins with FOLLOW# (one row per topic)
 * - channels following a topic      → gsi1 FOLLOWERS#<topicId>, sk <channelId> (sparse: disabled follows drop out)
 * - a post's alert in a channel     → pk CHANNEL#<id>, sk ALERT#<postId> (the exactly-once claim)
 * - a channel's alerts in an hour   → pk CHANNEL#<id>, sk ALERTS#<yyyy-mm-ddThh> (UTC; the hourly budget counter)
 * - a channel's roll-up of an hour  → pk CHANNEL#<id>, sk ROLLUP#<yyyy-mm-ddThh> (posts over budget, the message's ts)
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { stableId } from "../shared/hash";

export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  indexes: {
    gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  },
} as const;

export type IndexName = keyof typeof TABLE.indexes;

/**
 * DynamoDB's time-to-live attribute (epoch seconds): bookkeeping rows that only matter for a while
 * (exactly-once claims, hourly budgets, roll-ups) carry it and are deleted by DynamoDB afterwards.
 * Nothing reads them after their day or hour, so an expired row still present does no harm.
 */
export const TTL_ATTRIBUTE = "expiresAt";
const DAY_SECONDS = 86_400;
/** How long claims, budgets and roll-ups are kept: well past any retry or catch-up that reads them. */
export const BOOKKEEPING_DAYS = 30;

/** `{ expiresAt }` for a bookkeeping row written at `now`. */
export const expiresFrom = (now: Date, days = BOOKKEEPING_DAYS) => ({
  [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + days * DAY_SECONDS,
});

/** Every key attribute is a string. */
export const KEY_ATTRIBUTES = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...Object.values(TABLE.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
];

/** CreateTable input for dynalite (local runtime, tests). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: KEY_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(TABLE.indexes).map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" },
        { AttributeName: index.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
  };
}

/** The same table in the shape `sst.aws.Dynamo` takes (fields, primaryIndex, globalIndexes). */
export function sstDynamoArgs() {
  return {
    fields: Object.fromEntries(KEY_ATTRIBUTES.map((name) => [name, "string" as const])),
    primaryIndex: { hashKey: TABLE.partitionKey, rangeKey: TABLE.sortKey },
    globalIndexes: Object.fromEntries(
      Object.entries(TABLE.indexes).map(([name, index]) => [name, { hashKey: index.partitionKey, rangeKey: index.sortKey }]),
    ),
    ttl: TTL_ATTRIBUTE,
  };
}

/** Key builders: the only place that knows how items are addressed. */
/**
 * The feed list and the due list are spread over this many index partitions each (by a hash of the
 * feed's URL, and of its id), read in parallel: one partition takes about 1,000 writes a second, and
 * every poll moves its feed's entries in both, so a burst of 10,000 feeds would throttle one.
 */
export const FEED_INDEX_SHARDS = 16;
// Changing it moves every feed to another partition: findByUrl reads only a URL's own shard (and
// the partition from before the split), so it needs a migration that rewrites every feed first.
const shardOf = (value: string) => Number.parseInt(stableId(value).slice(0, 8), 16) % FEED_INDEX_SHARDS;
const shards = (prefix: string, n = FEED_INDEX_SHARDS) => Array.from({ length: n }, (_, i) => `${prefix}#${i}`);
/**
 * Feeds needing attention are few but for a mass import's feeds before their first polls: 8 shards
 * take those polls' writes (~2,000 polls a second, two writes each) within each partition's budget,
 * and `feeds` reads 8.
 */
export const ATTENTION_SHARDS = 8;

export const keys = {
  feed: (feedId: string) => ({ pk: `FEED#${feedId}`, sk: "FEED" }),
  /** Where a feed's row is in the feed list (gsi1): fine feeds by URL, those needing attention apart, the worst first. */
  feedListEntry: (url: string, rank: 0 | 1 | 2) =>
    rank === 2
      ? { gsi1pk: `FEEDS#${shardOf(url)}`, gsi1sk: url }
      : { gsi1pk: `ATTN#${shardOf(url) % ATTENTION_SHARDS}`, gsi1sk: `${rank}#${url}` },
  /** The due list's partition for a feed (gsi2, sorted by next poll). */
  feedDue: (feedId: string) => `DUE#${shardOf(feedId)}`,
  /** Every partition of each list: its shards, and the one feeds stored before the shards stay in until next written. */
  feedListPartitions: ["FEEDS", ...shards("FEEDS"), ...shards("ATTN", ATTENTION_SHARDS)],
  feedAttentionPartitions: shards("ATTN", ATTENTION_SHARDS),
  /**
   * Which feeds exist, without reading them: each shard's row holds a string set of feed ids (adding
   * or removing an id twice is nothing, so a retried write never counts twice), and the marker row
   * says the sets are complete (a full list filled them). `feedRegistryPrefix` reads them all at once.
   */
  feedRegistry: (feedId: string) => ({ pk: "META", sk: `FEEDIDS#${shardOf(feedId)}` }),
  feedRegistryMarker: { pk: "META", sk: "FEEDIDS" },
  feedRegistryPrefix: "FEEDIDS",
  feedDuePartitions: ["DUE", ...shards("DUE")],
  dueSort: (nextPollAt: string, feedId: string) => `${nextPollAt}#${feedId}`,
  // Item keys are GUIDs, URLs or titles of any length; sort keys are capped at 1 KB, so hash them.
  feedItem: (feedId: string, itemKey: string) => ({ pk: `FEED#${feedId}`, sk: `ITEM#${stableId(itemKey)}` }),
  feedItemPrefix: "ITEM#",
  post: (postId: string) => ({ pk: `POST#${postId}`, sk: "POST" }),
  postLead: (postId: string) => ({ pk: `POST#${postId}`, sk: "LEAD" }),
  postTopic: (postId: string, topic: string) => ({ pk: `POST#${postId}`, sk: `TOPIC#${topic}` }),
  topicIndex: (topic: string) => `TOPIC#${topic}`,
  postTerm: (postId: string, term: string) => ({ pk: `POST#${postId}`, sk: `TERM#${term}` }),
  termIndex: (term: string) => `TERM#${term}`,
  seenBucket: (isoTime: string) => `SEEN#${isoTime.slice(0, 7)}`,
  timeSort: (isoTime: string, id: string) => `${isoTime}#${id}`,
  /** The topic-count snapshot: every topic's posts in the window, as counted at one time (posts/topic-counts.ts). */
  topicCountSnapshot: { pk: "META", sk: "TOPICCOUNTS" },
  /** One-off facts about the installation, e.g. that the default feeds were seeded. */
  meta: (name: string) => ({ pk: "META", sk: name }),
  channel: (channelId: string) => ({ pk: `CHANNEL#${channelId}`, sk: "SETTINGS" }),
  digest: (channelId: string, localDate: string) => ({ pk: `CHANNEL#${channelId}`, sk: `DIGEST#${localDate}` }),
  topicsPartition: "TOPICS",
  storedTopic: (topicId: string) => ({ pk: "TOPICS", sk: `TOPIC#${topicId}` }),
  storedTopicPrefix: "TOPIC#",
  teamCue: (topicId: string, cueId: string) => ({ pk: "TOPICS", sk: `CUE#${topicId}#${cueId}` }),
  teamCuePrefix: (topicId = "") => `CUE#${topicId ? `${topicId}#` : ""}`,
  follow: (channelId: string, topicId: string) => ({ pk: `CHANNEL#${channelId}`, sk: `FOLLOW#${topicId}` }),
  followPrefix: "FOLLOW#",
  followers: (topicId: string) => `FOLLOWERS#${topicId}`,
  alert: (channelId: string, postId: string) => ({ pk: `CHANNEL#${channelId}`, sk: `ALERT#${postId}` }),
  /** `hour` is the UTC clock hour, "yyyy-mm-ddThh". */
  alertBudget: (channelId: string, hour: string) => ({ pk: `CHANNEL#${channelId}`, sk: `ALERTS#${hour}` }),
  rollup: (channelId: string, hour: string) => ({ pk: `CHANNEL#${channelId}`, sk: `ROLLUP#${hour}` }),
} as const;
