import type { AnyNode } from "domhandler";
import { truncate } from "../shared/truncate";
import {
  isSpeakerName,
  namesBeforeVerb,
  namesEnding,
  parseByline,
  POSSESSIVE_TALK,
  splitLeading,
  splitRest,
  type Byline,
  type Parts,
} from "./byline";
import { readsAsProse, type TitleSource } from "./titles";
import { isTag, isText, type Element } from "domhandler";
import { cleanText, elementsWhere, isList, MAX_PARSED_TEXT, SCHEDULE_TIME, textOf, trimEndOf } from "./dom";
import { isDayOrDate, isPlaylist, isSpeakerLine, MICROPHONE, namesSpeakers, WRITE_UPS, type Entry } from "./entries";
import { isMedia, isTalkPage, parseHttp, toRecapLink } from "./links";
import { isGenericLabel, MARK, render, type Rendered, type Span } from "./render";
import { textBeforeLink, titleCommaSpeakers } from "./shapes";
import type { RecapItem, RecapLink } from "./types";

/** What an entry turned out to be: a talk, someone else's article, or nothing (prose, furniture). */
export interface Candidate {
  shape: "talk" | "article" | "none";
  item: RecapItem;
  source: Entry["source"];
  titleFrom: TitleSource;
  /** Listed among other people's write-ups. */
  writeUps: boolean;
  /** A heading's rank among talk headings, and whether it is only a talk if its peers are. */
  peers?: Entry["peers"];
  /** A talk only by the shape of its list or table (`Entry.listed`). */
  listed?: boolean;
  /**
   * Its speakers were read only by the shape of the text around the talk — a story verb in its note
   * ("Jane Doe explores …"), a possessive before its link ("Jane Doe’s <a>video</a>"), a title over a
   * speaker line in a post of such pairs — which newsletters and release notes write too: they name
   * the talk's speakers for a marked feed, and are no evidence of a recap (`talkEvidence`).
   */
  bylineByShape?: boolean;
  /**
   * A title over a speaker line (`titlesWithSpeakers`) whose recordings are all in the bullets under it —
   * the author's notes ("Demo: <a>watch it</a>"): a generic label there says what the note links, not
   * that the talk's own recording is named (`talkEvidence`).
   */
  recordingInNotes?: boolean;
  /** Split from one item with others (`joinedTalks`): for detection the item is one entry, this key. */
  joined?: string;
}

/**
 * Bylines read by shape only (see `Candidate.bylineByShape`): the objects the readers return, so a
 * candidate can tell where its byline came from.
 */
const BY_SHAPE = new WeakSet<Byline>();
function byShape(byline: Byline | undefined): Byline | undefined {
  if (byline) BY_SHAPE.add(byline);
  return byline;
}

/** An entry's title and what follows it, with where the title came from. */
interface Titled extends Parts {
  titleFrom: TitleSource;
  /** The title is a whole heading that is one link: a name, whatever punctuation it ends with. */
  named?: boolean;
}

/** Words by which a linked post announces itself as a recap. */
export const RECAP_WORDS = /\b(recaps?|takeaways?|highlights|lessons|wrap-?up|round-?up|key learnings|trip report|what (i|we) learned)\b/i;

export function toCandidates(entry: Entry, baseUrl: string): Candidate[] {
  const own = entry.source === "heading" ? fromHeading(entry, baseUrl) : fromInline(entry, baseUrl);
  // Prose that names talks as it goes: "my favourite was <a>Lazy image distribution</a> by Akihiro Suda".
  // A line whose leading text is prose ("Nach der Pause ging es weiter mit „X“ von Jane Doe") names its
  // talks by quoted titles, even when a "von …" made the prose read like a byline.
  // "<a>Rawb Herb</a>’s <a>UI design talk</a> was …": a leading link followed by a possessive is whose talk it is, not its title.
  const ownerFirst = own.titleFrom === "markup" && entry.source === "line" && leadsWithPossessive(entry);
  if (
    (own.titleFrom !== "markup" || ownerFirst) &&
    (own.shape === "none" ? own.titleFrom === "sentence" || ownerFirst : own.item.links.length > 0)
  ) {
    const mentioned = talksMentioned(entry, baseUrl);
    if (
      mentioned.length > 0 &&
      (own.shape === "none" ||
        mentioned.length > 1 ||
        readsAsProse(own.item.title) ||
        ownerFirst ||
        mentioned.some((c) => c.titleFrom === "markup" && quotedTitle(c.item.links[0]?.label ?? "") !== undefined))
    )
      return mentioned;
  }
  // "La conférence <b>X</b> de Jane Doe était …": prose naming a talk by a bold or quoted title and who gave it.
  // It is read so too when the line's leading text, cut at "by" or "with", made a talk of a sentence that
  // speaks of the talk ("I loved the talk “X” by Jane Doe" is the talk X, not "I loved the talk “X”").
  if (
    entry.source === "line" &&
    own.titleFrom !== "markup" &&
    (own.shape === "none" || !own.item.links.some((l) => isMedia(l) || isTalkPage(l.url)))
  ) {
    const named = talksNamedInProse(entry);
    const aboutTalk =
      own.shape === "none" || TALK_IN_PROSE.test(own.item.title) || named.some((c) => own.item.title.includes(c.item.title));
    if (named.length > 0 && aboutTalk) return named;
  }
  // "- <a>Great recap on InfoQ</a>" among a talk's notes: someone's write-up of that talk.
  if (entry.source === "heading" && own.shape === "talk") return [own, ...writeUpsInNotes(entry, baseUrl)];
  // "<a>Qt GUIs with Rust</a> and <a>GStreamer & Rust</a> because …": two talks' pages joined in one item.
  const joined = own.shape === "talk" && entry.source !== "heading" ? joinedTalks(entry, own, baseUrl) : [];
  if (joined.length >= 2) return joined;
  if (entry.nested.length === 0) return splitArticles(own, entry, baseUrl);
  const children = entry.nested.flatMap((e) => toCandidates(e, baseUrl));
  // The item is the section of a nested list of talks, or a talk whose sub-bullets belong to it:
  // its video link, its speakers, a note ("1. **Title (CON203)** description" over "- [Video](…)").
  if (children.some((c) => c.shape !== "none")) return children;
  const withSubBullets: Entry = { ...entry, body: [...entry.body, ...entry.nested.map((e) => e.nodes)], nested: [] };
  return splitArticles(fromInline(withSubBullets, baseUrl), entry, baseUrl);
}

/**
 * Plain headings among talk headings. When at least three headings of one rank are talks and they
 * are at least as many as the plain ones of that rank, a plain one (not one of the
 * post's own parts, see `mayNameTalk`) is a talk too — recaps often give a talk without its slides or
 * speaker — if a talk follows it somewhere, or it links a page of its own (the speaker's, a gist). A
 * plain heading after the last talk with nothing linked is the post's closing ("See you in
 * Amsterdam"). Right under a track's heading a plain heading is a talk regardless. A plain heading
 * that stays plain is nothing, whatever it links. Two passes over the candidates, the second from the end.
 */
export function promotePeers(candidates: Candidate[]): Candidate[] {
  const talks = new Map<number, number>();
  const plain = new Map<number, number>();
  const bylined = new Map<number, number>();
  for (const c of candidates) {
    if (!c.peers) continue;
    // A heading whose note calls it a talk ("called") counts as a talk of its rank, as one with a recording does.
    const counts = c.peers.tentative === "called" ? talks : c.peers.tentative ? plain : c.shape === "talk" ? talks : undefined;
    counts?.set(c.peers.group, (counts.get(c.peers.group) ?? 0) + 1);
    if (!c.peers.tentative && c.shape === "talk" && c.item.speakers.length > 0)
      bylined.set(c.peers.group, (bylined.get(c.peers.group) ?? 0) + 1);
  }
  const out = [...candidates];
  let talkAfter = false;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    const tentative = c.peers?.tentative;
    if (!tentative) {
      talkAfter ||= c.shape === "talk";
      continue;
    }
    const group = c.peers!.group;
    const peers = talks.get(group) ?? 0;
    // Where every talk heading of the rank names its speakers, one naming nobody is the post's own
    // part ("🥂 Meet and greet"), not a talk given without its byline.
    const allBylined = (bylined.get(group) ?? 0) === peers && c.item.speakers.length === 0;
    const ownWord = tentative === "called";
    const amongPeers: boolean =
      peers >= 3 && peers >= (plain.get(group) ?? 0) && (talkAfter || ownWord || c.item.links.length > 0) && (ownWord || !allBylined);
    const promoted: boolean = (tentative === "track" || amongPeers) && isTitle(c.item.title) && !readsAsProse(c.item.title);
    out[i] = promoted ? { ...c, shape: "talk", item: { ...c.item, kind: "talk" } } : { ...c, shape: "none" };
    talkAfter ||= promoted;
  }
  return out;
}

