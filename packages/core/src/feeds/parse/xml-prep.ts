import { decodeEntity } from "html-entities";
import { tagEnd } from "../../posts/text";
import { FeedParseError } from "./errors";

/**
 * How deep a feed's XML elements may nest (markup inside a title or content is text here, and not
 * counted). Real feeds nest under ten deep; a document nested a million deep costs seconds of CPU
 * and over 500 MB to parse, so it is refused before the parser sees it.
 */
export const MAX_XML_DEPTH = 64;

/**
 * Text-level repairs before xml2js (strict sax) sees a feed. Real feeds are often not well-formed
 * XML: bare `&` in titles and URLs, HTML entities (&nbsp; &mdash; &hellip;) XML does not define,
 * a bare `<` in text.
 * Inline (unescaped) markup in Atom xhtml content or sloppy RSS descriptions is turned into text
 * here (a CDATA section), because xml2js collapses mixed content and loses the order of text and
 * elements.
 * CDATA sections and comments are copied untouched: entities mean nothing inside them.
 *
 * Why not sax's own leniency (`xml2js: { strict: false }` through rss-parser)? Non-strict sax upper-
 * cases every element and attribute name, and rss-parser reads them as written: it no longer
 * recognises `<rss version="2.0">` at all, and Atom links lose their `href`. Every repair here is
 * held by a test in test/feeds/parse.test.ts.
 */
/**
 * `tooDeep`: what nesting past MAX_XML_DEPTH means. In a complete document it is refused; in one cut
 * short ("cut") the repairs end there — an element left open at the cut (a description whose HTML
 * never closes) makes any nesting after it meaningless, and the complete items before it are kept.
 */
export function preprocessXml(xml: string, captureInline = true, tooDeep: "refuse" | "cut" = "refuse"): string {
  // Only what changes is pushed; the stretches between are copied whole at the next change. (A
  // piece per tag would cost ~50 bytes of memory per tag: 400 MB for a 7 MB document of tags.)
  const out: string[] = [];
  let copiedTo = 0;
  const replace = (from: number, to: number, text: string) => {
    if (from > copiedTo) out.push(xml.slice(copiedTo, from));
    out.push(text);
    copiedTo = to;
  };
  const fix = (from: number, to: number) => {
    const text = xml.slice(from, to);
    const fixed = fixEntities(text);
    if (fixed !== text) replace(from, to, fixed);
  };
  const unclosed = new Set<string>();
  let depth = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      fix(i, xml.length);
      break;
    }
    fix(i, lt);
    if (!NAME_START.test(xml[lt + 1] ?? "")) {
      replace(lt, lt + 1, "&lt;"); // "a < b" in a title: cannot be markup, so it is text.
      i = lt + 1;
      continue;
    }
    const verbatimEnd = xml.startsWith("<![CDATA[", lt)
      ? endAfter(xml, "]]>", lt + 9)
      : xml.startsWith("<!--", lt)
        ? endAfter(xml, "-->", lt + 4)
        : xml.startsWith("<?", lt)
          ? endAfter(xml, "?>", lt + 2)
          : xml.startsWith("<!", lt)
            ? endAfter(xml, ">", lt) // a DOCTYPE, internal subset and all: its declarations are copied one by one
            : undefined;
    if (verbatimEnd !== undefined) {
      i = verbatimEnd; // copied as is
      continue;
    }
    const gt = tagEnd(xml, lt);
    if (gt < 0) break; // Truncated document: copied as is, for the parser to report.
    const rawTag = xml.slice(lt, gt + 1);
    const tag = fixEntities(rawTag);
    i = gt + 1;
    if (captureInline) {
      if (tag[1] === "/") depth--;
      else if (!tag.endsWith("/>") && ++depth > MAX_XML_DEPTH) {
        if (tooDeep === "refuse") {
          throw new FeedParseError("malformed", `Elements are nested more than ${MAX_XML_DEPTH} deep: not a feed Recap can read`);
        }
        if (lt > copiedTo) out.push(xml.slice(copiedTo, lt));
        return out.join("");
      }
    }
    const captured = captureInline ? captureInlineMarkup(xml, tag, i, unclosed) : undefined;
    if (captured) {
      replace(lt, captured.closeStart, captured.startTag + captured.escaped);
      i = captured.closeStart;
    } else if (tag !== rawTag) {
      replace(lt, i, tag);
    }
  }
  if (copiedTo === 0) return xml;
  if (copiedTo < xml.length) out.push(xml.slice(copiedTo));
  return out.join("");
}

/** What may follow `<` in markup: a name start, or `/`, `!`, `?`. */
const NAME_START = /^[A-Za-z_:/!?\u00C0-\uFFFF]$/;

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const ENTITY_OR_AMP = /&(?:#[0-9]{1,8};|#[xX][0-9A-Fa-f]{1,8};|([A-Za-z][A-Za-z0-9]{0,31});)?/g;

/** Bare `&` → `&amp;`; HTML named entities → numeric references; unknown names → literal text. */
export function fixEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY_OR_AMP, (match, name: string | undefined) => {
    if (match.length > 1 && name === undefined) return match; // numeric reference
    if (name === undefined) return "&amp;";
    if (XML_ENTITIES.has(name)) return match;
    const decoded = decodeHtmlEntity(name) ?? decodeHtmlEntity(name.toLowerCase());
    if (decoded === undefined) return `&amp;${name};`;
    return Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join("");
  });
}

