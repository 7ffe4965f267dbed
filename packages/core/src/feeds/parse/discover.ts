import { Parser } from "htmlparser2";

/** Feed MIME types announced with <link rel="alternate"> (RSS autodiscovery, Atom, JSON Feed). */
const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/json",
  "application/rdf+xml",
]);

/**
 * Feed URLs a page advertises, resolved against <base href> (or the page URL), in document
 * order, de-duplicated, http(s) only. Read with htmlparser2's tokenizer (linear, forgiving of
 * broken pages, comments and scripts skipped as a browser skips them); only <link> and <base>
 * start tags matter.
 */
export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const links: Record<string, string>[] = [];
  let baseHref: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "link") links.push(attributes);
        else if (name === "base" && baseHref === undefined && attributes.href !== undefined) baseHref = attributes.href;
      },
    },
    { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const base = resolve(baseHref ?? "", pageUrl) ?? pageUrl;
  const found: string[] = [];
  for (const attrs of links) {
    const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
    const type = (attrs.type ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const href = attrs.href?.trim();
    if (!rel.includes("alternate") || !FEED_TYPES.has(type) || !href) continue;
    const url = resolve(unFeedScheme(href), base);
    // WordPress announces its REST API as an application/json alternate on every page.
    if (!url || (type === "application/json" && /\/wp-json\//.test(url))) continue;
    if (!found.includes(url)) found.push(url);
  }
  return found;
}

/** The old `feed:` pseudo-scheme (feed://host/x, feed:https://host/x) wraps an http(s) URL. */
function unFeedScheme(href: string): string {
  const m = /^feed:(\/\/)?/i.exec(href);
  if (!m) return href;
  const rest = href.slice(m[0].length);
  return m[1] && !/^https?:/i.test(rest) ? `http://${rest}` : rest;
}

function resolve(href: string, base: string): string | undefined {
  try {
    const url = new URL(href, base);
    url.hash = ""; // Never sent to the server; "feed.xml#x" is the same feed as "feed.xml".
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