/**
 * Talks a sentence names: a link to the talk's recording or schedule page, or a link whose text is a
 * title in quotation marks ("gave „Domain Storytelling“", "the talk “Lazy pulling”"), with who gave
 * it: "by" (or "von", "par", "por", "de", "door") after it — maybe after an apposition ("„X“, a talk
 * about Y, by Jane Doe") — or the names before it ("Jane Doe und Raj Patel erklärten in „X“",
 * "spoke Jane Doe about „X“"). A quoted title right after a word for a talk ("the keynote „X“",
 * "die Workshops „X“") is a talk without them. A link without its speakers is a link in a sentence.
 */
function talksMentioned(entry: Entry, baseUrl: string): Candidate[] {
  const found: Candidate[] = [];
  for (const anchor of elementsWhere((el) => el.name === "a", entry.nodes)) {
    const link = toRecapLink(anchor.attribs.href ?? "", textOf([anchor]), baseUrl);
    if (!link) continue;
    const quoted = quotedTitle(link.label);
    if (!(quoted !== undefined || isMedia(link) || isTalkPage(link.url)) || !isTitle(quoted ?? link.label)) continue;
    const after = cleanText((anchor.next && isText(anchor.next) ? anchor.next.data : "").slice(0, MAX_PARSED_TEXT));
    const before = cleanText((anchor.prev && isText(anchor.prev) ? anchor.prev.data : "").slice(-MAX_PARSED_TEXT));
    const by =
      BY_AFTER.exec(after)?.[1] ??
      (quoted !== undefined ? (BY_AFTER_APPOSITION.exec(after)?.[1] ?? RELATIVE_AFTER.exec(after)?.[1]) : undefined);
    const owner = ownRecording(link) ? possessiveOwner(anchor) : undefined;
    const written =
      (by ? namesOpening(by.split(MENTION_END)[0] ?? "") : undefined) ?? (quoted !== undefined ? namesClosing(before) : undefined);
    const byline = written ?? owner;
    if (!byline && !(quoted !== undefined && TALK_WORD_BEFORE.test(before))) continue;
    // "Chris Ridenour’s <a>Multiplayer Dome Keeper talk</a>": the words for the link are not the title's.
    const label = owner ? link.label.replace(/\s+talk(?:\s+here)?$/u, "") : link.label;
    const title = truncate(cleanText(quoted ?? label), 300);
    const item: RecapItem = { kind: "talk", title, speakers: [], organizations: [], ...byline, links: [link] };
    const section = trackNamedBefore(anchor) ?? entry.section;
    if (section) item.section = section;
    found.push({
      shape: "talk",
      item,
      source: entry.source,
      titleFrom: "markup",
      writeUps: entry.writeUps === true,
      ...(!written && owner ? { bylineByShape: true } : {}),
    });
  }
  return found;
}

/**
 * Talks a paragraph of prose names by a bold or quoted title, without linking them: "Si on devait
 * retenir une chose de la conférence **The Rise and Fall of Feature Teams** de Danny Preussler, …",
 * "the talk “Going on a Road Trip” by Jane Doe was …", "**Un Design System**, avec Jane Doe et Raj Patel,
 * nous présente …". The title must be followed by who gave it ("by", "de", "par", "von", "avec", "with"
 * and names), and the paragraph must speak of a talk before it (a word for one: "talk", "la
 * conférence", "Vortrag"): a bold phrase followed by a name is no talk in a paragraph about the venue.
 */
function talksNamedInProse(entry: Entry): Candidate[] {
  const found: Candidate[] = [];
  const consider = (title: string, before: string, after: string): void => {
    const name = cleanText(title);
    if (!isTitle(name) || name.split(/\s+/).length < 2 || readsAsProse(name)) return;
    // "During “Title”, Jane Doe and Raj Patel presented …": the quoted name of what happened, then who presented it.
    if (DURING_END.test(before) && /^\p{Lu}/u.test(name)) {
      const presenter = DURING_WHO.exec(cleanText(after.slice(0, MAX_PARSED_TEXT)));
      const byline = presenter ? namesOpening(presenter[1]!) : undefined;
      const last = byline?.speakers[byline.speakers.length - 1];
      if (byline && last && PRESENTS.test(presenter![1]!.slice(presenter![1]!.indexOf(last) + last.length))) {
        const item: RecapItem = { kind: "talk", title: truncate(name, 300), ...byline, links: [] };
        if (entry.section) item.section = entry.section;
        found.push({ shape: "talk", item, source: entry.source, titleFrom: "markup", writeUps: entry.writeUps === true });
        return;
      }
    }
    if (!TALK_IN_PROSE.test(before)) return;
    const by = PROSE_BY.exec(cleanText(after.slice(0, MAX_PARSED_TEXT)));
    const names = by ? (by[2]!.split(MENTION_END)[0] ?? "") : "";
    const byline = by ? namesOpening(names) : undefined;
    if (!byline) return;
    // "with Jane Doe and Raj Patel" is company, unless they present it: "…, avec Jane Doe et Raj Patel, nous présente …".
    if (/^(?:avec|with|mit|con)$/i.test(by![1]!)) {
      const last = byline.speakers[byline.speakers.length - 1] ?? "";
      const rest = by![2]!.slice(by![2]!.indexOf(last) + last.length).replace(/^\s*,/, "");
      if (!last || !PRESENTS.test(rest)) return;
    }
    const item: RecapItem = { kind: "talk", title: truncate(name, 300), ...byline, links: [] };
    if (entry.section) item.section = entry.section;
    found.push({ shape: "talk", item, source: entry.source, titleFrom: "markup", writeUps: entry.writeUps === true });
  };
  // Text runs in document order, each marked whether it is bold.
  const runs: { text: string; bold: boolean }[] = [];
  const walk = (nodes: AnyNode[], depth: number): void => {
    for (const node of nodes) {
      if (isText(node)) runs.push({ text: node.data, bold: false });
      else if (isTag(node) && depth < 8) {
        if (node.name === "strong" || node.name === "b") runs.push({ text: textOf([node]), bold: true });
        else walk(node.children, depth + 1);
      }
    }
  };
  walk(entry.nodes, 0);
  if (runs.length > 200) return [];
  // Where each run starts in the paragraph's text, so the text around one is a slice, not a join.
  const starts: number[] = [];
  let full = "";
  for (const run of runs) {
    starts.push(full.length);
    full += run.text;
  }
  const textBefore = (i: number) => full.slice(Math.max(0, starts[i]! - MAX_PARSED_TEXT), starts[i]);
  const textAfter = (i: number) => full.slice(starts[i]! + runs[i]!.text.length, starts[i]! + runs[i]!.text.length + MAX_PARSED_TEXT);
  runs.forEach((run, i) => {
    if (run.bold) return consider(run.text, textBefore(i), textAfter(i));
    for (const quote of run.text.slice(0, MAX_PARSED_TEXT).matchAll(PROSE_QUOTE)) {
      const at = quote.index ?? 0;
      consider(quote[1]!, textBefore(i) + run.text.slice(0, at), run.text.slice(at + quote[0].length) + textAfter(i));
    }
  });
  return found;
}

