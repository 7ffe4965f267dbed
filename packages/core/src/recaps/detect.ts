import type { Candidate } from "./item";
import { isMedia } from "./links";

/**
 * The detection rule. A post is a recap when
 *   (a) at least 3 distinct talk entries (by title) each carry a video or slides link,
 *   (b) those links are at least 3 distinct URLs, and
 *   (c) talks and linked recaps make up at least a quarter of the post's structured entries
 *       (list items, talk headings, table rows, plus any line that itself has a talk's shape).
 * Why: one embedded video, or "two docs pages and a video", fails (a) — a normal post cites a
 * talk or two, a recap lists many. (b) stops one livestream link repeated under every bullet from
 * counting thrice. (c) stops a long tutorial with 60 bullets, three of which point at talks, from
 * passing: in a recap the talk-shaped entries dominate the lists. A link-less listing never
 * passes on its own: without links we cannot tell a talk list from any other list of names, so
 * such posts count as recaps only when the feed marks them.
 */
export function detectRecap(candidates: Candidate[]): boolean {
  const withMedia = candidates.filter((c) => c.shape === "talk" && c.item.links.some(isMedia));
  const titles = new Set(withMedia.map((c) => c.item.title.toLowerCase()));
  const mediaUrls = new Set(withMedia.flatMap((c) => c.item.links.filter(isMedia).map((l) => l.url)));
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
