import type { RawItem } from "../model/feed";
import { stableId } from "../shared/hash";
import { canonicalizeUrl, withoutCredentials } from "./canonical-url";
import { parseFeedDate } from "./dates";
import { htmlToText } from "./text";
import { truncate } from "../shared/truncate";
import type { NormalizedItem } from "../model/post";

export interface NormalizeContext {
  /** The URL the feed is subscribed under. */
  feedUrl: string;
  /** ParsedFeed.siteUrl (may be relative to the feed). */
  siteUrl?: string;
  now: Date;
}

const SUMMARY_MAX = 500;
const TITLE_MAX = 300;
const TITLE_FROM_SUMMARY_MAX = 80;
const AUTHOR_MAX = 100;
const CATEGORIES_MAX = 12;
const CATEGORY_MAX = 80;
/** About 300 words of the body: what a reader skims to see what a post is about. */
const LEAD_MAX = 2_000;
/**
 * Bounds on what identifies an item, so that no item can make its rows too large to store (one
 * such item would fail every poll of its feed): a longer link is no link (the item is kept, as a
 * post of this feed), a longer identity is kept as its hash.
 */
const URL_MAX = 2_000;
const KEY_MAX = 500;
const RAW_DATE_MAX = 100;

/** One item before identity is assigned (that needs the whole batch: repeated GUIDs, shared pages). */
interface Draft {
  guid?: string;
  /** The item's address without its fragment: the page. */
  url: string;
  /** The address as the feed gave it, fragment included ("/2024/05/02.html#a0930"). */
  exactUrl: string;
  /** The URL came from the item (link or permalink GUID), and is not just the site's home page. */
  ownUrl: boolean;
  /** Title + date, for items with neither GUID nor link. */
  fallbackKey?: string;
  item: Omit<NormalizedItem, "itemKey" | "postId" | "url">;
}

/**
 * Raw feed items → posts as this feed presents them: plain-text title and summary, canonical URL,
 * ISO date, and a stable identity (itemKey within the feed, postId across feeds).
 * Items with the same itemKey keep the first; items with nothing identifying them are dropped.
 * Distinct items of one feed are never merged: when several of them point into one page (dated
 * entries of a log, `#a0930`, `#a1415`), each keeps its fragment, in its link and in its identity.
 */
export function normalizeItems(items: RawItem[], context: NormalizeContext): NormalizedItem[] {
  // Links are resolved against the feed without the credentials a private feed's URL carries: a post
  // links to its page, not to the password. (Identities still use the feed's own URL, unchanged.)
  const publicFeedUrl = withoutCredentials(context.feedUrl);
  const feedPage = canonicalizeUrl(publicFeedUrl);
  const site = context.siteUrl ? canonicalizeUrl(withoutCredentials(context.siteUrl), publicFeedUrl) : undefined;
  const drafts = items.map((item) => draft(item, context, publicFeedUrl, site, feedPage));

  const guidCount = count(drafts.flatMap((d) => d.guid ?? []));
  const exactCount = count(drafts.map((d) => d.exactUrl));
  // The distinct items (by GUID, else by exact address) that each page carries.
  const itemsOnPage = new Map<string, Set<string>>();
  for (const d of drafts) {
    if (d.ownUrl) (itemsOnPage.get(d.url) ?? itemsOnPage.set(d.url, new Set()).get(d.url)!).add(d.guid ?? d.exactUrl);
  }

  const seen = new Set<string>();
  const out: NormalizedItem[] = [];
  for (const d of drafts) {
    // Several items on one page: the page no longer identifies a post, its fragment may.
    const shared = d.ownUrl && (itemsOnPage.get(d.url)?.size ?? 0) > 1;
    const url = shared ? d.exactUrl : d.url;
    // A feed that reuses one GUID for different posts (seen: a GUID per category, or a CMS bug)
    // would otherwise collapse them; the URL tells them apart.
    const itemKey = bounded(
      d.guid ? ((guidCount.get(d.guid) ?? 0) > 1 ? `${d.guid}\n${d.exactUrl}` : d.guid) : d.ownUrl ? url : d.fallbackKey,
    );
    if (!itemKey || seen.has(itemKey)) continue;
    seen.add(itemKey);
    // Same article from two feeds → same post (by its page, or its exact entry when the page is
    // shared); an address that is not the item's own, or that several items share, is local.
    const addressed = d.ownUrl && (!shared || (exactCount.get(d.exactUrl) ?? 0) === 1);
    const postId = addressed ? stableId(url) : stableId(`${context.feedUrl}\n${d.guid ?? itemKey}`);
    out.push({ itemKey, postId, url, ...d.item });
  }
  return out;
}

