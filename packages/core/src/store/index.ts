/**
 * store — the single DynamoDB table: its schema (shared with stacks/ and tests), a configured
 * client, and repositories for feeds, posts, digest subscriptions and topic follows.
 */
export { TABLE, KEY_ATTRIBUTES, createTableInput, sstDynamoArgs, keys, FEED_INDEX_SHARDS } from "./schema";
export { connectTable, REQUEST_PATH_CLIENT, type TableRef } from "./client";
export { batchGet, batchWrite } from "./batch";
export { feedRepository } from "./feeds";
export { subscriptionRepository } from "./subscriptions";
export { topicRepository } from "./topics";
export { followRepository } from "./follows";
export { postRepository } from "./posts";
export * from "../ports/store";
export { memoryStore } from "./memory";

import type { TableRef } from "./client";
import type { Store } from "../ports/store";
import { feedRepository } from "./feeds";
import { followRepository } from "./follows";
import { postRepository } from "./posts";
import { subscriptionRepository } from "./subscriptions";
import { topicRepository } from "./topics";

/** The DynamoDB store: every repository over one table. */
export function openStore(table: TableRef): Store {
  return {
    feeds: feedRepository(table),
    posts: postRepository(table),
    subscriptions: subscriptionRepository(table),
    topics: topicRepository(table),
    follows: followRepository(table),
  };
}
