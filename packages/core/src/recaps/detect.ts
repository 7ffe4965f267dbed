import type { Candidate } from "./item";
import { isMedia } from "./links";

/**
 * Where an entry's title came from. "markup": something sets it apart as a name — link text, a
 * bold run, a heading, a table row's first cell, quotation marks — at the start of the entry. "text": the entry's leading
 * plain text, up to a separator ("Title — Jane Doe") or the whole line. "sentence": that leading
 * text has a link inside it ("Last week I watched a <a>talk about Argo CD</a>. In this post…",
 * "Step 3: watch the <a>demo video</a>"), so the entry is prose that cites a link.
 */
export type TitleSource = "markup" | "text" | "sentence";

/**
 * A title reads as prose, not as the name of a talk, when it is
 *   - an instruction step ("Step 3: …"),
 *   - a full sentence: it ends with a period after five or more words,
 *   - several sentences: a sentence break inside, in more than twelve words
 *     ("Kubernetes Is Dead. Long Live Kubernetes!" is a title; a paragraph is not), or
 *   - longer than 25 words, which no talk title is.
 * Entries with such titles are never talks, whatever they link to.
 */
export function readsAsProse(title: string): boolean {
  const words = title.split(/\s+/).length;
  if (words > 25 || /^step\s*\d+\b/i.test(title)) return true;
  if (words >= 5 && /\p{L}{2}\.$/u.test(title)) return true;
  return words > 12 && /[.!?]\s+\S/.test(title);
}

/**
 * Whether a candidate is evidence of a talk listing: a talk (its title is not prose — see
 * `readsAsProse` and `TitleSource`) with a video or slides link, whose title is set apart by markup,
 * or that names its speakers, or that sits under an event/track section. A plain-text line that only
 * links a video ("Install the CLI (video)") is too weak on its own: tutorials read like that too.
 * Markup alone is enough, so a list of bold talk titles each with a [Video] link passes without bylines.
 */
export function countsAsTalk(c: Candidate): boolean {
  if (c.shape !== "talk" || !c.item.links.some(isMedia)) return false;
  return c.titleFrom === "markup" || c.item.speakers.length > 0 || c.item.section !== undefined;
}

/**
 * The detection rule. A post is a recap when
 *   (a) at least 3 distinct talk entries (by title) count as talks (`countsAsTalk`): talk-shaped
 *       titles with a video or slides link and markup, a byline or an event section behind them,
 *   (b) their video/slides links are at least 3 distinct URLs, and
 *   (c) talks and linked recaps make up at least a quarter of the post's structured entries
 *       (list items, talk headings, table rows, plus any line that itself has a talk's shape).
 * Why: one embedded video, or "two docs pages and a video", fails (a) — a normal post cites a
 * talk or two, a recap lists many. Counting only talk-shaped titles in (a) stops a tutorial whose
 * prose and "Step N" bullets happen to link three videos or PDFs from passing: those entries are
 * sentences about links, not talks. (b) stops one livestream link repeated under every bullet from
 * counting thrice. (c) stops a long tutorial with 60 bullets, three of which point at talks, from
 * passing: in a recap the talk-shaped entries dominate the lists. A link-less listing never
 * passes on its own: without links we cannot tell a talk list from any other list of names, so
 * such posts count as recaps only when the feed marks them. A newsletter whose "talks worth
 * watching" list names three or more talks with their videos does pass: for a reader that list is
 * a recap of talks, and its news items (sentences with links) are not taken for talks.
 */
export function detectRecap(candidates: Candidate[]): boolean {
  const talks = candidates.filter(countsAsTalk);
  const titles = new Set(talks.map((c) => c.item.title.toLowerCase()));
  const mediaUrls = new Set(talks.flatMap((c) => c.item.links.filter(isMedia).map((l) => l.url)));
  if (titles.size < 3 || mediaUrls.size < 3) return false;
  const shaped = candidates.filter((c) => c.shape !== "none").length;
  const structured = candidates.filter((c) => c.shape !== "none" || c.source !== "line").length;
  return shaped / structured >= 0.25;
}

/** Words that announce a write-up of talks. */
const RECAP_TITLE =
  /\b(recaps?|takeaways?|highlights|wrap-?up|round-?up|lessons learned|trip report|notes from|what (i|we) learned|(favou?rite|best|top) (talks|sessions)|talks (i|we) (liked|loved|enjoyed))\b/i;
/** Conference names: the "…Con" family (ArgoCon, KubeCon, WasmCon), summits, community days. */
const EVENT =
  /\b(\p{Lu}[\p{L}+]*Con|kubecon|cloudnativecon|srecon|qcon|summit|conference|devopsdays|kcd|community days?|fosdem|re:invent|[\p{L}+]+ day|keynotes?)\b/u;
const EVENT_ANY_CASE =
  /\b(kubecon|cloudnativecon|argocon|backstagecon|wasmcon|appdevelopercon|srecon|qcon|summit|conference|devopsdays|kcd|community days?|fosdem|re:invent|keynotes?|(platform engineering|cilium|ebpf|observability|security|istio|linkerd|gitops|kubernetes|cloud native) day)\b/i;

/** Cheap check usable before fetching an article page: title/summary that announce a conference recap. */
export function looksLikeRecapTitle(title: string, summary?: string): boolean {
  const head = (title ?? "").slice(0, 500);
  const body = (summary ?? "").slice(0, 2000);
  const isEvent = (s: string) => EVENT.test(s) || EVENT_ANY_CASE.test(s);
  // A recap word names the post's kind, an event word says it is about a conference: both must appear.
  return (RECAP_TITLE.test(head) || RECAP_TITLE.test(body)) && (isEvent(head) || isEvent(body));
}
