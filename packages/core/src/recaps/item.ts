import { isTag } from "domhandler";
import { truncateAtWord } from "../posts/text";
import { splitLeading, splitRest, type Byline, type Parts } from "./byline";
import { cleanText, textOf } from "./dom";
import { SPEAKER_LINE, type Entry } from "./entries";
import { isMedia, isTalkPage } from "./links";
import { isGenericLabel, MARK, render, type Rendered, type Span } from "./render";
import type { RecapItem, RecapLink } from "./types";

/** What an entry turned out to be: a talk, someone else's article, or nothing (prose, furniture). */
export interface Candidate {
  shape: "talk" | "article" | "none";
  item: RecapItem;
  source: Entry["source"];
}

/** Sections that list other people's write-ups rather than talks. */
const ARTICLE_SECTION =
  /\b(recaps|other recap|more recap|further reading|read more|more reading|related (posts|articles|reading)|write-?ups|blog posts|coverage)\b/i;
/** Words by which a linked post announces itself as a recap. */
export const RECAP_WORDS = /\b(recaps?|takeaways?|highlights|lessons|wrap-?up|round-?up|key learnings|trip report|what (i|we) learned)\b/i;

export function toCandidates(entry: Entry, baseUrl: string): Candidate[] {
  const own = entry.source === "heading" ? fromHeading(entry, baseUrl) : fromInline(entry, baseUrl);
  if (entry.nested.length === 0) return [own];
  const children = entry.nested.flatMap((e) => toCandidates(e, baseUrl));
  // The item is the section of a nested list of talks, or a talk whose sub-bullets are its note.
  if (children.some((c) => c.shape !== "none")) return children;
  const sub = textOf(entry.nested.flatMap((e) => e.nodes));
  return [{ ...own, item: withNote(own.item, [own.item.note ?? "", sub].join(" ")) }];
}

function fromInline(entry: Entry, baseUrl: string): Candidate {
  const rendered = render(entry.nodes, baseUrl, entry.skip);
  return candidate(leadingParts(rendered), rendered.links, entry);
}

/** Title first: a leading link, bold run or quotation; else the leading text up to a separator. */
function leadingParts(r: Rendered): Parts {
  const spans = [r.anchors[0], r.emphasis[0]].filter((s): s is Span => !!s).sort((a, b) => a.start - b.start);
  for (const span of spans) {
    const prefix = plain(r.raw.slice(0, span.start));
    const title = plain(r.raw.slice(span.start, span.end));
    if (!title || SPEAKER_LINE.test(title)) continue;
    // Allowed before the title: nothing, a bullet or emoji, or a kind label like "Keynote:" / "Lightning talk:".
    if (prefix && !/^[^\p{L}\p{N}]*$/u.test(prefix) && !/^\p{L}+(?: \p{L}+)?:$/u.test(prefix)) continue;
    const label = /:$/.test(prefix) ? `${prefix} ` : "";
    return { title: label + title, ...splitRest(dropMarks(r.raw.slice(span.end))) };
  }
  // "<a>video</a> — Jane Doe, Intuit": the title position holds only a link label, so there is no title.
  if (
    plain(r.raw, true)
      .replace(/^[^\p{L}\p{N}\uE000]+/u, "")
      .startsWith(MARK)
  )
    return { title: "", note: "" };
  const text = plain(dropMarks(r.raw), true);
  const quoted = /^[“"‘]([^”"’]{3,300})[”"’]\s*(.*)$/.exec(text);
  if (quoted) return { title: quoted[1]!, ...splitRest(quoted[2]!) };
  return splitLeading(text);
}

