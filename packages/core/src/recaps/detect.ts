import type { Candidate } from "./item";
import { isMedia, isTalkPage } from "./links";
import { isGenericLabel } from "./render";
import { isEventName } from "./titles";

/**
 * How much a candidate says "this is a talk": none unless it is a talk (its title is not prose —
 * see `readsAsProse` and `TitleSource` in titles.ts) with a video or slides link; then one point each for
 *   - a title set apart by markup (link text, bold, heading, table cell, quotes),
 *   - a byline (speakers or organizations), and
 *   - an event or track around it: a section named like one ("WasmCon", "Keynotes", "Main
 *     track", "Day 2", "Talks worth watching") or a link to the conference schedule.
 * A plain-text line that only links a video ("Install the CLI (video)") scores nothing: tutorials
 * read like that too.
 */
export function talkEvidence(c: Candidate): number {
  if (c.shape !== "talk" || !c.item.links.some(isMedia)) return 0;
  const markup = c.titleFrom === "markup" ? 1 : 0;
  // Speakers read only by the shape of the text around the talk (`Candidate.bylineByShape`) are no evidence.
  const byline = !c.bylineByShape && (c.item.speakers.length > 0 || c.item.organizations.length > 0) ? 1 : 0;
  const event = isEventSection(c.item.section ?? "") || c.item.links.some((l) => isTalkPage(l.url)) ? 1 : 0;
  // "<a>Recording</a> · <a>Slides</a>": a link named as the talk's recording or deck is the talk's own.
  const named = !c.recordingInNotes && c.item.links.some((l) => isMedia(l) && l.label.trim() !== "" && isGenericLabel(l.label)) ? 1 : 0;
  return markup + byline + event + named;
}

/** Whether an entry reads as a talk at all (the walk asks, to tell a talk's heading from a section's): any byline counts here. */
export function countsAsTalk(c: Candidate): boolean {
  return talkEvidence(c.bylineByShape ? { ...c, bylineByShape: false } : c) > 0;
}

/** At least two kinds of evidence per talk over three talks, or markup alone over six. */
const MIN_EVIDENCE = 6;

/**
 * The detection rule. A post is a recap when
 *   (a) at least 3 distinct talk entries (by title) count as talks (`talkEvidence` > 0), and
 *       their evidence adds up to at least 6: three talks with, say, a title and a byline each,
 *       or a bold title and a link named "Recording" / "Slides" each, or six bold titles that only
 *       carry an unnamed video link,
 *   (b) their video/slides links are at least 3 distinct URLs, and
 *   (c) talks and linked recaps make up at least a quarter of the post's structured entries
 *       (list items, talk headings, table rows, plus any line that itself has a talk's shape).
 * Why: one embedded video, or "two docs pages and a video", fails (a) — a normal post cites a
 * talk or two, a recap lists many. Counting only talk-shaped titles in (a) stops a tutorial whose
 * prose and "Step N" bullets happen to link three videos or PDFs from passing: those entries are
 * sentences about links, not talks. Weighing the evidence stops a "Resources" list of three titled
 * links to videos and PDF whitepapers: titles alone, no speakers, no event. (b) stops one
 * livestream link repeated under every bullet from counting thrice. (c) stops a long tutorial with
 * 60 bullets, three of which point at talks, from passing: in a recap the talk-shaped entries
 * dominate the lists. A link-less listing never passes on its own: without links we cannot tell a
 * talk list from any other list of names, so such posts count as recaps only when the feed marks
 * them. A newsletter whose "talks worth watching" list names three or more talks with their
 * speakers and videos does pass: for a reader that list is a recap of talks, and its news items
 * (sentences with links) are not taken for talks. Talks known only by the shape of their list or
 * table (a link-less "Title, Speaker" list, links to the author's own notes, a timetable's cells
 * without slides) carry no recording, so they add nothing to (a), (b) or the talk side of (c).
 */
export function detectRecap(candidates: Candidate[]): boolean {
  const evidenceByTitle = new Map<string, number>();
  const mediaUrls = new Set<string>();
  for (const c of candidates) {
    const evidence = talkEvidence(c);
    if (evidence === 0) continue;
    // Talks split from one item (`joinedTalks`) are one entry here: one bullet, however many links it opens with.
    const title = c.joined ?? c.item.title.toLowerCase();
    evidenceByTitle.set(title, Math.max(evidence, evidenceByTitle.get(title) ?? 0));
    for (const link of c.item.links) if (isMedia(link)) mediaUrls.add(link.url);
  }
  const evidence = [...evidenceByTitle.values()].reduce((sum, n) => sum + n, 0);
  if (evidenceByTitle.size < 3 || mediaUrls.size < 3 || evidence < MIN_EVIDENCE) return false;
  // A talk known only by its list's shape, with no recording of its own, is no evidence of a recap either.
  const shaped = candidates.filter((c) => c.shape !== "none" && !(c.listed && !c.item.links.some(isMedia))).length;
  const structured = candidates.filter((c) => c.shape !== "none" || c.source !== "line").length;
  return shaped / structured >= 0.25;
}

/** Section names of a track or a part of an event, beyond the event names themselves. */
const TRACK = /\b(tracks?|talks?|sessions?|keynotes?|panels?|workshops?|lightning|maintainers?|day \d+)\b/i;

function isEventSection(name: string): boolean {
  return name !== "" && (TRACK.test(name) || isEventName(name));
}
