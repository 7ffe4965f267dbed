import * as z from "../../shared/validation";
import type { ParsedFeed, RawItem } from "../../model/feed";
import { htmlToText } from "../../posts/text";
import { FeedParseError } from "./errors";
import { clean, nonEmpty, plainTextAsHtml } from "./strings";

/** JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/). */

const VERSION = /^https?:\/\/(www\.)?jsonfeed\.org\/version\//i;

/**
 * Lenient on purpose: a field of the wrong type is dropped rather than failing the item, and
 * unknown fields (extensions start with `_`) are ignored.
 */
/** A field that is dropped, not fatal, when it has the wrong type. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);
const str = lenient(z.string());
const person = lenient(z.object({ name: str }));

const itemSchema = z.object({
  id: lenient(z.union([z.string(), z.number()])), // 1.0 feeds use numbers.
  url: str,
  external_url: str,
  title: str,
  summary: str,
  content_text: str,
  content_html: str,
  date_published: str,
  date_modified: str,
  author: person, // 1.0
  authors: lenient(z.array(z.unknown())), // 1.1
  tags: lenient(z.array(z.unknown())),
});

const feedSchema = z.object({
  version: z.string().check(z.regex(VERSION)),
  title: str,
  home_page_url: str,
  author: person,
  authors: lenient(z.array(z.unknown())),
  items: z.array(z.unknown()),
});

/** The body is JSON; decide whether it is a JSON Feed and read it. */
export function parseJsonFeed(text: string, contentType?: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Broken JSON only counts as a broken feed when it says it is one.
    const claimsFeed = /feed\+json/i.test(contentType ?? "") || /jsonfeed\.org\/version/i.test(text);
    throw new FeedParseError(claimsFeed ? "malformed" : "not-a-feed", "Body is not valid JSON", {
      cause: error,
    });
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof data !== "object" || Array.isArray(data) || typeof version !== "string" || !VERSION.test(version)) {
    throw new FeedParseError("not-a-feed", "JSON without a jsonfeed.org version");
  }
  const feed = feedSchema.safeParse(data);
  if (!feed.success) {
    throw new FeedParseError("malformed", `Invalid JSON Feed: ${feed.error.issues[0]?.message ?? ""}`);
  }
  // Items without authors inherit the feed's (JSON Feed 1.1 "authors").
  const feedAuthor = firstAuthor(feed.data);
  const items: RawItem[] = [];
  for (const raw of feed.data.items) {
    const item = itemSchema.safeParse(raw);
    if (!item.success) continue; // Not an object.
    const mapped = jsonItem(item.data);
    mapped.author ??= feedAuthor;
    // `id` is required by the spec; without it an item is still usable if it has a URL.
    if (mapped.guid || mapped.url) items.push(mapped);
  }
  const title = clean(feed.data.title);
  return {
    format: "json",
    title: title && clean(htmlToText(plainTextAsHtml(title))),
    siteUrl: clean(feed.data.home_page_url),
    items,
  };
}

function jsonItem(item: z.infer<typeof itemSchema>): RawItem {
  const plain = (value: string | undefined) => {
    const text = clean(value);
    return text && plainTextAsHtml(text);
  };
  const contentText = plain(item.content_text);
  const id = clean(item.id === undefined ? undefined : String(item.id));
  const url = clean(item.url) ?? clean(item.external_url);
  return {
    guid: id,
    url,
    // "id … might be a URL": an http(s) one is the address of an item that gives no url.
    permalink: !url && id && /^https?:\/\//i.test(id) ? id : undefined,
    title: plain(item.title),
    summary: plain(item.summary) ?? contentText,
    content: clean(item.content_html) ?? contentText,
    author: firstAuthor(item),
    categories: nonEmpty((item.tags ?? []).flatMap((tag) => (typeof tag === "string" ? (clean(tag) ?? []) : []))),
    published: clean(item.date_published),
    updated: clean(item.date_modified),
  };
}

/** `authors[0].name` (1.1), else `author.name` (1.0); skipping authors without a name. */
function firstAuthor(owner: { author?: { name?: string }; authors?: unknown[] }): string | undefined {
  for (const raw of owner.authors ?? []) {
    const author = person.safeParse(raw);
    const name = author.success ? clean(author.data?.name) : undefined;
    if (name) return name;
  }
  return clean(owner.author?.name);
}
