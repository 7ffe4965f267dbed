import { isTag, isText, type AnyNode, type Element } from "domhandler";
import { looksLikeRecapTitle } from "./titles";
import { namesBeforeVerb, parseByline, splitLeading, splitRest } from "./byline";
import {
  BLOCKISH,
  cleanText,
  elementsWhere,
  LEADING_TIME,
  elementsWithHeadings,
  MAX_PARSED_TEXT,
  trimEndOf,
  HEADING,
  headingLevel,
  isHeading,
  isList,
  LIST,
  MAX_DEPTH,
  textOf,
} from "./dom";
import { isMedia, isTalkPage } from "./links";
import type { RecapLink } from "./types";
import { isGenericLabel, render } from "./render";
import { hasScheduleAxis, isTimetable, itemsWithSpeakers, ownNotesItems, speaksOfTalks, textBeforeLink } from "./shapes";
import { isEventName, readsAsProse } from "./titles";

/**
 * A piece of the post that may reference one talk: a list item, a talk heading with the blocks
 * under it, or a line (paragraph, `<br>`-separated line, table row). Walking the post yields
 * entries in document order, each with the event/track section it is listed under.
 */
export interface Entry {
  source: "list" | "heading" | "line";
  /** Inline content (list item, line) or the heading. */
  nodes: AnyNode[];
  /** What follows the title and belongs to it: the blocks under a talk heading, or a title line's "Speakers: …" lines. */
  body: AnyNode[][];
  /** Subtrees that belong elsewhere (an item's nested list). */
  skip: (el: Element) => boolean;
  section?: string;
  /** Listed where the post points to other people's write-ups ("What others wrote", "Further reading"). */
  writeUps?: boolean;
  /** Entries of an item's nested list: the item is their section, or they are its sub-bullets. */
  nested: Entry[];
  /**
   * A heading's peers: the headings of its rank (`group`). `tentative`: a heading with no evidence of
   * its own, a talk only if most of its peers are ("peers"), or because it sits right under a track's
   * heading ("track"). See `promotePeers` in item.ts.
   */
  peers?: { group: number; tentative?: "peers" | "track" | "called" };
  /**
   * A talk by the shape of the list or table it is in (see shapes.ts), though it has no evidence of its own:
   * "speakers-after-comma" ("Title, Jane Doe" in a list of such, introduced as talks), "own-notes" (a link
   * to the author's notes in a list of such under a day's heading), "timetable-cell" (a cell of a timetable grid).
   */
  listed?: "speakers-after-comma" | "own-notes" | "timetable-cell";
  /** A title followed by a line naming its speakers, in a post of several such (`titlesWithSpeakers`). */
  titled?: boolean;
}

interface Walk {
  baseUrl: string;
  withHeadings: Set<Element>;
  /** Titles (headings, or paragraphs that are only a title) each followed by a line saying who gave it; see `titlesWithSpeakers`. */
  titled: Set<Element>;
  /** The post names a conference (`aboutConference`). */
  aboutConference: boolean;
  /** How many of these entries are talks: decides whether a heading is one talk or the section of several. */
  countTalks: (entries: Entry[]) => number;
  /** The headings above this point, outermost first, with the event or track each names, if any. */
  outline: readonly { level: number; event?: string; heading?: Element }[];
  /** The post uses several <h1>s: they divide the post (as Markdown's setext headings do), none is its title. */
  h1Parts: boolean;
  section?: string;
  /** Set by a heading that names write-ups, until the next heading, or by a sentence introducing the list after it. */
  writeUps?: boolean;
  /** The heading that set `writeUps`: a heading of its rank or above ends that part. */
  writeUpsHeading?: { level: number; heading: Element };
  /** `writeUps` was set by a sentence, for the next list only. */
  invitedList?: boolean;
  /** The text of the last heading (or bold line) seen. */
  heading?: string;
  entries: Entry[];
}

export function collectEntries(roots: AnyNode[], baseUrl: string, countTalks: (entries: Entry[]) => number): Entry[] {
  const h1Parts = elementsWhere((el) => el.name === "h1", roots).length >= 2;
  const titled = titlesWithSpeakers(roots, baseUrl);
  const walk: Walk = {
    baseUrl,
    withHeadings: elementsWithHeadings(roots),
    titled,
    aboutConference: aboutConference(roots, false),
    countTalks,
    outline: [],
    h1Parts,
    entries: [],
  };
  walkFlow(roots, walk, 0);
  return walk.entries;
}

const CONTAINERS = new Set(["div", "section", "article", "main", "blockquote", "details", "figure", "center", "body", "html", "span"]);
const noSkip = () => false;

function walkFlow(nodes: AnyNode[], walk: Walk, depth: number): void {
  if (depth > MAX_DEPTH) return;
  let inline: AnyNode[] = [];
  const flushInline = (): void => {
    if (inline.length > 0) pushLines(inline, walk);
    inline = [];
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (!isTag(node) || (!BLOCKISH.has(node.name) && !CONTAINERS.has(node.name) && node.name !== "table")) {
      if (isTag(node) || isText(node)) inline.push(node); // Bare text and inline markup in a feed fragment.
      continue;
    }
    flushInline();
    const el: Element = node;
    if (isSocialEmbed(el)) continue;
    if (HEADING.test(el.name) || isBoldLine(el, walk.baseUrl) || walk.titled.has(el)) i = onHeading(nodes, i, walk);
    else if (LIST.has(el.name)) {
      walkList(el, walk, walk.section, depth, listShapes(el, previousElement(nodes, i), walk));
      if (walk.invitedList) walk.writeUps = walk.invitedList = false;
    } else if (el.name === "table") onTable(el, walk);
    else if (el.name === "p" || el.name === "dd" || el.name === "dt") onParagraph(el, nextElement(nodes, i), walk);
    else if (CONTAINERS.has(el.name) || hasBlockChild(el)) walkFlow(el.children, walk, depth + 1);
  }
  flushInline();
}

