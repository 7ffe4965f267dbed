/**
 * feeds — following feeds and polling them: fetching (conditional GET, redirects, charsets, limits,
 * SSRF guard), parsing (RSS, RDF, Atom, JSON Feed, autodiscovery), each feed's refresh, the
 * per-feed schedule, the scheduled poll with fan-out, OPML, and the default feed list.
 */
export type * from "../model/feed";
export { FetchError } from "../ports/fetch";
export { DEFAULT_FETCH_LIMITS } from "../model/feed";
export { parseFeed, FeedParseError, discoverFeedLinks, looksLikeHtml } from "./parse";
export { loadFeedDocument, describeFailure, type FeedFetcher, type FeedDocument } from "./document";
export { refreshFeed, applyDocument, type RefreshDeps, type RefreshOutcome } from "./refresh";
export { planItem, FRESHNESS_WINDOW_MS, type ItemPlan, type PlanContext } from "./plan";
export { pollDueFeeds, pollFeedBatch, pollFeeds, type PollDeps, type PollSummary, type PollProgress } from "./poll";
export {
  addFeed,
  importFeeds,
  MAX_IMPORTED_FEEDS,
  seedDefaultFeeds,
  findFeed,
  resumeFeed,
  parseFeedUrl,
  shownUrl,
  newFeed,
  markRecapFeed,
  type AddFeedResult,
} from "./manage";
export { nextPollAfterSuccess, nextPollAfterFailure, intervalAfterSuccess, recentDates, SCHEDULE_LIMITS } from "./schedule";
export { parseOpml, buildOpml, type OpmlFeed } from "./opml";
export { recountItems, type RecountSummary } from "./recount";
export { DEFAULT_FEEDS } from "./default-feeds";
