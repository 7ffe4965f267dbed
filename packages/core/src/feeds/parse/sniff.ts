/**
 * Cheap look at the start of a body to decide what it is, without parsing it: the root element of
 * an XML/HTML document (after BOM, whitespace, prolog, comments and DOCTYPE) or the start of JSON.
 */

export type Sniffed =
  | { kind: "xml"; root: string; start: number; htmlDoctype: boolean }
  | { kind: "json"; start: number }
  | { kind: "other"; htmlDoctype: boolean };

/** How far past leading junk (a PHP warning, a stray line) we look for the real document. */
const JUNK_WINDOW = 4096;

export function sniff(text: string): Sniffed {
  let i = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const first = text[i];
  if (first === "{" || first === "[") return { kind: "json", start: i };
  if (first !== "<") {
    const found = /<\?xml\b|<(?:rss|feed|rdf:RDF)\b/.exec(text.slice(i, i + JUNK_WINDOW));
    if (!found) return { kind: "other", htmlDoctype: false };
    i += found.index;
  }
  const start = i;
  let htmlDoctype = false;
  for (;;) {
    i = skipSpace(text, i);
    if (text.startsWith("<?", i)) {
      i = after(text, "?>", i + 2);
    } else if (text.startsWith("<!--", i)) {
      i = after(text, "-->", i + 4);
    } else if (text.startsWith("<!", i)) {
      if (/^<!doctype\s+html\b/i.test(text.slice(i, i + 20))) htmlDoctype = true;
      i = doctypeEnd(text, i);
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
      if (m?.[1]) return { kind: "xml", root: m[1], start, htmlDoctype };
      return { kind: "other", htmlDoctype };
    }
    if (i < 0) return { kind: "other", htmlDoctype };
  }
}

/** Local name of a feed root (rss, RDF, feed), lowercased, or undefined for anything else. */
export function feedRoot(root: string): "rss" | "rdf" | "atom" | undefined {
  const local = root.slice(root.indexOf(":") + 1);
  if (root === "rss") return "rss";
  if (local === "RDF") return "rdf";
  if (local === "feed") return "atom";
  return undefined;
}

const HTML_ROOTS = new Set(
  "html head body meta link title base script style noscript div p span a table form br img iframe center font main header section h1 h2 h3 h4 h5 h6".split(
    " ",
  ),
);

/** True when the body is an HTML page (to try autodiscovery) rather than a feed. */
export function looksLikeHtml(text: string, contentType?: string): boolean {
  const s = sniff(text);
  if (s.kind === "json") return false;
  if (s.kind === "xml") {
    if (feedRoot(s.root)) return false; // Feeds are often served as text/html; the body decides.
    if (s.htmlDoctype || HTML_ROOTS.has(s.root.toLowerCase())) return true;
  } else if (s.htmlDoctype) {
    return true;
  }
  return isHtmlType(contentType);
}

export function isHtmlType(contentType?: string): boolean {
  return /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType ?? "");
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  return i;
}

function after(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? -1 : at + marker.length;
}

/** End of a DOCTYPE, skipping an internal subset `[ … ]` (RSS 0.91 DTDs can declare entities). */
function doctypeEnd(text: string, from: number): number {
  const gt = text.indexOf(">", from);
  const bracket = text.indexOf("[", from);
  if (bracket >= 0 && gt >= 0 && bracket < gt) {
    const close = text.indexOf("]", bracket);
    return close < 0 ? -1 : after(text, ">", close);
  }
  return gt < 0 ? -1 : gt + 1;
}
