import { isTag, isText, type AnyNode, type Element } from "domhandler";
import { BLOCKISH, cleanText, MAX_DEPTH } from "./dom";
import { isMedia, toRecapLink } from "./links";
import type { RecapLink } from "./types";

/** Stands in the text for an anchor like "video" or "slides": it is a link, never part of a title or byline. */
export const MARK = "\uE000";

export interface Span {
  start: number;
  end: number;
}

/** An entry's inline content as raw text, with where its title candidates sit. */
export interface Rendered {
  /** Uncollapsed text; generic media anchors appear as MARK. */
  raw: string;
  links: RecapLink[];
  /** Anchors whose text could be a title (not "video", not a bare URL). */
  anchors: Span[];
  /** <strong>/<b>/<em>/<i> runs. */
  emphasis: Span[];
  /** Table cells: a row's first cell names what the row is about ("Title | Speakers | Video"). */
  cells: Span[];
}

const MAX_ENTRY_TEXT = 8000;
const EMPHASIS = new Set(["strong", "b", "em", "i"]);
const EMBEDS = new Set(["iframe", "video", "source", "embed"]);
/** A text node that is nothing but one URL. */
const BARE_URL = /^\s*https?:\/\/\S+\s*$/;

/** Renders `nodes`, leaving out subtrees for which `skip` is true (an item's nested list). */
export function render(nodes: AnyNode[], baseUrl: string, skip: (el: Element) => boolean = () => false): Rendered {
  const out: Rendered = { raw: "", links: [], anchors: [], emphasis: [], cells: [] };
  const seen = new Set<string>();
  const addLink = (link: RecapLink | undefined): void => {
    // An embedded player, then a link to it with the video's name: one link, with that name.
    const earlier = link && seen.has(link.url) ? out.links.find((l) => l.url === link.url) : undefined;
    if (earlier && !earlier.label && link?.label) earlier.label = link.label;
    if (link && !seen.has(link.url) && out.links.length < 10) {
      seen.add(link.url);
      out.links.push(link);
    }
  };
  const visit = (node: AnyNode, depth: number): void => {
    if (isText(node)) {
      // A video URL alone in its text (WordPress and Markdown auto-embeds) is a link, not words.
      const bare = BARE_URL.test(node.data) ? toRecapLink(node.data.trim(), "", baseUrl) : undefined;
      if (bare && isMedia(bare)) {
        addLink(bare);
        out.raw += ` ${MARK} `;
        return;
      }
      // An entry is a line or a short block; past this it is prose nobody lists talks in, and the cap bounds later regexes.
      // A line break in the source text is a soft break (the browser shows a space); only `<br>` and
      // blocks break lines.
      if (out.raw.length < MAX_ENTRY_TEXT)
        out.raw += node.data
          .slice(0, MAX_ENTRY_TEXT)
          .replace(/[\uE000-\uF8FF]/g, "")
          .replace(/[\r\n]/g, " ");
      return;
    }
    if (!isTag(node) || depth > MAX_DEPTH || skip(node)) return;
    if (node.name === "br") out.raw += "\n";
    if (EMBEDS.has(node.name)) return addLink(toRecapLink(node.attribs.src ?? "", "", baseUrl));
    if (node.name === "a") return visitAnchor(node, depth);
    const start = out.raw.length;
    for (const child of node.children) visit(child, depth + 1);
    if (EMPHASIS.has(node.name)) out.emphasis.push({ start, end: out.raw.length });
    if (BLOCKISH.has(node.name)) out.raw += "\n";
    else if (node.name === "td" || node.name === "th") {
      out.cells.push({ start, end: out.raw.length });
      out.raw += " | "; // A table row reads "Title | Speakers | video".
    }
  };
  const visitAnchor = (a: Element, depth: number): void => {
    const start = out.raw.length;
    for (const child of a.children) visit(child, depth + 1);
    const label = cleanText(out.raw.slice(start));
    const link = toRecapLink(a.attribs.href ?? "", label, baseUrl);
    // An image-only link is a thumbnail: worth keeping only when it points at the video or deck.
    if (!label && link && !isMedia(link)) return;
    addLink(link);
    if (!label) return;
    if (isGenericLabel(label)) {
      out.raw = `${out.raw.slice(0, start)} ${MARK} `;
      out.emphasis = out.emphasis.filter((span) => span.start < start);
    } else out.anchors.push({ start, end: out.raw.length });
  };
  for (const node of nodes) visit(node, 0);
  return out;
}

const GENERIC =
  /^(videos?|vidéos?|vídeos?|aufzeichnung|enregistrement|grabación|folien|diapositives|transparents|recordings?|the recording|this (video|talk|recording)|recorded talk|watch( it| now| here| the (video|talk|recording|session|keynote))?|watch on youtube|youtube|vimeo|(?:the )?live ?stream|stream|replay|slides?|slide deck|deck|presentation|the slides|pdf|here|link|talk|session|sched|schedule|abstract|details|more|read more|session page|talk page|video recording|slides and video|video and slides|\d{1,3}|スライド|発表資料|資料|動画|録画|ビデオ|幻灯片|视频|슬라이드|발표 ?자료|영상)$/i;

const LINK_VERB = /^(?:watch|read|see|view|download|open|get|check out|grab)\s+(?:the\s+|this\s+|my\s+|our\s+)?(?=\S)/i;

/** Anchor texts that say what a link is rather than what the talk is called. */
export function isGenericLabel(label: string): boolean {
  const bare = label
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  // "Watch the replay", "Read the abstract", "See the slides": a verb before what the link is names no talk either.
  const object = bare.replace(LINK_VERB, "");
  return bare === "" || GENERIC.test(bare) || (object !== bare && GENERIC.test(object)) || /^(https?:\/\/|www\.)/i.test(label.trim());
}
