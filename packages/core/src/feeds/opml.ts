import { decode } from "html-entities";

/*
 * OPML import/export. OPML is a tiny XML dialect whose data lives entirely in <outline>
 * attributes, so this is a small well-formedness-checking scanner rather than a general XML
 * parser (xml2js is only a transitive dependency here, untyped and callback-based). It is
 * deliberately lenient where real exports are sloppy — attribute-name case, bare "&" in URLs,
 * HTML named entities, BOM — and strict about structure, so a pasted web page or feed is rejected
 * with a clear message instead of silently importing nothing.
 */

export interface OpmlFeed {
  url: string;
  title?: string;
  siteUrl?: string;
}

const NAME = "[A-Za-z_:][-A-Za-z0-9_:.]*";
const START_TAG = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, "y");
const END_TAG = new RegExp(`</(${NAME})\\s*>`, "y");
const TAG_NAME = new RegExp(`^${NAME}`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "g");

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Attribute names lower-cased: exporters disagree on xmlUrl / xmlurl / XMLURL. */
function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    // XML turns literal tabs/newlines in attributes into spaces; encoded ones (&#10;) survive.
    const raw = (m[2] ?? m[3] ?? "").replace(/[\t\n\r]/g, " ");
    // "strict" scope: only entities with a semicolon, so "?a=1&copy=2" in a URL stays intact.
    attrs.set(m[1]!.toLowerCase(), decode(raw, { level: "html5", scope: "strict" }));
  }
  return attrs;
}

function feedFrom(attrs: Map<string, string>): OpmlFeed | undefined {
  const url = attrs.get("xmlurl")?.trim();
  if (!url) return undefined;
  const name = [attrs.get("text"), attrs.get("title")].map((s) => s?.trim()).find((s) => s);
  const siteUrl = attrs.get("htmlurl")?.trim();
  const feed: OpmlFeed = { url };
  // buildOpml writes the URL as `text` when a feed has no title (OPML requires text); undo that.
  if (name && name !== url) feed.title = name;
  if (siteUrl) feed.siteUrl = siteUrl;
  return feed;
}

/** Skips a construct that starts at `i` and ends with `terminator`; returns the index after it. */
function skipPast(text: string, i: number, terminator: string, what: string): number {
  const end = text.indexOf(terminator, i);
  if (end === -1) throw new Error(`Malformed OPML: unterminated ${what} on line ${lineAt(text, i)}`);
  return end + terminator.length;
}

/**
 * Every outline with an xmlUrl, at any depth (categories nest), de-duplicated by URL (the first
 * occurrence wins; later duplicates only fill in a missing title/siteUrl).
 */
export function parseOpml(text: string): OpmlFeed[] {
  const doc = text.replace(/^\uFEFF/, "");
  const first = doc.search(/\S/);
  if (first === -1) throw new Error("Not an OPML document: the file is empty");
  if (doc[first] !== "<") throw new Error("Not an OPML document: expected XML starting with '<'");

  const feeds = new Map<string, OpmlFeed>();
  const open: { name: string; index: number }[] = [];
  let rootSeen = false;
  let i = first;

  while (i < doc.length) {
    const lt = doc.indexOf("<", i);
    if (lt === -1) break; // trailing character data
    i = lt;
    if (doc.startsWith("<?", i)) i = skipPast(doc, i, "?>", "processing instruction");
    else if (doc.startsWith("<!--", i)) i = skipPast(doc, i, "-->", "comment");
    else if (doc.startsWith("<![CDATA[", i)) i = skipPast(doc, i, "]]>", "CDATA section");
    else if (doc.startsWith("<!", i)) {
      // DOCTYPE, possibly with an internal subset in [...].
      const bracket = doc.indexOf("[", i);
      const gt = doc.indexOf(">", i);
      i =
        bracket !== -1 && bracket < gt ? skipPast(doc, skipPast(doc, i, "]", "DOCTYPE"), ">", "DOCTYPE") : skipPast(doc, i, ">", "DOCTYPE");
    } else if (doc.startsWith("</", i)) {
      END_TAG.lastIndex = i;
      const m = END_TAG.exec(doc);
      if (!m) throw new Error(`Malformed OPML: bad end tag on line ${lineAt(doc, i)}`);
      const top = open.pop();
      if (!top || top.name !== m[1]) {
        const expected = top ? `</${top.name}>` : "no end tag";
        throw new Error(`Malformed OPML: </${m[1]}> on line ${lineAt(doc, i)} where ${expected} was expected`);
      }
      i = END_TAG.lastIndex;
    } else {
      const name = TAG_NAME.exec(doc.slice(i + 1, i + 101))?.[0];
      if (!name) throw new Error(`Malformed OPML: stray '<' on line ${lineAt(doc, i)}`);
      if (!rootSeen) {
        // Checked before anything else so HTML pages and feeds get this message, not a nesting error.
        if (name.toLowerCase() !== "opml") {
          const hint = /^(rss|feed|rdf:rdf)$/i.test(name) ? " (this looks like a feed; add it by URL instead)" : "";
          throw new Error(`Not an OPML document: root element is <${name}>${hint}`);
        }
        rootSeen = true;
      } else if (open.length === 0) {
        throw new Error(`Malformed OPML: <${name}> after the end of the document on line ${lineAt(doc, i)}`);
      }
      START_TAG.lastIndex = i;
      const m = START_TAG.exec(doc);
      if (!m) throw new Error(`Malformed OPML: bad <${name}> tag on line ${lineAt(doc, i)} (attribute values must be quoted)`);
      if (name.toLowerCase() === "outline") {
        const feed = feedFrom(parseAttributes(m[2] ?? ""));
        const existing = feed && feeds.get(feed.url);
        if (feed && !existing) feeds.set(feed.url, feed);
        else if (feed && existing) {
          existing.title ??= feed.title;
          existing.siteUrl ??= feed.siteUrl;
        }
      }
      if (m[3] !== "/") open.push({ name, index: i });
      i = START_TAG.lastIndex;
    }
  }

  if (!rootSeen) throw new Error("Not an OPML document: no <opml> element");
  const unclosed = open.pop();
  if (unclosed) {
    throw new Error(`Malformed OPML: <${unclosed.name}> on line ${lineAt(doc, unclosed.index)} is never closed`);
  }
  return [...feeds.values()];
}

/** Characters XML 1.0 cannot carry at all, even as character references. */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeXml(value: string): string {
  return value.replace(INVALID_XML, "").replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      // Encoded so attribute-value normalization doesn't turn them into spaces.
      default:
        return `&#${c.charCodeAt(0)};`;
    }
  });
}

/** An OPML 2.0 document with one flat outline per feed. */
export function buildOpml(feeds: OpmlFeed[], title = "Recap feeds"): string {
  const outlines = feeds.map((feed) => {
    const name = feed.title?.trim() ? feed.title : undefined;
    const attrs: [string, string][] = [
      ["type", "rss"],
      ["text", name ?? feed.url], // OPML requires text; readers show it as the feed's name
      ...(name ? ([["title", name]] as [string, string][]) : []),
      ["xmlUrl", feed.url],
      ...(feed.siteUrl ? ([["htmlUrl", feed.siteUrl]] as [string, string][]) : []),
    ];
    return `    <outline ${attrs.map(([k, v]) => `${k}="${escapeXml(v)}"`).join(" ")}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${escapeXml(title)}</title>`,
    "  </head>",
    "  <body>",
    ...outlines,
    "  </body>",
    "</opml>",
    "",
  ].join("\n");
}
