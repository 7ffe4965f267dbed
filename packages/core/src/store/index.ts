/**
 * store — the single DynamoDB table: its schema (shared with stacks/ and tests), a configured
 * client, and repositories for feeds, posts, digest subscriptions and topic follows.
 */
export { TABLE, KEY_ATTRIBUTES, createTableInput, sstDynamoArgs, keys } from "./schema";
export { connectTable, type TableRef } from "./client";
export { batchGet, batchWrite } from "./batch";
export { feedRepository, type FeedRepository, type FeedPatch } from "./feeds";
export { subscriptionRepository, type SubscriptionRepository, type SubscriptionPatch } from "./subscriptions";
export { topicRepository, type TopicRepository } from "./topics";
export { followRepository, ROLLUP_TITLES, type FollowRepository, type Rollup, type RollupEntry } from "./follows";
export { postRepository, type PostRepository, type FeedItemIdentity, type PostContent, type StoredPost } from "./posts";

import type { TableRef } from "./client";
import { feedRepository } from "./feeds";
import { followRepository } from "./follows";
import { postRepository } from "./posts";
import { subscriptionRepository } from "./subscriptions";
import { topicRepository } from "./topics";

export function openStore(table: TableRef) {
  return {
    table,
    feeds: feedRepository(table),
    posts: postRepository(table),
    subscriptions: subscriptionRepository(table),
    topics: topicRepository(table),
    follows: followRepository(table),
  };
}
export type Store = ReturnType<typeof openStore>;
