/** What titles say on their own: a talk's name or prose, an event's name, a recap's announcement. */

/**
 * Where an entry's title came from. "markup": something sets it apart as a name — link text, a
 * bold run, a heading, a table row's first cell, quotation marks — at the start of the entry.
 * "text": the entry's leading plain text, up to a separator ("Title — Jane Doe") or the whole line. "sentence": that leading
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
export function readsAsProse(title: string, named = false): boolean {
  const words = title.split(/\s+/).length;
  if (words > 25 || /^step\s*\d+\b/i.test(title)) return true;
  // A title set apart as a whole — a heading that is one link — names something, even ending in a period.
  if (named) return false;
  if (words >= 5 && /\p{L}{2}\.$/u.test(title)) return true;
  return words > 12 && /[.!?]\s+\S/.test(title) && !isTitleCase(title);
}

/**
 * "What Is Going on Within My Network? A Subtle Introduction to Cilium Hubble": most of its longer
 * words capitalised, as titles are written in English; a paragraph of sentences never is.
 */
function isTitleCase(text: string): boolean {
  const long = text.split(/\s+/).filter((w) => /^\p{L}[\p{L}'’-]{3,}/u.test(w));
  return long.length >= 5 && long.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.8 * long.length;
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
  // A recap word names the post's kind, an event word says it is about a conference: both must appear.
  return (RECAP_TITLE.test(head) || RECAP_TITLE.test(body)) && (isEventName(head) || isEventName(body));
}

/** Whether the text names a conference or one of its co-located events. */
export function isEventName(text: string): boolean {
  return EVENT.test(text) || EVENT_ANY_CASE.test(text);
}