/** Returns the index of the last node it consumed. */
function onHeading(nodes: AnyNode[], i: number, walk: Walk): number {
  const heading = nodes[i] as Element;
  walk.heading = textOf([heading]);
  let end = i + 1;
  while (end < nodes.length && !startsNewPart(nodes[end]!, walk)) end++;
  const body = nodes.slice(i + 1, end);
  const level = HEADING.test(heading.name) ? headingLevel(heading) : BOLD_LINE_LEVEL;
  const pushTalk = (blocks: AnyNode[]) => walk.entries.push(pushTalkEntry(heading, blocks, walk, { group: level }));
  // A title followed by who gave it, in a post of several such (`titlesWithSpeakers`): one talk, and
  // what is under it (the author's bullets) its notes.
  if (walk.titled.has(heading)) {
    walk.entries.push({ ...pushTalkEntry(heading, body, walk, { group: level }), titled: true });
    return end - 1;
  }
  let lists: boolean | undefined;
  if (level > 1 && !INTRODUCES.test(textOf([heading])) && !SOCIAL_EVENT.test(sectionName(textOf([heading])))) {
    // A heading with a recording or byline of its own is a talk, even with more talks after it:
    // those keep the section they were in ("Keynote: … — Jane Doe" is nobody's event).
    const lead = leadingBlocks(body, walk);
    if (lead.length < body.length && hasOwnEvidence(heading, lead, walk.baseUrl)) {
      pushTalk(lead);
      walkFlow(body.slice(lead.length), walk, 1);
      return end - 1;
    }
    // One entry under it that is a talk of its own ("<a>Title</a> — Jane Doe, Acme") makes the
    // heading its section, unless that talk is the heading's own title again.
    lists = listsTalks(body, walk, textOf([heading]));
    if (!lists && isTalkHeading(heading, body, walk.baseUrl)) {
      pushTalk(body);
      return end - 1;
    }
  }
  // An <h1> is the post's own title, never an event section (unless the post has several: then they
  // are its top-level parts, "Conference" and "Workshops"); so is a heading that reads like the
  // post's title, or a long first heading ("KubeCon EU 2025: the talks I keep recommending": feeds
  // like Medium's repeat the title in the content). Event and track names are short.
  const name = sectionName(textOf([heading]));
  const postTitle =
    looksLikeRecapTitle(name) || LIST_LABEL.test(name) || (walk.entries.length === 0 && name.split(/\s+/).length >= POST_TITLE_WORDS);
  // The section is the nearest heading above that names an event or track: "Talks" or "March 20"
  // under "Platform Engineering Day" leave its talks there; a heading of the same rank ends it.
  const names =
    (level > 1 || walk.h1Parts) && !postTitle && (namesEvent(name) || WRITE_UPS.test(name) || namesDatedEvent(textOf([heading])));
  // A plain heading that could name a talk ("Running a self-managing team") among talk headings of
  // its rank is one too; `promotePeers` (item.ts) decides once every heading has been seen.
  // Right under a track's heading ("Open spaces", "Lightning talks", "Workshops") a plain heading
  // names one of its sessions, whatever its peers are.
  if (lists === false && level <= 6 && !names && !postTitle && mayNameTalk(name)) {
    const parent = [...walk.outline].reverse().find((h) => h.level < level);
    const underTrack = parent?.event !== undefined && TRACK_NAME.test(parent.event) && walk.section === parent.event;
    const blocks = body.filter((b) => !isList(b));
    const tentative = underTrack ? "track" : walk.aboutConference && callsItTheTalk(blocks) ? "called" : "peers";
    walk.entries.push(pushTalkEntry(heading, blocks, walk, { group: level, tentative }));
  }
  walk.outline = [...walk.outline.filter((h) => h.level < level), { level, ...(names ? { event: name, heading } : {}) }];
  walk.section = [...walk.outline].reverse().find((h) => h.event)?.event;
  walk.writeUps = WRITE_UPS.test(name);
  walk.writeUpsHeading = walk.writeUps ? { level, heading } : undefined;
  return i;
}

function pushTalkEntry(heading: Element, blocks: AnyNode[], walk: Walk, peers: Entry["peers"]): Entry {
  return {
    peers,
    source: "heading",
    nodes: [heading],
    body: blocks.map((node) => [node]),
    skip: noSkip,
    section: sectionAbove(heading, walk, peers?.group ?? BOLD_LINE_LEVEL),
    writeUps: walk.writeUps && !endsWriteUps(heading, walk, peers?.group ?? BOLD_LINE_LEVEL),
    nested: [],
  };
}

/**
 * The section a heading of this rank is listed under: the nearest heading above it of a higher rank that
 * names an event or track. A heading of the same rank ends the one before ("## Other recaps" does not
 * hold the "## After the facts" after it), unless that one is right above it with nothing between: a
 * track's heading over its talk's ("#### Ignites" then "#### Title"). A section set by a label line stays.
 */
function sectionAbove(heading: Element, walk: Walk, level: number): string | undefined {
  const fromOutline = walk.outline.find((h) => h.event !== undefined && h.event === walk.section);
  if (!fromOutline || fromOutline.level < level) return walk.section;
  if (fromOutline.heading && previousSiblingElement(heading) === fromOutline.heading) return walk.section;
  return [...walk.outline].reverse().find((h) => h.level < level && h.event)?.event;
}

/** A heading of the rank of the one over the write-ups ("## Other recaps", then "## After the facts") is past them. */
function endsWriteUps(heading: Element, walk: Walk, level: number): boolean {
  const over = walk.writeUpsHeading;
  return over !== undefined && over.level >= level && previousSiblingElement(heading) !== over.heading;
}

function previousSiblingElement(el: Element): Element | undefined {
  for (let node = el.prev; node; node = node.prev) {
    if (isTag(node)) return node;
    if (isText(node) && node.data.trim()) return undefined;
  }
  return undefined;
}

/**
 * The post's own parts, which no talk is called: "Conclusion", "Final thoughts", "Resources",
 * "About me", "What's next", "The venue", questions and lines ending in a colon.
 */