function fromHeading(entry: Entry, baseUrl: string): Candidate {
  const links = render([...entry.nodes, ...entry.body], baseUrl).links;
  const headText = plain(dropMarks(render(entry.nodes, baseUrl).raw), true);
  // A heading splits only around a byline ("Title — Jane Doe, Intuit"); "Argo CD - Scaling Out" is one title.
  const split = splitLeading(headText);
  const parts: Parts = split.byline ? split : { title: headText, note: "" };
  let byline = parts.byline;
  const notes: string[] = [parts.note];
  for (const block of entry.body) {
    const text = plain(dropMarks(render([block], baseUrl).raw), true);
    if (!text || isGenericLabel(text.replace(/\bon youtube\b/i, ""))) continue;
    const speakerLine = SPEAKER_LINE.test(text) || (!byline && notes.length === 1 && text.length <= 120 && !/\.$/.test(text));
    const rest = speakerLine && !byline && isTag(block) ? splitRest(text) : undefined;
    if (rest?.byline) {
      byline = rest.byline;
      notes.push(rest.note);
    } else notes.push(text);
  }
  return candidate({ title: parts.title, byline, note: notes.join(" ") }, links, entry);
}

function candidate(parts: Parts, links: RecapLink[], entry: Entry): Candidate {
  const title = truncateAtWord(cleanText(parts.title.replace(/[\s:–—|-]+$/, "")), 300);
  const base: RecapItem = { kind: "talk", title, speakers: [], organizations: [], links };
  if (entry.section) base.section = entry.section;
  const item = withNote(base, parts.note);
  const shape = shapeOf(item, parts.byline, entry);
  if (shape === "talk" && parts.byline) Object.assign(item, parts.byline satisfies Byline);
  if (shape === "article") {
    item.kind = "article";
    // "Also worth reading: <a>Five takeaways from …</a>": the linked post's own name is the title.
    const label = links.find((l) => l.kind === "other" && isTitle(l.label))?.label;
    if (label) item.title = truncateAtWord(label, 300);
  }
  return { shape, item, source: entry.source };
}

function shapeOf(item: RecapItem, byline: Byline | undefined, entry: Entry): Candidate["shape"] {
  if (!isTitle(item.title)) return "none";
  const media = item.links.some(isMedia);
  const hasLink = item.links.length > 0;
  if (!media && hasLink && ARTICLE_SECTION.test(entry.section ?? "")) return "article";
  if (media || byline || item.links.some((l) => isTalkPage(l.url))) return "talk";
  if (hasLink && RECAP_WORDS.test(`${item.title} ${item.note ?? ""}`)) return "article";
  return "none";
}

/** A title has words in it, and is not what a link is ("video", "slides") or a bare URL. */
function isTitle(title: string): boolean {
  return (title.match(/\p{L}/gu)?.length ?? 0) >= 3 && !isGenericLabel(title);
}

function withNote(item: RecapItem, note: string): RecapItem {
  const text = cleanText(note).replace(/^(?:(?:my |key )?takeaways?|tl;?dr|why it matters|notes?|comment)\s*:\s*/i, "");
  const { note: _old, ...rest } = item;
  return text ? { ...rest, note: truncateAtWord(text, 500) } : rest;
}

/** Generic media anchors out of the text, with the brackets and separators that only held them. */
export function dropMarks(text: string): string {
  if (!text.includes(MARK)) return text;
  const filler = `(?:${MARK}|[\\s,;|/&+—–-]|\\band\\b|\\bor\\b)*`;
  return text
    .replace(new RegExp(`[(\\[]${filler}${MARK}${filler}[)\\]]`, "g"), " ")
    .replace(new RegExp(`\\b(?:videos?|slides|recording|watch|deck)\\s*:\\s*${MARK}`, "gi"), MARK)
    .replace(new RegExp(`(?:\\s*[,;|/&—–-]?\\s*${MARK})+`, "g"), " ")
    .replace(/\s+([.,;:])/g, "$1");
}

/** Collapsed text; with `keepMarks` false, any MARK left is dropped too. */
function plain(raw: string, keepMarks = false): string {
  const collapsed = raw.replace(/\s+/g, " ").trim();
  return keepMarks ? collapsed : cleanText(collapsed);
}
