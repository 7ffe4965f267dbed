/**
 * The composition root's one recipe: given a table (or a store), a bus and the settings, build everything the
 * core needs. Lambda and the local runner differ only in what they pass in.
 */
import type { RecapConfig } from "../config";
import type { EventPublisher } from "../ports/events";
import { fetchFeed } from "../http";
import type { RecapDeps } from "../ports/deps";
import type { FeedFetcher } from "../ports/fetch";
import type { FeedParser } from "../ports/parse";
import { parseFeed } from "../feeds/parse";
import { noMetrics, type Metrics } from "../ports/metrics";
import { consoleLogger, type Logger } from "../shared/log";
import { openStore, type Store, type TableRef } from "../store";
import { teamTaxonomy } from "../topics";
import { slackOutbound } from "../slack/outbound";
import { slackRenderers } from "../slack/renderers";

export type { RecapDeps };

/** Where data lives: a DynamoDB table, or a store given whole (the in-memory one). */
type Storage = { table: TableRef; store?: never } | { store: Store; table?: never };

export function createDeps(
  options: Storage & {
    publisher: EventPublisher;
    config: RecapConfig;
    clock?: () => Date;
    log?: Logger;
    fetchFeed?: FeedFetcher;
    /** In this thread unless given (the local server's worker). */
    parseFeed?: FeedParser;
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
    fetchFeed: options.fetchFeed ?? ((request, fetchOptions) => fetchFeed(request, config.fetch, fetchOptions)),
    parseFeed: options.parseFeed ?? parseFeed,
    taxonomy: teamTaxonomy(() => store.topics.knowledge()),
    clock: options.clock ?? (() => new Date()),
    log,
    poll: config.poll,
    metrics: options.metrics ?? noMetrics,
  };
}
