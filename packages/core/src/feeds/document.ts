/**
 * Getting a feed document: a conditional fetch, then either a feed to parse or an HTML page to
 * search for feed links (autodiscovery), trying each link until one parses.
 */
import { stableId } from "../shared/hash";
import { FetchError, type FeedFetcher } from "../ports/fetch";
import { discoverFeedLinks, FeedParseError, looksLikeHtml } from "./parse";
import type { RefreshDeps } from "../ports/deps";
import type { FetchRequest, FetchResult, FetchedFeed, ParsedFeed } from "../model/feed";

export type { FeedFetcher };

export type FeedDocument =
  /** A 304, or a 200 whose body is byte-for-byte the one last processed (many servers send no validators). */
  | { status: "not-modified"; fetched: FetchResult; url: string }
  | {
      status: "ok";
      fetched: FetchedFeed;
      parsed: ParsedFeed;
      /** The feed's URL from now on. */
      url: string;
      bodyHash: string;
    };

export interface LoadOptions {
  /** Hash of the body last processed: the same body again is treated as not modified. */
  knownBodyHash?: string;
  /**
   * Which feed links a web page may lead to. Adding a feed follows any (the person chose the page);
   * polling a followed feed that now serves HTML only follows links on its own site, so a parked
   * domain or an error page cannot move a subscription somewhere else.
   */
  discovery: "any" | "same-site";
}

/** Links tried on a page before giving up: each costs a fetch. */
const MAX_DISCOVERED_LINKS = 3;

type LoadDeps = Pick<RefreshDeps, "fetchFeed" | "parseFeed">;

export async function loadFeedDocument(request: FetchRequest, deps: LoadDeps, options: LoadOptions): Promise<FeedDocument> {
  const fetched = await deps.fetchFeed(request);
  const url = fetched.movedTo ?? request.url;
  if (fetched.status === "not-modified") return { status: "not-modified", fetched, url };
  const bodyHash = stableId(fetched.text);
  if (bodyHash === options.knownBodyHash) return { status: "not-modified", fetched, url };
  if (!looksLikeHtml(fetched.text, fetched.contentType)) {
    return { status: "ok", fetched, parsed: await deps.parseFeed(fetched.text, fetched.contentType, fetched.finalUrl), url, bodyHash };
  }
  return discover(fetched, deps, options.discovery);
}

async function discover(page: FetchedFeed, deps: LoadDeps, scope: LoadOptions["discovery"]): Promise<FeedDocument> {
  const links = discoverFeedLinks(page.text, page.finalUrl)
    .filter((link) => scope === "any" || sameSite(link, page.finalUrl))
    .slice(0, MAX_DISCOVERED_LINKS);
  let lastError: unknown;
  for (const link of links) {
    try {
      const fetched = await deps.fetchFeed({ url: link });
      if (fetched.status !== "ok") continue;
      const parsed = await deps.parseFeed(fetched.text, fetched.contentType, fetched.finalUrl);
      return { status: "ok", fetched, parsed, url: fetched.movedTo ?? link, bodyHash: stableId(fetched.text) };
    } catch (error) {
      lastError = error;
    }
  }
  if (links.length === 0) {
    throw new FeedParseError("not-a-feed", `${page.finalUrl} is a web page with no RSS, Atom or JSON Feed link`);
  }
  throw new FeedParseError(
    "not-a-feed",
    `${page.finalUrl} links to ${links.length} feed(s), but none could be read (last: ${describeFailure(lastError)})`,
  );
}

/** A failure in plain words, for a feed's "last error" and for replies to the person who added it. */
export function describeFailure(error: unknown): string {
  if (error instanceof FetchError || error instanceof FeedParseError) return error.message;
  if (error instanceof Error) return `Internal error: ${error.message}`;
  return `Internal error: ${String(error)}`;
}

/** Same host, ignoring a leading "www.". */
function sameSite(a: string, b: string): boolean {
  const host = (url: string) => new URL(url).hostname.replace(/^www\./, "");
  return host(a) === host(b);
}
