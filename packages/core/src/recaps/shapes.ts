/**
 * Lists and tables whose items carry no evidence of their own (no recording, no session page), but
 * whose shape as a whole says they list talks. Each rule judges the whole list or table, never
 * one item: a single "Title, Jane Doe" line proves nothing, a list where most lines read so does.
 */
import { isTag, type AnyNode, type Element } from "domhandler";
import { afterComma, isJobTitle, isName, type Parts } from "./byline";
import { cleanText, elementsWhere, isList, LEADING_TIME, MAX_PARSED_TEXT, SCHEDULE_TIME, textOf } from "./dom";
import { parseHttp } from "./links";
import { render } from "./render";
import { readsAsProse } from "./titles";

/** A list needs this many items of the shape, and they must be most of it. */
const MIN_ITEMS = 3;
const SHARE = 2 / 3;

/** Words for talks and their speakers, in the languages recaps are written in. */
const TALK_WORDS =
  /(?<!\p{L})(?:talks?|sessions?|keynotes?|presentations?|lectures?|speakers?|charlas?|ponencias?|ponentes?|conférences?|présentations?|exposés?|intervenants?|vorträge?|vortrag|referenten?|palestras?|interventi)(?!\p{L})|セッション|講演|発表|トーク|登壇|발표|세션|演讲|讲座/iu;

/** Whether a sentence or heading speaks of talks ("Las charlas, como siempre, sublimes", "Talks I attended"). */
export function speaksOfTalks(text: string): boolean {
  return TALK_WORDS.test(text.slice(0, MAX_PARSED_TEXT));
}

/**
 * Whether the block right above a list, or the heading over it, introduces talks: the talk word heads
 * what is said ("Talks:", "The talks I caught on Saturday:", "Las charlas, como siempre, sublimes",
 * "Here are the sessions I attended:") or names the part ("Charlas", "Day 1 talks"). A mere mention
 * does not: "After my talk last month …", "We host tech talks every Friday", "Habrá charlas y clases
 * prácticas:" (talks beside something else, not talks alone).
 */
export function introducesTalks(before: string, heading: string): boolean {
  const head = cleanText(heading.slice(0, MAX_PARSED_TEXT));
  if (head) {
    const words = tokens(head);
    const at = words.findIndex(isTalkWord);
    if (leadsWithTalks(words) || (words.length <= 6 && at >= words.length - 2 && at >= 0 && !coordinated(words, at))) return true;
    if (CJK_TALK.test(head)) return true;
  }
  const block = cleanText(before.slice(0, MAX_PARSED_TEXT));
  if (!block) return false;
  const sentences = block.split(/(?<=[.!?。！？])\s+/u).filter((x) => x.trim() !== "");
  const first = sentences[0] ?? "";
  const last = sentences[sentences.length - 1] ?? "";
  if (CJK_TALK.test(last)) return true;
  if (leadsWithTalks(tokens(first)) || leadsWithTalks(tokens(last))) return true;
  // "Here are the talks I attended:", "I went to these sessions:": a sentence ending in a colon, its talks named as such.
  if (!/:\s*$/.test(last)) return false;
  const words = tokens(last);
  const short = words.length <= 5;
  return words.some((w, i) => isTalkWord(w) && (short || (i > 0 && LEAD_WORD.test(words[i - 1]!))) && !coordinated(words, i));
}

const tokens = (text: string): string[] =>
  text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w !== "");
const isTalkWord = (word: string): boolean => TALK_WORDS.test(word);

/** "Talks", "The talks …", "Las charlas …", "My favourite sessions …": the sentence opens with the talks, a few small words before. */
function leadsWithTalks(words: string[]): boolean {
  const at = words.findIndex(isTalkWord);
  return at >= 0 && at <= 3 && words.slice(0, at).every((w) => LEAD_WORD.test(w)) && !coordinated(words, at);
}

/** "charlas y clases", "talks and drinks": talks beside something that is not a session. "Talks and workshops" are both sessions. */
function coordinated(words: string[], at: number): boolean {
  const next = words[at + 1];
  const other = words[at + 2];
  return (
    next !== undefined &&
    /^(?:and|y|e|et|und|&|or|o|ou|oder)$/i.test(next) &&
    (other === undefined || !(isTalkWord(other) || SESSION_KIND.test(other)))
  );
}

