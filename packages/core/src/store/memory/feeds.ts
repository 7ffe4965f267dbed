/** Feeds and their poll state, in memory: the same contract as store/feeds.ts. */
import { byAttention, needsAttention, type Feed } from "../../model/feed";
import type { FeedItemIdentity, FeedPatch, FeedRepository } from "../../ports/store";
import { byKey, missing, stored } from "./shared";

/** `feedItems`: each feed's item identities, shared with the posts (they are the feed's rows there). */
export function memoryFeeds(feedItems: Map<string, Map<string, FeedItemIdentity>>): FeedRepository {
  const feeds = new Map<string, Feed>();
  const facts = new Set<string>();
  const copy = (feed: Feed | undefined) => (feed ? stored(feed) : undefined);

  return {
    async create(feed) {
      if (feeds.has(feed.id)) return false;
      feeds.set(feed.id, stored(feed));
      return true;
    },
    async get(id) {
      return copy(feeds.get(id));
    },
    async findByUrl(url) {
      return copy([...feeds.values()].find((feed) => feed.url === url));
    },
    async list() {
      return [...feeds.values()].sort(byKey((feed) => feed.url)).map((feed) => stored(feed));
    },
    async count() {
      return feeds.size;
    },
    async needingAttention(limit) {
      const needing = [...feeds.values()].filter(needsAttention).sort(byAttention);
      return { feeds: needing.slice(0, limit).map((feed) => stored(feed)), complete: needing.length <= limit };
    },
    async due(now, limit) {
      const until = `${now.toISOString()}#\uffff`;
      const dueSort = (feed: Feed) => `${feed.nextPollAt}#${feed.id}`;
      const due = [...feeds.values()]
        .filter((feed) => feed.status === "active" && dueSort(feed) <= until)
        .sort(byKey(dueSort))
        .map((feed) => stored(feed));
      return limit === undefined ? due : due.slice(0, limit);
    },
    async claim(feed, leaseUntil) {
      const current = feeds.get(feed.id);
      if (!current || current.status !== "active" || current.nextPollAt !== feed.nextPollAt) return false;
      current.nextPollAt = leaseUntil.toISOString();
      return true;
    },
    async update(feed: Feed, patch: FeedPatch) {
      const current = feeds.get(feed.id);
      if (!current) throw missing(`Feed ${feed.id}`);
      const next = stored({ ...current, ...patch });
      feeds.set(feed.id, next);
      return stored({ ...feed, ...patch });
    },
    async setItemCount(id, itemCount) {
      const current = feeds.get(id);
      if (current) feeds.set(id, stored({ ...current, itemCount }));
    },
    async addItemCount(id, items) {
      const current = feeds.get(id);
      if (current?.itemCount !== undefined) feeds.set(id, stored({ ...current, itemCount: current.itemCount + items }));
    },
    async firstTime(name) {
      if (facts.has(name)) return false;
      facts.add(name);
      return true;
    },
    async remove(id) {
      feedItems.delete(id);
      feeds.delete(id);
    },
  };
}
