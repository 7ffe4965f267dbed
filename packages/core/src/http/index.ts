/**
 * The feed fetcher over node:http(s) (the adapter behind ports/fetch.ts and the FeedFetcher the
 * domain is given): one conditional GET with redirects, limits, decompression and an SSRF guard.
 */
import type { FetchLimits, FetchRequest, FetchResult } from "../model/feed";
import type { FetchOptions } from "../ports/fetch";
import { fetchFeedWithPolicy } from "./fetch-feed";

export { FetchError, type FeedFetcher, type FetchOptions } from "../ports/fetch";
export { DEFAULT_FETCH_LIMITS } from "../model/feed";
export { decodeBody } from "./charset";
export { FEED_ACCEPT } from "./http";

/**
 * Fetches a feed URL. Resolves with the decoded body or "not-modified"; rejects only with FetchError,
 * whose message is fit to show users.
 */
export function fetchFeed(request: FetchRequest, limits: FetchLimits, options: FetchOptions = {}): Promise<FetchResult> {
  return fetchFeedWithPolicy(request, limits, undefined, options);
}
