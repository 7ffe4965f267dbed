/**
 * Reading feeds: the fetcher over node:http (redirects, limits, decompression, charsets, the SSRF
 * guard) and the parser. Given to createDeps only by what reads feeds (runtime/definitions.ts,
 * `readsFeeds`), so that the Slack function bundles neither, nor their charset tables.
 */
import type { RecapConfig } from "../config";
import { parseFeed } from "../feeds/parse";
import { fetchFeed } from "../http";
import { addFeed } from "../feeds/manage";
import type { RecapDeps } from "../ports/deps";
import type { FeedParser } from "../ports/parse";

export type FeedReader = Required<Pick<RecapDeps, "fetchFeed" | "parseFeed" | "addFeed">>;

/** The fetcher with the configured limits, the parser (in this thread unless one is given), and adding a feed now. */
export function feedReader(config: RecapConfig, parser: FeedParser = parseFeed): FeedReader {
  return { fetchFeed: (request, options) => fetchFeed(request, config.fetch, options), parseFeed: parser, addFeed };
}
