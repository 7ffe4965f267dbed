import { decode } from "html-entities";
import { tagEnd } from "../../posts/text";

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
 * order, de-duplicated, http(s) only. A linear scan rather than a DOM: pages are often broken and
 * we only need <link>/<base> start tags, which cannot nest.
 */
export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const tags = [...startTags(withoutComments(html))];
  const baseHref = tags.find((tag) => tag.name === "base" && tag.attrs.has("href"))?.attrs.get("href");
  const base = resolve(baseHref ?? "", pageUrl) ?? pageUrl;
  const found: string[] = [];
  for (const { name, attrs } of tags) {
    if (name !== "link") continue;
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    const type = (attrs.get("type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const href = attrs.get("href")?.trim();
    if (!rel.includes("alternate") || !FEED_TYPES.has(type) || !href) continue;
    const url = resolve(unFeedScheme(href), base);
    // WordPress announces its REST API as an application/json alternate on every page.
    if (!url || (type === "application/json" && /\/wp-json\//.test(url))) continue;
    if (!found.includes(url)) found.push(url);
  }
  return found;
}

interface StartTag {
  name: string;
  attrs: Map<string, string>;
}

/** <link …> and <base …> start tags with their attributes (names lowercased, values decoded). */
function* startTags(html: string): Generator<StartTag> {
  const lastGt = html.lastIndexOf(">");
  const open = /<(link|base)(?=[\s/>])/gi;
  for (let m = open.exec(html); m && m.index < lastGt; m = open.exec(html)) {
    const gt = tagEnd(html, m.index);
    open.lastIndex = gt + 1; // Tags never overlap: keeps the scan linear on broken markup.
    const attrs = new Map<string, string>();
    const body = html.slice(m.index + m[0].length, gt);
    for (const a of body.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const name = (a[1] ?? "").toLowerCase();
      // The first occurrence of an attribute wins, as in HTML.
      if (!attrs.has(name)) attrs.set(name, decode(a[2] ?? a[3] ?? a[4] ?? "", { scope: "attribute" }));
    }
    yield { name: (m[1] ?? "").toLowerCase(), attrs };
  }
}

/** Commented-out <link> tags are not advertised feeds. Linear: one indexOf per comment. */
function withoutComments(html: string): string {
  const parts: string[] = [];
  let i = 0;
  for (let open = html.indexOf("<!--"); open >= 0; open = html.indexOf("<!--", i)) {
    parts.push(html.slice(i, open));
    const close = html.indexOf("-->", open + 4);
    if (close < 0) return parts.join("");
    i = close + 3;
  }
  parts.push(html.slice(i));
  return parts.join("");
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
