import type { IncomingHttpHeaders } from "node:http";
import type { FetchLimits, FetchRequest, FetchResult } from "../model/feed";
import { assertHostAllowed, createGuardedLookup, isPublicAddress, type AddressPolicy } from "./address-guard";
import { readBody, tooLarge } from "./body";
import { cacheHints, retryAfterMs } from "./cache-hints";
import { decodeBody } from "./charset";
import { FetchError, formatDuration, httpStatusError, toFetchError } from "./errors";
import type { FetchOptions } from "../ports/fetch";
import { requestHeaders, sendRequest } from "./http";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

function parseHttpUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchError("invalid-url", `Invalid URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError("invalid-url", `Unsupported URL scheme "${url.protocol.slice(0, -1)}" (only http and https)`);
  }
  return url;
}

/** ETag / Last-Modified / freshness: reported on both 200 and 304. */
function validators(headers: IncomingHttpHeaders) {
  return {
    ...(headers.etag ? { etag: headers.etag } : {}),
    ...(headers["last-modified"] ? { lastModified: headers["last-modified"] } : {}),
    ...cacheHints(headers),
  };
}

/**
 * fetchFeed with the address policy exposed, so tests can treat the loopback test server as
 * "public" and still watch the guard refuse a redirect hop. Production code uses fetchFeed.
 */
export async function fetchFeedWithPolicy(
  request: FetchRequest,
  limits: FetchLimits,
  policy: AddressPolicy = isPublicAddress,
  options: FetchOptions = {},
): Promise<FetchResult> {
  let url = parseHttpUrl(request.url);
  const requestedUrl = url.href;
  const guard = limits.allowPrivateNetwork ? undefined : policy;
  const lookup = guard ? createGuardedLookup(guard) : undefined;
  // Conditional headers are kept on every hop: a redirect does not change which resource we hold.
  const headers = requestHeaders(request, limits.userAgent);

  // One deadline for the whole fetch (every hop and the body), not a per-socket idle timeout.
  const deadline = new AbortController();
  const clock = pausableTimer(
    () => deadline.abort(new FetchError("timeout", `Timed out after ${formatDuration(limits.timeoutMs)}`)),
    limits.timeoutMs,
  );
  // Time spent waiting for room in the poll's byte budget is the poll's, not the feed's: the clock
  // stops meanwhile (the connection is paused), so a feed never fails for others' bodies.
  const hold = options.hold
    ? async (bytes: number) => {
        clock.pause();
        try {
          await options.hold?.(bytes);
        } finally {
          clock.resume();
        }
      }
    : undefined;
  let redirects = 0;
  let allPermanent = true;
  try {
    for (;;) {
      if (guard) assertHostAllowed(url.hostname, guard);
      const { req, res } = await sendRequest(url, headers, lookup, deadline.signal);
      try {
        const status = res.statusCode ?? 0;
        if (REDIRECTS.has(status)) {
          const location = res.headers.location;
          if (!location) throw httpStatusError(status, res.statusMessage);
          if (redirects >= limits.maxRedirects) {
            throw new FetchError("too-many-redirects", `Too many redirects (more than ${limits.maxRedirects})`);
          }
          redirects += 1;
          allPermanent &&= PERMANENT.has(status);
          url = parseHttpUrl(location, url);
          continue;
        }

        const movedTo = redirects > 0 && allPermanent && url.href !== requestedUrl ? { movedTo: url.href } : {};
        if (status === 304) {
          return { status: "not-modified", finalUrl: url.href, ...movedTo, ...validators(res.headers) };
        }
        if (status < 200 || status >= 300) {
          const retry = status === 429 || status === 503 ? retryAfterMs(res.headers) : undefined;
          throw httpStatusError(status, res.statusMessage, retry);
        }

        // Without compression, Content-Length is the body size: refuse before reading any of it.
        const encoding = (res.headers["content-encoding"] ?? "identity").trim().toLowerCase();
        const declared = Number(res.headers["content-length"]);
        if (encoding === "identity" && declared > limits.maxBytes) throw tooLarge(limits.maxBytes);

        const body = await readBody(res, limits.maxBytes, hold);
        const contentType = res.headers["content-type"];
        return {
          status: "ok",
          finalUrl: url.href,
          ...movedTo,
          text: decodeBody(body, contentType),
          ...(contentType ? { contentType } : {}),
          ...validators(res.headers),
        };
      } finally {
        // Unread bodies (redirects, errors, early aborts) are dropped with their connection.
        req.destroy();
      }
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    // A destroyed socket surfaces as ECONNRESET/"aborted"; when the deadline did it, say so.
    if (deadline.signal.aborted) throw deadline.signal.reason as FetchError;
    throw toFetchError(error, url);
  } finally {
    clock.pause();
  }
}

/** A timeout whose clock can be stopped and started again; `fire` runs once the time has run out. */
function pausableTimer(fire: () => void, ms: number) {
  let left = ms;
  let startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined = setTimeout(fire, left);
  return {
    pause() {
      if (!timer) return;
      clearTimeout(timer);
      timer = undefined;
      left -= Date.now() - startedAt;
    },
    resume() {
      if (timer) return;
      startedAt = Date.now();
      timer = setTimeout(fire, Math.max(0, left));
    },
  };
}