function count(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function draft(item: RawItem, context: NormalizeContext, publicFeedUrl: string, site?: string, feedPage?: string): Draft {
  const guid = item.guid?.trim() || undefined;
  const base = site ?? publicFeedUrl;
  const link = usable(item.url ? canonicalizeUrl(item.url, base, { fragment: true }) : undefined);
  // Without a link, the identifier may be the address (a permalink GUID): relative to the feed itself.
  const permalink = usable(!link && item.permalink ? canonicalizeUrl(item.permalink, publicFeedUrl, { fragment: true }) : undefined);
  const exactUrl = link ?? permalink;
  const own = exactUrl && withoutFragment(exactUrl);
  // Some feeds point every item at the home page; that URL cannot identify a post.
  const ownUrl = own !== undefined && own !== site && own !== feedPage;
  const url = own ?? site ?? feedPage ?? publicFeedUrl;

  const titleText = item.title ? htmlToText(item.title) : "";
  const summaryText = textOf(item.summary) || textOf(item.content);
  const summary = truncate(summaryText, SUMMARY_MAX);
  const title = titleText ? truncate(titleText, TITLE_MAX) : summaryText ? truncate(summaryText, TITLE_FROM_SUMMARY_MAX) : "(untitled)";

  const published = item.published?.trim();
  const updated = item.updated?.trim();
  const date = parseFeedDate(published) ?? parseFeedDate(updated);
  const publishedAt = date && new Date(Math.min(date.getTime(), context.now.getTime())).toISOString();
  // The raw date string, not publishedAt: clamping to `now` would change the key on every poll.
  const fallbackParts = [titleText, published || updated].filter(Boolean);
  const fallbackKey = fallbackParts.length > 0 ? fallbackParts.join("\n") : summaryText ? `text:${stableId(summaryText)}` : undefined;

  return {
    guid,
    url,
    exactUrl: exactUrl ?? url,
    ownUrl,
    fallbackKey,
    item: {
      title,
      summary,
      author: plainAuthor(item.author),
      ...optional("categories", plainCategories(item.categories)),
      ...optional("lead", leadOf(item.content, summary)),
      publishedAt,
      ...(date && date.getTime() > context.now.getTime() ? { dateClamped: true } : {}),
      ...(published || updated ? { rawDate: (published || updated)?.slice(0, RAW_DATE_MAX) } : {}),
      content: item.content?.trim() || undefined,
    },
  };
}

/** A link a post may carry: not too long, and never with a user name or password in it. */
const usable = (url: string | undefined) => (url !== undefined && url.length <= URL_MAX ? withoutCredentials(url) : undefined);
const bounded = (key: string | undefined) => (key !== undefined && key.length > KEY_MAX ? `hash:${stableId(key)}` : key);

function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash < 0 ? url : url.slice(0, hash);
}

const optional = <K extends string, V>(name: K, value: V | undefined) =>
  (value === undefined ? {} : { [name]: value }) as Partial<Record<K, V>>;

function plainCategories(raw: string[] | undefined): string[] | undefined {
  const seen = new Set<string>();
  for (const category of raw ?? []) {
    const text = truncate(htmlToText(category), CATEGORY_MAX);
    if (text && seen.size < CATEGORIES_MAX && ![...seen].some((c) => c.toLowerCase() === text.toLowerCase())) seen.add(text);
  }
  return seen.size > 0 ? [...seen] : undefined;
}

/**
 * The body's opening, less what the summary already says (often the summary is the body's first
 * paragraph, or all of it): tagging weighs the two differently and must not count a word twice.
 */
function leadOf(content: string | undefined, summary: string): string | undefined {
  let text = textOf(content);
  const opening = summary.replace(/…$/, "").slice(0, 200);
  if (opening && text.startsWith(opening)) text = text.slice(Math.min(summary.replace(/…$/, "").length, text.length)).trim();
  const lead = truncate(text, LEAD_MAX);
  return lead || undefined;
}

function textOf(html: string | undefined): string {
  return html ? htmlToText(html) : "";
}

/** RSS 2.0 <author> is an email address, usually "jane@example.com (Jane Doe)": keep the name. */
function plainAuthor(raw: string | undefined): string | undefined {
  let author = raw?.trim();
  if (!author) return undefined;
  author = /^\S+@\S+\s*\((.+)\)$/.exec(author)?.[1] ?? author;
  author = /^(.+?)\s*<[^<>\s]+@[^<>\s]+>$/.exec(author)?.[1] ?? author;
  const text = htmlToText(author)
    .replace(/^"(.*)"$/, "$1")
    .trim();
  return text ? truncate(text, AUTHOR_MAX) : undefined;
}
