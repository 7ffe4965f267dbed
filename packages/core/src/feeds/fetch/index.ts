/** The feed fetcher: one conditional GET with redirects, limits, decompression and an SSRF guard. */
import type { FetchLimits, FetchRequest, FetchResult } from "../types";
import { fetchFeedWithPolicy } from "./fetch-feed";

export { FetchError } from "./errors";
export { decodeBody } from "./charset";
export { FEED_ACCEPT } from "./http";

export const DEFAULT_FETCH_LIMITS: Omit<FetchLimits, "userAgent" | "allowPrivateNetwork"> = Object.freeze({
  timeoutMs: 20_000,
  maxBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
});

/**
 * Fetches a feed URL. Resolves with the decoded body or "not-modified"; rejects only with FetchError,
 * whose message is fit to show users.
 */
export function fetchFeed(request: FetchRequest, limits: FetchLimits): Promise<FetchResult> {
  return fetchFeedWithPolicy(request, limits);
}
