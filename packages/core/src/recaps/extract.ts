import { contentNodes } from "./dom";
import { countsAsTalk, detectRecap } from "./detect";
import { collectEntries, type Entry } from "./entries";
import { promotePeers, toCandidates } from "./item";
import { talkPageKey } from "./links";
import { isSpeakerName } from "./byline";
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
    const candidates = promotePeers(entries.flatMap((e) => toCandidates(e, baseUrl)));
    const detected = detectRecap(candidates);
    if (!detected && !marked) return { isRecap: false, detected, items: [] };
    const items = unique(candidates.filter((c) => c.shape !== "none").map((c) => onlyPeople(c.item))).slice(0, MAX_ITEMS);
    return { isRecap: true, detected, items };
  } catch {
    // A parser or walker bug on some unforeseen input must not sink the feed poll that called us,
    // nor pass for a recap that lists nothing (which would remove its stored talks).
    return { isRecap: false, detected: false, items: [] };
  }
}

/** Every source of speakers ends here: a talk's speakers are people (isSpeakerName), whoever read them. */
function onlyPeople(item: RecapItem): RecapItem {
  if (item.kind !== "talk" || item.speakers.every((name) => isSpeakerName(name, item.title))) return item;
  const speakers = item.speakers.filter((name) => isSpeakerName(name, item.title));
  return { ...item, speakers, organizations: speakers.length > 0 ? item.organizations : [] };
}

/**
 * One talk listed twice (a summary list, then the detailed section) is one item: the same title in
 * the same section (not when each names other speakers), or the same recording or schedule page — unless that recording is shared by more than two
 * entries (a day's livestream linked under every talk). The entries merge where the first stood,
 * keeping the richer byline, every link and the longer note. An article is its link.
 */
function unique(items: RecapItem[]): RecapItem[] {
  const videoUses = new Map<string, number>();
  for (const item of items) for (const url of videosOf(item)) videoUses.set(url, (videoUses.get(url) ?? 0) + 1);
  // Each key names the place in `out` of the item it was seen on: a merge replaces that item there,
  // and every key of it follows without a walk over all the keys (thousands of links with one title
  // merge one by one; a walk per merge was quadratic).
  const byKey = new Map<string, number>();
  const out: RecapItem[] = [];
  for (const item of items) {
    const keys =
      item.kind === "article"
        ? item.links.slice(0, 1).map((link) => `article\n${link.url}`)
        : [
            `talk\n${item.section ?? ""}\n${item.title.normalize("NFKC").toLowerCase()}`,
            ...videosOf(item)
              .filter((url) => (videoUses.get(url) ?? 0) <= 2)
              .map((url) => `video\n${url}`),
          ];
    // "Keynote, Jane Doe" and "Keynote, Raj Patel": one title given by different people is two talks.
    const at = keys
      .map((key) => byKey.get(key))
      .find((found) => found !== undefined && !(out[found]!.kind === "talk" && otherSpeakers(out[found]!, item)));
    if (at !== undefined) {
      out[at] = merge(out[at]!, item);
      for (const key of keys) byKey.set(key, at);
      continue;
    }
    for (const key of keys) byKey.set(key, out.length);
    out.push(item);
  }
  return out;
}

/** Both name their speakers, and no one is in both. */
function otherSpeakers(a: RecapItem, b: RecapItem): boolean {
  return a.speakers.length > 0 && b.speakers.length > 0 && !a.speakers.some((name) => b.speakers.includes(name));
}

/** A talk's own recordings and schedule pages: two entries sharing one are one talk. */
function videosOf(item: RecapItem): string[] {
  return item.links.flatMap((link) => (link.kind === "video" ? [link.url] : (talkPageKey(link.url) ?? [])));
}

function merge(first: RecapItem, second: RecapItem): RecapItem {
  const richer = second.speakers.length + second.organizations.length > first.speakers.length + first.organizations.length ? second : first;
  const links = [...first.links];
  for (const link of second.links) if (links.length < 10 && !links.some((l) => l.url === link.url)) links.push(link);
  const note = (second.note?.length ?? 0) > (first.note?.length ?? 0) ? second.note : first.note;
  return {
    ...first,
    speakers: richer.speakers,
    organizations: richer.organizations,
    links,
    ...(note ? { note } : {}),
    ...((first.code ?? second.code) ? { code: first.code ?? second.code } : {}),
    ...((first.section ?? second.section) ? { section: first.section ?? second.section } : {}),
  };
}
