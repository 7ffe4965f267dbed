import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { FetchRequest } from "../model/feed";

/** Feeds first, then generic XML/JSON, then HTML (so a site's home page can be autodiscovered). */
export const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, " +
  "application/json;q=0.8, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1";

/**
 * Node throws synchronously on header values with control characters. A stored validator that
 * went bad should cost us the conditional GET, not the whole fetch.
 */
function safeHeader(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  try {
    http.validateHeaderValue("x", value);
    return value;
  } catch {
    return undefined;
  }
}

export function requestHeaders(request: FetchRequest, userAgent: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    "User-Agent": userAgent,
    Accept: FEED_ACCEPT,
    "Accept-Encoding": "gzip, deflate, br",
  };
  const etag = safeHeader(request.etag);
  const lastModified = safeHeader(request.lastModified);
  if (etag) headers["If-None-Match"] = etag;
  if (lastModified) headers["If-Modified-Since"] = lastModified;
  return headers;
}

export interface Exchange {
  req: ClientRequest;
  res: IncomingMessage;
}

/**
 * Sends one GET and resolves with the response head; the body is left unread. `agent: false` gives
 * every fetch its own connection: a pooled keep-alive socket would bypass the `lookup` guard (and
 * could have been opened by a fetch that allowed private addresses). Aborting `signal` destroys the
 * request at any point, including while the caller is still reading the body.
 */
export function sendRequest(
  url: URL,
  headers: OutgoingHttpHeaders,
  lookup: LookupFunction | undefined,
  signal: AbortSignal,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const transport = url.protocol === "https:" ? https : http;
    let req: ClientRequest;
    try {
      req = transport.request(url, { method: "GET", headers, agent: false, ...(lookup ? { lookup } : {}) });
    } catch (error) {
      return reject(error);
    }
    const onAbort = () => req.destroy(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    req.once("close", () => signal.removeEventListener("abort", onAbort));
    // Stays attached after the response arrives: later socket errors surface through the body
    // stream, and an 'error' event without a listener would crash the process.
    req.on("error", reject);
    req.once("response", (res) => resolve({ req, res }));
    req.end();
  });
}
