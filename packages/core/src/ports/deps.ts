/**
 * Everything the core is given, by the one who runs it (createDeps in runtime/): the store, the bus,
 * the fetcher, Slack, the clock, the logger and the settings. Each domain function asks for the
 * part it uses (`Pick<RefreshDeps, "store" | "clock">`), so a test hands it only that.
 */
import type { FollowLimits, RecapConfig } from "../config";
import type { DigestLimits } from "../model/digest";
import type { AddFeedResult, FeedOrigin } from "../model/feed";
import type { Taxonomy } from "../model/topic";
import type { Logger } from "../shared/log";
import type { EventPublisher } from "./events";
import type { FeedFetcher } from "./fetch";
import type { Metrics } from "./metrics";
import type { FeedParser } from "./parse";
import type { SlackOutbound, SlackRenderers } from "./slack";
import type { Store } from "./store";

/** What refreshing a feed needs, and the base every other part of the core picks from. */
export interface RefreshDeps {
  store: Store;
  publisher: EventPublisher;
  fetchFeed: FeedFetcher;
  parseFeed: FeedParser;
  /** The taxonomy in force now: the bundled topics plus the team's (read from the table each time). */
  taxonomy: () => Promise<Taxonomy>;
  clock: () => Date;
  log: Logger;
  poll: { baseIntervalMinutes: number; pauseAfterFailures: number };
  /**
   * Follows a feed here and now (autodiscovery, its first poll: feeds/manage.ts's addFeed). Given
   * with the feed reader, only where feeds are read: the Slack function hands adds to the bus, and
   * so bundles neither the parser nor the recap extractor.
   */
  addFeed?: (url: string, origin: FeedOrigin, deps: RefreshDeps, options?: { isRecapFeed?: boolean }) => Promise<AddFeedResult>;
}

/**
 * What the scheduled poll needs besides: how many feeds at once (and to one host), how many bytes of
 * their bodies at once, and how many feeds per fanned-out batch.
 */
export interface PollDeps extends RefreshDeps {
  poll: RefreshDeps["poll"] & { concurrency: number; perHost: number; maxBytesInFlight: number; batchSize: number };
}

/** All of it: what a Lambda handler or the local runner hands the core. */
export interface RecapDeps extends PollDeps {
  slack: SlackOutbound;
  render: SlackRenderers;
  config: RecapConfig;
  digest: DigestLimits;
  follow: FollowLimits;
  metrics: Metrics;
}
