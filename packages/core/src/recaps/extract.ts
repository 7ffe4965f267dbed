import { contentNodes } from "./dom";
import { countsAsTalk, detectRecap } from "./detect";
import { collectEntries, type Entry } from "./entries";
import { toCandidates } from "./item";
import type { ExtractOptions, RecapExtraction, RecapItem } from "./types";

const MAX_ITEMS = 300;
/** Entries looked at; a post with more is not a list of talks we could show anyway. */
const MAX_ENTRIES = 5000;

/** Decides whether `html` is a recap and lists the talks (and linked recaps) it references. Never throws. */
export function extractRecap(html: string, options: ExtractOptions): RecapExtraction {
  const marked = options?.marked === true;
  try {
    const baseUrl = typeof options?.baseUrl === "string" ? options.baseUrl : "";
    const countTalks = (found: Entry[]) => found.flatMap((e) => toCandidates(e, baseUrl)).filter(countsAsTalk).length;
    const entries = collectEntries(contentNodes(typeof html === "string" ? html : ""), baseUrl, countTalks).slice(0, MAX_ENTRIES);
    const candidates = entries.flatMap((e) => toCandidates(e, baseUrl));
    const detected = detectRecap(candidates);
    if (!detected && !marked) return { isRecap: false, detected, items: [] };
    const items = unique(candidates.filter((c) => c.shape !== "none").map((c) => c.item)).slice(0, MAX_ITEMS);
    return { isRecap: true, detected, items };
  } catch {
    // A parser or walker bug on some unforeseen input must not sink the feed poll that called us,
    // nor pass for a recap that lists nothing (which would remove its stored talks).
    return { isRecap: false, detected: false, items: [] };
  }
}

/** The same talk listed twice (a summary list, then the detailed section) is one item. */
function unique(items: RecapItem[]): RecapItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify([item.kind, item.title.toLowerCase(), item.links.map((l) => l.url)]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
