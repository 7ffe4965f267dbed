import type Parser from "rss-parser";
import type { FeedFormat, ParsedFeed, RawItem } from "../../model/feed";
import { htmlToText, tagEnd } from "../../posts/text";
import { FeedParseError } from "./errors";
import { prefixRenames, renamePrefix } from "./namespaces";
import { clean, looksLikeUrl, nonEmpty, plainTextAsHtml, resolveAgainst } from "./strings";
import { closeAfterLastItem, preprocessXml } from "./xml-prep";

/** An xml2js node: text, or an element with attributes in `$`, text in `_`, children by name. */
type XmlNode = string | { _?: unknown; $?: Record<string, string>; [child: string]: unknown };
/** What rss-parser hands back for the channel/feed and for each item; we only read `raw:*` keys. */
type RawRecord = Record<string, unknown>;

/**
 * Every field is copied raw (keepArray) under `raw:<name>` and interpreted here: rss-parser's own
 * mapping picks the wrong Atom link (the first, often rel="self"), flattens xhtml, and turns
 * attribute-bearing elements into objects.
 */
const ITEM_FIELDS = [
  "$",
  "title",
  "link",
  "guid",
  "id",
  "description",
  "summary",
  "content",
  "content:encoded",
  "author",
  "category",
  "dc:subject",
  "dc:creator",
  "pubDate",
  "dc:date",
  "published",
  "updated",
  "issued",
  "modified",
  "created",
  "dcterms:modified",
  "atom:updated",
  "feedburner:origLink",
];
const FEED_FIELDS = ["$", "title", "link", "author", "ttl"];

/**
 * In Atom, rss-parser does `new Date(published).toISOString()` (throws RangeError on one bad
 * date, failing the whole feed) and reads `link.$.rel` (throws on a text-only <link>). Renaming
 * these elements while parsing keeps them out of its reach; we still get them raw.
 */
const HIDDEN_IN_ATOM = new Set(["published", "updated", "link"]);
const hidden = (name: string) => `recap:${name}`;

/**
 * rss-parser (with xml2js, sax and xmlbuilder) is loaded on the first feed read, not when the
 * module is: a command that reads no feed (`recap posts`, a Slack lookup) never pays for it.
 */
let rssParser: Promise<typeof Parser> | undefined;
const loadRssParser = () => (rssParser ??= import("rss-parser").then((module) => module.default));

export async function parseXmlFeed(
  text: string,
  root: string,
  format: Exclude<FeedFormat, "json">,
  documentUrl?: string,
): Promise<ParsedFeed> {
  const isAtom = format === "atom";
  const prepared = preprocessXml(text, true, text.includes(`</${root}`) ? "refuse" : "cut");
  // A document cut short still holds the complete items before the cut: keep those, and say so.
  const closed = prepared.includes(`</${root}`);
  const repaired = closed ? undefined : closeAfterLastItem(prepared, isAtom ? "entry" : "item");
  const xml = repaired ?? dropTrailingJunk(prepared, root);
  const rootAt = xml.indexOf(`<${root}`);
  const renames = prefixRenames(xml.slice(rootAt, tagEnd(xml, rootAt) + 1), isAtom);
  const tagName = (name: string) => {
    const renamed = renamePrefix(name, renames);
    return isAtom && HIDDEN_IN_ATOM.has(renamed) ? hidden(renamed) : renamed;
  };
  const field = (name: string) => [isAtom && HIDDEN_IN_ATOM.has(name) ? hidden(name) : name, `raw:${name}`, { keepArray: true }];
  // A new parser per call: rss-parser adds xml2js listeners on every parseString, so a shared
  // instance leaks them; and the tag renames depend on this document's namespace declarations.
  const options = {
    defaultRSS: 2, // <rss> without a version attribute (seen in the wild) reads as RSS 2.0.
    xml2js: {
      tagNameProcessors: [tagName],
      attrNameProcessors: [(name: string) => renamePrefix(name, renames)],
      // xml2js turns <entry/> into "", and rss-parser then reads "".link — String.prototype.link,
      // a function — and crashes. Empty elements as fresh objects avoid that.
      emptyTag: () => ({}),
    },
    customFields: { feed: FEED_FIELDS.map(field), item: ITEM_FIELDS.map(field) },
  };
  const RssParser = await loadRssParser();
  const parser = new RssParser(options as unknown as ConstructorParameters<typeof Parser>[0]);
  let parsed: RawRecord & { items?: RawRecord[] };
  try {
    parsed = (await parser.parseString(xml)) as unknown as typeof parsed;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    throw new FeedParseError("malformed", `Unreadable ${format} feed: ${reason}`, { cause: error });
  }
  const items = parsed.items ?? [];
  const rootAttributes = attributesOf(xml.slice(rootAt, tagEnd(xml, rootAt) + 1));
  const feed = isAtom
    ? atomFeed(parsed, items, xmlBase(rootAttributes, documentUrl))
    : rssFeed(parsed, items, format, declaredBase(rootAttributes, { base: documentUrl, declared: false }));
  return repaired === undefined ? feed : { ...feed, truncated: true };
}