const STRUCTURE =
  /^(?:some |my |our |final |closing |other |last |general |overall )?(?:conclusions?|summary|wrap[- ]?up|thoughts|impressions|takeaways?|intro(?:duction)?|overview|background|resources|links|references|misc(?:ellaneous)?|others?|extras?|acknowledge?ments?|thanks|thank you|about(?: me| us)?|what'?s next|next steps|tl;?dr|updates?|notes?|agenda|schedule|venue|location|food|swag|sponsors?|party|afterparty|networking|faq|q&a|recap|highlights|bonus|epilogue|prologue|preface|disclaimer|contents|table of contents|videos|slides|photos|pictures)\b|^(?:the )?(?:venue|food|party|hallway track|booth|expo)\b/i;

/**
 * A heading that is only the name of the conference's social side — the party, the speakers' dinner,
 * the eve party (前夜祭), the get-together (懇親会) — is the post's account of it, never a talk, whatever
 * slides or photos are linked under it.
 */
const SOCIAL_EVENT =
  /^(?:(?:the|our|a)\s+)?(?:speakers?['’]?\s+)?(?:(?:after|pre|closing|opening)[- ]?)?(?:party|parties|dinner|reception|happy hour|social|get-together|drinks|networking(?: event)?)$|^(?:懇親会|前夜祭|後夜祭|打ち上げ|二次会|アフターパーティー?|afterparty)$/iu;

/** "Talks and panel discussions", "More sessions", "Meetups": a heading over several talks or events, not one. */
const GROUP_OF_TALKS = /\b(?:talks|sessions|panels|discussions|presentations|keynotes|workshops|meetups|events|videos|recordings)\b/i;

function mayNameTalk(name: string): boolean {
  const words = name.split(/\s+/).length;
  return (
    /\p{L}{2}/u.test(name) &&
    words <= 20 &&
    !/(?:[:?…]|\.\.\.)$/.test(name) &&
    !STRUCTURE.test(name) &&
    !GROUP_OF_TALKS.test(name) &&
    !SOCIAL_EVENT.test(name) &&
    !isDayOrDate(name)
  );
}

function startsNewPart(node: AnyNode, walk: Walk): boolean {
  return isHeading(node) || (isTag(node) && (walk.withHeadings.has(node) || walk.titled.has(node) || isBoldLine(node, walk.baseUrl)));
}

/**
 * Titles given with who gave them: a heading, or a paragraph that is only a title (no sentence,
 * at most one link — "##Title:" that a broken Markdown heading left as text), whose next block is a
 * line naming the speakers ("Speaker: Jane Doe, Acme", "presented by …", "Přednášel …", "vorgestellt
 * von …") or a sentence opening with them and their organization ("Jane Doe from Acme showed …").
 * One such pair proves nothing — an interview's "Speaker: …" answers name no one, a blog's "By Jane
 * Doe" lines are its authors — so they count only when the post has at least three of them and
 * speaks of a conference or its talks besides. Returns those titles, or none.
 */
function titlesWithSpeakers(roots: AnyNode[], baseUrl: string): Set<Element> {
  const found = new Set<Element>();
  for (const el of elementsWhere((e) => HEADING.test(e.name) || e.name === "p", roots)) {
    if (found.size > MAX_TITLED) break;
    const next = nextSiblingElement(el);
    if (!next || !(next.name === "p" || next.name === "div")) continue;
    // A speaker line is at most 300 characters (namesSpeakers): a look at how the block opens.
    if (!namesSpeakers(textOf([next], 400))) continue;
    if (HEADING.test(el.name) ? !mayNameTalk(sectionName(textOf([el]))) : !isTitleParagraph(el, baseUrl)) continue;
    found.add(el);
  }
  return found.size >= MIN_TITLED && nearConference(roots, found) ? found : new Set();
}

/**
 * Whether the pairs are said to be a conference's talks where they stand: a conference, an event or
 * talks are named in the post's first paragraphs, or in the section that holds the pairs (from the
 * heading above the first of them to the next heading of that rank after the last). A release note
 * that mentions the conference booth further down, or "session replay", does not make its feature
 * headings talks.
 */
function nearConference(roots: AnyNode[], pairs: Set<Element>): boolean {
  const blocks = elementsWhere((e) => HEADING.test(e.name) || e.name === "p" || e.name === "li", roots);
  const opening = blocks.filter((b) => !pairs.has(b) && textOf([b]) !== "").slice(0, FIRST_PARAGRAPHS);
  if (aboutConference(opening, true)) return true;
  const at = blocks.map((b, i) => (pairs.has(b) ? i : -1)).filter((i) => i >= 0);
  const first = at[0]!;
  const rank = (b: Element) => (HEADING.test(b.name) ? headingLevel(b) : 7);
  let start = first;
  while (start > 0 && !(HEADING.test(blocks[start - 1]!.name) && rank(blocks[start - 1]!) < rank(blocks[first]!))) start--;
  const over = start > 0 ? rank(blocks[start - 1]!) : 0;
  let end = at[at.length - 1]! + 1;
  while (end < blocks.length && !(HEADING.test(blocks[end]!.name) && rank(blocks[end]!) <= over)) end++;
  return aboutConference(blocks.slice(Math.max(0, start - 1), end), true);
}

const FIRST_PARAGRAPHS = 3;

/**
 * Whether the post, without its speaker lines, names a conference ("KubeCon", "the conference",
 * "konference") or, when `talks` is set, at least speaks of talks ("sessions", "Vorträge").
 */
function aboutConference(roots: AnyNode[], talks: boolean): boolean {
  const rest = cleanText(textOf(roots, 20 * MAX_PARSED_TEXT)).replace(/\b(?:speakers?|presenters?)\s*:/gi, " ");
  for (let at = 0; at < rest.length; at += MAX_PARSED_TEXT) {
    const chunk = rest.slice(at, at + MAX_PARSED_TEXT + 100);
    // "Session replay", "a session cookie": the singular names no conference's talks.
    // "We wrote notes each day", "every day": a day is no event's name ("Observability Day" is).
    if (
      isEventName(chunk.replace(CONFERENCE_DAY, " ")) ||
      CONFERENCE_WORD.test(chunk) ||
      (talks && speaksOfTalks(chunk.replace(/\bsession\b/giu, " ")))
    )
      return true;
  }
  return false;
}

/**
 * "Moc pěkná přednáška o platformách …", "This talk was …", "Der Vortrag zeigte …": the first sentence
 * under a plain heading calls what the heading names a talk (one talk: the singular). Such a heading
 * is a talk when enough of its rank are (`promotePeers`), as one with a recording is.
 */
function callsItTheTalk(blocks: AnyNode[]): boolean {
  const first = blocks.find((b) => isTag(b) && !isList(b) && textOf([b]) !== "");
  if (!first) return false;
  const sentence =
    textOf([first])
      .slice(0, 300)
      .split(/(?<=\p{L}{2}[.!?])\s/u, 1)[0] ?? "";
  return THE_TALK.test(sentence);
}

/** The talk word opens the sentence, at most two words in ("Moc pěkná přednáška", "Really great talk"), not after a preposition ("In the keynote, we …"). */
const THE_TALK =
  /^(?!(?:in|at|during|from|after|before|since|im|beim|nach|dans|pendant|après|en|durante|tras|na|v|ve|po|při|během)\s)(?:\p{L}+\s+){0,2}(?:(?:this|the|that|a|great|good|nice|excellent|interesting|fascinating|fun|solid)\s+(?:\p{L}+\s+)?(?:talk|session|keynote|presentation)|(?:der|dieser|ein|guter|toller|spannender)\s+vortrag|(?:cette|la|une)\s+(?:\p{L}+\s+)?(?:conférence|présentation)|(?:esta|la|una)\s+(?:\p{L}+\s+)?(?:charla|ponencia)|přednáš(?:ka|ku|ce|kou))(?!\p{L})/iu;

const MIN_TITLED = 3;
const BY_NAMES = /^(?:por|par|von|door|di)\s+\p{Lu}/u;
const MAX_TITLED = 300;
/** Words for a conference beyond the event names `isEventName` knows, in the languages recaps are written in. */
/** "the conference", "Konferenz", "meetup", or "Conf" with its year ("Conf 2025", "conf '24"). */
const CONFERENCE_WORD =
  /(?<!\p{L})(?:conferences?|konferenz(?:en)?|conférences?|conferencias?|konferenc\p{L}{0,3}|meetups?|conf(?=\s*(?:'\d{2}|20\d{2})(?!\p{N})))(?!\p{L})/iu;

/** A line naming who gave the talk above it: a speaker line with names, or a sentence opening with names and their organization. */
export function namesSpeakers(text: string): boolean {
  const line = cleanText(text.slice(0, MAX_PARSED_TEXT));
  if (line.length < 5) return false;
  // "por Jane Doe", "par Jane Doe", "von Jane Doe": a line of its own that is only who gave it.
  if (isSpeakerLine(line) || BY_NAMES.test(line)) return line.length <= 300 && splitRest(line).byline !== undefined;
  return namesBeforeVerb(line, true) !== undefined;
}

/** A paragraph that is only a title: short, no sentence, at most one link, not itself a speaker line. */
function isTitleParagraph(p: Element, baseUrl: string): boolean {
  const text = cleanText(textOf([p]));
  const title = trimEndOf(text.replace(/^#{1,6}(?=\s*\p{L})\s*/u, ""), " :");
  if ((title.match(/\p{L}/gu)?.length ?? 0) < 3 || title.length > 200 || title.split(/\s+/).length > 20) return false;
  if (/[.!?…]$/.test(title) && !/[?!]{2}$/.test(title)) return false;
  return render([p], baseUrl).links.length <= 1 && !isSpeakerLine(title) && !readsAsProse(title);
}

function nextSiblingElement(el: Element): Element | undefined {
  for (let node = el.next; node; node = node.next) {
    if (isTag(node)) return node;
    if (isText(node) && node.data.trim()) return undefined;
  }
  return undefined;
}

/**
 * A paragraph that is only bold text is a heading written by hand: `<p><strong>From WasmCon:</strong></p>`,
 * "**Day 2 – Cilium + eBPF Day**", or a talk's title over its speaker line and video. It is read as
 * a heading below all the real ones: the section of the entries after it (to the next heading or
 * bold line), or one talk with the blocks under it.
 */
function isBoldLine(el: Element, baseUrl: string): boolean {
  if (el.name !== "p") return false;
  const text = textOf([el]);
  if (!text || text.length > MAX_BOLD_LINE) return false;
  const bold = textOf(elementsWhere((child) => child.name === "strong" || child.name === "b", el.children));
  return trimEndOf(bold, " :") === trimEndOf(text, " :") && render([el], baseUrl).links.length === 0;
}

const MAX_BOLD_LINE = 120;
/** Below h6: a bold line never contains a real heading's part. */
const BOLD_LINE_LEVEL = 7;

/**
 * Whether the blocks under a heading list talks of their own — list items or paragraphs that each
 * have a title and a video/slides link ("Keynotes" over three keynotes, "WasmCon" over one talk
 * paragraph) — other than the heading's own title said again. Then the heading is their section,
 * not a talk swallowing them all. The body is walked here and again by the caller: twice, so still linear.
 */
function listsTalks(body: AnyNode[], walk: Walk, headingText: string): boolean {
  const inner: Walk = { ...walk, entries: [] };
  walkFlow(body, inner, 1);
  const talks = walk.countTalks(inner.entries);
  if (talks !== 1) return talks > 1;
  const same = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  return !inner.entries.some((entry) => same(textOf(entry.nodes)).startsWith(same(headingText)));
}

/** The blocks under a heading before the first one that lists a talk of its own. */
function leadingBlocks(body: AnyNode[], walk: Walk): AnyNode[] {
  for (let i = 0; i < body.length; i++) {
    const inner: Walk = { ...walk, entries: [] };
    walkFlow([body[i]!], inner, 1);
    if (walk.countTalks(inner.entries) > 0) return body.slice(0, i);
  }
  return body;
}

/**
 * A byline in the heading ("Title — Jane Doe, CNCF"), or its own recording or slides right under it:
 * an embedded player, or a link named for what it is ("Video", "Slides"). A link inside a sentence
 * ("all keynotes are on the <a>CNCF YouTube channel</a>") is not the heading's own.
 */
function hasOwnEvidence(heading: Element, lead: AnyNode[], baseUrl: string): boolean {
  const text = textOf([heading]);
  if (/:$/.test(text)) return false;
  if (splitLeading(text).byline !== undefined) return true;
  if (render([heading], baseUrl).links.some((link) => isTalkPage(link.url))) return true;
  // "### [Title](recording)": a heading that links one recording or deck (not a playlist) names that
  // talk, unless it names an event or track ("## [Keynotes](…)").
  const own = render([heading], baseUrl).links;
  if (own.length === 1 && isMedia(own[0]!) && !isPlaylist(own[0]!.url) && !namesEvent(sectionName(text))) return true;
  return render([heading, ...lead], baseUrl).links.some((link) => isMedia(link) && isGenericLabel(link.label));
}

/**
 * A playlist or channel: many recordings, never one talk's own. A video watched within a playlist
 * (`watch?v=…&list=…`) is that one video.
 */
export function isPlaylist(url: string): boolean {
  return (/[?&]list=/i.test(url) && !/[?&]v=/i.test(url)) || /\/playlist\b|\/(?:channel|c|user)\/|\/@/i.test(url);
}

/** A talk's own recording or deck: not a playlist or channel. */
const ownRecording = (link: RecapLink): boolean => isMedia(link) && !isPlaylist(link.url);

/** "From WasmCon", "At Observability Day", "Day 2 – …": a line that introduces what follows. */
const INTRODUCES = /^(?:(?:talks|sessions|highlights|notes)\s+)?(?:from|at)\s+\p{Lu}|^day\s*\d{1,2}\b/iu;

/**
 * A heading is a talk when the blocks under it carry a speaker line or a video/slides link, or
 * the heading itself reads "Title — Speaker, Org" — unless they link three or more videos. When
 * the only video/slides links sit in list items that have titles of their own, those items are the
 * talks and the heading is their section.
 */
function isTalkHeading(heading: Element, body: AnyNode[], baseUrl: string): boolean {
  if (/:$/.test(textOf([heading]))) return false;
  // A talk has one recording (two at most: a short cut and the full one); a heading over more is a list of videos.
  if (render(body, baseUrl).links.filter((l) => l.kind === "video").length >= 3) return false;
  const lists = body.filter(isList);
  // A heading that links the talk's page on the schedule names that talk.
  if (render([heading], baseUrl).links.some((link) => isTalkPage(link.url))) return true;
  // A playlist ("Watch all the recordings") is many talks' recordings, none of them the heading's own.
  const ownMedia = render([heading, ...body.filter((b) => !isList(b))], baseUrl).links.some(ownRecording);
  const items = lists.flatMap((list) => list.children);
  if (!ownMedia && items.some((li) => isTitledMediaItem(li, baseUrl))) return false;
  // "* https://youtu.be/…", "- [Video](…)": a list item that is only a recording names no talk of its own, so it is the heading's.
  const untitledMedia = items.some((li) => isTag(li) && render([li], baseUrl).links.some(ownRecording));
  if (ownMedia || untitledMedia || splitLeading(textOf([heading])).byline) return true;
  return body.some((b) => isTag(b) && isSpeakerLine(textOf([b])));
}

/** A list item with a video/slides link and words besides the link labels ("Talk title — video", not just "Slides"). */
function isTitledMediaItem(li: AnyNode, baseUrl: string): boolean {
  if (!isTag(li)) return false;
  const rendered = render([li], baseUrl);
  return rendered.links.some(isMedia) && rendered.anchors.length + rendered.emphasis.length > 0;
}

/**
 * A line that continues the entry before it: a labelled speaker or note line, a bare byline
 * ("Jane Doe, Intuit"), a line of link labels only ("Video | Slides"), or — once the entry has such
 * lines — a link-less sentence, the author's note. A line of its own ("Title — Jane Doe, Intuit")
 * starts a new entry, so `<br>`-separated talk lists stay one talk per line.
 */
function continuesEntry(line: AnyNode[], entry: Entry, baseUrl: string): boolean {
  const text = textOf(line);
  // A microphone emoji continues the entry only as a speaker line, not as the bullet of the next talk.
  if ((CONTINUATION.test(text) && (!MICROPHONE.test(text) || isSpeakerLine(text))) || parseByline(text)) return true;
  const rendered = render(line, baseUrl);
  // Generic link labels render as MARK, so a links-only line has no letters left.
  if (rendered.links.length > 0) return !/[\p{L}\p{N}]/u.test(rendered.raw);
  return entry.body.length > 0 && /[.!?]$/.test(text);
}

/** Labels of the lines that follow a talk's title line. */
const CONTINUATION =
  /^(?:🎙|🎤|🗣)|^(?:(?:speakers?|presenters?|panell?ists?|moderators?|hosts?|(?:my |key )?takeaways?|(?:my )?take|tl;?dr|why it matters|notes?)\s*:|(?:presented|delivered|given|moderated|led|hosted) by\s)/i;

/** "Speakers: …", "Presented by …", "By Jane Doe", or a microphone emoji before the names ("🎙️ Jane Doe et Raj Patel"). */
export const SPEAKER_LINE =
  /^(?:speakers?|presenters?|panell?ists?|moderators?|hosts?|sprecher(?:in|innen)?|referent(?:in|innen|en)?|intervenant(?:e|s|es)?|orateurs?|ponentes?|řeční(?:k|ci|ce)|přednášející)\s*:|^(?:presented|delivered|given|moderated|led|hosted) by\s|^(?:vorgestellt|präsentiert|gehalten) von\s|^présentée?s? par\s|^(?:presentad[oa]s?|impartid[oa]s?) por\s|^přednášel[ai]?\s+\p{Lu}|^by\s+\p{Lu}|^(?:🎙|🎤|🗣)\uFE0F?\s*:?\s*\p{L}/iu;
export const MICROPHONE = /^(?:🎙|🎤|🗣)\uFE0F?\s*:?\s*/u;

/**
 * Whether a line says who spoke (`SPEAKER_LINE`). A microphone emoji is also a bullet people put before
 * a talk's title ("🎤 <a>Reimagining Software Development</a>", Hugo's `:microphone:`): it marks a speaker
 * line only when what follows it, up to a separator or the line's end, reads as names.
 */
export function isSpeakerLine(text: string): boolean {
  if (!SPEAKER_LINE.test(text)) return false;
  const emoji = MICROPHONE.exec(text);
  if (!emoji) return true;
  const names = text.slice(emoji[0].length).split(/\n|\s[—–|]\s|\uE000|\p{Extended_Pictographic}/u, 1)[0] ?? "";
  return parseByline(names) !== undefined;
}

function walkList(
  list: Element,
  walk: Walk,
  section: string | undefined,
  depth: number,
  shapes: Map<Element, NonNullable<Entry["listed"]>> = new Map(),
): void {
  if (depth > MAX_DEPTH) return;
  for (const li of list.children) {
    if (!isTag(li) || li.name !== "li") continue;
    const sublists = li.children.filter(isList);
    const skip = (el: Element) => sublists.includes(el);
    const listed = shapes.get(li);
    const entry: Entry = {
      source: "list",
      nodes: [li],
      body: [],
      skip,
      section,
      writeUps: walk.writeUps,
      nested: [],
      ...(listed ? { listed } : {}),
    };
    if (sublists.length > 0) {
      const label = sectionName(textOf(li.children.filter((c) => !sublists.includes(c as Element))));
      const inner: Walk = { ...walk, entries: entry.nested };
      for (const sub of sublists) walkList(sub, inner, namesEvent(label) ? label : section, depth + 1);
    }
    walk.entries.push(entry);
  }
}

/**
 * Items of a top-level list that are talks by the list's shape (shapes.ts): "Title, Jane Doe" lines
 * introduced as talks by the block right above or the heading, or links to the author's own notes
 * under a conference day's or a track's heading. Not among write-ups.
 */
function listShapes(list: Element, before: Element | undefined, walk: Walk): Map<Element, NonNullable<Entry["listed"]>> {
  const shapes = new Map<Element, NonNullable<Entry["listed"]>>();
  if (walk.writeUps) return shapes;
  const intro = before && !isList(before) ? textOf([before]) : "";
  for (const li of itemsWithSpeakers(list, intro, walk.heading ?? "", walk.baseUrl)) shapes.set(li, "speakers-after-comma");
  const heading = sectionName(walk.heading ?? "");
  const dayOrTrack = DAY_FIRST.test(walk.heading ?? "") || isDayOrDate(heading) || walk.section !== undefined;
  // A diary's "Tag 1", "Tag 2" over links to its own pages: days of a conference only in a post about one.
  if (shapes.size === 0 && dayOrTrack && walk.aboutConference)
    for (const li of ownNotesItems(list, walk.baseUrl)) shapes.set(li, "own-notes");
  return shapes;
}

function onParagraph(p: Element, next: Element | undefined, walk: Walk): void {
  if (next && isList(next) && isLabel(p, walk.baseUrl)) {
    const name = sectionName(textOf([p]));
    if (namesEvent(name) || WRITE_UPS.test(name)) walk.section = name;
    // Under "Other recaps", "YouTube:" and "Blogs:" sort the write-ups by where they appeared: they are
    // still write-ups, unless the label names an event or track of its own.
    walk.writeUps = WRITE_UPS.test(name) || (walk.writeUps === true && !walk.invitedList && !namesEvent(name));
    return;
  }
  // "Curious what others thought? Here are a few write-ups:" introduces a list of other people's posts:
  // that list, not the sentence itself nor what follows the list.
  pushLines(p.children, walk);
  if (next && isList(next) && !walk.writeUps && invitesToWriteUps(textOf([p]))) walk.writeUps = walk.invitedList = true;
}

/**
 * Headings over other people's write-ups, whatever the post calls them: "Other recaps", "What
 * others wrote", "Other takes on the week", "Further reading", "Community recaps", "Around the web".
 */
export const WRITE_UPS =
  /\b(?:recaps|other recap|more recap|further reading|read more|more reading|reading list|worth reading|related (?:posts|articles|reading)|write-?ups|blog posts|coverage|(?:what|how) others (?:wrote|said|thought|saw|shared)|other (?:takes|posts|perspectives|voices|articles)|around the web|elsewhere|in the press)\b/i;
/**
 * A sentence that sends the reader to what others wrote about the event. "Other people", "other folks"
 * only when it speaks of writing too ("what other attendees wrote"): "I had great conversations with
 * other folks. In particular:" introduces people, not their posts.
 */
function invitesToWriteUps(text: string): boolean {
  if (INVITES_TO_WRITE_UPS.test(text)) return true;
  return /\bother (?:people|folks|attendees)\b/i.test(text) && WRITING.test(text);
}
const INVITES_TO_WRITE_UPS =
  /\b(?:what others|others(?:'|’)? (?:thoughts|takes|write-?ups|recaps)|(?:recaps|write-?ups|posts|takes) (?:by|from) (?:others|other|the community|fellow))\b/i;
const WRITING =
  /\b(?:wrote|written|writes?|write-?ups?|posts?|blogs?|blogged|recaps?|articles?|takes|thoughts|impressions|notes|read|reading)\b/i;

/** Words of someone talking, which an event's or track's name never has. */
const SPEAKS = /\b(?:i|i'm|i've|we|we're|my|our|you|your|here are|these are|some of|a few)\b/i;

/** A short line with no links of its own, right before a list: "From ArgoCon:", "Platform Engineering Day". */
function isLabel(p: Element, baseUrl: string): boolean {
  const text = textOf([p]);
  if (!text || text.length > 80 || text.split(" ").length > 10) return false;
  if (render([p], baseUrl).links.length > 0) return false;
  // "A great opener. Then I went to the breakouts:" is the author talking, not an event's name.
  if (/[.!?]\s/.test(text) || SPEAKS.test(text)) return false;
  if (/:$/.test(text)) return true;
  // "Here's what I saw at WasmCon 2025." introduces the list; it is a sentence, not an event's name.
  return !/[.!?…]$/.test(text) && !splitLeading(text).byline;
}

/**
 * Lines of a paragraph or of bare inline content, split at `<br>`. Lines that only say more about
 * the line before belong to it: `<b>Title</b><br>Speakers: …<br>My take: …` and
 * `<b>Title</b><br>Jane Doe, Intuit<br><a>Video</a> | <a>Slides</a><br>Loved it.` are one talk each.
 */
function pushLines(nodes: AnyNode[], walk: Walk): void {
  let line: AnyNode[] = [];
  let current: Entry | undefined;
  const flush = (): void => {
    if (line.length === 0) return;
    if (current && continuesEntry(line, current, walk.baseUrl)) current.body.push(line);
    else walk.entries.push((current = lineEntry(line, walk)));
    line = [];
  };
  for (const node of nodes) {
    if (isTag(node) && node.name === "br") flush();
    else line.push(node);
  }
  flush();
}

function onTable(table: Element, walk: Walk): void {
  const rows: Element[] = [];
  const collect = (el: Element, depth: number): void => {
    for (const c of el.children) {
      if (!isTag(c) || depth > 3) continue;
      if (c.name === "tr") rows.push(c);
      else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") collect(c, depth + 1);
    }
  };
  collect(table, 0);
  const titledCells = (row: Element) =>
    row.children.filter((c): c is Element => isTag(c) && c.name === "td" && isTitledLinkCell(c, walk.baseUrl));
  // A timetable grid (shapes.ts): every cell written as its talks are — words, then a link, even an
  // empty one ("Title 📄(soon)") — is a talk of its own, in rows of one talk too.
  const grid = isTimetable(rows, titledCells);
  const schedule = grid || hasScheduleAxis(rows);
  for (const row of rows) {
    if (!row.children.some((c) => isTag(c) && c.name === "td")) continue;
    if (grid) {
      const cells = row.children.filter((c): c is Element => isTag(c) && c.name === "td" && isGridTalkCell(c, walk.baseUrl));
      for (const cell of cells) walk.entries.push({ ...lineEntry([cell], walk), listed: "timetable-cell" });
      if (cells.length > 0) continue;
    }
    // A timetable's row ("11:30 | Title A 📄 | Title B 📄 | Title C 📄"): several cells that each name
    // something and link it are several talks, one per cell; a row "Title | Speaker | Video" is one.
    const titled = titledCells(row);
    if (titled.length >= 2 && schedule) for (const cell of titled) walk.entries.push(lineEntry([cell], walk));
    else walk.entries.push(lineEntry([row], walk));
  }
}

/**
 * A timetable's cell naming a talk: words (not a time) before an anchor, whatever the anchor links —
 * not a speaker's name before a link to their profile ("Jane Doe 🐦"). Words before a recording or
 * deck name its talk even when they read like names ("Real World Type Puzzle and Code Generation 📄").
 */
function isGridTalkCell(cell: Element, baseUrl: string): boolean {
  const before = textBeforeLink(cell);
  if (before === undefined || (before.match(/\p{L}/gu)?.length ?? 0) < 3) return false;
  return !parseByline(before) || render([cell], baseUrl).links.some(isMedia);
}

/** A table cell with words of its own and a link after them: "Title <a>📄</a>", not "<a>Video</a>" nor "Jane Doe <a>🐦</a>". */
function isTitledLinkCell(cell: Element, baseUrl: string): boolean {
  const rendered = render([cell], baseUrl);
  const firstLink = elementsWhere((el) => el.name === "a", [cell])[0];
  if (!firstLink || rendered.links.length === 0) return false;
  const before = textOf(cell.children.slice(0, Math.max(0, cell.children.indexOf(firstLink))));
  // Words before a recording or deck name its talk, even when they read like names ("Effects Without Fear 📄").
  return (before.match(/\p{L}/gu)?.length ?? 0) >= 3 && (!parseByline(before) || rendered.links.some(isMedia));
}

function lineEntry(nodes: AnyNode[], walk: Walk): Entry {
  return { source: "line", nodes, body: [], skip: noSkip, section: walk.section, writeUps: walk.writeUps, nested: [] };
}

/** "My favourite talks", "Top 5 sessions", "Talks we loved": a heading over the list, naming no event. */
const LIST_LABEL =
  /^(?:my |our )?(?:(?:favou?rite|best|top(?: \d+)?|must-watch|recommended) (?:\d+ )?(?:talks|sessions|videos)|(?:talks|sessions) (?:i|we) (?:liked|loved|enjoyed|recommend))$/i;

/** A first heading this long names the post, not an event ("Cilium + eBPF Day" has four words). */
const POST_TITLE_WORDS = 6;

/**
 * Whether a heading names an event or a track talks are grouped by: a co-located event ("ArgoCon",
 * "Platform Engineering Day", "eBPF Summit") or a track or format ("Keynotes", "Lightning talks",
 * "Ignites", "the serverless track"). Not the conference itself (KubeCon is where every talk of the
 * post was given), a day or a date, nor the author's own grouping ("My favourites", "Observability").
 */
/** "Day 2", "March 20", "December 17, 2021", "Tuesday": when, not what. */
export function isDayOrDate(text: string): boolean {
  return DAY_OR_DATE.test(text);
}

export function namesEvent(name: string): boolean {
  if (!name || DAY_OR_DATE.test(name)) return false;
  // "Some Day 1 Talks", "The first day": a day of the conference is when, not an event called "… Day".
  const beyondConference = name.replace(/\b(?:kubecon|cloudnativecon)\b/gi, "").replace(CONFERENCE_DAY, "");
  return CO_LOCATED.test(beyondConference) || TRACK_NAME.test(name);
}

/** "Day 1", "Some Day 2", "first day", "the last day": one of the conference's days, never a co-located event's name. */
const CONFERENCE_DAY =
  /\b(?:(?:some|the|first|second|third|fourth|last|final|each|every|one|two|three|next|other|same|whole|full|half)\s+)?day\s*\d{1,2}\b|\b(?:some|first|second|third|fourth|last|final|each|every|one|two|three|next|previous|other|same|whole|full|half)\s+day\b/gi;

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
/**
 * A numbered day, in the languages recaps are written in: "Day 1", "Tag 2", "Día 3", "Dia 1", "Jour 1",
 * "Journée 2", "Dag 1", "Giorno 2", "Dzień 1", "Den 2", "2. Tag", "1er jour", "1日目", "第一天", "第2日", "1일차".
 */
const NUMBERED_DAY =
  "(?:(?:day|tag|d[ií]a|jour|journ[ée]e|dag|giorno|dzie[ńn]|den|päivä|gün)\\s*\\d{1,2}|\\d{1,2}(?:st|nd|rd|th|er|re|e|ème|º|ª|°|\\.)?\\s*(?:day|tag|d[ií]a|jour|journ[ée]e|dag|giorno)|[\\d一二三四五六七八九十]{1,3}\\s*日目|第\\s*[\\d一二三四五六七八九十]{1,3}\\s*[天日]|\\d{1,2}\\s*일\\s*차)(?![\\p{L}\\p{N}])";
/** A heading that opens with a numbered day ("Day 2 – Keynotes", "Tag 1: Workshops"). */
const DAY_FIRST = new RegExp(`^${NUMBERED_DAY}`, "iu");
const DAY_OR_DATE = new RegExp(
  `^(?:${NUMBERED_DAY}|(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b.*|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:\\s+\\d{4})?|\\d{4}-\\d{2}-\\d{2})$`,
  "iu",
);
/** ", Sunday November 10", " – March 19", " (Tuesday)": the day or date written after a part's name. */
const TRAILING_WHEN = new RegExp(
  `(?<=\\S)\\s*(?:,|\\s[–—-]|\\()\\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b[^()]{0,40}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:\\s+\\d{4})?)\\)?$`,
  "i",
);

/**
 * "Cloud Native Rejekts, Sunday November 10", "OpenShift Commons, Tuesday": a heading that gives a name
 * and then the day it ran names an event of that day — a co-located event, whatever it is called —
 * unless the name is the conference's own day ("KubeCon Day 1, Wednesday"). Names are capitalised and short.
 */
export function namesDatedEvent(heading: string): boolean {
  const text = cleanText(heading.slice(0, MAX_PARSED_TEXT));
  const name = sectionName(text);
  if (name === trimEndOf(text, " :–—-") || !TRAILING_WHEN.test(trimEndOf(text, " :–—-"))) return false;
  const words = name.split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || /^(?:of|on|the|and|for|de|&|\+)$/i.test(w)) &&
    !/\bday\s*\d/i.test(name) &&
    !STRUCTURE.test(name) &&
    !isDayOrDate(name)
  );
}

const CO_LOCATED = /\p{Lu}[\p{L}+]*Con\b|\p{L}+[Cc]onf\b|[\p{L}\p{N}+&.-] (?:Day|Summit|Forum|Camp)\b|\bco-located\b/u;
const TRACK_NAME =
  /^(?:the )?main (?:conference|track|stage)$|^conference$|^(?:(?:les|the) )?(?:conférences?|universit(?:y|ies|é|és)|tools?[- ]in[- ]action|hands[- ]on[- ]labs?|quickies?|ateliers?|charlas|ponencias|talleres|vorträge)$|\b(?:keynotes?|lightning talks?|ignites?|open spaces?|workshops?|tutorials?|tracks?|birds of a feather|bofs?|unconference|maintainer talks?|project updates|breakout sessions?)\b|アンカンファレンス|ワークショップ|ライトニングトーク|基調講演|언컨퍼런스|워크숍|工作坊/i;

/** "From ArgoCon:" → "ArgoCon", "Day 2 – Cilium + eBPF Day" → "Cilium + eBPF Day", "Les Keynotes" → "Keynotes". */
export function sectionName(text: string): string {
  const name = eventAfterPreposition(bareSectionName(text));
  // "Les Keynotes", "The Workshops": an article before a track's name is not part of it.
  const bare = name.replace(/^(?:the|les|la|le|die|der|das|los|las|el)\s+(?=\S)/i, "");
  // "The conference" (beside "The venue", "The speakers dinner") is the whole conference the post is
  // about, not a part of it: only a bare "Conference" is a part's name ("Conference" and "Bonusconf").
  if (bare !== name && /^conference$/i.test(bare)) return name;
  return bare !== name && TRACK_NAME.test(bare) ? bare : name;
}

/**
 * "Scenes from BackstageCon", "What we saw at Cilium + eBPF Day", "Our week during ArgoCon": the words
 * before "from", "at" or "during" say what the part of the post is about; the co-located event it
 * names is what follows. Only a short event name there ("from KubeCon" names the conference itself).
 */
function eventAfterPreposition(name: string): string {
  const m = /^\S.{0,60}?\s(?:from|at|during)\s+(\S.*)$/iu.exec(name);
  const event = m?.[1];
  if (!event || event.split(/\s+/).length > 5 || DAY_OR_DATE.test(event)) return name;
  return CO_LOCATED.test(event.replace(/\b(?:kubecon|cloudnativecon)\b/gi, "")) ? event : name;
}

function bareSectionName(text: string): string {
  return trimEndOf(
    cleanText(text.slice(0, MAX_PARSED_TEXT))
      // "1:25 p.m. (40m) Lightning Talks": a schedule's time is not part of the name.
      .replace(LEADING_TIME, "")
      .replace(/^(?:(?:talks|sessions|highlights|notes)\s+)?(?:from|at)\s+/i, "")
      // "Day 2 – Cilium + eBPF Day": when it happened is not part of the event's name.
      .replace(/^day\s*\d{1,2}\s*[–—:-]\s*(?=\S)/i, "")
      // "アンカンファレンスDAY": a Japanese or Chinese name with "DAY" after it is the day the part ran.
      .replace(/(?<=[\p{Script=Katakana}\p{Script=Han}])\s*day$/iu, "")
      // "Cloud Native Rejekts, Sunday November 10", "ArgoCon (March 19)": nor is the day after the name.
      .replace(TRAILING_WHEN, ""),
    " :–—-",
  ).slice(0, 120);
}

/**
 * An embedded social-media post (a tweet, toot, Bluesky or Instagram post, as their embed code writes it: a
 * blockquote with the network's class) quotes someone else: its names, hashtags and links are that
 * person's words, not the post's list of talks.
 */
function isSocialEmbed(el: Element): boolean {
  return el.name === "blockquote" && SOCIAL_EMBED.test(el.attribs.class ?? "");
}

const SOCIAL_EMBED =
  /(?:^|\s)(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|bluesky-embed|mastodon-embed|threads-post)(?:\s|$)/i;

function previousElement(nodes: AnyNode[], i: number): Element | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const n = nodes[j]!;
    if (isTag(n)) return n;
    if (isText(n) && n.data.trim()) return undefined;
  }
  return undefined;
}

function nextElement(nodes: AnyNode[], i: number): Element | undefined {
  for (let j = i + 1; j < nodes.length; j++) {
    const n = nodes[j]!;
    if (isTag(n)) return n;
    if (isText(n) && n.data.trim()) return undefined;
  }
  return undefined;
}

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isTag(c) && (BLOCKISH.has(c.name) || CONTAINERS.has(c.name)));
}
