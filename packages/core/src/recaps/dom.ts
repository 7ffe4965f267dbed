import { DomHandler, isTag, isText, type AnyNode, type Element } from "domhandler";
import { removeElement } from "domutils";
import { Parser } from "htmlparser2";

/** Elements that are page furniture or not readable text, wherever they appear. */
const NOISE_TAGS = new Set([
  "nav",
  "header",
  "footer",
  "aside",
  "script",
  "style",
  "form",
  "noscript",
  "template",
  "button",
  "svg",
  "select",
  "textarea",
  "dialog",
  "head",
  "title",
]);

/** Class/id words of blog-theme furniture inside the post body: share bars, bios, tag clouds, tables of contents. */
const NOISE_CLASS =
  /(^|[\s_-])(share|sharing|social|subscribe|subscription|newsletter|author-bio|author-box|bio|comments?|tags|tag-list|post-tags|breadcrumbs?|toc|table-of-contents|advert|ads|promo|cookie|sidebar)($|[\s_-])/i;

/** Main-content containers, most specific first: post bodies, then <article>, then main landmarks. */
const MAIN_CLASS =
  /(^|\s)(post-content|entry-content|markdown-body|post-body|article-content|article-body|post__content|content-body|blog-post-content)(\s|$)/i;

/**
 * Parses a feed fragment or a whole page and returns the nodes holding the post's own content,
 * with furniture removed. htmlparser2 is forgiving (unclosed tags, stray `<`), and linear while
 * the nesting is bounded (MAX_PARSE_DEPTH).
 */
export function contentNodes(html: string): AnyNode[] {
  const doc = parseBounded(html);
  for (const el of elementsWhere(isNoise, doc.children)) removeElement(el);
  const main = pickMain(doc.children);
  return main ? [main] : doc.children;
}

/**
 * Elements open at once past which the parse stops: the rest of the page is left out. htmlparser2
 * keeps its open elements in an array it `unshift`s and searches on every tag, so each tag costs
 * the depth it is at: a page of thousands of unclosed tags (garbage, or hostile) made the parse
 * quadratic — 100,000 levels, 4 MB, took seconds. Posts nest a dozen deep, whole pages a few dozen,
 * and the walks here stop at MAX_DEPTH (64) anyway; this bounds what one tag can cost.
 */
export const MAX_PARSE_DEPTH = 512;

const PARSE_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

/** `parseDocument`, but the parse pauses for good once MAX_PARSE_DEPTH elements are open. */
function parseBounded(html: string) {
  const handler = new DepthBoundedHandler();
  const parser = new Parser(handler, PARSE_OPTIONS);
  handler.tooDeep = () => parser.pause();
  parser.end(html);
  return handler.root;
}

class DepthBoundedHandler extends DomHandler {
  tooDeep = (): void => {};
  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // The handler's stack mirrors the parser's (the parser reports every element it closes), plus the root.
    if (this.tagStack.length > MAX_PARSE_DEPTH) this.tooDeep();
  }
}

function isNoise(el: Element): boolean {
  if (NOISE_TAGS.has(el.name)) return true;
  const a = el.attribs;
  if ("hidden" in a || a["aria-hidden"] === "true" || /display:\s*none/i.test(a.style ?? "")) return true;
  // A heading's id is a slug of its own text (Markdown renderers make them: "## Comment j'ai…" gets
  // id="comment-jai-…"), so it says nothing about furniture; its class still does.
  return NOISE_CLASS.test(`${a.class ?? ""} ${HEADING.test(el.name) ? "" : (a.id ?? "")}`);
}

function pickMain(nodes: AnyNode[]): Element | undefined {
  const tiers: Array<(el: Element) => boolean> = [
    (el) => MAIN_CLASS.test(el.attribs.class ?? ""),
    (el) => el.name === "article",
    (el) => el.name === "main" || el.attribs.role === "main",
  ];
  for (const matches of tiers) {
    const found = elementsWhere(matches, nodes);
    if (found.length > 0) return largest(found);
  }
  return undefined;
}

/** Of several candidates (a post body and related-post cards), the one with the most text. */
function largest(elements: Element[]): Element | undefined {
  let best: Element | undefined;
  let bestLength = -1;
  for (const el of elements) {
    const length = textLength(el);
    if (length > bestLength) [best, bestLength] = [el, length];
  }
  return best;
}