/**
 * RSS has no base of its own, but xml:base (on the root, channel or item) is XML's: links and
 * permalink GUIDs resolve against it. Without one they stay as written, for normalization to
 * resolve against the feed.
 */
function rssFeed(channel: RawRecord, items: RawRecord[], format: "rss" | "rdf", rootBase: DeclaredBase): ParsedFeed {
  const base = declaredBase(attrsOf(channel), rootBase);
  const ttl = Number.parseInt(firstText(channel, "ttl") ?? "", 10);
  return {
    format,
    title: plainTitle(firstText(channel, "title")),
    siteUrl: rssLink(nodes(channel, "link")),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    items: items.map((item) => rssItem(item, base)),
  };
}

function rssItem(item: RawRecord, channelBase: DeclaredBase): RawItem {
  const { base, declared } = declaredBase(attrsOf(item), channelBase);
  const resolve = (ref: string | undefined) => (ref === undefined || !declared ? ref : resolveAgainst(ref, base));
  // RSS 1.0 items have no <guid>; their rdf:about is the identifier, and the item's URI.
  const about = clean(attrsOf(item)["rdf:about"]);
  // FeedBurner rewrote <link> to a (now dead) feedproxy redirect and kept the original here.
  const url = firstText(item, "feedburner:origLink") ?? resolve(rssLink(nodes(item, "link")));
  return {
    guid: firstText(item, "guid") ?? about,
    url,
    permalink: url ? undefined : resolve(permalinkGuid(nodes(item, "guid")[0]) ?? (about && looksLikeUrl(about) ? about : undefined)),
    title: firstText(item, "title"),
    summary: firstText(item, "description") ?? firstText(item, "summary"),
    content: firstText(item, "content:encoded"),
    author: firstText(item, "dc:creator") ?? firstText(item, "author"),
    categories: nonEmpty(texts(item, "category", "dc:subject")),
    published: firstText(item, "pubDate") ?? firstText(item, "dc:date"),
    updated: firstText(item, "dcterms:modified") ?? firstText(item, "atom:updated"),
  };
}

/**
 * RSS 2.0: "isPermaLink is optional, its default value is true. If its value is false, the guid may
 * not be assumed to be a url". Many GUIDs without the attribute are still plain ids ("12345",
 * "tag:…"), so the text must also be shaped like a URL.
 */
function permalinkGuid(guid: XmlNode | undefined): string | undefined {
  if (guid === undefined) return undefined;
  const flag = Object.entries(typeof guid === "string" ? {} : (guid.$ ?? {})).find(([name]) => name.toLowerCase() === "ispermalink");
  if (flag?.[1].trim().toLowerCase() === "false") return undefined;
  const text = clean(textOf(guid));
  return text && looksLikeUrl(text) ? text : undefined;
}

/** RSS <link> is text; tolerate Atom-style `<link href>` that some generators emit instead. */
function rssLink(links: XmlNode[]): string | undefined {
  for (const link of links) {
    const rel = attr(link, "rel")?.toLowerCase();
    if (rel && rel !== "alternate") continue;
    const href = clean(attr(link, "href")) ?? clean(textOf(link));
    if (href) return href;
  }
  return undefined;
}

/** Atom resolves relative references against xml:base, else the document's own URL (RFC 4287 §1.2). */
function atomFeed(feed: RawRecord, entries: RawRecord[], rootBase: string | undefined): ParsedFeed {
  const base = xmlBase(attrsOf(feed), rootBase);
  const feedAuthor = personName(nodes(feed, "author"));
  return {
    format: "atom",
    title: plainTitle(atomText(nodes(feed, "title")[0])),
    siteUrl: atomLink(nodes(feed, "link"), base),
    items: entries.map((entry) => atomEntry(entry, base, feedAuthor)),
  };
}

function atomEntry(entry: RawRecord, feedBase: string | undefined, feedAuthor?: string): RawItem {
  const base = xmlBase(attrsOf(entry), feedBase);
  const id = firstText(entry, "id");
  const url = firstText(entry, "feedburner:origLink") ?? atomLink(nodes(entry, "link"), base);
  return {
    guid: id,
    url,
    // An id is an IRI, not always a page; an http(s) one is the best address an entry without a link has.
    permalink: !url && id && /^https?:\/\//i.test(id) ? id : undefined,
    title: atomText(nodes(entry, "title")[0]),
    summary: atomText(nodes(entry, "summary")[0]),
    content: atomText(nodes(entry, "content")[0]),
    // An entry without an author inherits the feed's (RFC 4287 §4.2.1).
    author: personName(nodes(entry, "author")) ?? firstText(entry, "dc:creator") ?? feedAuthor,
    // RFC 4287 §4.2.2: `term` is required, `label` is the human-readable form when given.
    categories: nonEmpty(nodes(entry, "category").flatMap((node) => clean(attr(node, "label")) ?? clean(attr(node, "term")) ?? [])),
    // issued/created/modified are Atom 0.3.
    published: firstText(entry, "published") ?? firstText(entry, "issued") ?? firstText(entry, "created"),
    updated: firstText(entry, "updated") ?? firstText(entry, "modified"),
  };
}