/** Determiners, possessives, quantifiers and a few adjectives that may come before the talk word it opens with. */
const LEAD_WORD =
  /^(?:the|these|those|some|all|few|many|several|other|more|my|our|their|favou?rite|best|top|great|interesting|notable|selected|following|remaining|first|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|of|main|las|los|mis|nuestras|nuestros|algunas|algunos|otras|otros|estas|estos|mejores|les|mes|nos|ces|quelques|autres|meilleures?|die|diese|meine|unsere|einige|andere|besten|as|os|minhas|meus|algumas|alguns|outras|outros|gli|le|alcuni|alcune|miei|mie|nostri|nostre)$/iu;
/** Kinds of sessions a post may name beside talks ("talks and workshops"). */
const SESSION_KIND =
  /^(?:workshops?|talleres?|taller|ateliers?|panels?|paneles|demos?|tutorials?|labs?|lightning|keynotes?|workshops|bofs?|meetups?)$/iu;
const CJK_TALK = /セッション|講演|発表|トーク|登壇|발표|세션|演讲|讲座/u;

const items = (list: Element): Element[] => list.children.filter((c): c is Element => isTag(c) && c.name === "li");

/**
 * "Better async code with Python 3, Anton Caceres": a link-less item that ends in ", " and the
 * names of people (two or three words each, "y"/"and" between two of them), after a title that is
 * not itself a name ("New York, United States" — unless the list is known to list talks), a job title ("Head of Platform, Jane Doe") nor a sentence.
 */
export function titleCommaSpeakers(text: string, inTalkList = false): Parts | undefined {
  const line = cleanText(text.slice(0, MAX_PARSED_TEXT));
  if (line.length > 300) return undefined;
  const parts = afterComma(line, 1);
  if (!parts?.byline || parts.byline.organizations.length > 0) return undefined;
  const title = parts.title.trim();
  if (
    (title.match(/\p{L}/gu)?.length ?? 0) < 3 ||
    (!inTalkList && isName(title)) ||
    isJobTitle(title) ||
    readsAsProse(title) ||
    /[.;]$/.test(title)
  )
    return undefined;
  return { ...parts, title };
}

/**
 * A list of talks with their speakers, written plainly: most of its items (three or more) are
 * "Title, Speaker Name(s)" without links, and the sentence or heading right above it speaks of talks
 * ("The talks were great:", "Charlas"; see `introducesTalks`). A list of places ("Paris, France"), tools ("Node, 20.1") or
 * people by role reads otherwise; a reading list ("Title, Author") is not introduced as talks.
 * Returns the items read so.
 */
export function itemsWithSpeakers(list: Element, before: string, heading: string, baseUrl: string): Set<Element> {
  const found = new Set<Element>();
  if (!introducesTalks(before, heading)) return found;
  const all = items(list);
  const plain = all.filter((li) => !li.children.some(isList) && render([li], baseUrl).links.length === 0);
  const votes = plain.filter((li) => titleCommaSpeakers(textOf([li])) !== undefined).length;
  if (votes < MIN_ITEMS || votes < SHARE * all.length) return found;
  // The list is one of talks: an item whose title reads like a name ("Comparing Python ORM", "Charla
  // Plenaria") is a talk there too.
  for (const li of plain) if (titleCommaSpeakers(textOf([li]), true)) found.add(li);
  return found;
}

/**
 * A list under a conference day's (or a track's) heading whose items are each one link to a page
 * of the author's own site — their notes on the talk — named like talks: three words or more (or,
 * in Japanese or Chinese, eight characters), not a person's name, not a sentence. Most of the list
 * (three items or more) must read so. Returns those items.
 */
export function ownNotesItems(list: Element, baseUrl: string): Set<Element> {
  const found = new Set<Element>();
  const all = items(list);
  for (const li of all) {
    if (li.children.some(isList)) continue;
    const anchors = elementsWhere((el) => el.name === "a", [li]);
    if (anchors.length !== 1) continue;
    const label = cleanText(textOf(anchors));
    if (label !== cleanText(textOf([li])) || !isOwnPage(anchors[0]!.attribs.href ?? "", baseUrl)) continue;
    if (looksLikeTalkTitle(label)) found.add(li);
  }
  return found.size >= MIN_ITEMS && found.size >= SHARE * all.length ? found : new Set();
}

function looksLikeTalkTitle(label: string): boolean {
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(label);
  const long = cjk ? label.replace(/\s/g, "").length >= 8 : label.split(/\s+/).length >= 3;
  return long && label.length <= 200 && !isName(label) && !readsAsProse(label) && !/[.!?:]$/.test(label);
}

