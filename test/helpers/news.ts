/** Publishing news in tests: a new feed on the loopback feed server whose items arrive after its first poll. */
import { addFeed, refreshFeed, type Feed } from "@recap/core/feeds";
import type { RecapDeps } from "@recap/core/runtime";
import { rss, type FeedServer, type TestItem } from "./feed-server";

let feedCount = 0;

/**
 * Follows a new feed (its one seed item is backfill), then publishes `items` on it, dated now by
 * Recap's clock: fresh posts, announced on the bus as `post.ingested`.
 */
export async function publishNews(
  feeds: FeedServer,
  deps: RecapDeps,
  items: TestItem[],
  options: { feedTitle?: string } = {},
): Promise<void> {
  const path = `/news-${++feedCount}.xml`;
  const channel = options.feedTitle ? { title: options.feedTitle } : {};
  feeds.route(path, { body: rss([{ title: "Seed", link: `https://seed.example.com/${feedCount}`, guid: "seed" }], channel) });
  const added = (await addFeed(feeds.at(path), { via: "cli" }, deps)) as { feed: Feed };
  feeds.route(path, {
    body: rss(
      items.map((item) => ({ pubDate: deps.clock(), ...item })),
      channel,
    ),
  });
  await refreshFeed((await deps.store.feeds.get(added.feed.id)) as Feed, deps);
}