/**
 * The entry's web page: rel="alternate" (the default when rel is absent), preferring an HTML type
 * when there are several; never rel="self"/"edit"/"enclosure"/"replies". Resolved against xml:base.
 */
function atomLink(links: XmlNode[], base: string | undefined): string | undefined {
  const alternates = links
    .map((link) => ({
      href: clean(attr(link, "href")) ?? clean(textOf(link)),
      rel: (attr(link, "rel") ?? "alternate").trim().toLowerCase(),
      type: attr(link, "type")?.trim().toLowerCase(),
      base: xmlBase(typeof link === "string" ? {} : (link.$ ?? {}), base),
    }))
    .filter((link) => link.href && /^(alternate|http:\/\/www\.iana\.org\/assignments\/relation\/alternate)$/.test(link.rel));
  const best = alternates.find((link) => !link.type || link.type.includes("html")) ?? alternates[0];
  return best?.href && resolveAgainst(best.href, best.base);
}

/**
 * An Atom text construct as HTML. type="text" is escaped so markup-looking text survives;
 * xhtml was already turned into escaped HTML by preprocessXml. Out-of-line (src) and binary
 * content has nothing for us.
 */
function atomText(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === "string") return clean(plainTextAsHtml(node));
  if (attr(node, "src")) return undefined;
  const type = (attr(node, "type") ?? "text").trim().toLowerCase();
  const textual = type === "text" || type.startsWith("text/") || /html|xml/.test(type);
  if (!textual) return undefined;
  let value = textOf(node);
  if (attr(node, "mode")?.toLowerCase() === "base64") {
    value = Buffer.from(value, "base64").toString("utf8"); // Atom 0.3
  }
  const isHtml = type === "html" || /html|xml/.test(type);
  return clean(isHtml ? value : plainTextAsHtml(value));
}

/** Atom person construct: <author><name>…</name></author>; tolerate bare text. */
function personName(authors: XmlNode[]): string | undefined {
  for (const author of authors) {
    if (typeof author === "string") {
      const name = clean(author);
      if (name) return name;
      continue;
    }
    const names = author.name;
    const name = Array.isArray(names) ? clean(textOf(names[0] as XmlNode)) : undefined;
    if (name) return name;
  }
  return undefined;
}

interface DeclaredBase {
  base: string | undefined;
  /** Whether an xml:base was declared on the way (else `base` is only the document's URL). */
  declared: boolean;
}

function declaredBase(attrs: Record<string, string>, parent: DeclaredBase): DeclaredBase {
  return clean(attrs["xml:base"]) ? { base: xmlBase(attrs, parent.base), declared: true } : parent;
}

function xmlBase(attrs: Record<string, string>, parent: string | undefined): string | undefined {
  const base = clean(attrs["xml:base"]);
  if (!base) return parent;
  try {
    return new URL(base, parent).href;
  } catch {
    return parent; // A relative xml:base with nothing absolute above it.
  }
}

/** Feed titles are stored and shown, so they leave here as plain text (items stay raw). */
function plainTitle(html: string | undefined): string | undefined {
  return html === undefined ? undefined : clean(htmlToText(html));
}

function nodes(record: RawRecord, name: string): XmlNode[] {
  const value = record[`raw:${name}`];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((node): node is XmlNode => typeof node === "string" || (typeof node === "object" && node !== null));
}

/** The attributes of one start tag, as written (enough for the root's xml:base). */
function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of tag.matchAll(/\s([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[m[1]!] = m[2] ?? m[3] ?? "";
  return attributes;
}

function attrsOf(record: RawRecord): Record<string, string> {
  const value = record["raw:$"];
  return value && typeof value === "object" ? (value as Record<string, string>) : {};
}

function attr(node: XmlNode, name: string): string | undefined {
  return typeof node === "string" ? undefined : node.$?.[name];
}

/** The non-empty texts of every element called any of `names`. */
function texts(record: RawRecord, ...names: string[]): string[] {
  return names.flatMap((name) => nodes(record, name).flatMap((node) => clean(textOf(node)) ?? []));
}

/** First non-empty text among the elements called `name`. */
function firstText(record: RawRecord, name: string): string | undefined {
  for (const node of nodes(record, name)) {
    const text = clean(textOf(node));
    if (text) return text;
  }
  return undefined;
}

/** Text of a node; for unexpected child elements, their text in document-ish order. */
function textOf(node: XmlNode): string {
  if (typeof node === "string") return node;
  if (typeof node._ === "string") return node._;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "$" || !Array.isArray(value)) continue;
    for (const child of value) parts.push(textOf(child as XmlNode));
  }
  return parts.join(" ");
}

/** Text after the root's end tag (a PHP warning, an analytics snippet) would fail strict parsing. */
function dropTrailingJunk(xml: string, root: string): string {
  const close = xml.lastIndexOf(`</${root}`);
  if (close < 0) return xml;
  const gt = xml.indexOf(">", close);
  return gt < 0 ? xml : xml.slice(0, gt + 1);
}