function decodeHtmlEntity(name: string): string | undefined {
  const entity = `&${name};`;
  const decoded = decodeEntity(entity, { level: "html5" });
  return decoded === entity ? undefined : decoded;
}

function endAfter(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  return at < 0 ? xml.length : at + marker.length;
}

/** Elements whose inline markup we keep as HTML text rather than let xml2js flatten. */
const RICH = /^<(title|description|summary|content|content:encoded)(?=[\s/>])/;

interface Captured {
  startTag: string;
  escaped: string;
  closeStart: number;
}

function captureInlineMarkup(xml: string, tag: string, bodyStart: number, unclosed: Set<string>): Captured | undefined {
  const name = RICH.exec(tag)?.[1];
  if (!name || tag.endsWith("/>") || unclosed.has(name)) return undefined;
  const xhtml = /\btype\s*=\s*["']xhtml["']|\bmode\s*=\s*["']xml["']/.test(tag);
  const body = /^\s*<([A-Za-z])?/.exec(xml.slice(bodyStart, bodyStart + 256));
  if (!xhtml && !body?.[1]) return undefined; // Text or CDATA: xml2js handles it.
  const closeStart = matchingClose(xml, name, bodyStart);
  if (closeStart < 0) {
    unclosed.add(name); // Broken anyway; do not rescan to the end for every later element.
    return undefined;
  }
  const inner = unwrapXhtmlDiv(preprocessXml(xml.slice(bodyStart, closeStart), false));
  const startTag = tag.replace(/\btype\s*=\s*(["'])xhtml\1/, 'type="html"').replace(/\bmode\s*=\s*(["'])xml\1/, 'mode="escaped"');
  // As CDATA, not entities: the parser takes a CDATA section in one piece, where it decodes entities
  // one character at a time (a 19 MB description of short tags took 15 s and 1.6 GB as entities).
  const escaped = `<![CDATA[${inner.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
  return { startTag, escaped, closeStart };
}

/** Start of the close tag matching an open `name` element whose body starts at `from`, or -1. */
function matchingClose(xml: string, name: string, from: number): number {
  const re = new RegExp(`<(/?)${name.replace(":", "\\:")}(?=[\\s/>])[^>]*>`, "g");
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1]) {
      if (--depth === 0) return m.index;
    } else if (!m[0].endsWith("/>")) {
      depth++;
    }
  }
  return -1;
}

/**
 * Atom xhtml content is wrapped in one xhtml `<div>` that is not part of the content (RFC 4287
 * §3.1.1.3); drop it, and a namespace prefix on the markup (`<xhtml:p>`) that HTML would not know.
 */
function unwrapXhtmlDiv(inner: string): string {
  const m = /^\s*<(?:([\w.-]+):)?div\b[^>]*>([\s\S]*)<\/(?:([\w.-]+):)?div\s*>\s*$/.exec(inner);
  if (!m || m[1] !== m[3] || !balancedDivs(m[2] ?? "")) return inner;
  const content = m[2] ?? "";
  return m[1] ? content.replace(new RegExp(`<(/?)${m[1]}:`, "g"), "<$1") : content;
}

function balancedDivs(html: string): boolean {
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)(?:[\w.-]+:)?div\b[^>]*>/g)) {
    if (m[0].endsWith("/>")) continue;
    depth += m[1] ? -1 : 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * A document cut off before its root element closed, repaired to end after its last complete item:
 * everything from the cut on is dropped and the elements still open there are closed. `item` is
 * the local name of the repeating element ("item", or "entry" in Atom). Undefined when no item
 * was complete. Expects preprocessXml's output, where a `<` in text is already escaped.
 */
export function closeAfterLastItem(xml: string, item: string): string | undefined {
  const open: string[] = [];
  let cut: { at: number; open: string[] } | undefined;
  let i = xml.indexOf("<");
  while (i >= 0) {
    // Where this markup's final ">" is: CDATA sections, comments and declarations hold no tags.
    const closer = xml.startsWith("<![CDATA[", i)
      ? "]]>"
      : xml.startsWith("<!--", i)
        ? "-->"
        : xml[i + 1] === "!" || xml[i + 1] === "?"
          ? ">"
          : "";
    const verbatim = closer !== "";
    const found = verbatim ? xml.indexOf(closer, i + 2) : tagEnd(xml, i);
    if (found < 0) break; // the cut is inside this tag, comment or CDATA section
    const end = verbatim ? found + closer.length - 1 : found;
    if (!verbatim) {
      const tag = /^<(\/?)([^\s/>]+)/.exec(xml.slice(i, i + 256));
      const name = tag?.[2];
      if (name && tag[1]) {
        const at = open.lastIndexOf(name);
        if (at >= 0) open.length = at;
        if (localName(name) === item) cut = { at: end + 1, open: [...open] };
      } else if (name && xml[end - 1] !== "/") {
        open.push(name);
      }
    }
    i = xml.indexOf("<", end + 1);
  }
  if (!cut) return undefined;
  return (
    xml.slice(0, cut.at) +
    cut.open
      .reverse()
      .map((name) => `</${name}>`)
      .join("")
  );
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);