function textLength(node: AnyNode): number {
  let total = 0;
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) total += n.data.length;
    else if (isTag(n)) for (const c of n.children) stack.push(c);
  }
  return total;
}

/**
 * Matching elements in document order, outermost only (a match's subtree is not searched).
 * Iterative with a plain stack: garbage input can nest tens of thousands of unclosed tags, which
 * would overflow recursion or make shift/unshift-based walks quadratic.
 */
export function elementsWhere(test: (el: Element) => boolean, roots: AnyNode[]): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (test(node)) found.push(node);
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

export const HEADING = /^h[1-6]$/;
export const LIST = new Set(["ul", "ol"]);

export function isHeading(node: AnyNode): node is Element {
  return isTag(node) && HEADING.test(node.name);
}

export function isList(node: AnyNode): node is Element {
  return isTag(node) && LIST.has(node.name);
}

export function headingLevel(el: Element): number {
  return Number(el.name.slice(1));
}

/** Elements whose subtree holds a heading, found in one pass so the walk stays linear. */
export function elementsWithHeadings(roots: AnyNode[]): Set<Element> {
  const result = new Set<Element>();
  for (const heading of elementsWhere((el) => HEADING.test(el.name), roots)) {
    for (let p = heading.parent; p && isTag(p) && !result.has(p); p = p.parent) result.add(p);
  }
  return result;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF\uE000-\uF8FF]/g;

/** Plain text: control, zero-width and private-use characters dropped, whitespace collapsed. */
/**
 * Longest text a title, byline or section pattern sees: far more than any of them (titles are cut
 * at 300 characters, notes at 500), and a bound on what a hostile post can make the regexes do.
 */
export const MAX_PARSED_TEXT = 1500;

/** `text` without any of `chars` at its end: a loop, where a `[…]+$` pattern backtracks quadratically. */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

export function cleanText(text: string): string {
  return text.replace(CONTROL, "").replace(/\s+/g, " ").trim();
}

/** "9:15 a.m. (50m)", "14:00–14:30", "10h30 -": when a schedule's talk starts (and how long it runs). */
const TIME = String.raw`\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*[-–—]\s*\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?\s?m\.?)?)?(?:\s*\(\d{1,3}\s*(?:m|min|mins|minutes|h)\))?\s*[-–—:|]?`;
/** A line's start that is only a schedule's time. */
export const SCHEDULE_TIME = new RegExp(`^[^\\p{L}\\p{N}]*${TIME}$`, "iu");
/** A schedule's time at the start of a line, with the space after it. */
export const LEADING_TIME = new RegExp(`^${TIME}\\s*`, "i");

/** Deeper than this, markup is garbage, not a post; recursive walks stop there. */
export const MAX_DEPTH = 64;

/** Text of a subtree, with block boundaries as spaces. */
export function textOf(nodes: AnyNode[], atMost = Number.POSITIVE_INFINITY): string {
  const out: string[] = [];
  let length = 0;
  const push = (text: string) => {
    out.push(text);
    // Counted as cleanText will leave it (runs of whitespace as one space): indentation is no text.
    if (atMost !== Number.POSITIVE_INFINITY) length += text.replace(/\s+/g, " ").length;
  };
  // With `atMost`, the walk stops once that much text is in hand: a look at how a block opens
  // never reads a whole section (a paragraph before a large <div>, thousands of times over).
  const visit = (n: AnyNode, depth: number): void => {
    // A little past the bound: separators counted here may merge once cleaned.
    if (length > atMost + 64) return;
    if (isText(n)) push(n.data);
    else if (isTag(n) && depth < MAX_DEPTH) {
      if (n.name === "br") push(" ");
      for (const c of n.children) visit(c, depth + 1);
      if (BLOCKISH.has(n.name)) push(" ");
    }
  };
  for (const n of nodes) visit(n, 0);
  return cleanText(out.join("")).slice(0, atMost);
}

export const BLOCKISH = new Set([
  "p",
  "div",
  "li",
  "ul",
  "ol",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "tr",
  "table",
  "section",
  "figure",
  "figcaption",
  "pre",
  "dd",
  "dt",
]);