/** Hosts where the first path segment is the owner: github.com/jdoe/… is jdoe's, not GitHub's. */
const SHARED_HOSTS = /^(?:github\.com|gitlab\.com|bitbucket\.org|medium\.com|dev\.to|codeberg\.org)$/;

/** A page of the site `baseUrl` is on (on a shared host, of the same owner), other than the post itself. */
export function isOwnPage(href: string, baseUrl: string): boolean {
  const base = parseHttp(baseUrl);
  const url = href.trim() ? parseHttp(href, baseUrl) : undefined;
  if (!base || !url) return false;
  const host = (u: URL) => u.hostname.toLowerCase().replace(/^www\./, "");
  if (host(url) !== host(base) || url.pathname.replace(/\/$/, "") === base.pathname.replace(/\/$/, "")) return false;
  if (!SHARED_HOSTS.test(host(base))) return url.pathname.replace(/\/+$/, "") !== "";
  const owner = (u: URL) => u.pathname.split("/")[1]?.toLowerCase() ?? "";
  return owner(base) !== "" && owner(url) === owner(base);
}

/**
 * A timetable: a table where at least two rows each name two or more talks, one per cell, each a
 * title followed by its link ("11:30 | Title A 📄 | Title B 📄"). In such a grid every cell written
 * the same way — words, then a link, even an empty one ("Title 📄(soon)") — is a talk; a cell with
 * only a time, a break ("Lunch") or a name is not.
 */
export function isTimetable(rows: Element[], titledCells: (row: Element) => Element[]): boolean {
  return rows.filter((row) => titledCells(row).length >= 2).length >= 2 && hasScheduleAxis(rows);
}

/**
 * A table is a schedule when it says when or where: a time or slot in at least two rows ("11:30",
 * "Slot 3"), or a header naming rooms, tracks, stages or times ("Time | Room A | Room B", "時刻 | Track1").
 * A benchmark's "Parser | Laptop | Server" or a CI matrix's "System | Node 20 | Node 22" does not.
 */
export function hasScheduleAxis(rows: Element[]): boolean {
  const cells = (row: Element) => row.children.filter((c): c is Element => isTag(c) && (c.name === "td" || c.name === "th"));
  const timed = rows.filter((row) => cells(row).some((cell) => isSlot(cleanText(textOf([cell]))))).length;
  if (timed >= 2) return true;
  const inHead = (row: Element) => isTag(row.parent as AnyNode) && (row.parent as Element).name === "thead";
  const header = rows.find((row) => inHead(row) || (cells(row).length > 0 && cells(row).every((c) => c.name === "th")));
  return header !== undefined && cells(header).some((cell) => AXIS.test(cleanText(textOf([cell]))));
}

function isSlot(text: string): boolean {
  return text !== "" && text.length <= 40 && (SCHEDULE_TIME.test(text) || LEADING_TIME.test(text) || SLOT.test(text));
}

const SLOT = /^(?:slot|session|sesión|séance|block|bloc|zeitfenster)\s*\d{1,2}\b/iu;
/** Header words of a schedule's axes: rooms, tracks, stages, halls, times, in the languages recaps are written in. */
const AXIS =
  /(?<!\p{L})(?:rooms?|tracks?|stages?|halls?|times?|slots?|schedule|salles?|salas?|räume|raum|saal|bühne|zeit|uhrzeit|heure|horaire|hora|horario|sala|aula|auditorium|amphi(?:théâtre)?)(?!\p{L})|時刻|時間|トラック|ルーム|会場|ホール|시간|트랙|时间|会场|分会场/iu;

/** Words before the first anchor of a cell ("Title <a>📄</a>"), when the cell has an anchor. */
export function textBeforeLink(cell: Element): string | undefined {
  const anchor = elementsWhere((el) => el.name === "a", [cell])[0];
  if (!anchor) return undefined;
  let text = "";
  const visit = (nodes: AnyNode[]): boolean => {
    for (const node of nodes) {
      if (node === anchor) return true;
      if (isTag(node)) {
        if (visit(node.children)) return true;
      } else if (node.type === "text") text += (node as unknown as { data: string }).data;
    }
    return false;
  };
  visit(cell.children);
  const words = cleanText(text);
  return words && !SCHEDULE_TIME.test(words) ? words : undefined;
}
