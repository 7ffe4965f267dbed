import type { ParsedFeed } from "../../model/feed";
import { FeedParseError } from "./errors";
import { parseJsonFeed } from "./json-feed";
import { feedRoot, sniff } from "./sniff";
import { parseXmlFeed } from "./xml";

export { FeedParseError } from "./errors";
export { discoverFeedLinks } from "./discover";
export { looksLikeHtml } from "./sniff";

/**
 * Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0/0.3 (through rss-parser) and JSON Feed 1.0/1.1.
 * The document itself decides the format; Content-Type only helps classify broken JSON, since
 * feeds are routinely served as text/html or text/plain.
 * Throws FeedParseError "not-a-feed" (HTML, other XML/JSON, empty) or "malformed".
 */
/** @param documentUrl where the document was fetched from: the base for Atom's relative links. */
export async function parseFeed(text: string, contentType?: string, documentUrl?: string): Promise<ParsedFeed> {
  const doc = sniff(text);
  if (doc.kind === "json") return parseJsonFeed(text.slice(doc.start), contentType);
  if (doc.kind === "xml") {
    const format = feedRoot(doc.root);
    if (format) return parseXmlFeed(text.slice(doc.start), doc.root, format, documentUrl);
    throw new FeedParseError("not-a-feed", `Document root is <${doc.root}>, not a feed`);
  }
  throw new FeedParseError("not-a-feed", text.trim() ? "Body is neither XML nor JSON" : "Empty body");
}