/** "During", "Pendant", "Während", "Durante" right before a quoted name: it names something that took place, not a book. */
const DURING_END = /(?:^|[\s(])(?:during|pendant|während|durante)\s*$/iu;
/** ", Jane Doe and Raj Patel presented …" right after the quoted name. */
const DURING_WHO = /^[\s”"»“]*,\s*(\p{Lu}.{2,200})/u;

/** “Title”, "Title", « Title », „Title“ in running text. */
const PROSE_QUOTE = /[“"«„]\s*([^“”"«»„\n]{3,200}?)\s*[”"»“]/gu;
/** A word for a talk somewhere before the title in the paragraph. */
const TALK_IN_PROSE =
  /(?<!\p{L})(?:talks?|keynotes?|sessions?|presentations?|conférences?|présentations?|vortrag|vorträge|vortrags|charlas?|ponencias?|palestras?)(?!\p{L})/iu;
/** Right after the title: "by", "de", "par", "von", "avec", "with" and who gave it. */
const PROSE_BY = new RegExp(String.raw`^[\s“”"»’]*,?\s*(by|von|par|por|de|door|di|av|af|avec|with|mit|con)\s+(.{3,200})`, "iu");

/** „Title“, “Title”, "Title", «Title», 「Title」: a link text in quotation marks is a name. The closing mark may be missing. */
function quotedTitle(label: string): string | undefined {
  const m = /^[„“”"«»‚‘「『]\s*(.+?)\s*[“”"»«‘’」』]?$/u.exec(label.trim());
  return m && /\p{L}/u.test(m[1]!) ? m[1] : undefined;
}

const BY = String.raw`(?:by|von|par|por|de|door|di|av|af)`;
/** "… by Jane Doe", "“ von Jane Doe": the names right after the link. */
const BY_AFTER = new RegExp(String.raw`^[\s“”"»’]*,?\s*${BY}\s+(.{3,200})`, "iu");
/** "„X“, a talk about Y and Z, by Jane Doe": an apposition between the title and its speakers. */
const BY_AFTER_APPOSITION = new RegExp(String.raw`^[\s“”"»’]*,\s*[^.!?]{3,200}?,\s*${BY}\s+(.{3,200})`, "iu");
/** "„X“, in dem Jane Doe erklärt …", "“X”, in which Jane Doe shows …": a relative clause naming who gave it. */
const RELATIVE_AFTER = /^[\s“”"»’]*,\s*(?:in (?:dem|der|which)|where|wo|où|dans (?:lequel|laquelle)|en (?:el|la) que)\s+(.{3,200})/iu;
const POSSESSIVE_AT_END = new RegExp(String.raw`${POSSESSIVE_TALK.source}\s*[,:]?\s*$`, "iu");
const PRONOUN_TALK_AT_END =
  /\b(?:his|her|their)\s+(?:own\s+)?(?:(?:opening|closing|lightning)\s+)?(?:talk|keynote|session|presentation|workshop)\s*[,:]?\s*$/i;

/** What a talk is called in several languages, right before its quoted title. */
const TALK_WORD_BEFORE =
  /\b(?:talks?|keynotes?|sessions?|workshops?|tutorials?|panels?|presentations?|vortrag|vorträge|vortrags|präsentation|conférences?|ateliers?|exposés?|charlas?|ponencias?|talleres?)\s*[:\-–—]?\s*$/iu;

/** The longest opening of `text` that is a byline: "Jane Doe und Raj Patel sowie …" → Jane Doe, Raj Patel. */
function namesOpening(text: string): Byline | undefined {
  const words = text.trim().split(/\s+/).slice(0, 14);
  for (let end = words.length; end >= 2; end--) {
    const byline = parseByline(trimEndOf(words.slice(0, end).join(" "), " ,"));
    if (byline) return byline;
  }
  return undefined;
}

/**
 * The people a clause names just before the quoted title, with at most four words between them
 * and it, the last a lowercase one (a verb or a preposition: "erklärten in", "spoke about", "gab
 * einen Einblick in", "nous a parlé de"). A capitalised word right after an article ("im Nebenraum", "the Operator") is
 * a noun, never the start of a name.
 */
function namesClosing(before: string): Byline | undefined {
  const clause = cleanText(before.split(/[.;:!?]\s/).pop() ?? "");
  const words = clause.split(" ").slice(-18);
  const last = words[words.length - 1] ?? "";
  if (!/^\p{Ll}/u.test(last)) return undefined;
  for (let gap = 1; gap <= 4 && gap < words.length; gap++) {
    const end = words.length - gap;
    for (let start = Math.max(0, end - 12); start <= end - 2; start++) {
      if (ARTICLES.has(words[start]!.toLowerCase()) || (start > 0 && ARTICLES.has(words[start - 1]!.toLowerCase()))) continue;
      const byline = parseByline(words.slice(start, end).join(" "));
      if (byline) return byline;
    }
  }
  return undefined;
}

/** Articles and article-carrying prepositions: the capitalised word after one is a noun. */
const ARTICLES = new Set(
  "the a an der die das dem den des ein eine einem einen einer eines im am zum zur vom beim ins le la les un une du au aux el los las lo il gli het een".split(
    " ",
  ),
);

/**
 * An item that opens with two or more links, each to a talk's schedule page or its own recording, with
 * nothing between them but "and", "&", "+" or a comma: each link is a talk, named by its text (the
 * note after them is said of both). A link to a project's site between them is no talk's, so no split.
 */
function joinedTalks(entry: Entry, own: Candidate, baseUrl: string): Candidate[] {
  const anchors = elementsWhere((el) => el.name === "a", entry.nodes);
  const leading: RecapLink[] = [];
  for (const [i, anchor] of anchors.entries()) {
    const link = toRecapLink(anchor.attribs.href ?? "", textOf([anchor]), baseUrl);
    if (!link || !(isTalkPage(link.url) || ownRecording(link)) || !isTitle(link.label) || isGenericLabel(link.label)) break;
    const gap = cleanText(i === 0 ? textBefore(anchor) : anchor.prev && isText(anchor.prev) ? anchor.prev.data : "x");
    if (i === 0 ? !/^[^\p{L}\p{N}]*$/u.test(gap) : !/^(?:and|&|\+|,|, and|et|und|y)$/iu.test(gap)) break;
    if (i > 0 && anchor.prev !== anchors[i - 1]!.next) break;
    leading.push(link);
  }
  if (leading.length < 2 || new Set(leading.map((l) => l.url)).size < leading.length) return [];
  return leading.map((link) => {
    const item: RecapItem = { kind: "talk", title: truncate(cleanText(link.label), 300), speakers: [], organizations: [], links: [link] };
    if (own.item.section) item.section = own.item.section;
    if (own.item.note) item.note = own.item.note;
    return { ...own, item, joined: `${own.item.title}\n${leading[0]!.url}` };
  });
}

/** A talk's own recording or deck, not a playlist or channel. */
function ownRecording(link: RecapLink): boolean {
  return isMedia(link) && !isPlaylist(link.url);
}

/** The text of the siblings before a node, nearest last, up to `max` characters. */
function textBefore(node: AnyNode, max = 200): string {
  let text = "";
  for (let n = node.prev; n && text.length < max; n = n.prev) text = (isText(n) ? n.data : isTag(n) ? textOf([n]) : "") + text;
  return text;
}

/** "’s ", "’s (Baja The Frog) ": a possessive right before a link, maybe with an aside in parentheses. */
const POSSESSIVE_BEFORE = /['’]s?\s+(?:\([^()]{1,60}\)\s*)?$/u;

/**
 * "Jane Doe’s <a>recording</a>", "<a>Jane Doe</a>’s <a>…</a>", "Chad Stewart’s (binarysolo) <a>…</a>",
 * "<a>badcop</a>’s <a>…</a>": who a linked recording belongs to, named right before it with a possessive —
 * a person's name, or a handle that links to its owner's page.
 */
function possessiveOwner(anchor: Element): Byline | undefined {
  const before = cleanText(textBefore(anchor).slice(-MAX_PARSED_TEXT));
  const possessive = POSSESSIVE_BEFORE.exec(`${before} `);
  if (!possessive) return undefined;
  const owner = before.slice(0, possessive.index);
  const named = namesEnding(owner.split(/[.;:!?]\s/).pop() ?? "");
  if (named) return named;
  // A one-word handle is a person's only as the text of a link of its own, right before the possessive.
  let n = anchor.prev;
  while (n && isText(n) && !/['’]/.test(n.data)) n = n.prev;
  const handleLink = n && isText(n) && /^['’]s?\s+(?:\(|$)/u.test(n.data) ? n.prev : undefined;
  const handle = handleLink && isTag(handleLink) && handleLink.name === "a" ? cleanText(textOf([handleLink])) : "";
  return /^[\p{L}\p{N}_.-]{2,30}$/u.test(handle) && /\p{L}/u.test(handle) ? { speakers: [handle], organizations: [] } : undefined;
}

/** A line that opens with a link and a possessive after it: "<a>Jane Doe</a>’s <a>Title</a> was …". */
function leadsWithPossessive(entry: Entry): boolean {
  const first = elementsWhere((el) => el.name === "a", entry.nodes)[0];
  const after = first?.next && isText(first.next) ? first.next.data : "";
  return first !== undefined && /^['’]s?\s/u.test(after) && cleanText(textBefore(first)) === "";
}

/** "In the **Containers** devroom … <a>talk</a>": the track a sentence names before the talk. */
function trackNamedBefore(anchor: Element): string | undefined {
  return anchor.prev ? (trackFrom(anchor.prev) ?? undefined) : undefined;
}

/**
 * The track named at `start` or by the nearest sibling before it (null: none), remembered for every
 * sibling walked: a paragraph of thousands of links would otherwise walk back over all the siblings
 * before each one, quadratic in the paragraph's length. The parsed DOM is not changed once read
 * (contentNodes removes its furniture first), so a sibling's answer stays right for the whole walk.
 */
const TRACK_BEFORE = new WeakMap<AnyNode, string | null>();
function trackFrom(start: AnyNode): string | null {
  const walked: AnyNode[] = [];
  let found: string | null = null;
  for (let node: AnyNode | null = start; node; node = node.prev) {
    const known = TRACK_BEFORE.get(node);
    if (known !== undefined) {
      found = known;
      break;
    }
    walked.push(node);
    if (!isTag(node) || (node.name !== "strong" && node.name !== "b")) continue;
    const after = node.next && isText(node.next) ? node.next.data : "";
    if (/^\s*(?:devroom|track|room|stage)\b/i.test(after)) {
      found = cleanText(textOf([node]));
      break;
    }
  }
  for (const node of walked) TRACK_BEFORE.set(node, found);
  return found;
}

/** Where the names after "by" end: a sentence's end (not an initial's period), "+", a clause. */
const MENTION_END = /(?<!\b\p{Lu})\.(?:\s|$)|[;:!?]|\s\+\s|,\s+(?=\p{Ll})|\s(?:were|was|is|are|which|who|in|at|on|as|with|about)\s/u;

/** "Other write-ups: <a>Alex's recap</a>, <a>Yuki's takeaways</a>": one article per linked post. */
function splitArticles(candidate: Candidate, entry: Entry, baseUrl: string): Candidate[] {
  if (candidate.shape !== "article") return [candidate];
  const { section } = candidate.item;
  // Under "Other recaps" every linked post counts; elsewhere each must call itself a recap.
  const listed = candidate.writeUps;
  // "<a>A devlog</a> by <a>Jane Doe</a>": the link after "by" is its author's page, not a post of its own.
  const authors = new Set(
    elementsWhere((el) => el.name === "a", entry.nodes)
      .filter((a) => /(?:^|\s)(?:by|von|par|por|de)\s*$/i.test(a.prev && isText(a.prev) ? a.prev.data : ""))
      .map((a) => toRecapLink(a.attribs.href ?? "", textOf([a]), baseUrl)?.url),
  );
  const posts = candidate.item.links.filter(
    (link) => link.kind === "other" && isTitle(link.label) && (listed || RECAP_WORDS.test(link.label)) && !authors.has(link.url),
  );
  if (posts.length < 2) return [candidate];
  return posts.map((link) => ({
    ...candidate,
    item: {
      kind: "article",
      title: articleTitle(link.label),
      speakers: [],
      organizations: [],
      links: [link],
      ...(section ? { section } : {}),
    },
  }));
}

function fromInline(entry: Entry, baseUrl: string): Candidate {
  const rendered = render(entry.nodes, baseUrl, entry.skip);
  const listed = listedParts(entry);
  if (listed) return candidate(listed, rendered.links, entry);
  // "🎙️ Jane Doe / Raj Patel<br><a>Slides</a>", "Speakers: …": a line saying who spoke belongs to the
  // talk named above it (a heading, a bold line); it names no talk of its own.
  if (isSpeakerLine(plain(rendered.raw)) && !talkAfterBullet(rendered))
    return candidate({ title: "", titleFrom: "text", note: "" }, rendered.links, entry);
  // "- <a>Notre cerveau est « null »! Quelques biais …</a>": an entry that is one link and nothing else is that link's name.
  const only = rendered.anchors.length === 1 ? rendered.anchors[0]! : undefined;
  const named = only !== undefined && plain(rendered.raw.slice(only.start, only.end)) === plain(rendered.raw);
  const parts = { ...leadingParts(rendered), ...(named ? { named } : {}) };
  if (entry.body.length === 0) return candidate(parts, rendered.links, entry);
  // A title line followed by its "Speakers: …" / "My take: …" lines.
  const links = render([...entry.nodes, ...entry.body.flat()], baseUrl, entry.skip).links;
  return candidate(withBody(parts, entry.body, baseUrl), links, entry);
}

/** The title (and byline) of an entry that is a talk by its list's or table's shape (shapes.ts). */
function listedParts(entry: Entry): Titled | undefined {
  const node = entry.nodes.length === 1 && isTag(entry.nodes[0]!) ? entry.nodes[0] : undefined;
  if (!entry.listed || !node || entry.body.length > 0) return undefined;
  if (entry.listed === "speakers-after-comma") {
    const parts = titleCommaSpeakers(textOf([node]), true);
    return parts && { ...parts, titleFrom: "text" };
  }
  if (entry.listed === "own-notes") return { title: textOf([node]), titleFrom: "markup", named: true, note: "" };
  const title = textBeforeLink(node);
  return title ? { title, titleFrom: "markup", note: "" } : undefined;
}

/**
 * "🎤 <a href=…/sessions/DEV303>Queues Without Tears</a>": after a microphone used as a bullet, one link to a
 * recording or a session page is the talk's name, however much it reads like a person's ("Queues Without Tears").
 */
function talkAfterBullet(r: Rendered): boolean {
  const line = plain(r.raw);
  const bullet = MICROPHONE.exec(line);
  if (!bullet || r.anchors.length !== 1) return false;
  const label = plain(r.raw.slice(r.anchors[0]!.start, r.anchors[0]!.end));
  const link = r.links.find((l) => l.label === label);
  return label === line.slice(bullet[0].length) && !!link && (isMedia(link) || isTalkPage(link.url));
}

/** Title first: a leading link, bold run, table cell or quotation; else the leading text up to a separator. */
function leadingParts(r: Rendered): Titled {
  // "Watch <a>Jane Doe’s</a> talk <a>Title</a>", "Jane Doe & Raj Patel’s talk, <a>Title</a>": the link after the possessive is the title.
  // "Jane Doe recommended it in her talk, <a>Title</a>": the sentence opens with who gave it.
  for (const span of r.anchors.slice(0, 4)) {
    const prefix = plain(r.raw.slice(0, span.start));
    const possessive = POSSESSIVE_AT_END.exec(prefix);
    const pronoun = possessive ? null : PRONOUN_TALK_AT_END.exec(prefix);
    const byline = possessive
      ? namesEnding(prefix.slice(0, possessive.index))
      : pronoun
        ? namesOpening(
            prefix
              .slice(0, pronoun.index)
              .split(/(?<=\p{L}{2}[.!?])\s+/u)
              .pop() ?? "",
          )
        : undefined;
    const title = plain(r.raw.slice(span.start, span.end));
    if (byline && title) return { title, titleFrom: "markup", byline, note: splitRest(dropMarks(r.raw.slice(span.end))).note };
  }
  const spans = [r.anchors[0], r.emphasis[0], r.cells[0]].filter((s): s is Span => !!s).sort((a, b) => a.start - b.start);
  // "**Jane Doe**, CTO at Acme presented <a>Title</a>": the span after "presented" is the title.
  const presented = spans.find((span) => PRESENTED.test(plain(r.raw.slice(0, span.start))));
  for (const span of presented ? [presented, ...spans.filter((s) => s !== presented)] : spans) {
    const prefix = plain(r.raw.slice(0, span.start));
    const title = plain(r.raw.slice(span.start, span.end));
    if (!title || isSpeakerLine(title)) continue;
    const rest = splitRest(dropMarks(r.raw.slice(span.end)));
    // "Jane Smith (Grafana Labs): <a>Title</a>": the speakers first.
    // … or "Jane Doe (Acme) - <a>Title</a>", or the names on a line of their own above the title.
    const before = r.raw.slice(0, span.start);
    // … or "Jane Doe, CTO at Acme presented <a>Title</a>".
    const presented = PRESENTED.exec(prefix);
    const speakersFirst =
      (/:$/.test(prefix) && !KIND_LABEL.test(prefix)) || /\s[-–—]$/.test(prefix) || /\n\s*$/.test(before) || presented !== null;
    const speakers =
      speakersFirst && prefix ? parseByline(trimEndOf(presented ? prefix.slice(0, presented.index) : prefix, " :–—-")) : undefined;
    if (speakers) return { title, titleFrom: "markup", byline: rest.byline ?? speakers, note: rest.note };
    // Allowed before the title: nothing, a bullet or emoji, a kind label like "Keynote:" / "Lightning
    // talk:", or a recommendation ("Watch <a>Title</a> by Jane Doe").
    // A schedule's time ("10:15 a.m. (40m)") counts as nothing too.
    if (
      prefix &&
      !/^[^\p{L}\p{N}]*$/u.test(prefix) &&
      !/^\p{L}+(?: \p{L}+)?:$/u.test(prefix) &&
      !RECOMMENDS.test(prefix) &&
      !SCHEDULE_TIME.test(prefix)
    )
      continue;
    const label = /:$/.test(prefix) ? `${prefix} ` : "";
    // "<a>Title - Jane Doe & Raj Patel, Acme</a>": a link named as schedules name talks carries
    // its byline after a dash — one that names an organization or several people, so "Argo CD - Scaling
    // Out" stays whole, and "CMP319: Coordinate Microservices, Build Apps" is no byline.
    const inLink = !rest.byline && r.anchors.includes(span) ? splitLeading(title) : undefined;
    const dashed = inLink !== undefined && /^\s*[—–|-]\s/.test(title.slice(inLink.title.length));
    if (dashed && inLink?.byline && (inLink.byline.organizations.length > 0 || inLink.byline.speakers.length > 1))
      return { title: label + inLink.title, titleFrom: "markup", byline: inLink.byline, note: rest.note };
    // "<a>Stefan Tilkov – Architektur 201x</a>": a link named speaker first, then a dash and the title.
    const first = !rest.byline && r.anchors.includes(span) ? speakerFirst(title) : undefined;
    if (first) return { title: label + first.title, titleFrom: "markup", byline: first.byline, note: rest.note };
    return { title: label + title, titleFrom: "markup", ...rest };
  }
  // "<a>video</a> — Jane Doe, Intuit": the title position holds only a link label, so there is no title.
  if (
    plain(r.raw, true)
      .replace(/^[^\p{L}\p{N}\uE000]+/u, "")
      .startsWith(MARK)
  )
    return { title: "", titleFrom: "text", note: "" };
  const text = plain(dropMarks(r.raw), true);
  const quoted = /^[“"‘]([^”"’]{3,300})[”"’]\s*(.*)$/.exec(text);
  if (quoted) return { title: quoted[1]!, titleFrom: "markup", ...splitRest(quoted[2]!) };
  const parts = splitLeading(text);
  // "Last week I watched a <a>talk about Argo CD</a>.": a link inside the leading text is a link in a sentence.
  const linkInside = r.anchors.some((span) => parts.title.includes(plain(r.raw.slice(span.start, span.end))));
  return { ...parts, titleFrom: linkInside ? "sentence" : "text" };
}

/**
 * "Stefan Tilkov – Architektur 201x", "Jane Doe (Acme) — Title": who spoke, a spaced en or em dash, then the talk's name.
 * Only when the part before the dash is a byline and the part after is not: "Apache TomEE – Jane Doe" reads the other way.
 */
function speakerFirst(text: string): { title: string; byline: Byline } | undefined {
  // Only an en or em dash: "Building AI-Ready Platforms - Symphony for …" is a title with a hyphen in it.
  const m = /^([^—–|]{3,80}?)\s+[—–]\s+(\S.*)$/u.exec(text);
  if (!m || /\s[—–]\s/.test(m[2]!)) return undefined;
  const byline = parseByline(m[1]!);
  if (!byline || parseByline(m[2]!) || !isTitle(m[2]!)) return undefined;
  return { title: m[2]!, byline };
}

function fromHeading(entry: Entry, baseUrl: string): Candidate {
  const links = render([...entry.nodes, ...entry.body.flat()], baseUrl).links;
  // "#1: Unlocking Backstage's Potential: …": the numbering is no part of the title, nor a label before a byline.
  // "##Title": a Markdown heading left as text by a missing space.
  const headText = plain(dropMarks(render(entry.nodes, baseUrl).raw), true)
    .replace(LIST_NUMBER, "")
    .replace(/^#{1,6}(?=\p{L})/u, "");
  // A heading splits only around a byline ("Title — Jane Doe, Intuit"); "Argo CD - Scaling Out" is one title.
  // A speaker line right under it says who gave the talk: then the heading is all title ("Get Started with Non-Code Contributions").
  const split = splitLeading(headText, true);
  const first = entry.body.find((block) => textOf(block) !== "");
  const parts: Parts = split.byline && !(first && namesSpeakers(textOf(first, MAX_PARSED_TEXT))) ? split : { title: headText, note: "" };
  const anchors = elementsWhere((el) => el.name === "a", entry.nodes);
  const named = anchors.length === 1 && textOf(anchors) === textOf(entry.nodes);
  const titled = withBody({ ...parts, titleFrom: "markup", named }, entry.body, baseUrl);
  // "Jane Doe from Acme showed …" right under a title of a post of such pairs: who gave the talk.
  const opening = entry.titled && first ? namesBeforeVerb(plain(dropMarks(render(first, baseUrl).raw), true), true)?.byline : undefined;
  // Who gave it, read only because the title is one of the post's title-and-speaker pairs: a line "Led by …", "Vorgestellt von …", "Présenté par …" (as a project's lead
  // is written too). A "Speaker: …" or "Presented by …" line names a talk's speakers anywhere.
  const pairOnly = entry.titled && first !== undefined && PAIR_ONLY_LEAD.test(cleanText(textOf(first)));
  const byline = titled.byline ?? opening ?? profileNameBeforeVerb(entry.body);
  const made = candidate({ ...titled, byline: pairOnly && byline ? byShape({ ...byline }) : byline }, links, entry);
  if (!entry.titled || made.shape !== "talk") return made;
  const ownMedia = render([...entry.nodes, ...entry.body.flat().filter((node) => !isList(node))], baseUrl).links.some(isMedia);
  return ownMedia ? made : { ...made, recordingInNotes: true };
}

/** Speaker lines read as such only under a title of a post of title-and-speaker pairs (`titlesWithSpeakers`). */
const PAIR_ONLY_LEAD =
  /^(?:(?:led|hosted|run) by\s|(?:vorgestellt|präsentiert|gehalten) von\s|présentée?s? par\s|(?:presentad[oa]s?|impartid[oa]s?) por\s|přednášel[ai]?\s|(?:přednášející|řeční(?:k|ci|ce))\s*:)/iu;

/**
 * Who gave the talk, from the first paragraph under its heading: a name linked to its owner's
 * profile (X, Bluesky, GitHub, LinkedIn, Mastodon) and followed by a verb ("<a href=…/janedoe>Jane
 * Doe</a> kicked off …", "Looking ahead, <a …>Jane Doe</a> shared …"), or a bold name after "from",
 * "by" or "with" ("a presentation from **Jane Doe**, *Advocate at Acme*, where she …").
 */
function profileNameBeforeVerb(blocks: AnyNode[][]): Byline | undefined {
  const first = blocks.find((block) => textOf(block) !== "");
  if (!first) return undefined;
  for (const el of elementsWhere((e) => e.name === "a" || e.name === "strong" || e.name === "b", first).slice(0, 4)) {
    const after = el.next && isText(el.next) ? el.next.data : "";
    const before = el.prev && isText(el.prev) ? el.prev.data.slice(-40) : "";
    const named =
      el.name === "a"
        ? isProfile(el.attribs.href ?? "") && /^\s+\p{Ll}/u.test(after) && !/^\s+(?:and|und|et|y|e|en)\s/u.test(after)
        : /\b(?:from|by|with|von|par|de|por)\s+$/i.test(before) && !/^\s*(?:and|und|et|y|&)\s/u.test(after);
    const byline = named ? parseByline(textOf([el])) : undefined;
    if (byline) return byline;
  }
  return undefined;
}

/**
 * List items under a talk's heading that only link someone's write-up, and say so ("great recap on
 * InfoQ", "Jane's takeaways"): articles, besides the talk.
 */
function writeUpsInNotes(entry: Entry, baseUrl: string): Candidate[] {
  const found: Candidate[] = [];
  for (const li of elementsWhere((el) => el.name === "li", entry.body.flat())) {
    const { links } = render([li], baseUrl);
    const link = links.length === 1 ? links[0]! : undefined;
    if (!link || link.kind !== "other" || !isPostLink(link) || !(RECAP_WORDS.test(link.label) || WRITE_UPS.test(link.label))) continue;
    const item: RecapItem = { kind: "article", title: articleTitle(link.label), speakers: [], organizations: [], links: [link] };
    if (entry.section) item.section = entry.section;
    found.push({ shape: "article", item, source: "list", titleFrom: "markup", writeUps: false });
  }
  return found;
}

/** A link that can be someone's post: a page below a site's root that is not a person's profile. */
function isPostLink(link: RecapLink): boolean {
  const url = parseHttp(link.url);
  return !!url && url.pathname.replace(/\/+$/, "") !== "" && !isProfile(link.url);
}

/** A person's page on a social network or code host: twitter.com/jdoe, bsky.app/profile/…, github.com/jdoe, linkedin.com/in/…, …/@jdoe. */
function isProfile(href: string): boolean {
  const url = parseHttp(href);
  if (!url) return false;
  const host = url.hostname.toLowerCase().replace(/^(?:www|mobile)\./, "");
  const path = url.pathname.replace(/\/$/, "");
  if (host === "twitter.com" || host === "x.com" || host === "github.com") return /^\/[\w.-]{1,39}$/.test(path);
  if (host === "bsky.app") return /^\/profile\/[^/]+$/.test(path);
  if (host === "linkedin.com") return /^\/in\/[^/]+$/.test(path);
  return /^\/@[\w.-]+$/.test(path);
}

/** The blocks after a title (a talk heading's paragraphs, a title line's `<br>` lines): the first speaker line is the byline, the rest the note. */
function withBody(parts: Titled, body: AnyNode[][], baseUrl: string): Titled {
  let byline = parts.byline;
  const notes: string[] = [parts.note];
  for (const block of body) {
    const raw = dropMarks(render(block, baseUrl).raw);
    const text = plain(raw, true);
    if (!text || isGenericLabel(text.replace(/\bon youtube\b/i, ""))) continue;
    // "🎙️ Jane Doe et Raj Patel<br>📝 <a>Abstract</a> / <a>Slides</a>": a speaker line of its own
    // inside the block is the byline; the lines after it are notes.
    const [first, ...more] = raw
      .split("\n")
      .map((line) => plain(line, true))
      .filter(Boolean);
    const ownLine = !byline && more.length > 0 && first !== undefined && isSpeakerLine(first) ? splitRest(first) : undefined;
    if (ownLine?.byline) {
      byline = ownLine.byline;
      notes.push(ownLine.note, more.join(" "));
      continue;
    }
    // "For a demo, see Jane Doe’s talk here:" under a talk's heading names its speaker.
    const possessive = !byline && text.length <= 300 ? POSSESSIVE_TALK.exec(text) : null;
    const possessed = possessive ? namesEnding(text.slice(0, possessive.index)) : undefined;
    if (possessed) {
      byline = possessed;
      notes.push(text);
      continue;
    }
    const thisTalkBy = !byline ? THIS_TALK_BY.exec(text) : null;
    const namedBy = thisTalkBy ? splitRest(text.slice(thisTalkBy[0].length)) : undefined;
    if (namedBy?.byline) {
      byline = namedBy.byline;
      notes.push(text);
      continue;
    }
    const speakerLine = isSpeakerLine(text) || (!byline && notes.length === 1 && text.length <= 120 && !/\.$/.test(text));
    const rest = speakerLine && !byline ? splitRest(text) : undefined;
    if (rest?.byline) {
      byline = rest.byline;
      notes.push(rest.note);
    } else notes.push(text.replace(NOTE_LABEL, ""));
  }
  return { ...parts, byline, note: notes.join(" ") };
}

function candidate(parts: Titled, links: RecapLink[], entry: Entry): Candidate {
  const written = cleanText(trimEndOf(parts.title.slice(0, MAX_PARSED_TEXT), " \t\n\r:–—|-,"))
    .replace(LIST_NUMBER, "")
    .replace(ROOM_TAG, "");
  const { title, code } = splitSessionCode(truncate(written, 300));
  const base: RecapItem = { kind: "talk", title, speakers: [], organizations: [], links, ...(code ? { code } : {}) };
  if (entry.section) base.section = entry.section;
  const item = withNote(base, parts.note);
  const shape = shapeOf(item, parts, entry);
  const fromNote = shape === "talk" && !people(parts.byline, title) ? speakersLeadingNote(item.note) : undefined;
  const byline =
    people(parts.byline, title) ?? (shape === "talk" ? (people(fromNote, title) ?? people(bylineOfRecording(links), title)) : undefined);
  if (shape === "talk" && byline) Object.assign(item, byline satisfies Byline);
  // Names before a story verb in the note, or read by a title-and-speaker pair only (`fromHeading`).
  const bylineByShape =
    shape === "talk" &&
    byline !== undefined &&
    (parts.byline ? BY_SHAPE.has(parts.byline) : fromNote !== undefined && BY_SHAPE.has(fromNote));
  if (shape === "article") {
    item.kind = "article";
    delete item.code;
    // "Also worth reading: <a>Five takeaways from …</a>": the linked post's own name is the title.
    const label = links.find((l) => l.kind === "other" && isTitle(l.label) && !isProfile(l.url))?.label;
    item.title = articleTitle(label ?? item.title);
  }
  return {
    shape,
    item,
    source: entry.source,
    titleFrom: parts.titleFrom,
    writeUps: entry.writeUps === true,
    ...(entry.peers ? { peers: entry.peers } : {}),
    ...(entry.listed ? { listed: true } : {}),
    ...(bylineByShape ? { bylineByShape: true } : {}),
  };
}

/** A byline's speakers that are people (isSpeakerName against the talk's title); none left, no byline. */
export function people(byline: Byline | undefined, title: string): Byline | undefined {
  if (!byline) return undefined;
  const speakers = byline.speakers.filter((name) => isSpeakerName(name, title));
  if (speakers.length === 0) return undefined;
  return speakers.length === byline.speakers.length ? byline : { ...byline, speakers };
}

function shapeOf(item: RecapItem, parts: Titled, entry: Entry): Candidate["shape"] {
  if (!isTitle(item.title)) return "none";
  // A talk by the shape of its list or table (shapes.ts), which has judged its title already.
  if (entry.listed && parts.titleFrom !== "sentence") return "talk";
  const media = item.links.some(isMedia);
  // Among write-ups only a talk's own recording, slides or schedule page make a talk: what follows
  // "Title | " or "Title - " there names the publication, not a speaker.
  if (entry.writeUps && !media && !item.links.some((l) => isTalkPage(l.url)))
    return item.links.some((l) => !isProfile(l.url)) ? "article" : "none";
  // A video among write-ups that names no speaker nor session and does not call itself a talk ("Interviews with
  // every developer", not "Watch DHH’s Keynote"), or calls itself a recap ("My GodotCon Recap by Jane Doe"), is
  // someone's video write-up: an article.
  if (
    entry.writeUps &&
    (!parts.byline || RECAP_WORDS.test(item.title)) &&
    !item.code &&
    !TALK_IN_PROSE.test(item.title) &&
    !item.links.some((l) => isTalkPage(l.url) || l.kind === "slides")
  )
    return readsAsProse(item.title) || parts.titleFrom === "sentence" ? "none" : "article";
  // A conference's session code ("GAM307: …", "… (CON203)") names a talk however the entry links it.
  if (media || parts.byline || item.code || item.links.some((l) => isTalkPage(l.url))) {
    // A sentence that links a video, or "Step 3: watch the demo video", is prose about a link, not a talk.
    return parts.titleFrom === "sentence" || readsAsProse(item.title, parts.named === true) ? "none" : "talk";
  }
  // A sentence that mentions a takeaway and links something ("the top takeaways … <a>bringing a baby
  // to a conference</a>") is prose, not someone's write-up; "Other great write-ups: <a>…</a>" lists them.
  const prose = parts.titleFrom === "sentence" && !WRITE_UPS.test(item.title);
  // Outside a list of write-ups the link must lead to a post: not a person's profile, not a site's home page.
  if (item.links.some(isPostLink) && !prose && RECAP_WORDS.test(`${item.title} ${item.note ?? ""}`)) return "article";
  return "none";
}

/**
 * "Luke Wagner (Fastly) walked through …", "Abby Bangser from Syntasso & Whitney Lee from VMware
 * highlight …": a note that opens with who gave the talk — names with their organizations, then a
 * lowercase word. Names alone are not enough there ("Argo Rollouts makes …" opens with a project).
 */
function speakersLeadingNote(note: string | undefined): Byline | undefined {
  if (!note) return undefined;
  const withOrg = namesBeforeVerb(note, true)?.byline;
  if (withOrg) return withOrg;
  // "Lætitia Avrot présente …", "Loïc Ortola et Mathilde Lorrain ont présenté …": names alone, then a verb of presenting
  // (a project's name is followed by other verbs: "Argo Rollouts makes …").
  const named = namesBeforeVerb(note);
  if (named && PRESENTS.test(note.slice(named.end))) return named.byline;
  return speakersAfterTalkWord(note) ?? speakersInNoteSentence(note);
}

/**
 * Who gave the talk, named in a later sentence of the note under its title, as wrap-ups write it:
 * "… John Collier from Red Hat walks through …", "Spotify's Stanley Nicholl shares …", "This panel —
 * featuring Jane Doe (Acme), Raj Patel (Initech) — brings …". The names must open their sentence
 * (after an organization's possessive) and be followed by a verb of presenting, or follow
 * "featuring" between dashes: a sentence that only mentions someone names no speaker.
 */
function speakersInNoteSentence(note: string): Byline | undefined {
  const sentences = note
    .slice(0, MAX_PARSED_TEXT)
    .split(/(?<=\p{L}{2}[.!?)])\s+(?=\p{Lu})/u)
    .slice(0, 4);
  for (const [i, written] of sentences.entries()) {
    const featuring = FEATURING.exec(written);
    const listed = featuring ? parseByline(featuring[1]!) : undefined;
    if (listed) return listed;
    // "In this keynote, Oliver Beattie runs us through …": the talk, then who gave it.
    const sentence = written.replace(THIS_TALK_LEAD, "");
    // "Spotify's Stanley Nicholl shares …": the organization's possessive before the name.
    const possessive = ORG_POSSESSIVE.exec(sentence);
    const rest = possessive ? sentence.slice(possessive[0].length) : sentence;
    const named = namesBeforeVerb(rest, !possessive);
    if (named && tells(rest.slice(named.end))) {
      const story = !PRESENTS.test(rest.slice(named.end));
      const found =
        possessive && named.byline.organizations.length === 0
          ? { speakers: named.byline.speakers, organizations: [possessive[1]!] }
          : named.byline;
      if (!possessive || named.byline.organizations.length === 0) return story ? byShape({ ...found }) : found;
    }
    // In the first two sentences, names alone will do before a verb of telling the talk ("Tim Allclair dives
    // deep into …") — at the sentence's start or after a clause leading to them ("Encore de l’IA, Kim-Adeline Miguel et Sandra
    // Parlant ont présenté …").
    const nearTalk = i < 2;
    if (nearTalk && !possessive) {
      for (const start of [0, ...[...sentence.matchAll(/,\s+(?=\p{Lu})/gu)].map((m) => m.index + m[0].length)].slice(0, 4)) {
        const clause = sentence.slice(start);
        const alone = namesBeforeVerb(clause);
        if (alone && tells(clause.slice(alone.end)))
          return PRESENTS.test(clause.slice(alone.end)) ? alone.byline : byShape({ ...alone.byline });
      }
    }
    const told = i < 2 ? speakerInSentence(sentence) : undefined;
    if (told) return told;
  }
  return undefined;
}

/**
 * Who gave the talk, named inside one of the first sentences of the note under its linked title:
 * "… goes to Thomas Graf, who shows how …" (a name, then "who" and a verb of presenting), or "… were
 * drawn to Dave Cheney's talk" (a name's possessive before a word for a talk).
 */
function speakerInSentence(sentence: string): Byline | undefined {
  for (const who of sentence.matchAll(/,\s+who(?=\s)/gu)) {
    const verb = sentence.slice(who.index + who[0].length);
    if (!tells(verb)) continue;
    const byline = namesEnding(sentence.slice(0, who.index));
    if (byline) return PRESENTS.test(verb) ? byline : byShape({ ...byline });
  }
  const possessive = POSSESSIVE_TALK.exec(sentence);
  return possessive ? namesEnding(sentence.slice(0, possessive.index)) : undefined;
}

/** "In this keynote, ", "During the talk, ": a sentence's opening that speaks of the talk before naming who gave it. */
const THIS_TALK_LEAD =
  /^(?:in|during)\s+(?:this|that|the|his|her|their)\s+(?:(?:opening|closing|lightning)\s+)?(?:talk|keynote|session|presentation|panel|workshop|demo),?\s+(?=\p{Lu})/iu;

const FEATURING = /(?:^|\s)featuring\s+([^—–]{3,240}?)\s+[—–]\s/u;
const ORG_POSSESSIVE = /^(\p{Lu}[\p{L}\p{N}&.-]*(?: \p{Lu}[\p{L}\p{N}&.-]*){0,2})['’]s\s+(?=\p{Lu})/u;

/** What someone does on stage, right after their name, in the languages recaps are written in. */
const PRESENTS =
  /^\s+(?:(?:a|ont|hat|haben|has|have)\s+)?(?:present(?:s|ed)?|présent(?:e|ent|é)|explain(?:s|ed)?|expliqu(?:e|ent|é)|show(?:s|ed)|montr(?:e|ent|é)|demo(?:s|ed)|walk(?:s|ed) (?:us )?through|shar(?:es|ed)|discuss(?:es|ed)|introduc(?:es|ed)|cover(?:s|ed)|fait|font|nous (?:parle|explique|présente|montre)|zeigt|zeigen|erklärt|erklären|präsentiert|presenta|explica|muestra)(?!\p{L})/iu;

/**
 * Right after a name: a verb of presenting, or one recaps use for telling a story on stage ("Tim
 * Allclair dives deep into …", "Oliver Beattie runs us through …", "Sarah Wells told one of the best …").
 */
function tells(text: string): boolean {
  return PRESENTS.test(text) || STORY_VERB.test(text);
}

const STORY_VERB =
  /^\s+(?:(?:dives?|dived|dove)(?: deep)? into|(?:runs?|ran|takes?|took|walks?|walked|guides?|guided) (?:us|you|the audience) through|(?:tells?|told) (?!(?:me|us|him|her|them)\b)|(?:goes|went) (?:through|over)|(?:explores?|explored|describes?|described|demonstrates?|demonstrated|unpacks?|unpacked|breaks? down|broke down)(?!\p{L}))/iu;

/**
 * "Excellent talk d'Olivier Poncet sur …", "Un chouette REX de David Pilato", "La keynote d'ouverture … de Luc Julia": a word
 * for the talk, then later in the same sentence "de", "d'", "par", "by", "von" or "por" and who gave it.
 */
function speakersAfterTalkWord(note: string): Byline | undefined {
  const talkWord = /(?<!\p{L})(?:talks?|keynotes?|rex|conférences?|présentations?|sessions?|vortrag|charlas?|ponencias?)(?!\p{L})/iu.exec(
    note.slice(0, MAX_PARSED_TEXT),
  );
  if (!talkWord) return undefined;
  const sentence = note.slice(talkWord.index).split(/[.!?](?:\s|$)/u)[0] ?? "";
  for (const by of sentence.matchAll(/(?:^|\s)(?:de|par|by|von|por)\s+|(?:^|\s)d['’](?=\p{Lu})/giu)) {
    const byline = namesOpening(sentence.slice(by.index + by[0].length));
    if (byline) return byline;
  }
  return undefined;
}

/** A recording named "Title - Jane Doe & Raj Patel" (YouTube's own titles are often that) names the speakers. */
function bylineOfRecording(links: RecapLink[]): Byline | undefined {
  for (const link of links) {
    if (link.kind !== "video" || !link.label) continue;
    const byline = splitLeading(cleanText(link.label.slice(0, MAX_PARSED_TEXT))).byline;
    if (byline) return byline;
  }
  return undefined;
}

/** "… presented", "… gave a talk on": the people before it gave the talk named after it. */
const PRESENTED =
  /\s+(?:presented|presents|gave|delivered|talked about|spoke about|spoke on|explained|showed|introduced|discussed)(?:\s+(?:a|an|the|their|his|her)\s+(?:talk|keynote|session|presentation))?(?:\s+(?:on|about|titled|called))?(?:\s+the)?:?$/i;

/** "Watch", "Don't miss", "Check out": the author recommending the talk named next. */
const RECOMMENDS = /^(?:[^\p{L}\p{N}]*)(?:watch|see|check out|don[’']t miss|must[- ]watch|also watch|recommended)\s*:?$/iu;

/** What a talk is, written before its title ("Keynote: …"): never a speaker's name. */
const KIND_LABEL =
  /^(?:(?:opening|closing) )?(?:keynotes?|panels?|lightning talks?|fireside chats?|workshops?|tutorials?|demos?|talks?|sessions?|birds of a feather|bof|ama)\s*:$/i;

/**
 * A session code as conferences print them (re:Invent's "CON203", "SVS401-R1", AWS Summits'
 * "DEV301"): letters then three digits, in parentheses or brackets after the title, or before it
 * with a separator ("CON203 - Title", "CON203: Title"). Taken out of the title and kept apart.
 */
const CODE = "([A-Z]{2,5}\\d{3}(?:-[A-Z]{1,2}\\d?)?)";
const TRAILING_CODE = new RegExp(`^(.+?)\\s*[(\\[]${CODE}[)\\]]$`, "u");
const LEADING_CODE = new RegExp(`^${CODE}\\s*(?:[-–—:|]\\s*)(\\S.*)$`, "u");

export function splitSessionCode(title: string): { title: string; code?: string } {
  const trailing = TRAILING_CODE.exec(title);
  if (trailing) return { title: trailing[1]!, code: trailing[2]! };
  const leading = LEADING_CODE.exec(title);
  if (leading) return { title: leading[2]!, code: leading[1]! };
  return { title };
}

/**
 * "[K6] Title", "[Hall A] Title", "[EN] Title": a short bracketed tag before the title says where (a room,
 * a stage) or in what language the talk was given; it is not part of its name, and names no event.
 */
export const ROOM_TAG = /^\[[^[\]]{1,16}\]\s+(?=\S)/u;

/** "1. ", "#3 ", "2) ", "#1: ": a top-N list's numbering, not part of the talk's title. */
export const LIST_NUMBER = /^(?:#?\d{1,3}[.)]\s+|#\d{1,3}:?\s+)(?=\p{L})/u;

/**
 * A linked post's title without the site it appeared on: "KubeCon from the booth | The Acme
 * Engineering Blog" → "KubeCon from the booth". A pipe almost always separates a page's title from
 * its site; a dash only when what follows names a publication.
 */
function articleTitle(label: string): string {
  const text = cleanText(label.slice(0, MAX_PARSED_TEXT));
  const pipe = text.lastIndexOf(" | ");
  if (pipe > 0) return truncate(text.slice(0, pipe), 300);
  const dash = /^(.{3,}?)\s+[—–-]\s+([^—–]{2,60})$/u.exec(text);
  if (dash && PUBLICATION.test(dash[2]!)) return truncate(dash[1]!, 300);
  return truncate(text, 300);
}

const PUBLICATION =
  /\b(?:blog|news|journal|magazine|weekly|digest|notes|medium|dev\.to|hashnode|substack|engineering|insights|newsroom)\b|\.\w{2,6}$/i;

/** A title has words in it, and is not what a link is ("video", "slides") or a bare URL. */
function isTitle(title: string): boolean {
  return (
    (title.match(/\p{L}/gu)?.length ?? 0) >= 3 &&
    !isGenericLabel(title) &&
    !isDayOrDate(title) &&
    !THIS_TALK.test(title) &&
    !ASIDE_LABEL.test(title)
  );
}

/** "Note: Jane Doe from Acme wrote the defaults": a label of an aside names no talk. */
const ASIDE_LABEL = /^\s*(?:notes?|tips?|warning|caution|important|hint|info|update|edit|todo|p\.?s\.?|n\.?b\.?)\s*$/i;

/** "This session", "The talk was given": a reference to the talk named elsewhere, never a talk's name. */
const THIS_TALK =
  /^(?:this|that|the|our|my)\s+(?:talk|session|keynote|presentation|workshop|panel|lightning talk)(?:\s+(?:was|is))?(?:\s+(?:given|presented|delivered|led|hosted))?$/i;

/** "This session by AJ Stuyvenberg, was about …", "The talk was given by Jane Doe": a note naming who gave the talk. */
const THIS_TALK_BY =
  /^(?:this|the|that)\s+(?:talk|session|keynote|presentation|workshop|panel)\s+(?:(?:was|is)\s+)?(?:(?:given|presented|delivered|led|hosted)\s+)?(?=by\s)/i;

/** "My take:", "Takeaway:", "TL;DR:": the label of the author's note, not part of it. */
export const NOTE_LABEL = /^(?:(?:my |key )?takeaways?|(?:my )?take|tl;?dr|why it matters|notes?|comment)\s*:\s*/i;

function withNote(item: RecapItem, note: string): RecapItem {
  const text = cleanText(note).replace(NOTE_LABEL, "");
  const { note: _old, ...rest } = item;
  return text ? { ...rest, note: truncate(text, 500) } : rest;
}

/**
 * Generic media anchors out of the text, with the brackets and separators that only held them.
 * The text is a post's (untrusted, up to an entry's 8,000 characters): every whitespace run is
 * made one character first and separators never match a MARK, so no pattern below can backtrack
 * over long runs (a run of spaces or of anchors took seconds per entry with looser patterns).
 */
export function dropMarks(input: string): string {
  if (!input.includes(MARK)) return input;
  const text = input.slice(0, MAX_MARKED_TEXT).replace(/\s+/g, (run) => (run.includes("\n") ? "\n" : " "));
  return text
    .replace(BRACKETED_MARKS, " ")
    .replace(LABELLED_MARK, MARK)
    .replace(MARK_RUN, " ")
    .replace(/\s+([.,;:])/g, "$1");
}

const MAX_MARKED_TEXT = 4 * MAX_PARSED_TEXT;
const SEPARATOR = `(?:[\\s,;|/&+·•—–-]|\\band\\b|\\bor\\b)`;
/** "(video — slides)", "[Video]": brackets holding nothing but media anchors. */
const BRACKETED_MARKS = new RegExp(`[(\\[]${SEPARATOR}*(?:${MARK}${SEPARATOR}*)+[)\\]]`, "g");
/** "Video: <a>…</a>": the label goes with its anchor. */
const LABELLED_MARK = new RegExp(`\\b(?:videos?|slides|recording|watch|deck)\\s?:\\s?${MARK}`, "gi");
/** "— <a>video</a>, <a>slides</a>": anchors with the separators before them. */
const MARK_RUN = new RegExp(`(?:\\s?[,;|/&·•—–-]?\\s?${MARK})+`, "g");

/** Collapsed text; with `keepMarks` false, any MARK left is dropped too. */
function plain(raw: string, keepMarks = false): string {
  const collapsed = raw.replace(/\s+/g, " ").trim();
  return keepMarks ? collapsed : cleanText(collapsed);
}
