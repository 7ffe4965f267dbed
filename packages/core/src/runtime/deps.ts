/**
 * The composition root's one recipe: given a table (or a store), a bus and the settings, build everything the
 * core needs. Lambda and the local runner differ only in what they pass in.
 */
import type { RecapConfig } from "../config";
import type { EventPublisher } from "../ports/events";
import type { RecapDeps } from "../ports/deps";
import type { FeedFetcher } from "../ports/fetch";
import type { FeedParser } from "../ports/parse";
import { noMetrics, type Metrics } from "../ports/metrics";
import { consoleLogger, type Logger } from "../shared/log";
import { openStore, type Store, type TableRef } from "../store";
import { teamTaxonomy } from "../topics";
import { slackOutbound } from "../slack/outbound";
import { slackRenderers } from "../slack/renderers";

export type { RecapDeps };

const NO_READER = "This function reads no feeds: it was given no feed reader (runtime/feed-reader.ts)";

/** Where data lives: a DynamoDB table, or a store given whole (the in-memory one). */
type Storage = { table: TableRef; store?: never } | { store: Store; table?: never };

export function createDeps(
  options: Storage & {
    publisher: EventPublisher;
    config: RecapConfig;
    clock?: () => Date;
    log?: Logger;
    /**
     * How feeds are read (runtime/feed-reader.ts), given only where feeds are read: the Slack
     * function hands every fetch to the bus and does not bundle a fetcher or parser at all.
     */
    fetchFeed?: FeedFetcher;
    parseFeed?: FeedParser;
    addFeed?: RecapDeps["addFeed"];
    metrics?: Metrics;
  },
): RecapDeps {
  const { config } = options;
  const log = options.log ?? consoleLogger;
  const store = options.store ?? openStore(options.table);
  return {
    config,
    digest: config.digest,
    follow: config.follow,
    slack: slackOutbound(config.slack, log),
    render: slackRenderers,
    store,
    publisher: options.publisher,
    fetchFeed: options.fetchFeed ?? (() => Promise.reject(new Error(NO_READER))),
    parseFeed: options.parseFeed ?? (() => Promise.reject(new Error(NO_READER))),
    ...(options.addFeed ? { addFeed: options.addFeed } : {}),
    taxonomy: teamTaxonomy(() => store.topics.knowledge()),
    clock: options.clock ?? (() => new Date()),
    log,
    poll: config.poll,
    metrics: options.metrics ?? noMetrics,
  };
}
