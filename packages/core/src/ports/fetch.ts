/**
 * What fetching promises the domain: a FeedFetcher (one conditional GET), and the one error type it
 * throws (refresh backs off, retries or pauses by its kind). The fetcher itself is http/ (node:http),
 * handed to the domain in its deps.
 */
import type { FetchErrorKind, FetchRequest, FetchResult } from "../model/feed";

export type FeedFetcher = (request: FetchRequest, options?: FetchOptions) => Promise<FetchResult>;

export interface FetchOptions {
  /**
   * Awaited with the size of each piece of the body (decompressed) before the fetcher keeps it: a
   * poll holds its fetches' bodies to a budget this way (shared/byte-budget.ts), and a fetch that
   * waits here is held back, its connection paused, until the budget has room.
   */
  hold?: (bytes: number) => Promise<void>;
}

/**
 * The one error type fetchFeed throws. `message` is shown to users as the feed's last error, so it
 * is written in plain words; `kind` is what code branches on (retry, back off, disable the feed).
 */
export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly httpStatus?: number;
  /** From Retry-After on 429/503: delta-seconds, or an HTTP-date minus the response's Date header (or minus now). */
  readonly retryAfterMs?: number;

  constructor(kind: FetchErrorKind, message: string, details: { httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "FetchError";
    this.kind = kind;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}
