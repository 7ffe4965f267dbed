import { decode } from "html-entities";

/**
 * HTML → plain text for titles and summaries. A single forward scan (no DOM, no backtracking
 * regexes over the whole input) so a 1 MB content:encoded costs linear time, and a stray `<`
 * ("a < b", a cut-off tag) stays text instead of eating the rest of the document.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const lastGt = html.lastIndexOf(">");
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    out.push(decodeText(html.slice(i, lt < 0 ? html.length : lt)));
    if (lt < 0) break;
    i = skipMarkup(html, lt, lastGt, out);
  }
  // Control characters (seen in feeds exported from old CMSs) have no business in a summary.
  return out.join("").replace(CONTROL, "").replace(/\s+/g, " ").trim();
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Consumes the markup starting at `lt` (pushing a space where it separates words); returns where text resumes. */
function skipMarkup(html: string, lt: number, lastGt: number, out: string[]): number {
  if (html.startsWith("<!--", lt)) return endAfter(html, "-->", lt + 4);
  if (html.startsWith("<![CDATA[", lt)) return lt + 9; // Keep the text; "]]>" goes in decodeText.
  const next = html[lt + 1] ?? "";
  const tagStart = next === "/" ? (html[lt + 2] ?? "") : next;
  if (next !== "!" && next !== "?" && !/[A-Za-z]/.test(tagStart)) {
    out.push("<"); // Not markup: "a < b", "<3".
    return lt + 1;
  }
  if (lt > lastGt) {
    out.push(decodeText(html.slice(lt))); // Never closed: the rest is text, not a tag.
    return html.length;
  }
  const gt = tagEnd(html, lt);
  const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(lt, lt + 64))?.[1]?.toLowerCase() ?? "";
  if (next !== "/" && RAW_TEXT.has(name) && html[gt - 1] !== "/") {
    out.push(" ");
    return rawTextEnd(html, name, gt + 1);
  }
  if (BLOCK.has(name)) out.push(" ");
  return gt + 1;
}

/** Elements whose content is not readable text. */
const RAW_TEXT = new Set(["script", "style", "noscript", "template"]);

/** Tags that separate words: "<p>a</p><p>b</p>" reads "a b", "<b>a</b>b" reads "ab". */
const BLOCK = new Set(
  (
    "address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption " +
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary " +
    "table tbody td tfoot th thead tr ul"
  ).split(" "),
);

const closers = new Map<string, RegExp>();

/** Index just past `</name>`, or the end of input (an unclosed <script> hides the rest, as in browsers). */
function rawTextEnd(html: string, name: string, from: number): number {
  let re = closers.get(name);
  if (!re) {
    re = new RegExp(`</${name}(?=[\\s/>])[^>]*>`, "gi");
    closers.set(name, re);
  }
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index + m[0].length : html.length;
}

function decodeText(text: string): string {
  const unmarked = text.includes("]]>") ? text.replaceAll("]]>", "") : text;
  // One pass: "&amp;amp;" is the text "&amp;", exactly as a browser would show it.
  return unmarked.includes("&") ? decode(unmarked, { level: "html5", scope: "body" }) : unmarked;
}

function endAfter(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? text.length : at + marker.length;
}

/** Longest tag scanned quote-aware; past it, fall back to the next `>` so scanning stays linear. */
const MAX_QUOTED_TAG = 8192;

/** Index of the `>` closing the tag at `lt` (quoted attribute values may contain `>`), or -1. */
export function tagEnd(text: string, lt: number): number {
  const limit = Math.min(text.length, lt + MAX_QUOTED_TAG);
  let quote = "";
  for (let j = lt + 1; j < limit; j++) {
    const ch = text[j];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ">") {
      return j;
    }
  }
  return text.indexOf(">", lt + 1);
}
