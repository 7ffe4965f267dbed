/**
 * The store in memory: every port of ports/store.ts over plain maps, held to the same contract as
 * the DynamoDB store (test/store/contract.ts). For tests of what Recap does with its data, where
 * the table is not what is tested.
 */
import type { FeedItemIdentity, Store } from "../../ports/store";
import { memoryFeeds } from "./feeds";
import { memoryFollows } from "./follows";
import { memoryPosts } from "./posts";
import { memorySubscriptions } from "./subscriptions";
import { memoryTopics } from "./topics";

export function memoryStore(): Store {
  // A feed's item identities live with its posts and go with the feed.
  const feedItems = new Map<string, Map<string, FeedItemIdentity>>();
  return {
    feeds: memoryFeeds(feedItems),
    posts: memoryPosts(feedItems),
    subscriptions: memorySubscriptions(),
    topics: memoryTopics(),
    follows: memoryFollows(),
  };
}
